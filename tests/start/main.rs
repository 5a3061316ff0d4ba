//! Getting started as a school office would: `init` into an empty folder,
//! the templates filled in by a clerk (Chinese values, the roster saved from
//! Excel as students.xlsx), and on to the first daily workbook; help, usage
//! errors and config errors in both languages; completions and the man page.

mod clerk;
mod cli;
mod helpers;
