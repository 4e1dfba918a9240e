#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tul2studio::fuzzing::xpath(data));
