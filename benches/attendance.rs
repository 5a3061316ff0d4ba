//! `kehou record` and `kehou weekly` over a whole term for a generated
//! 5,000-student school: every register of the term's ~95 service days read,
//! checked against the day lists and merged into the ledger in the school's
//! database (one transaction, committed); then the reports compiled from
//! the ledger read back from the database.
//!
//! `record_term_5000_process` runs the built `kehou record` itself on the
//! whole term's register CSV (~40 MB) and prints its peak memory beside the
//! input's size (#23 item 5: memory per row, not a multiple of the file).
//!
//! `cargo bench --bench attendance`

use chrono::NaiveDate;
use kehou::attendance::Ledger;
use kehou::demo::{Shape, generate};
use kehou::input::Problems;
use kehou::store::{NewMark, Store};

fn main() {
    divan::main();
}

struct Term {
    dir: tempfile::TempDir,
    config: kehou::config::Config,
    school: kehou::school::School,
    plan: kehou::plan::Plan,
}

fn term() -> Term {
    let dir = tempfile::tempdir().unwrap();
    generate(&Shape::new(5_000, 2), dir.path()).unwrap();
    let mut problems = Problems::default();
    let config = kehou::config::load(&dir.path().join("config.toml"), &mut problems).unwrap();
    let school = kehou::school::School::load(&config, &mut problems);
    let plan = kehou::plan::build(&school, &config, config.calendar.start, None).plan;
    // Every register of the term, filled "present", in one CSV.
    let mut csv = String::from("日期,时段,去向,学号,状态\n");
    for service in config.calendar.service_days() {
        let day = kehou::day::compute(&school, &config, &plan, service.date).unwrap();
        for g in &day.groups {
            for &a in &g.members {
                let id = &day.attendees[a].student.id;
                csv += &format!(
                    "{},{},{},{id},到\n",
                    service.date,
                    g.start.format("%H:%M"),
                    g.group
                );
            }
        }
    }
    std::fs::write(dir.path().join("term.csv"), csv).unwrap();
    Term {
        dir,
        config,
        school,
        plan,
    }
}

/// The school's database, emptied of marks (a fresh one for each run).
fn store(t: &Term) -> Store {
    let _ = std::fs::remove_file(t.dir.path().join("kehou.db"));
    Store::open_or_create(&t.config).unwrap()
}

/// As `kehou record` does it: read, check, merge in one transaction, commit.
fn record(t: &Term, store: &mut Store) -> usize {
    let mut problems = Problems::default();
    let path = t.dir.path().join("term.csv");
    let marks = kehou::register::read(&path, "term.csv", &mut problems);
    let marks = kehou::register::validate(marks, &t.school, &t.config, &t.plan, &mut problems);
    assert!(!problems.has_errors());
    let mut change = store.change().unwrap();
    let marks = marks.into_iter().filter_map(|m| {
        Some(NewMark {
            key: m.key,
            entry: m.entry?,
            sheet: String::new(),
            row: Some(m.line),
            file: 0,
        })
    });
    let merge = change.record_marks(marks).unwrap();
    change.commit().unwrap();
    merge.added
}

