//! `kehou daily`: nobody missed, nobody out of service listed, leave marked,
//! pickup changes on their day only, and the calendar deciding.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use kehou::calendar::Day as CalendarDay;
use kehou::consent::{self, Standing};
use kehou::day::{self, NoService};
use kehou::demo::{Shape, generate};
use kehou::input::Problems;
use kehou::plan::{self, Kind};
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn load(dir: &Path) -> (kehou::config::Config, kehou::school::School) {
    let mut problems = Problems::default();
    let config = kehou::config::load(&dir.join("config.toml"), &mut problems).unwrap();
    let school = kehou::school::School::load(&config, &mut problems);
    assert!(!problems.has_errors());
    (config, school)
}

/// Checks one day against the slips and the plan, independently of `day::check`.
fn assert_day_sound(
    school: &kehou::school::School,
    config: &kehou::config::Config,
    plan: &plan::Plan,
    on: NaiveDate,
) {
    let Ok(d) = day::compute(school, config, plan, on) else {
        return;
    };
    assert!(day::check(&d).is_empty());
    assert!(
        d.unplaced.is_empty(),
        "unplaced: {:?}",
        d.unplaced.iter().map(|s| &s.id).collect::<Vec<_>>()
    );
    // Who should be there: in service by the slips in effect, attending today's timetable.
    let slips = consent::effective_slips(school, on);
    let mut expected: Vec<&str> = school
        .students
        .iter()
        .filter(
            |s| match consent::standing(slips.get(s.id.as_str()).copied(), config) {
                Standing::In(slip) => {
                    slip.days.is_empty() || slip.days.contains(d.service.timetable)
                }
                _ => false,
            },
        )
        .map(|s| s.id.as_str())
        .collect();
    expected.sort_unstable();
    let mut present: Vec<&str> = d.attendees.iter().map(|a| a.student.id.as_str()).collect();
    present.sort_unstable();
    assert_eq!(
        present, expected,
        "attendees differ from the students in service on {on}"
    );
    // Exactly once per block stayed for, one handover list (their class), one batch at their time.
    let mut sheets_per: HashMap<(usize, chrono::NaiveTime), usize> = HashMap::new();
    for g in &d.groups {
        for &a in &g.members {
            *sheets_per.entry((a, g.start)).or_default() += 1;
            if d.service.no_clubs.is_some() {
                assert_ne!(g.kind, Kind::Club, "a club met on a day without clubs");
            }
        }
    }
    let mut batch_of = vec![Vec::new(); d.attendees.len()];
    for b in &d.batches {
        for &a in &b.members {
            batch_of[a].push(b.time);
        }
    }
    for (a, att) in d.attendees.iter().enumerate() {
        for block in &att.band.blocks {
            // A block starting at or after an early end is gone that day.
            let meets = kehou::day::meets_today(block.start, d.service.ends_early);
            let want = usize::from(meets && plan::stays_for(att.session, block.part));
            assert_eq!(
                sheets_per.get(&(a, block.start)).copied().unwrap_or(0),
                want,
                "{}",
                att.student.id
            );
        }
        let (mut time, _) = plan::dismissal_of(att.band, att.session);
        if let Some((end, _)) = d.service.ends_early {
            time = time.min(end);
        }
        assert_eq!(batch_of[a], vec![time], "{} batch", att.student.id);
        let on_leave = school
            .leave
            .iter()
            .any(|l| l.student == att.student.id && l.from <= on && on <= l.to);
        assert_eq!(att.leave.is_some(), on_leave, "{} leave", att.student.id);
        let change = school
            .pickup_changes
            .iter()
            .any(|c| c.student == att.student.id && c.date == on);
        assert_eq!(
            att.pickup_change.is_some(),
            change,
            "{} pickup change",
            att.student.id
        );
    }
    // The rendered sheets: one handover row per attendee in their class's
    // list (a handover list, or the class's room's sign-in sheet with the
    // handover's signature under it); leave pre-marked.
    let sheets = kehou::report::daily::sheets(&d, school, config, None);
    let id_header = kehou::i18n::Label::StudentId.text(config.lang);
    let handed_over = kehou::i18n::Label::HandoverSignature.text(config.lang);
    let mut handover_rows: HashMap<String, usize> = HashMap::new();
    for s in sheets
        .iter()
        .filter(|s| s.slug.starts_with("handover-") || s.footer.iter().any(|f| f == handed_over))
    {
        let id_col = s.headers.iter().position(|h| h == id_header).unwrap();
        for row in &s.rows {
            if let kehou::report::Cell::Text(id) = &row[id_col] {
                *handover_rows.entry(id.clone()).or_default() += 1;
            }
        }
    }
    for att in &d.attendees {
        assert_eq!(
            handover_rows.get(&att.student.id),
            Some(&1),
            "{} handover",
            att.student.id
        );
    }
    let leave_mark = kehou::i18n::Label::OnLeave.text(config.lang);
    // Columns by their headers: a room's sheet for the afternoon has a
    // status column per block (where the child is instead printed in it when
    // not there) and no class column when the room holds one class.
    let status_header = kehou::i18n::Label::Status.text(config.lang);
    for s in sheets.iter().filter(|s| s.slug.starts_with("signin-")) {
        let id_col = s.headers.iter().position(|h| h == id_header).unwrap();
        let statuses: Vec<usize> = (0..s.headers.len())
            .filter(|&c| s.headers[c].starts_with(status_header))
            .collect();
        assert!(!statuses.is_empty(), "{}: {:?}", s.name, s.headers);
        for row in &s.rows {
            let kehou::report::Cell::Text(id) = &row[id_col] else {
                panic!("sign-in row shape")
            };
            let att = d.attendees.iter().find(|a| &a.student.id == id).unwrap();
            for &c in &statuses {
                let kehou::report::Cell::Text(status) = &row[c] else {
                    panic!("sign-in row shape")
                };
                if status.is_empty() || status == leave_mark {
                    assert_eq!(*status == leave_mark, att.leave.is_some());
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn every_student_in_service_is_on_every_list_once(
        students in 50usize..400,
        seed in 0u64..500,
        days in prop::collection::vec(0u64..130, 3),
    ) {
        let dir = tempfile::tempdir().unwrap();
        generate(&Shape::new(students, seed), dir.path()).unwrap();
        let (config, school) = load(dir.path());
        let first = plan::build(&school, &config, date(2026, 9, 7), None);
        for offset in days {
            let on = date(2026, 9, 7) + chrono::Days::new(offset);
            // Re-plan as the office does when slips come in, then print the day.
            let current = plan::build(&school, &config, on.min(config.calendar.end), Some(&first.plan));
            assert_day_sound(&school, &config, &current.plan, on);
        }
    }
}

#[test]
fn the_calendar_decides() {
    let dir = tempfile::tempdir().unwrap();
    generate(&Shape::new(300, 5), dir.path()).unwrap();
    let (config, school) = load(dir.path());
    let built = plan::build(&school, &config, date(2026, 9, 7), None);
    let p = &built.plan;
    assert!(
        matches!(day::compute(&school, &config, p, date(2026, 10, 1)), Err(NoService::Closed(c)) if c.reason == "国庆节")
    );
    assert!(matches!(
        day::compute(&school, &config, p, date(2026, 9, 19)),
        Err(NoService::NotServiceDay)
    ));
    assert!(matches!(
        day::compute(&school, &config, p, date(2026, 8, 31)),
        Err(NoService::OutsideTerm)
    ));
    // The Sunday makeup day follows Friday's timetable: Friday's clubs meet.
    let sunday = day::compute(&school, &config, p, date(2026, 9, 20)).unwrap();
    assert_eq!(sunday.service.timetable, chrono::Weekday::Fri);
    let clubs: Vec<&str> = sunday
        .groups
        .iter()
        .filter(|g| g.kind == Kind::Club)
        .map(|g| &*g.group)
        .collect();
    assert!(!clubs.is_empty());
    for c in clubs {
        assert!(
            school.club(c).unwrap().days.contains(chrono::Weekday::Fri),
            "{c} does not meet on Fridays"
        );
    }
    // Exam weeks: no clubs, everyone still placed.
    assert!(
        matches!(config.calendar.day(date(2027, 1, 12)), CalendarDay::Service(s) if s.no_clubs.is_some())
    );
    let exam = plan::build(&school, &config, date(2027, 1, 12), Some(p));
    assert_day_sound(&school, &config, &exam.plan, date(2027, 1, 12));
}

#[test]
fn a_withdrawal_takes_students_off_the_lists_even_without_a_new_plan() {
    let dir = tempfile::tempdir().unwrap();
    generate(&Shape::new(300, 9), dir.path()).unwrap();
    let (config, school) = load(dir.path());
    let built = plan::build(&school, &config, date(2026, 9, 7), None);
    // The generated school has mid-term withdrawals; the September plan still seats them.
    let later = date(2026, 12, 15);
    assert!(later.weekday().num_days_from_monday() < 5);
    let d = day::compute(&school, &config, &built.plan, later).unwrap();
    assert!(!d.withdrawn.is_empty());
    for s in &d.withdrawn {
        assert!(d.attendees.iter().all(|a| a.student.id != s.id));
    }
}

#[test]
fn pickup_changes_show_on_their_date_only() {
    let dir = tempfile::tempdir().unwrap();
    generate(&Shape::new(1600, 1), dir.path()).unwrap();
    let (config, school) = load(dir.path());
    let built = plan::build(&school, &config, date(2026, 9, 7), None);
    let mut checked = 0;
    for change in &school.pickup_changes {
        let Ok(on) = day::compute(&school, &config, &built.plan, change.date) else {
            continue;
        };
        let Some(att) = on.attendees.iter().find(|a| a.student.id == change.student) else {
            continue;
        };
        assert_eq!(att.pickup_by, change.pickup_by);
        assert!(att.pickup_change.is_some());
        let next = change.date + chrono::Days::new(7);
        if let Ok(other) = day::compute(&school, &config, &built.plan, next)
            && let Some(a) = other
                .attendees
                .iter()
                .find(|a| a.student.id == change.student)
            && !school
                .pickup_changes
                .iter()
                .any(|c| c.student == change.student && c.date == next)
        {
            assert!(a.pickup_change.is_none());
            assert_ne!(a.pickup_by, change.pickup_by);
        }
        checked += 1;
    }
    assert!(checked > 3, "the demo has pickup changes on service days");
}

#[test]
fn the_demo_prints_a_day_explains_a_holiday_and_follows_makeup_days() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    for entry in std::fs::read_dir(&demo).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if entry.file_type().unwrap().is_file() && name != "plan.csv" && name != "waitlist.csv" {
            std::fs::copy(entry.path(), dir.path().join(&name)).unwrap();
        }
    }
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehou"))
            .arg("-c")
            .arg(dir.path().join("config.toml"))
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(
        run(&["daily", "--date", "2026-09-08"]).0,
        Some(2),
        "no plan yet"
    );
    assert_eq!(run(&["plan", "--as-of", "2026-09-07"]).0, Some(0));
    let (code, text) = run(&["daily", "--date", "2026-09-08"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(dir.path().join("out/daily/2026-09-08.xlsx").exists());
    let (code, text) = run(&["daily", "--date", "2026-10-01"]);
    assert_eq!(code, Some(0));
    assert!(text.contains("国庆节"), "{text}");
    assert!(!dir.path().join("out/daily/2026-10-01.xlsx").exists());
    let (code, text) = run(&["daily", "--date", "2026-09-20", "--csv"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(dir.path().join("out/daily/2026-09-20.xlsx").exists());
    assert!(text.contains("按周五课表"), "{text}");
    assert!(dir.path().join("out/daily/2026-09-20-duty.csv").exists());
}
