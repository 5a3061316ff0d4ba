//! `kehou roll` for a generated 5,000-student school with a whole term's
//! ledger (~1.1 million rows, every register of the term filled "present"):
//! the month's ledger rows read, the grids computed from the day lists and
//! rendered to the workbook, as `kehou roll --month 2026-11` does.
//!
//! `cargo bench --bench roll`

use std::path::Path;

use chrono::Datelike;
use kehou::attendance::Ledger;
use kehou::demo::{Shape, generate};
use kehou::input::Problems;

fn main() {
    divan::main();
}

struct Term {
    dir: tempfile::TempDir,
    config: kehou::config::Config,
    school: kehou::school::School,
    plan: kehou::plan::Plan,
}

/// A school with the whole term recorded in `attendance.csv`.
fn term() -> Term {
    let dir = tempfile::tempdir().unwrap();
    generate(&Shape::new(5_000, 2), dir.path()).unwrap();
    let mut problems = Problems::default();
    let config = kehou::config::load(&dir.path().join("config.toml"), &mut problems).unwrap();
    let school = kehou::school::School::load(&config, &mut problems);
    let plan = kehou::plan::build(&school, &config, config.calendar.start, None).plan;
    let mut csv = String::from("date,block,group,student,status,time,note,source\n");
    for service in config.calendar.service_days() {
        let day = kehou::day::compute(&school, &config, &plan, service.date).unwrap();
        for g in &day.groups {
            for &a in &g.members {
                let id = &day.attendees[a].student.id;
                let block = g.start.format("%H:%M");
                csv += &format!(
                    "{},{block},{},{id},present,,,term.csv\n",
                    service.date, g.group
                );
            }
        }
    }
    std::fs::write(dir.path().join("attendance.csv"), csv).unwrap();
    Term {
        dir,
        config,
        school,
        plan,
    }
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn roll_month_5000(bencher: divan::Bencher) {
    let t = term();
    bencher.bench(|| {
        let mut problems = Problems::default();
        let ledger = Ledger::load_where(
            Path::new(t.dir.path()),
            "attendance.csv",
            &mut problems,
            |d, _| d.year() == 2026 && d.month() == 11,
        );
        let roll =
            kehou::papers::roll::compute(&t.school, &t.config, &t.plan, Some(&ledger), 2026, 11);
        assert!(roll.grids.iter().all(|g| {
            g.rows
                .iter()
                .all(|r| r.count(kehou::attendance::Status::Present) > 0)
        }));
        let sheets = kehou::report::roll::sheets(&roll, &t.school, &t.config, false);
        kehou::report::sheet::xlsx(&sheets).unwrap().len()
    });
}
