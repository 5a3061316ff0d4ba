//! The terminal on Windows. Rust writes to a console through WriteConsoleW,
//! so Chinese reads right whatever the code page; the console is also
//! switched to UTF-8 (code page 65001) for the run, so that anything a
//! console shows as bytes reads as kehou wrote it, and set back afterwards.
//! Output redirected to a file or a pipe is UTF-8 bytes (使用说明 says how
//! to save and read it). Elsewhere nothing needs doing.

/// Holds the console's code page as it was, to give it back on drop.
#[must_use = "the console keeps UTF-8 only while this lives"]
pub struct Utf8Console {
    #[cfg(windows)]
    was: Option<u32>,
}

/// Switches an attached console to UTF-8 until the value is dropped.
pub fn utf8() -> Utf8Console {
    #[cfg(windows)]
    {
        Utf8Console {
            was: windows::switch_to_utf8(),
        }
    }
    #[cfg(not(windows))]
    {
        Utf8Console {}
    }
}

impl Drop for Utf8Console {
    fn drop(&mut self) {
        #[cfg(windows)]
        if let Some(code_page) = self.was {
            windows::set_output_code_page(code_page);
        }
    }
}

#[cfg(windows)]
mod windows {
    use windows_sys::Win32::System::Console::{
        GetConsoleMode, GetConsoleOutputCP, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
        SetConsoleOutputCP,
    };

    const UTF8: u32 = 65001;

    /// The code page to restore, when a console is attached and was not UTF-8.
    pub fn switch_to_utf8() -> Option<u32> {
        let attached = [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE]
            .into_iter()
            .any(|which| {
                let mut mode = 0;
                // SAFETY: GetStdHandle returns a handle or null/invalid, which
                // GetConsoleMode rejects; `mode` outlives the call.
                unsafe { GetConsoleMode(GetStdHandle(which), &mut mode) != 0 }
            });
        if !attached {
            return None;
        }
        // SAFETY: no arguments, no memory involved.
        let was = unsafe { GetConsoleOutputCP() };
        (was != UTF8 && set_output_code_page(UTF8)).then_some(was)
    }

    pub fn set_output_code_page(code_page: u32) -> bool {
        // SAFETY: takes a number; fails harmlessly for an unknown code page.
        unsafe { SetConsoleOutputCP(code_page) != 0 }
    }
}
