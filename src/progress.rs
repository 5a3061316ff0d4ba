//! A spinner on the terminal for runs that take more than about a second:
//! it appears after a second and only when stderr is a terminal (and not
//! with `--quiet`), so pipes, files and tests never see it.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Shown after this long.
const DELAY: Duration = Duration::from_secs(1);

/// A spinner with a message saying what is being done.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// Starts hidden; shows itself after [`DELAY`] if still running.
    pub fn start(message: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message(message.to_string());
        if !crate::exit::is_quiet() {
            let later = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                if !later.is_finished() {
                    later.set_draw_target(ProgressDrawTarget::stderr());
                    later.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Progress { bar }
    }

    /// The next step of the run.
    pub fn step(&self, message: &str) {
        self.bar.set_message(message.to_string());
    }

    /// Clears the spinner before the run prints its results.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
