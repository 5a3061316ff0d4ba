//! Any text as config.toml: never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut problems = kehou::input::Problems::default();
        let _ = kehou::config::from_str(text, "config.toml", std::path::PathBuf::new(), &mut problems);
    }
});
