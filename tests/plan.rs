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
            .prop_map(|(raw, caps, mins)| (applicants_from(raw), caps, mins))
    })
}

/// Applicants from (tier, picks): a pick kept only when its flag is set and
/// its club not picked before; the rank is the pick's column.
fn applicants_from(raw: Vec<(i32, Vec<(usize, bool)>)>) -> Vec<Applicant> {
    raw.into_iter()
        .map(|(tier, picks)| {
            let mut seen = HashSet::new();
            let choices = (picks.into_iter().enumerate())
                .filter(|(_, (c, keep))| *keep && seen.insert(*c))
                .map(|(rank, (c, _))| Choice {
                    club: c,
                    rank: rank as u32 + 1,
                })
                .collect();
            Applicant { tier, choices }
        })
        .collect()
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
    fn with_minimums_one_club_each_equals_brute_force(
        (applicants, caps, mins) in instance(),
        seed in any::<u64>(),
    ) {
        let clubs: Vec<Club> = caps.iter().enumerate()
            .map(|(i, c)| club(i, *c, mins[i], Days::WORKWEEK))
            .collect();
        let mut order: Vec<usize> = (0..applicants.len()).collect();
        kehou::rng::Rng::new(seed).shuffle(&mut order);
        let rules = Rules { strategy: Method::Optimal, max_clubs: 1, minimums: true };
        let out = clubs::allocate(&applicants, &clubs, &caps, &vec![false; clubs.len()], &order, rules);
        assert_feasible(&applicants, &clubs, &out, 1);
        let best = brute_force(&applicants, &caps, Some(&mins));
        let bound = clubs::bound(&applicants, &clubs, &caps, 1, &out.assigned);
        prop_assert!(best.0 + best.1 <= bound.per_tier.iter().map(|t| t.1).sum());
        prop_assert_eq!(score(&applicants, &out.assigned), best);
        prop_assert!(out.proven);
    }

    #[test]
    fn two_clubs_with_minimums_within_the_reported_gap(
        school in two_club_school(),
        seed in any::<u64>(),
    ) {
        let (applicants, clubs) = school;
        let mut order: Vec<usize> = (0..applicants.len()).collect();
        kehou::rng::Rng::new(seed).shuffle(&mut order);
        let out = fresh(&applicants, &clubs, &order, Method::Optimal, 2);
        let best = every_allocation_best(&applicants, &clubs);
        let now = within_gap(&applicants, &clubs, &out.assigned, &best);
        if out.proven {
            prop_assert_eq!(&now, &best);
        }
    }
}

/// `allocate` with minimums on a school where no club runs yet; every seat free.
fn fresh(
    applicants: &[Applicant],
    clubs: &[Club],
    order: &[usize],
    strategy: Method,
    max_clubs: u32,
) -> clubs::Outcome {
    let caps: Vec<u32> = clubs.iter().map(|c| c.capacity).collect();
    let rules = Rules {
        strategy,
        max_clubs,
        minimums: true,
    };
    let running = vec![false; clubs.len()];
    let out = clubs::allocate(applicants, clubs, &caps, &running, order, rules);
    assert_feasible(applicants, clubs, &out, max_clubs as usize);
    out
}

/// A plan of at most two clubs each against the optimum `best`: no better
/// than it, and the bound measured against the plan holds it. Returns the plan's score.
fn within_gap(
    applicants: &[Applicant],
    clubs: &[Club],
    assigned: &[Vec<usize>],
    best: &TwoScore,
) -> TwoScore {
    let caps: Vec<u32> = clubs.iter().map(|c| c.capacity).collect();
    let now = two_club_score(applicants, assigned);
    assert!(now <= *best, "{now:?} beats the optimum {best:?}");
    assert_gap_honest(
        &clubs::bound(applicants, clubs, &caps, 2, assigned),
        &now,
        best,
    );
    now
}

