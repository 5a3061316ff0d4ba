//! Any bytes as a CSV input table, in any encoding: never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(table) = kehou::input::from_bytes("students.csv", data, None) {
        // Give the columns meaning too, as every input file does.
        let mut problems = kehou::input::Problems::default();
        let _ = kehou::school::bind_for_fuzzing(&table, &mut problems);
    }
});
