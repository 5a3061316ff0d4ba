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

/// UTF-8's code page number on Windows.
#[cfg(any(windows, test))]
const UTF8: u32 = 65001;

/// The code page to give back after the run: the console's own, when a
/// console is attached and it is not UTF-8 already. Output to a file or a
/// pipe has no console: it is UTF-8 bytes, and nothing is switched.
#[cfg(any(windows, test))]
fn code_page_to_give_back(attached: bool, was: u32) -> Option<u32> {
    (attached && was != UTF8).then_some(was)
}

#[cfg(windows)]
mod windows {
    use windows_sys::Win32::System::Console::{
        GetConsoleMode, GetConsoleOutputCP, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
        SetConsoleOutputCP,
    };

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
        let was = match attached {
            // SAFETY: no arguments, no memory involved.
            true => unsafe { GetConsoleOutputCP() },
            false => 0,
        };
        super::code_page_to_give_back(attached, was).filter(|_| set_output_code_page(super::UTF8))
    }

    pub fn set_output_code_page(code_page: u32) -> bool {
        // SAFETY: takes a number; fails harmlessly for an unknown code page.
        unsafe { SetConsoleOutputCP(code_page) != 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_console_is_switched_for_the_run_and_given_back_its_code_page() {
        assert_eq!(code_page_to_give_back(true, 936), Some(936));
        assert_eq!(code_page_to_give_back(true, 437), Some(437));
    }

    #[test]
    fn a_utf8_console_a_file_and_a_pipe_are_left_alone() {
        assert_eq!(code_page_to_give_back(true, UTF8), None);
        // Redirected: GetConsoleMode fails on both handles.
        assert_eq!(code_page_to_give_back(false, 936), None);
    }
}
