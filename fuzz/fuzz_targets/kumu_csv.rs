#![no_main]
//! The `kumu_csv` importer of `bridgework::io::fuzz::TARGETS` under libFuzzer.

libfuzzer_sys::fuzz_target!(|data: &[u8]| bridgework::io::fuzz::libfuzzer_one("kumu_csv", data));