/// Capacity, choices, clashes, `max_clubs` and minimums hold; closed clubs are empty.
fn assert_feasible(
    applicants: &[Applicant],
    clubs: &[Club],
    out: &clubs::Outcome,
    max_clubs: usize,
) {
    let mut count = vec![0u32; clubs.len()];
    for (a, got) in out.assigned.iter().enumerate() {
        assert!(got.len() <= max_clubs);
        for (i, &c) in got.iter().enumerate() {
            count[c] += 1;
            assert!(applicants[a].choices.iter().any(|ch| ch.club == c));
            for &d in &got[i + 1..] {
                assert!(d != c && !clubs::clash(&clubs[c], &clubs[d]));
            }
        }
    }
    for (c, n) in count.iter().enumerate() {
        assert!(*n <= clubs[c].capacity);
        assert!(!out.closed.contains(&c) || *n == 0);
        assert!(
            *n == 0 || *n >= clubs[c].min,
            "club {c}: {n} below {}",
            clubs[c].min
        );
    }
}

/// Placed in tier 1, placed in tier 0, seats, then the negated total rank of every seat.
type TwoScore = (usize, usize, usize, i64);

fn two_club_score(applicants: &[Applicant], assigned: &[Vec<usize>]) -> TwoScore {
    let mut s = (0, 0, 0, 0);
    for (a, got) in applicants.iter().zip(assigned) {
        if !got.is_empty() {
            if a.tier == 1 { s.0 += 1 } else { s.1 += 1 }
        }
        for c in got {
            s.2 += 1;
            s.3 -= a.choices.iter().find(|ch| ch.club == *c).unwrap().rank as i64;
        }
    }
    s
}

/// The reported bound holds the optimum on every tier, for seats and for
/// rank: each reported gap is at least the true one, and the lexicographic
/// bound is not below the optimum.
fn assert_gap_honest(bound: &clubs::Bound, now: &TwoScore, best: &TwoScore) {
    let gap = bound.gap();
    let of = |tier: i32, s: &TwoScore| if tier == 1 { s.0 } else { s.1 };
    for &(tier, most, placed) in &gap.per_tier {
        assert_eq!(placed, of(tier, now), "tier {tier} counted");
        assert!(
            of(tier, best) <= most,
            "tier {tier}: optimum {} above the bound {most}",
            of(tier, best)
        );
        assert!(
            most as i64 - placed as i64 >= of(tier, best) as i64 - of(tier, now) as i64,
            "tier {tier}: the gap hides a loss"
        );
    }
    // A tier nobody in it has a choice for does not appear; nobody is placed there.
    for tier in [0, 1] {
        if !gap.per_tier.iter().any(|t| t.0 == tier) {
            assert_eq!(of(tier, best), 0);
        }
    }
    assert_eq!(gap.seats.1, now.2);
    assert!(
        best.2 <= gap.seats.0,
        "seats: optimum {} above the bound {}",
        best.2,
        gap.seats.0
    );
    if let Some((least, rank)) = gap.rank {
        // Compared only when the counts meet the bound: then they are the optimum's.
        assert_eq!((best.0, best.1, best.2), (now.0, now.1, now.2));
        assert_eq!(rank as i64, -now.3);
        assert!(
            least as i64 <= -best.3,
            "rank: optimum {} below the bound {least}",
            -best.3
        );
    }
    if let Some(r) = &bound.relaxed {
        let t = |tier: i32| r.per_tier.iter().find(|p| p.0 == tier).map_or(0, |p| p.1);
        let relaxed = (t(1), t(0), r.seats, -(r.rank as i64));
        assert!(
            *best <= relaxed,
            "the relaxation {relaxed:?} below the optimum {best:?}"
        );
    }
    if gap.closed() {
        assert_eq!(now, best, "proven by the bound but not the optimum");
    }
}

/// Tiny schools for two clubs each: 1–4 clubs on two days each (some share
/// a day, so they clash), capacities 1–2, minimums 0–3, 1–6 children in tiers 0–1.
fn two_club_school() -> impl Strategy<Value = (Vec<Applicant>, Vec<Club>)> {
    use chrono::Weekday::*;
    let days = [
        Days::from_iter([Mon, Wed]),
        Days::from_iter([Tue, Thu]),
        Days::from_iter([Wed, Fri]),
    ];
    (1usize..=4).prop_flat_map(move |n| {
        (
            prop::collection::vec(
                (0i32..2, prop::collection::vec((0..n, any::<bool>()), 0..=3)),
                1..=6,
            ),
            prop::collection::vec((1u32..=2, 0u32..=3, 0usize..3), n),
        )
            .prop_map(move |(raw, spec)| {
                let clubs = (spec.iter().enumerate())
                    .map(|(i, &(cap, min, d))| club(i, cap, min, days[d]))
                    .collect();
                (applicants_from(raw), clubs)
            })
    })
}

