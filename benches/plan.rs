//! `kehou plan` on generated 5,000- and 200,000-student schools: loading every
//! input, allocating, checking the invariants, assigning supervision and
//! rendering plan.csv and the timetable workbook as the command does (into
//! their temporary files, which are removed again: nothing is replaced).
//!
//! `cargo bench --bench plan` (the 200,000-student cases take a few minutes),
//! on the repo's district-shaped schools, on one connected school, and on one
//! connected school whose least chosen clubs fall below their minimum (the
//! search over minimums, re-solving one flow network per node); and, at
//! 50,000 students, hard minimums and two clubs per child (issue 26).

use std::path::Path;

use chrono::NaiveDate;
use kehou::demo::{Shape, generate};
use kehou::input::Problems;

fn main() {
    divan::main();
}

/// A generated school of this shape, in a folder of its own.
fn generated(shape: Shape) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    generate(&shape, dir.path()).unwrap();
    dir
}

fn school(students: usize) -> tempfile::TempDir {
    generated(Shape::new(students, 2))
}

/// One connected school: a club per 45 students open to every grade, three
/// choices each among all of them (the shape the exact flow found hardest).
fn one_component(students: usize) -> tempfile::TempDir {
    generated(Shape {
        open_clubs: true,
        ..Shape::new(students, 2)
    })
}

/// [`one_component`] with three times the seats and a minimum of 12 in every
/// club: the least chosen clubs are below it.
fn one_component_minimums(students: usize) -> tempfile::TempDir {
    generated(Shape {
        open_clubs: true,
        club_capacity_percent: 300,
        club_minimum: 12,
        ..Shape::new(students, 2)
    })
}

/// Hard minimums (issue 26): one component with twice the seats and a
/// minimum of 32 in every club (67–100 % of its capacity), so hundreds of
/// clubs fall below it and the search over minimums decides them.
fn hard_minimums(students: usize) -> tempfile::TempDir {
    generated(Shape {
        open_clubs: true,
        club_capacity_percent: 200,
        club_minimum: 32,
        registers: false,
        ..Shape::new(students, 5)
    })
}

/// Two clubs per child (issue 26) on the district shape with its minimums.
fn two_clubs(students: usize) -> tempfile::TempDir {
    let dir = generated(Shape {
        registers: false,
        ..Shape::new(students, 5)
    });
    let config = dir.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let two = text.replace("max_clubs_per_student = 1", "max_clubs_per_student = 2");
    assert_ne!(text, two);
    std::fs::write(&config, two).unwrap();
    dir
}

fn plan_once(dir: &Path) -> usize {
    let mut problems = Problems::default();
    let config = kehou::config::load(&dir.join("config.toml"), &mut problems).unwrap();
    let school = kehou::school::School::load(&config, &mut problems);
    let as_of = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
    let built = kehou::plan::build(&school, &config, as_of, None);
    figures(&built);
    // As the command does: the check and the supervision side by side.
    let (broken, duties) = kehou::cmd::plan::check_and_supervise(&built, &school, &config);
    assert!(broken.is_empty());
    let version = kehou::store::VersionInfo {
        version: 1,
        as_of,
        run_at: String::new(),
    };
    let outputs =
        kehou::cmd::plan::render(&built, &duties, &school, &config, &version, false).unwrap();
    outputs.paths().count()
}

/// What the plan achieved, to stderr: placed, seats, how it is proven (the
/// README's figures come from these lines).
fn figures(built: &kehou::plan::Built) {
    let s = &built.satisfaction;
    let placed: usize = s.per_tier.iter().map(|t| t.1).sum();
    let with: usize = s.per_tier.iter().map(|t| t.2).sum();
    let proven = match &built.bound {
        None => "proven optimal".to_string(),
        Some(b) => {
            let (short, share) = b.seats_short();
            format!("proven within {short} seats ({:.2} %)", 100.0 * share)
        }
    };
    eprintln!(
        "placed {placed}/{with}, seats {}, {:?}, {proven}",
        s.seats, built.exactness
    );
}

#[divan::bench(sample_count = 10)]
fn plan_5000(bencher: divan::Bencher) {
    let dir = school(5_000);
    bencher.bench(|| plan_once(dir.path()));
}

#[divan::bench(sample_count = 2, sample_size = 1)]
fn plan_200000(bencher: divan::Bencher) {
    let dir = school(200_000);
    bencher.bench(|| plan_once(dir.path()));
}

#[divan::bench(sample_count = 10)]
fn plan_5000_one_component(bencher: divan::Bencher) {
    let dir = one_component(5_000);
    bencher.bench(|| plan_once(dir.path()));
}

#[divan::bench(sample_count = 2, sample_size = 1)]
fn plan_200000_one_component(bencher: divan::Bencher) {
    let dir = one_component(200_000);
    bencher.bench(|| plan_once(dir.path()));
}

#[divan::bench(sample_count = 10)]
fn plan_5000_one_component_minimums(bencher: divan::Bencher) {
    let dir = one_component_minimums(5_000);
    bencher.bench(|| plan_once(dir.path()));
}

#[divan::bench(sample_count = 2, sample_size = 1)]
fn plan_200000_one_component_minimums(bencher: divan::Bencher) {
    let dir = one_component_minimums(200_000);
    bencher.bench(|| plan_once(dir.path()));
}

#[divan::bench(sample_count = 1, sample_size = 1)]
fn plan_50000_hard_minimums(bencher: divan::Bencher) {
    let dir = hard_minimums(50_000);
    bencher.bench(|| plan_once(dir.path()));
}

#[divan::bench(sample_count = 1, sample_size = 1)]
fn plan_50000_two_clubs(bencher: divan::Bencher) {
    let dir = two_clubs(50_000);
    bencher.bench(|| plan_once(dir.path()));
}
