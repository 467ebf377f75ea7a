#![no_main]
//! The `native` importer of `bridgework::io::fuzz::TARGETS` under libFuzzer.

libfuzzer_sys::fuzz_target!(|data: &[u8]| bridgework::io::fuzz::libfuzzer_one("native", data));