/// The best of every allocation (no club, one, or two that do not clash
/// each), capacity and minimums (a club runs with none or at least its minimum) held.
fn every_allocation_best(applicants: &[Applicant], clubs: &[Club]) -> TwoScore {
    struct Walk<'a> {
        applicants: &'a [Applicant],
        clubs: &'a [Club],
        got: Vec<Vec<usize>>,
        count: Vec<u32>,
        best: TwoScore,
    }
    fn go(w: &mut Walk, a: usize) {
        if a == w.applicants.len() {
            let runs = (w.count.iter().zip(w.clubs)).all(|(&n, k)| n == 0 || n >= k.min);
            if runs {
                w.best = w.best.max(two_club_score(w.applicants, &w.got));
            }
            return;
        }
        let picks: Vec<usize> = w.applicants[a].choices.iter().map(|ch| ch.club).collect();
        let mut sets = vec![vec![]];
        for (i, &c) in picks.iter().enumerate() {
            sets.push(vec![c]);
            for &d in &picks[i + 1..] {
                if !clubs::clash(&w.clubs[c], &w.clubs[d]) {
                    sets.push(vec![c, d]);
                }
            }
        }
        for set in sets {
            if set.iter().any(|&c| w.count[c] == w.clubs[c].capacity) {
                continue;
            }
            set.iter().for_each(|&c| w.count[c] += 1);
            w.got[a] = set;
            go(w, a + 1);
            w.got[a].iter().for_each(|&c| w.count[c] -= 1);
        }
        w.got[a].clear();
    }
    let mut w = Walk {
        applicants,
        clubs,
        got: vec![Vec::new(); applicants.len()],
        count: vec![0; clubs.len()],
        best: (0, 0, 0, 0),
    };
    go(&mut w, 0);
    w.best
}

/// A feasible allocation at random: each child a random set of clubs with
/// seats left (none, one, or two that do not clash), then clubs below their
/// minimum emptied.
fn random_feasible(
    applicants: &[Applicant],
    clubs: &[Club],
    rng: &mut kehou::rng::Rng,
) -> Vec<Vec<usize>> {
    let mut left: Vec<u32> = clubs.iter().map(|c| c.capacity).collect();
    let mut got = vec![Vec::new(); applicants.len()];
    for (a, applicant) in applicants.iter().enumerate() {
        for ch in &applicant.choices {
            let apart = got[a]
                .iter()
                .all(|&d: &usize| !clubs::clash(&clubs[d], &clubs[ch.club]));
            if got[a].len() < 2 && left[ch.club] > 0 && apart && rng.chance(0.5) {
                left[ch.club] -= 1;
                got[a].push(ch.club);
            }
        }
    }
    let mut count = vec![0u32; clubs.len()];
    got.iter().flatten().for_each(|&c| count[c] += 1);
    for seats in &mut got {
        seats.retain(|&c| count[c] >= clubs[c].min);
    }
    got
}

/// 400 tiny schools, two clubs each, with minimums, against every allocation:
/// feasible, within the reported gap, and how often the optimum itself.
#[test]
fn two_clubs_against_every_allocation_of_400_schools() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut optimal, mut proven, mut worse) = (0, 0, 0);
    let mut rng = kehou::rng::Rng::new(7);
    const SCHOOLS: usize = 400;
    for _ in 0..SCHOOLS {
        let (applicants, clubs) = two_club_school().new_tree(&mut runner).unwrap().current();
        let order: Vec<usize> = (0..applicants.len()).collect();
        let best = every_allocation_best(&applicants, &clubs);
        let out = fresh(&applicants, &clubs, &order, Method::Optimal, 2);
        let now = within_gap(&applicants, &clubs, &out.assigned, &best);
        optimal += usize::from(now == best);
        proven += usize::from(out.proven);
        assert!(!out.proven || now == best);
        // The gap must be honest for any feasible plan, also one below the optimum.
        let lottery = fresh(&applicants, &clubs, &order, Method::Lottery, 2).assigned;
        let one_each = fresh(&applicants, &clubs, &order, Method::Optimal, 1).assigned;
        let random = random_feasible(&applicants, &clubs, &mut rng);
        for other in [lottery, one_each, random] {
            worse += usize::from(within_gap(&applicants, &clubs, &other, &best) < best);
        }
    }
    eprintln!(
        "two clubs: the optimum on {optimal} of {SCHOOLS} schools, proven on {proven}; {worse} plans below the optimum (lottery, one club each, random) checked"
    );
    assert!(
        worse > SCHOOLS / 4,
        "the gap is checked on plans below the optimum"
    );
    assert_eq!(optimal, SCHOOLS, "tiny parts are searched exhaustively");
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

