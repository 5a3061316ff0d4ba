//! Any bytes behind a zip signature as a spreadsheet: never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(data.strip_prefix(b"PK\x03\x04").unwrap_or(data));
    let _ = kehou::input::from_bytes("students.xlsx", &bytes, None);
    let _ = kehou::input::all_from_bytes("day.xlsx", &bytes);
});
