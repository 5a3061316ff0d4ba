//! `kehou plan`: invariants on generated schools, exactness against brute
//! force, stability of re-plans, determinism, and the demo end to end.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use kehou::allocate::clubs::{self, Applicant, Choice, Rules};
use kehou::config::Strategy as Method;
use kehou::demo::{Shape, generate};
use kehou::input::Problems;
use kehou::model::{Club, Days, Grades, Line, Session};
use kehou::plan::{self, Kind, Plan};
use proptest::prelude::*;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn load(dir: &Path) -> (kehou::config::Config, kehou::school::School) {
    let mut problems = Problems::default();
    let config = kehou::config::load(&dir.join("config.toml"), &mut problems).unwrap();
    let school = kehou::school::School::load(&config, &mut problems);
    assert!(
        !problems.has_errors(),
        "{}",
        problems.report(kehou::i18n::Lang::En, false)
    );
    (config, school)
}

/// Open rows per student: (weekday, block, kind, group).
fn open_rows(plan: &Plan) -> BTreeMap<String, Vec<(u32, u8, Kind, String)>> {
    let mut out: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for p in plan.placements.iter().filter(|p| p.to.is_none()) {
        out.entry(p.student.to_string()).or_default().push((
            p.weekday.num_days_from_monday(),
            p.block,
            p.kind,
            p.group.to_string(),
        ));
    }
    out.values_mut().for_each(|v| v.sort());
    out
}