/// Two clubs each: a child whose choices all meet on Monday takes one of
/// them, and a club with fewer seats than its minimum never runs — the bound
/// knows both, so a plan that does the best it can is proven.
#[test]
fn the_bound_counts_clashing_choices_once_and_skips_clubs_that_cannot_run() {
    use chrono::Weekday::*;
    let monday = Days::from_iter([Mon]);
    let clubs = [
        club(0, 5, 0, monday),
        club(1, 5, 0, monday),
        club(2, 1, 2, Days::from_iter([Tue])),
    ];
    let applicants = [wants(0, &[0, 1, 2]), wants(0, &[2])];
    let caps: Vec<u32> = clubs.iter().map(|c| c.capacity).collect();
    let out = fresh(&applicants, &clubs, &[0, 1], Method::Optimal, 2);
    assert_eq!(out.assigned, vec![vec![0], vec![]]);
    assert_eq!(out.closed, vec![2]);
    let gap = clubs::bound(&applicants, &clubs, &caps, 2, &out.assigned).gap();
    assert_eq!(gap.per_tier, vec![(0, 1, 1)]);
    assert_eq!(gap.seats, (1, 1));
    assert_eq!(gap.rank, Some((1, 1)));
    assert!(gap.closed() && out.proven);
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

/// The demo school's input files in a fresh folder (no plan yet).
fn demo_copy() -> tempfile::TempDir {
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
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kehou"))
        .arg("-c")
        .arg(dir.join("config.toml"))
        .args(args)
        .output()
        .unwrap()
}

/// Two clubs each on the demo: the 航模 club is filled rather than closed,
/// the plan is proven optimal, and a re-plan's report gives the plan against
/// the bound per tier, for seats and for rank, in both languages.
#[test]
fn the_demo_with_two_clubs_each_prints_the_gap_per_tier() {
    let dir = demo_copy();
    let config = dir.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let two = text.replace("max_clubs_per_student = 1", "max_clubs_per_student = 2");
    assert_ne!(text, two);
    std::fs::write(&config, two).unwrap();
    let en = run_in(
        dir.path(),
        &["plan", "--as-of", "2026-09-07", "--lang", "en"],
    );
    let text = String::from_utf8_lossy(&en.stdout);
    assert!(en.status.success(), "{text}");
    assert!(text.contains("[optimal] placed 781/906"), "{text}");
    assert!(!text.contains("Below their minimum"), "{text}");
    // Clubs meet on fixed days, so the flow of two clubs each is exact and
    // its search over minimums finishes.
    assert!(text.contains("  optimal (proven)"), "{text}");
    // A re-plan prints the plan against the bound per tier.
    let en = run_in(
        dir.path(),
        &["plan", "--as-of", "2026-09-07", "--lang", "en"],
    );
    let text = String::from_utf8_lossy(&en.stdout);
    assert!(en.status.success(), "{text}");
    assert!(
        text.contains("    priority 1: 56 placed, at most 56, gap 0"),
        "{text}"
    );
    assert!(
        text.contains("    priority 0: 725 placed, at most 725, gap 0"),
        "{text}"
    );
    assert!(text.contains("    seats: "), "{text}");
    assert!(text.contains("    total rank (every seat): "), "{text}");
    let zh = run_in(dir.path(), &["plan", "--as-of", "2026-09-07"]);
    let text = String::from_utf8_lossy(&zh.stdout);
    assert!(zh.status.success(), "{text}");
    assert!(
        text.contains("    优先级1:录取 56,至多 56,差距 0"),
        "{text}"
    );
    assert!(
        text.contains("    席位:已用 ") && text.contains("志愿序号合计(每个席位)"),
        "{text}"
    );
}

#[test]
fn the_demo_plans_and_prints_the_comparison() {
    let dir = demo_copy();
    let run = |args: &[&str]| run_in(dir.path(), args);
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