/// A database holding the whole term's ledger.
fn recorded(t: &Term) -> Store {
    let mut store = store(t);
    record(t, &mut store);
    store
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn record_term_5000(bencher: divan::Bencher) {
    let t = term();
    bencher
        .with_inputs(|| store(&t))
        .bench_local_values(|mut store| record(&t, &mut store));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn weekly_term_5000(bencher: divan::Bencher) {
    let t = term();
    let mut store = recorded(&t);
    let (from, to) = (t.config.calendar.start, t.config.calendar.end);
    bencher.bench_local(|| {
        let ledger = store.ledger().unwrap();
        let report = kehou::weekly::compile(&t.school, &t.config, &t.plan, &ledger, from, to);
        let follow_ups = kehou::followup::for_report(&t.school, &ledger, &[], 0, (from, to));
        let sheets = kehou::report::weekly::sheets(&report, &follow_ups, &t.school, &t.config);
        assert_eq!(report.total.not_recorded, 0);
        kehou::report::sheet::xlsx(&sheets).unwrap().len()
    });
}

/// The usual weekly run late in term: one week's report from a whole term's ledger.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn weekly_one_week_5000(bencher: divan::Bencher) {
    let t = term();
    let mut store = recorded(&t);
    let from = NaiveDate::from_ymd_opt(2026, 12, 14).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
    bencher.bench_local(|| {
        // As `kehou weekly` reads it: the week, and absences before it.
        let ledger: Ledger = store
            .ledger_where(|date, status| {
                status == kehou::attendance::Status::Absent || date >= from
            })
            .unwrap();
        let report = kehou::weekly::compile(&t.school, &t.config, &t.plan, &ledger, from, to);
        let follow_ups = kehou::followup::for_report(&t.school, &ledger, &[], 0, (from, to));
        let sheets = kehou::report::weekly::sheets(&report, &follow_ups, &t.school, &t.config);
        kehou::report::sheet::xlsx(&sheets).unwrap().len()
    });
}

/// `kehou roll --month 2026-11` late in term: the month's register grids from
/// the whole term's ledger (the month's rows read, the grids filled from the
/// day lists, the workbook rendered).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn roll_month_5000(bencher: divan::Bencher) {
    use chrono::Datelike;
    let t = term();
    let store = std::sync::Mutex::new(recorded(&t));
    bencher.bench(|| {
        // As `kehou roll` does it: the month's rows read while the lists are computed.
        let load = || {
            let ledger = (store.lock().unwrap())
                .ledger_where(|d, _| d.year() == 2026 && d.month() == 11)
                .unwrap();
            Ok::<_, ()>(Some(ledger))
        };
        let roll =
            kehou::papers::roll::compute_with(&t.school, &t.config, &t.plan, None, load, 2026, 11)
                .unwrap();
        let sheets = kehou::report::roll::sheets(&roll, &t.school, &t.config, false);
        kehou::report::sheet::xlsx(&sheets).unwrap().len()
    });
}

/// The whole `kehou record` process on the term's register CSV, against a
/// database holding the plan only (restored before each run); prints the
/// run's peak resident memory and the input's size.
#[cfg(unix)]
#[divan::bench(sample_count = 3, sample_size = 1)]
fn record_term_5000_process(bencher: divan::Bencher) {
    let t = term();
    let d = t.dir.path();
    let kehou = env!("CARGO_BIN_EXE_kehou");
    let config = d.join("config.toml");
    let run = std::process::Command::new(kehou)
        .arg("-c")
        .arg(&config)
        .args(["plan", "--as-of", "2026-09-07"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The term's registers as the stored plan lists them.
    let mut store = Store::open(&t.config).unwrap().unwrap();
    let plan = store.plan_as_printed().unwrap().unwrap();
    drop(store);
    let csv = term_csv(&t, &plan);
    let input = d.join("term-printed.csv");
    std::fs::write(&input, &csv).unwrap();
    let pristine = std::fs::read(d.join("kehou.db")).unwrap();
    bencher
        .with_inputs(|| std::fs::write(d.join("kehou.db"), &pristine).unwrap())
        .bench_local_values(|()| {
            // Reaped by wait4 below, which also gives its peak memory.
            #[allow(clippy::zombie_processes)]
            let child = std::process::Command::new(kehou)
                .arg("-c")
                .arg(&config)
                .arg("record")
                .arg(&input)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
            let pid = child.id() as libc::pid_t;
            assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
            assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
            eprintln!(
                "record of {:.1} MB ({} rows): peak {} MB",
                csv.len() as f64 / 1e6,
                csv.lines().count() - 1,
                usage.ru_maxrss / 1024
            );
        });
}

/// Every register row of the term for `plan`, marked present.
#[cfg(unix)]
fn term_csv(t: &Term, plan: &kehou::plan::Plan) -> String {
    let mut csv = String::from("日期,时段,去向,学号,状态\n");
    for service in t.config.calendar.service_days() {
        let day = kehou::day::compute(&t.school, &t.config, plan, service.date).unwrap();
        for g in &day.groups {
            for &a in &g.members {
                let id = &day.attendees[a].student.id;
                csv += &format!(
                    "{},{},{},{id},到\n",
                    service.date,
                    g.start.format("%H:%M"),
                    g.group
                );
            }
        }
    }
    csv
}
