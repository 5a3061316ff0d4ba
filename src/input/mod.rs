//! Reading input tables: encodings and formats, header aliases, cell parsers,
//! and problems with their positions.

pub mod bounds;
mod columns;
mod excel;
pub mod parse;
mod problem;
mod table;
pub mod workbook;

pub use columns::{Cells, Columns, Field, bind, read_rows};
pub use problem::{Problem, Problems, Severity};
pub use table::{Merged, Row, Table, all_from_bytes, column_letters, from_bytes, load, load_all};
