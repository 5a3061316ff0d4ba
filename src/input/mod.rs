//! Reading input tables: encodings and formats, header aliases, cell parsers,
//! and problems with their positions.

mod columns;
pub mod parse;
mod problem;
mod table;

pub use columns::{Cells, Columns, Field, bind, read_rows};
pub use problem::{Problem, Problems, Severity};
pub use table::{Row, Table, all_from_bytes, from_bytes, load, load_all, with_other_extension};
