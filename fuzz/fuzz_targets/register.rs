//! Any bytes as a filled register (a daily workbook or a register CSV): never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut problems = kehou::input::Problems::default();
    let _ = kehou::register::read_bytes(data, "register.csv", &mut problems);
});
