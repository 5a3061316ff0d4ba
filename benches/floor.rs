//! The floor under `kehou plan` (issue #23 item 12): the timetable's cells
//! of a generated 5,000-student school written with rust_xlsxwriter alone,
//! beside `plan_5000` in `benches/plan.rs` (and `cells_only_5000` beside
//! `daily_5000` in `benches/daily.rs`). The README's speed table sets the
//! whole `kehou plan` process against it.
//!
//! `cargo bench --bench floor`

use chrono::NaiveDate;
use kehou::demo::{Shape, generate};
use kehou::input::Problems;
use kehou::report::Sheet;

#[path = "common/bare.rs"]
mod bare;

fn main() {
    divan::main();
}

/// The timetable's sheets of a generated school, as `kehou plan` makes them.
fn timetable(students: usize) -> Vec<Sheet> {
    let dir = tempfile::tempdir().unwrap();
    generate(&Shape::new(students, 2), dir.path()).unwrap();
    let mut problems = Problems::default();
    let config = kehou::config::load(&dir.path().join("config.toml"), &mut problems).unwrap();
    let school = kehou::school::School::load(&config, &mut problems);
    let as_of = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
    let built = kehou::plan::build(&school, &config, as_of, None);
    let (broken, duties) = kehou::cmd::plan::check_and_supervise(&built, &school, &config);
    assert!(broken.is_empty());
    let mut sheets = Vec::new();
    kehou::cmd::plan::build_timetable(&built, &duties, &school, &config, &mut |s| {
        sheets.push(s);
        Ok(())
    })
    .unwrap();
    sheets
}

/// The floor: the timetable's cells, bare.
#[divan::bench(sample_count = 20)]
fn plan_cells_only_5000(bencher: divan::Bencher) {
    let sheets = timetable(5_000);
    let cells: usize = sheets.iter().flat_map(|s| &s.rows).map(Vec::len).sum();
    eprintln!("{} sheets, {cells} cells", sheets.len());
    bencher.bench(|| bare::xlsx(&sheets).len());
}
