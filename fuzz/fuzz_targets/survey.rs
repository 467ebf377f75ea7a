#![no_main]
//! The `survey` importer of `bridgework::io::fuzz::TARGETS` under libFuzzer.

libfuzzer_sys::fuzz_target!(|data: &[u8]| bridgework::io::fuzz::libfuzzer_one("survey", data));
