#![no_main]
//! The `sheet` importer of `bridgework::io::fuzz::TARGETS` under libFuzzer.

libfuzzer_sys::fuzz_target!(|data: &[u8]| bridgework::io::fuzz::libfuzzer_one("sheet", data));
