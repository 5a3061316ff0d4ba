//! `kehou daily` on a generated 5,000-student school: the day's lists
//! computed from the plan and rendered to a workbook in memory.
//!
//! `cargo bench --bench daily`

use chrono::NaiveDate;
use kehou::demo::{Shape, generate};
use kehou::input::Problems;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn daily_5000(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    generate(&Shape::new(5_000, 2), dir.path()).unwrap();
    let mut problems = Problems::default();
    let config = kehou::config::load(&dir.path().join("config.toml"), &mut problems).unwrap();
    let school = kehou::school::School::load(&config, &mut problems);
    let start = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
    let plan = kehou::plan::build(&school, &config, start, None).plan;
    let date = NaiveDate::from_ymd_opt(2026, 9, 8).unwrap();
    bencher.bench(|| {
        let mut day = kehou::day::compute(&school, &config, &plan, date).unwrap();
        kehou::day::assign_staff(&mut day, &school, &config, &plan);
        assert!(kehou::day::check(&day).is_empty());
        let sheets = kehou::report::daily::sheets(&day, &school, &config, None);
        kehou::report::sheet::xlsx(&sheets).unwrap().len()
    });
}
