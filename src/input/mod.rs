//! Reading input tables: encodings and formats, header aliases, cell parsers,
//! and problems with their positions.

pub mod bounds;
mod columns;
mod excel;
mod lookalike;
mod merged;
mod named;
pub mod parse;
mod phone;
mod problem;
mod table;
mod text;
pub mod workbook;

pub use columns::{Cells, Columns, Field, HeaderNames, bind, bind_all, bind_named, read_rows};
pub use merged::{Merged, column_letters};
pub use problem::{Problem, Problems, Severity};
pub use table::{
    Row, Table, all_from_bytes, from_bytes, load, load_all, load_parts, with_other_extension,
};
pub use text::decode as decode_text;
