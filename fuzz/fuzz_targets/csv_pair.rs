#![no_main]
//! The `csv_pair` importer of `bridgework::io::fuzz::TARGETS` under libFuzzer.

libfuzzer_sys::fuzz_target!(|data: &[u8]| bridgework::io::fuzz::libfuzzer_one("csv_pair", data));
