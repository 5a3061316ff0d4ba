//! Capacity advice is real (issue 26 item 2): re-planning with each advised
//! change places at least as many more children as the advice promised;
//! `plan --what-if` compares another club table and writes nothing.

#[path = "common/term.rs"]
mod term;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use kehou::demo::{Shape, generate};
use kehou::input::Problems;
use term::Term;

/// A school with clubs of `percent` of the usual seats (45: scarce, so full
/// clubs have children waiting) and the usual minimums.
fn school(percent: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let shape = Shape {
        club_capacity_percent: percent,
        registers: false,
        ..Shape::new(1600, 3)
    };
    generate(&shape, dir.path()).unwrap();
    dir
}

/// A fresh plan of the school in `dir`: children placed, and the plan's
/// advice as (club id, children) for more seats and (club id, minimum,
/// children) for lower minimums.
#[allow(clippy::type_complexity)]
fn plan(dir: &Path) -> (usize, Vec<(String, usize)>, Vec<(String, u32, usize)>) {
    let mut problems = Problems::default();
    let config = kehou::config::load(&dir.join("config.toml"), &mut problems).unwrap();
    let school = kehou::school::School::load(&config, &mut problems);
    assert!(!problems.has_errors());
    let as_of = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
    let built = kehou::plan::build(&school, &config, as_of, None);
    let placed = built.satisfaction.per_tier.iter().map(|t| t.1).sum();
    let advice = built.advice.expect("optimal plans advise");
    let id = |c: usize| school.clubs[c].id.clone();
    let more = advice
        .more
        .iter()
        .map(|m| (id(m.club), m.children))
        .collect();
    let opens = (advice.opens.iter())
        .map(|o| (id(o.club), o.opens_at, o.children))
        .collect();
    (placed, more, opens)
}

/// Changes one column (by its heading) of one club's row in clubs.csv.
fn set_club(dir: &Path, club: &str, heading: &str, value: u32) {
    let path = dir.join("clubs.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let head: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(',').collect();
    let col = head.iter().position(|h| *h == heading).unwrap();
    let row = (lines.iter())
        .position(|l| l.split(',').next() == Some(club))
        .unwrap();
    let mut cells: Vec<String> = lines[row].split(',').map(str::to_string).collect();
    cells[col] = value.to_string();
    lines[row] = cells.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
}

fn club_value(dir: &Path, club: &str, heading: &str) -> u32 {
    let text = std::fs::read_to_string(dir.join("clubs.csv")).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split(',')
        .collect();
    let col = head.iter().position(|h| *h == heading).unwrap();
    let row = lines.find(|l| l.split(',').next() == Some(club)).unwrap();
    row.split(',').nth(col).unwrap().parse().unwrap()
}

#[test]
fn more_seats_where_advised_place_the_children_promised() {
    let dir = school(45);
    let (placed, more, _) = plan(dir.path());
    assert!(
        !more.is_empty(),
        "a school with scarce seats has clubs to grow"
    );
    // The best advice and the last shown: each alone, from the same plan.
    let mut checked = vec![more[0].clone()];
    checked.extend(more.last().cloned());
    for (club, children) in checked {
        let copy = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
            }
        }
        let seats = club_value(copy.path(), &club, "人数上限");
        set_club(copy.path(), &club, "人数上限", seats + children as u32);
        let (again, ..) = plan(copy.path());
        assert!(
            again >= placed + children,
            "{club}: {children} more seats promised {children} more, got {placed} -> {again}"
        );
    }
}

#[test]
fn a_lower_minimum_where_advised_opens_the_club_and_places_the_children_promised() {
    let dir = school(150);
    // Minimums at capacity: clubs close that a lower minimum would open.
    let text = std::fs::read_to_string(dir.path().join("clubs.csv")).unwrap();
    let ids: Vec<String> = (text.lines().skip(1))
        .filter_map(|l| l.split(',').next().map(str::to_string))
        .collect();
    for id in &ids {
        let seats = club_value(dir.path(), id, "人数上限");
        set_club(dir.path(), id, "最少人数", seats);
    }
    let (placed, _, opens) = plan(dir.path());
    assert!(
        !opens.is_empty(),
        "minimums at capacity close clubs that could open"
    );
    let (club, min, children) = opens[0].clone();
    set_club(dir.path(), &club, "最少人数", min);
    let (again, ..) = plan(dir.path());
    assert!(
        again >= placed + children,
        "{club}: a minimum of {min} promised {children} more, got {placed} -> {again}"
    );
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<std::path::PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                let meta = entry.metadata().unwrap();
                files.insert(
                    path.clone(),
                    (std::fs::read(&path).unwrap(), meta.modified().unwrap()),
                );
            }
        }
    }
    files
}

