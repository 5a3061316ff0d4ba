//! `kehou daily` on a generated 5,000-student school: the day's lists
//! computed from the plan and rendered to a workbook in memory; and, for
//! comparison, the same cells written with rust_xlsxwriter alone (no layout,
//! no formats, no print setup).
//!
//! `cargo bench --bench daily`

use chrono::NaiveDate;
use kehou::config::Config;
use kehou::demo::{Shape, generate};
use kehou::input::Problems;
use kehou::plan::Plan;
use kehou::report::Sheet;

#[path = "common/bare.rs"]
mod bare;
use kehou::school::School;

fn main() {
    divan::main();
}

fn school() -> (tempfile::TempDir, Config, School, Plan) {
    let dir = tempfile::tempdir().unwrap();
    generate(&Shape::new(5_000, 2), dir.path()).unwrap();
    let mut problems = Problems::default();
    let config = kehou::config::load(&dir.path().join("config.toml"), &mut problems).unwrap();
    let school = School::load(&config, &mut problems);
    let start = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
    let plan = kehou::plan::build(&school, &config, start, None).plan;
    (dir, config, school, plan)
}

const DATE: (i32, u32, u32) = (2026, 9, 8);

fn day_sheets(config: &Config, school: &School, plan: &Plan) -> Vec<Sheet> {
    let date = NaiveDate::from_ymd_opt(DATE.0, DATE.1, DATE.2).unwrap();
    let mut day = kehou::day::compute(school, config, plan, date).unwrap();
    kehou::day::assign_staff(&mut day, school, config, plan);
    assert!(kehou::day::check(&day).is_empty());
    kehou::report::daily::sheets(&day, school, config, None)
}

#[divan::bench(sample_count = 20)]
fn daily_5000(bencher: divan::Bencher) {
    let (_dir, config, school, plan) = school();
    bencher.bench(|| {
        let sheets = day_sheets(&config, &school, &plan);
        kehou::report::sheet::xlsx(&sheets).unwrap().len()
    });
}

/// The floor: the same sheets' cells written with rust_xlsxwriter and nothing else.
#[divan::bench(sample_count = 20)]
fn cells_only_5000(bencher: divan::Bencher) {
    let (_dir, config, school, plan) = school();
    let sheets = day_sheets(&config, &school, &plan);
    bencher.bench(|| bare::xlsx(&sheets).len());
}