/// The invariants, checked here independently of `plan::invariants`.
fn assert_sound(
    built: &plan::Built,
    school: &kehou::school::School,
    config: &kehou::config::Config,
) {
    let rows = open_rows(&built.plan);
    let grade: HashMap<&str, u8> = built
        .enrollees
        .iter()
        .map(|e| (e.student.id.as_str(), e.grade))
        .collect();
    // Every enrollee with a seat: one place per block they stay for, every day they attend.
    for (e, en) in built.enrollees.iter().enumerate() {
        assert!(
            built.room_of[e].is_some(),
            "{} has no homework seat",
            en.student.id
        );
        let band = config.band_of(en.grade).unwrap();
        let mine = &rows[&en.student.id];
        let mut expected = 0;
        for day in en.days.iter() {
            for (b, block) in band.blocks.iter().enumerate() {
                let here = mine
                    .iter()
                    .filter(|r| r.0 == day.num_days_from_monday() && r.1 == b as u8 + 1)
                    .count();
                let want = usize::from(plan::stays_for(en.slip.session, block.part));
                assert_eq!(here, want, "{} on {day} block {}", en.student.id, b + 1);
                expected += want;
            }
        }
        assert_eq!(
            mine.len(),
            expected,
            "{} has places on days they do not attend",
            en.student.id
        );
        // Same homework room every day.
        let rooms: HashSet<&str> = mine
            .iter()
            .filter(|r| r.2 == Kind::Homework)
            .map(|r| r.3.as_str())
            .collect();
        assert_eq!(rooms.len(), 1, "{}: {rooms:?}", en.student.id);
    }
    // Nobody out of service placed.
    for id in rows.keys() {
        assert!(
            grade.contains_key(id.as_str()),
            "{id} is placed but not in service"
        );
    }
    // Capacities per weekday and block; eligibility.
    let mut load: HashMap<(&str, u32, u8), u32> = HashMap::new();
    let mut club_members: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (id, list) in &rows {
        for (day, block, kind, group) in list {
            *load.entry((group.as_str(), *day, *block)).or_default() += 1;
            match kind {
                Kind::Club => {
                    let club = school.club(group).unwrap();
                    assert!(
                        club.grades.contains(grade[id.as_str()]),
                        "{id} is not eligible for {group}"
                    );
                    club_members
                        .entry(group.as_str())
                        .or_default()
                        .insert(id.as_str());
                }
                Kind::Homework | Kind::Reading => {
                    let room = school.rooms.iter().find(|r| &r.name == group).unwrap();
                    assert!(room.grades.contains(grade[id.as_str()]));
                }
                Kind::Activity => {}
            }
        }
    }
    for ((group, day, block), n) in load {
        if let Some(room) = school.rooms.iter().find(|r| r.name == group) {
            assert!(
                n <= room.capacity,
                "room {group} holds {n} on {day}/{block}"
            );
        }
    }
    for (club, members) in club_members {
        assert!(
            members.len() as u32 <= school.club(club).unwrap().capacity,
            "club {club} over capacity"
        );
    }
    assert!(plan::invariants(built, school, config).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn generated_schools_keep_every_invariant(
        students in 30usize..500,
        seed in 0u64..1000,
        room_capacity in 32u32..50,
        club_capacity_percent in 20u32..150,
        day in 0u64..60,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let shape = Shape { students, seed, room_capacity, club_capacity_percent, registers: false, open_clubs: false, club_minimum: 0 };
        generate(&shape, dir.path()).unwrap();
        let (config, school) = load(dir.path());
        let as_of = date(9, 7) + chrono::Days::new(day);
        let built = plan::build(&school, &config, as_of, None);
        prop_assert!(!built.problems.has_errors(), "{}", built.problems.report(kehou::i18n::Lang::En, false));
        assert_sound(&built, &school, &config);
        // Same seed, same plan, byte for byte.
        let again = plan::build(&school, &config, as_of, None);
        prop_assert_eq!(built.plan.plan_csv().unwrap(), again.plan.plan_csv().unwrap());
        prop_assert_eq!(built.plan.waitlist_csv().unwrap(), again.plan.waitlist_csv().unwrap());
        // A re-plan on the same data changes nothing and stays sound.
        let replan = plan::build(&school, &config, as_of, Some(&built.plan));
        prop_assert!(replan.changes.is_empty(), "{:?}", replan.changes);
        prop_assert_eq!(open_rows(&replan.plan), open_rows(&built.plan));
        assert_sound(&replan, &school, &config);
    }
}

fn club(id: usize, capacity: u32, min: u32, days: Days) -> Club {
    Club {
        id: format!("K{id}"),
        name: format!("club {id}"),
        teacher: String::new(),
        room: String::new(),
        days,
        session: Session::Full,
        capacity,
        min,
        grades: Grades::ALL,
        fee_fen: 0,
        line: Line(id + 2),
    }
}

fn instance() -> impl Strategy<Value = (Vec<Applicant>, Vec<u32>, Vec<u32>)> {
    (1usize..=3).prop_flat_map(|clubs| {
        (
            prop::collection::vec(
                (
                    0i32..2,
                    prop::collection::vec((0..clubs, any::<bool>()), 0..=3),
                ),
                1..=7,
            ),
            prop::collection::vec(1u32..=2, clubs),
            prop::collection::vec(0u32..=3, clubs),
        )
            .prop_map(|(raw, caps, mins)| {
                let applicants = raw
                    .into_iter()
                    .map(|(tier, picks)| {
                        let mut seen = HashSet::new();
                        let choices = picks
                            .into_iter()
                            .enumerate()
                            .filter(|(_, (c, keep))| *keep && seen.insert(*c))
                            .map(|(rank, (c, _))| Choice {
                                club: c,
                                rank: rank as u32 + 1,
                            })
                            .collect();
                        Applicant { tier, choices }
                    })
                    .collect();
                (applicants, caps, mins)
            })
    })
}

/// Every feasible assignment (one club or none each), scored lexicographically:
/// placed in tier 1, placed in tier 0, then the negated total rank.
fn brute_force(
    applicants: &[Applicant],
    caps: &[u32],
    mins: Option<&[u32]>,
) -> (usize, usize, i64) {
    fn go(
        a: usize,
        applicants: &[Applicant],
        left: &mut Vec<u32>,
        count: &mut Vec<u32>,
        score: (usize, usize, i64),
        mins: Option<&[u32]>,
        best: &mut Option<(usize, usize, i64)>,
    ) {
        if a == applicants.len() {
            let ok = mins.is_none_or(|m| count.iter().zip(m).all(|(n, m)| *n == 0 || n >= m));
            if ok && best.is_none_or(|b| score > b) {
                *best = Some(score);
            }
            return;
        }
        go(a + 1, applicants, left, count, score, mins, best);
        for ch in &applicants[a].choices {
            if left[ch.club] == 0 {
                continue;
            }
            left[ch.club] -= 1;
            count[ch.club] += 1;
            let s = if applicants[a].tier == 1 {
                (score.0 + 1, score.1, score.2 - ch.rank as i64)
            } else {
                (score.0, score.1 + 1, score.2 - ch.rank as i64)
            };
            go(a + 1, applicants, left, count, s, mins, best);
            left[ch.club] += 1;
            count[ch.club] -= 1;
        }
    }
    let mut best = None;
    go(
        0,
        applicants,
        &mut caps.to_vec(),
        &mut vec![0; caps.len()],
        (0, 0, 0),
        mins,
        &mut best,
    );
    best.unwrap()
}

fn score(applicants: &[Applicant], assigned: &[Vec<usize>]) -> (usize, usize, i64) {
    let mut s = (0, 0, 0);
    for (a, got) in applicants.iter().zip(assigned) {
        for c in got {
            let rank = a.choices.iter().find(|ch| ch.club == *c).unwrap().rank;
            if a.tier == 1 {
                s.0 += 1
            } else {
                s.1 += 1
            }
            s.2 -= rank as i64;
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn optimal_equals_brute_force((applicants, caps, _mins) in instance(), seed in any::<u64>()) {
        let clubs: Vec<Club> = caps.iter().enumerate().map(|(i, c)| club(i, *c, 0, Days::WORKWEEK)).collect();
        let mut order: Vec<usize> = (0..applicants.len()).collect();
        kehou::rng::Rng::new(seed).shuffle(&mut order);
        let rules = Rules { strategy: Method::Optimal, max_clubs: 1, minimums: true };
        let running = vec![false; clubs.len()];
        let out = clubs::allocate(&applicants, &clubs, &caps, &running, &order, rules);
        prop_assert_eq!(score(&applicants, &out.assigned), brute_force(&applicants, &caps, None));
    }

    #[test]
    fn with_minimums_or_two_clubs_feasible_and_within_bound(
        (applicants, caps, mins) in instance(),
        two in any::<bool>(),
        seed in any::<u64>(),
    ) {
        // Clubs on Mon/Wed and Tue/Thu never clash; two on Mon/Wed do.
        let days = [Days::from_iter([chrono::Weekday::Mon, chrono::Weekday::Wed]),
                    Days::from_iter([chrono::Weekday::Tue, chrono::Weekday::Thu])];
        let clubs: Vec<Club> = caps.iter().enumerate()
            .map(|(i, c)| club(i, *c, if two { 0 } else { mins[i] }, days[i % 2]))
            .collect();
        let mut order: Vec<usize> = (0..applicants.len()).collect();
        kehou::rng::Rng::new(seed).shuffle(&mut order);
        let max_clubs = if two { 2 } else { 1 };
        let rules = Rules { strategy: Method::Optimal, max_clubs, minimums: true };
        let out = clubs::allocate(&applicants, &clubs, &caps, &vec![false; clubs.len()], &order, rules);
        let bound = clubs::bound(&applicants, &clubs, &caps, max_clubs);
        let mut count = vec![0u32; clubs.len()];
        for (a, got) in out.assigned.iter().enumerate() {
            prop_assert!(got.len() <= max_clubs as usize);
            for (i, &c) in got.iter().enumerate() {
                count[c] += 1;
                prop_assert!(applicants[a].choices.iter().any(|ch| ch.club == c));
                for &d in &got[i + 1..] {
                    prop_assert!(d != c && !clubs::clash(&clubs[c], &clubs[d]));
                }
            }
        }
        for (c, n) in count.iter().enumerate() {
            prop_assert!(*n <= caps[c]);
            prop_assert!(!out.closed.contains(&c) || *n == 0);
            prop_assert!(*n == 0 || *n >= clubs[c].min);
        }
        prop_assert!(out.students_placed() <= bound.students);
        prop_assert!(out.seats_used() <= bound.seats);
        if !two {
            // With minimums, one club each: exactly the optimum, proven.
            let best = brute_force(&applicants, &caps, Some(&mins));
            prop_assert!(best.0 + best.1 <= bound.students);
            prop_assert_eq!(score(&applicants, &out.assigned), best);
            prop_assert!(out.proven);
        }
    }
}

fn one_club_each(applicants: &[Applicant], clubs: &[Club]) -> clubs::Outcome {
    let caps: Vec<u32> = clubs.iter().map(|c| c.capacity).collect();
    let order: Vec<usize> = (0..applicants.len()).collect();
    let rules = Rules {
        strategy: Method::Optimal,
        max_clubs: 1,
        minimums: true,
    };
    clubs::allocate(
        applicants,
        clubs,
        &caps,
        &vec![false; clubs.len()],
        &order,
        rules,
    )
}

fn wants(tier: i32, clubs: &[usize]) -> Applicant {
    let choices = (clubs.iter().enumerate())
        .map(|(i, &club)| Choice {
            club,
            rank: i as u32 + 1,
        })
        .collect();
    Applicant { tier, choices }
}

/// (a) Three children, A (min 2) and B: the optimum runs A with two and B with one,
/// even though two of them would rather be in B.
#[test]
fn a_minimum_is_met_by_filling_the_club_not_only_by_closing_it() {
    let clubs = [club(0, 3, 2, Days::WORKWEEK), club(1, 1, 0, Days::WORKWEEK)];
    let applicants = [wants(0, &[1, 0]), wants(0, &[1, 0]), wants(0, &[1])];
    let out = one_club_each(&applicants, &clubs);
    assert_eq!(out.assigned, vec![vec![0], vec![0], vec![1]]);
    assert!(out.closed.is_empty() && out.proven);
}

/// (b) A priority child whose only choice X has min 2, plus an ordinary child
/// who also ranks X: the optimum runs X with both.
#[test]
fn a_priority_child_keeps_a_club_running_with_an_ordinary_one() {
    let clubs = [club(0, 5, 2, Days::WORKWEEK), club(1, 5, 0, Days::WORKWEEK)];
    let applicants = [wants(1, &[0]), wants(0, &[1, 0])];
    let out = one_club_each(&applicants, &clubs);
    assert_eq!(out.assigned, vec![vec![0], vec![0]]);
    assert!(out.closed.is_empty() && out.proven);
}

/// A school, its fresh plan, and a way to add slips.
struct Term {
    dir: tempfile::TempDir,
}

impl Term {
    fn new(shape: Shape) -> Term {
        let dir = tempfile::tempdir().unwrap();
        generate(&shape, dir.path()).unwrap();
        Term { dir }
    }

    /// The plan as of 12 October, re-planned from the one made before term,
    /// so that every slip of the generated school up to then has counted.
    fn mid_term(&self) -> Plan {
        let (config, school) = load(self.dir.path());
        let first = plan::build(&school, &config, date(9, 7), None);
        plan::build(&school, &config, date(10, 12), Some(&first.plan)).plan
    }

    fn add_slip(&self, row: &str) {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(self.dir.path().join("consent.csv"))
            .unwrap();
        write!(f, "{row}\r\n").unwrap();
    }
}

#[test]
fn a_late_slip_changes_nobody_else() {
    let term = Term::new(Shape::new(400, 7));
    let (_, school) = load(term.dir.path());
    let first = term.mid_term();
    let before = open_rows(&first);
    // A student with no slip at all joins mid-term.
    let slipped: HashSet<&str> = school.slips.iter().map(|s| s.student.as_str()).collect();
    let newcomer = school
        .students
        .iter()
        .find(|s| !slipped.contains(s.id.as_str()))
        .unwrap()
        .clone();
    term.add_slip(&format!(
        "{},,2026-10-12,参加,一至五,全程,家长接,,,K003,K009,,是,,",
        newcomer.id
    ));
    let (config, school) = load(term.dir.path());
    let after = plan::build(&school, &config, date(10, 12), Some(&first));
    assert_eq!(after.changes.placed, vec![newcomer.id.clone()]);
    let rows = open_rows(&after.plan);
    for (id, list) in &before {
        if let Some(now) = rows.get(id) {
            assert_eq!(now, list, "{id} moved");
        } else {
            panic!("{id} lost their places");
        }
    }
    assert!(rows.contains_key(&newcomer.id));
    assert_sound(&after, &school, &config);
}

#[test]
fn a_withdrawal_changes_nobody_but_those_promoted_into_the_seat() {
    let term = Term::new(Shape {
        club_capacity_percent: 25,
        ..Shape::new(600, 11)
    });
    let first = term.mid_term();
    let before = open_rows(&first);
    // A club student with a waiting list behind them withdraws.
    let waited: HashSet<&str> = first.waitlist.iter().map(|w| w.club.as_str()).collect();
    let (leaver, club) = first
        .placements
        .iter()
        .find(|p| p.kind == Kind::Club && waited.contains(&*p.group))
        .map(|p| (p.student.to_string(), p.group.to_string()))
        .expect("a full club with a waiting list");
    term.add_slip(&format!("{leaver},,2026-10-12,不参加,,,,,搬家转学,,,,,,"));
    let (config, school) = load(term.dir.path());
    let after = plan::build(&school, &config, date(10, 12), Some(&first));
    assert_eq!(after.changes.withdrawn, vec![leaver.clone()]);
    assert_eq!(
        after.changes.promoted.len(),
        1,
        "the first on the waiting list takes the seat"
    );
    let promoted: HashSet<&str> = after
        .changes
        .promoted
        .iter()
        .map(|(s, _)| s.as_str())
        .collect();
    for (s, c) in &after.changes.promoted {
        assert_eq!(c, &club, "{s} promoted into another club");
        let first_waiting = first.waitlist.iter().find(|w| w.club == club).unwrap();
        assert_eq!(
            &first_waiting.student, s,
            "promotion follows the waiting list's order"
        );
    }
    let rows = open_rows(&after.plan);
    assert!(!rows.contains_key(&leaver));
    for (id, list) in &before {
        if id == &leaver || promoted.contains(id.as_str()) {
            continue;
        }
        assert_eq!(rows.get(id), Some(list), "{id} moved");
    }
    // The leaver's rows end the day before the withdrawal takes effect.
    assert!(
        after
            .plan
            .placements
            .iter()
            .filter(|p| *p.student == *leaver)
            .all(|p| p.to == Some(date(10, 11)))
    );
    assert_sound(&after, &school, &config);
}

#[test]
fn the_demo_plans_and_prints_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    for entry in std::fs::read_dir(&demo).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            let name = entry.file_name();
            if name != "plan.csv" && name != "waitlist.csv" {
                std::fs::copy(entry.path(), dir.path().join(&name)).unwrap();
            }
        }
    }
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kehou"))
            .arg("-c")
            .arg(dir.path().join("config.toml"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["plan", "--as-of", "2026-09-07"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("社团志愿满足情况") && text.contains("[最优]"),
        "{text}"
    );
    assert!(
        text.contains("同样数据下另一种分配方式") && text.contains("[抽签]"),
        "{text}"
    );
    assert!(dir.path().join("out/timetable-2026秋.xlsx").exists());
    let plan_csv = std::fs::read(dir.path().join("plan.csv")).unwrap();
    // --fresh without --force refuses and writes nothing.
    let refused = run(&["plan", "--fresh"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(
        std::fs::read(dir.path().join("plan.csv")).unwrap(),
        plan_csv
    );
    // --fresh --force on the same date gives the same plan.
    let fresh = run(&["plan", "--fresh", "--force", "--as-of", "2026-09-07"]);
    assert!(fresh.status.success());
    assert_eq!(
        std::fs::read(dir.path().join("plan.csv")).unwrap(),
        plan_csv
    );
}