#[test]
fn what_if_compares_another_club_table_and_writes_nothing() {
    // A school with a plan already (its state must not move either).
    let term = Term::new(600, 4);
    let clubs = term.read("clubs.csv");
    let mut lines: Vec<String> = clubs.lines().map(str::to_string).collect();
    let head: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(',').collect();
    let col = head.iter().position(|h| *h == "人数上限").unwrap();
    for line in lines.iter_mut().skip(1) {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        let seats: u32 = cells[col].parse().unwrap();
        cells[col] = (seats * 2).to_string();
        *line = cells.join(",");
    }
    let alt = tempfile::tempdir().unwrap();
    let alt_path = alt.path().join("clubs-alt.csv");
    std::fs::write(&alt_path, lines.join("\n") + "\n").unwrap();
    let before = snapshot(term.dir.path());
    let (code, text) = term.run(&["plan", "--what-if", alt_path.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("假设比较"), "{text}");
    assert!(text.contains("录取"), "{text}");
    assert_eq!(before, snapshot(term.dir.path()), "what-if changed a file");
    assert_eq!(
        snapshot(alt.path()).len(),
        1,
        "what-if wrote beside the other table"
    );
}

/// The report's fairness block (issue 26 item 3): per grade the share placed
/// at each rank and unplaced — each row sums to 100 %, the grades' children
/// add up to those with choices, and the shares placed add up to the count
/// placed that the report prints above.
#[test]
fn the_report_gives_each_grade_its_share_placed_at_each_rank() {
    let term = Term::unplanned(600, 4);
    let (code, text) = term.run(&["plan", "--as-of", "2026-09-07"]);
    assert_eq!(code, 0, "{text}");
    let head = "各年级、各优先级的录取情况";
    let at = text
        .find(head)
        .unwrap_or_else(|| panic!("no fairness block: {text}"));
    let (placed, with) = {
        let line = (text.lines())
            .find(|l| l.contains("[最优] 录取 "))
            .expect("the plan's own line");
        let figures = line.split("录取 ").nth(1).unwrap();
        let figures = figures.split(';').next().unwrap();
        let (p, w) = figures.split_once('/').unwrap();
        (p.parse::<f64>().unwrap(), w.parse::<usize>().unwrap())
    };
    let (mut grades, mut children, mut placed_again) = (0, 0, 0.0);
    for line in text[at..].lines().skip(1) {
        let Some((grade, row)) = line.trim().split_once(" 年级:") else {
            break;
        };
        grade.parse::<u8>().unwrap();
        let (shares, n) = row.rsplit_once(" (n=").unwrap();
        let n: usize = n.trim_end_matches(')').parse().unwrap();
        let pct = |part: &str| -> f64 {
            let v = part.rsplit(' ').next().unwrap().trim_end_matches('%');
            v.parse().unwrap()
        };
        let parts: Vec<&str> = shares.split(", ").collect();
        let sum: f64 = parts.iter().map(|p| pct(p)).sum();
        assert!((sum - 100.0).abs() < 0.5, "{line}: shares sum to {sum}");
        let unplaced = pct(parts.last().unwrap());
        assert!(parts.last().unwrap().starts_with("未录取"), "{line}");
        placed_again += n as f64 * (100.0 - unplaced) / 100.0;
        grades += 1;
        children += n;
    }
    assert!(grades >= 3, "a grade row each: {text}");
    assert_eq!(
        children, with,
        "the grades' children are those with choices"
    );
    assert!(
        (placed_again - placed).abs() <= grades as f64 * 0.5,
        "the grades' shares placed add up to {placed_again}, the report says {placed}"
    );
}
