//! The term timetable workbook: overview, club fill, one sheet per homework
//! room, per club and per class, the student schedule, teacher duties and the
//! dismissal batches; and the plan's summary for the terminal.

use std::collections::{BTreeMap, HashMap};

use chrono::Weekday;

use super::{Cell, Chart, Sheet, days_text, group_name, pickup_text, session_text};
use crate::config::Config;
use crate::consent::class_order;
use crate::i18n::{Label, day_block, nth_choice, weekday_name};
use crate::model::{Session, natural_cmp};
use crate::plan::{Built, Kind, Placement, dismissal_of};
use crate::school::School;
use crate::supervision::Duties;

/// Builds the timetable's sheets in order, handing each to `emit` as soon as it
/// is ready (a big school's sheets need not all be held at once).
pub fn sheets(
    built: &Built,
    duties: &Duties,
    school: &School,
    config: &Config,
    emit: &mut dyn FnMut(Sheet) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let title = |what: &str| format!("{} {} {}", config.school.name, config.school.term, what);
    let weekdays: Vec<Weekday> = config.calendar.weekdays.iter().collect();
    let open: Vec<&Placement> = built
        .plan
        .placements
        .iter()
        .filter(|p| p.to.is_none())
        .collect();
    // Enrollees in class order.
    let mut order: Vec<usize> = (0..built.enrollees.len()).collect();
    order.sort_by(|&a, &b| {
        let (ea, eb) = (&built.enrollees[a], &built.enrollees[b]);
        match (
            school.class(&ea.student.class),
            school.class(&eb.student.class),
        ) {
            (Some(ca), Some(cb)) => class_order(ca, cb),
            _ => std::cmp::Ordering::Equal,
        }
        .then_with(|| natural_cmp(&ea.student.id, &eb.student.id))
    });
    // Each enrollee's place in that order, and the enrollees of each class in it.
    let mut rank = vec![0; order.len()];
    let mut of_class: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, &e) in order.iter().enumerate() {
        rank[e] = i;
        of_class
            .entry(built.enrollees[e].student.class.as_str())
            .or_default()
            .push(e);
    }

    // Overview.
    let s = &built.satisfaction;
    let with_choices: usize = s.per_tier.iter().map(|t| t.2).sum();
    let share = |n: usize, of: usize| Cell::Share(if of == 0 { 0.0 } else { n as f64 / of as f64 });
    let mut overview = Sheet::new(
        Label::Overview.text(lang),
        "overview",
        title(Label::Overview.text(lang)),
        vec![l(Label::Item), l(Label::Count), l(Label::Share)],
    );
    let mut chart_rows = (0, 0);
    chart_rows.0 = overview.rows.len();
    for (i, n) in s.by_rank.iter().enumerate() {
        overview.rows.push(vec![
            nth_choice(lang, i + 1).into(),
            (*n).into(),
            share(*n, with_choices),
        ]);
    }
    overview.rows.push(vec![
        l(Label::Unplaced).into(),
        s.unplaced.into(),
        share(s.unplaced, with_choices),
    ]);
    chart_rows.1 = overview.rows.len() - 1;
    let total = built.enrollees.len();
    overview.rows.push(vec![
        l(Label::InService).into(),
        total.into(),
        share(total, total),
    ]);
    for band in &config.bands {
        for session in [Session::Full, Session::First] {
            let n = built
                .enrollees
                .iter()
                .filter(|e| band.grades.contains(e.grade) && e.slip.session == session)
                .count();
            let item = format!("{} {}", band.name, session_text(lang, session));
            overview
                .rows
                .push(vec![item.into(), n.into(), share(n, total)]);
        }
    }
    let capacity: u32 = school
        .clubs
        .iter()
        .enumerate()
        .filter(|(i, _)| !built.closed.contains(i))
        .map(|(_, c)| c.capacity)
        .sum();
    overview.rows.push(vec![
        l(Label::SeatsUsed).into(),
        s.seats.into(),
        share(s.seats, capacity as usize),
    ]);
    overview.rows.push(vec![
        format!(
            "{}: {}",
            l(Label::ClassesSplit),
            lang.list(&built.split_classes)
        )
        .into(),
        built.split_classes.len().into(),
        Cell::from(""),
    ]);
    let closed: Vec<String> = built
        .closed
        .iter()
        .map(|&c| school.clubs[c].name.clone())
        .collect();
    overview.rows.push(vec![
        format!("{}: {}", l(Label::NotRunning), lang.list(&closed)).into(),
        closed.len().into(),
        Cell::from(""),
    ]);
    for p in duties.problems.iter() {
        overview.rows.push(vec![
            format!("{}: {}", l(Label::ProblemsLabel), p.msg.render(lang)).into(),
            Cell::from(""),
            Cell::from(""),
        ]);
    }
    overview.chart = Some(Chart {
        title: l(Label::Choices),
        first_row: chart_rows.0,
        last_row: chart_rows.1,
        label_column: 0,
        value_column: 1,
        percent: false,
    });
    emit(overview)?;

    // Club fill.
    let mut placed_in: HashMap<&str, Vec<&str>> = HashMap::new();
    for (e, clubs) in built.clubs_of.iter().enumerate() {
        for &c in clubs {
            placed_in
                .entry(school.clubs[c].id.as_str())
                .or_default()
                .push(built.enrollees[e].student.id.as_str());
        }
    }
    let mut waiting: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for w in &built.plan.waitlist {
        waiting
            .entry(w.club.as_str())
            .or_default()
            .push(w.student.as_str());
    }
    let mut fill = Sheet::new(
        Label::ClubFill.text(lang),
        "clubs",
        title(Label::ClubFill.text(lang)),
        [
            Label::Club,
            Label::Name,
            Label::Teacher,
            Label::Days,
            Label::Capacity,
            Label::Placed,
            Label::FillRate,
            Label::Waitlist,
            Label::Status,
        ]
        .map(l)
        .to_vec(),
    );
    for (i, club) in school.clubs.iter().enumerate() {
        let n = placed_in.get(club.id.as_str()).map_or(0, Vec::len);
        let status = if built.closed.contains(&i) {
            Label::NotRunning
        } else {
            Label::Running
        };
        fill.rows.push(vec![
            Cell::from(&club.id),
            Cell::from(&club.name),
            Cell::from(school.staff_name(&club.teacher)),
            Cell::from(days_text(lang, club.days, config.calendar.weekdays)),
            club.capacity.into(),
            n.into(),
            share(n, club.capacity as usize),
            waiting.get(club.id.as_str()).map_or(0, Vec::len).into(),
            Cell::from(status.text(lang)),
        ]);
    }
    emit(fill)?;

    let position: HashMap<&str, usize> = built
        .enrollees
        .iter()
        .enumerate()
        .map(|(i, e)| (e.student.id.as_str(), i))
        .collect();
    // One sheet per homework (and reading) room: students × weekdays.
    let mut in_room: BTreeMap<&str, HashMap<&str, Vec<Weekday>>> = BTreeMap::new();
    for p in open
        .iter()
        .filter(|p| matches!(p.kind, Kind::Homework | Kind::Reading))
    {
        let days = in_room
            .entry(&*p.group)
            .or_default()
            .entry(&*p.student)
            .or_default();
        if !days.contains(&p.weekday) {
            days.push(p.weekday);
        }
    }
    let mut room_names: Vec<&str> = in_room.keys().copied().collect();
    room_names.sort_by(|a, b| natural_cmp(a, b));
    let student_headers = |extra: Vec<String>| {
        let mut h = vec![
            l(Label::No),
            l(Label::Class),
            l(Label::StudentId),
            l(Label::Name),
        ];
        h.extend(extra);
        h
    };
    for room in room_names {
        let students = &in_room[room];
        let mut sheet = Sheet::new(
            &format!("{}-{room}", l(Label::HomeworkRoom)),
            &format!("room-{room}"),
            title(&format!("{} {room}", l(Label::HomeworkRoom))),
            student_headers(
                weekdays
                    .iter()
                    .map(|d| weekday_name(lang, *d).to_string())
                    .collect(),
            ),
        );
        let mut members: Vec<usize> = students
            .keys()
            .filter_map(|id| position.get(id).copied())
            .collect();
        members.sort_by_key(|&e| rank[e]);
        for e in members {
            let st = built.enrollees[e].student;
            let days = &students[st.id.as_str()];
            let mut row = vec![
                (sheet.rows.len() + 1).into(),
                Cell::from(&st.class),
                Cell::from(&st.id),
                Cell::from(&st.name),
            ];
            row.extend(
                weekdays
                    .iter()
                    .map(|d| Cell::from(if days.contains(d) { "✓" } else { "" })),
            );
            sheet.rows.push(row);
        }
        emit(sheet)?;
    }

    // One sheet per running club: the roster, then the waiting list.
    for (i, club) in school.clubs.iter().enumerate() {
        if built.closed.contains(&i) {
            continue;
        }
        let mut sheet = Sheet::new(
            &format!("{}-{}", club.id, club.name),
            &format!("club-{}", club.id),
            title(&format!(
                "{} {} {}",
                l(Label::Club),
                club.name,
                days_text(lang, club.days, config.calendar.weekdays)
            )),
            student_headers(vec![l(Label::Rank), l(Label::Status)]),
        );
        let rank_of = |e: usize| {
            built.enrollees[e]
                .slip
                .choices
                .iter()
                .position(|c| c.as_deref() == Some(club.id.as_str()))
                .map_or(String::new(), |r| nth_choice(lang, r + 1))
        };
        let mut roster: Vec<usize> = placed_in
            .get(club.id.as_str())
            .into_iter()
            .flatten()
            .filter_map(|id| position.get(id).copied())
            .collect();
        roster.sort_by_key(|&e| rank[e]);
        for e in roster {
            let st = built.enrollees[e].student;
            sheet.rows.push(vec![
                (sheet.rows.len() + 1).into(),
                Cell::from(&st.class),
                Cell::from(&st.id),
                Cell::from(&st.name),
                Cell::from(rank_of(e)),
                Cell::from(l(Label::Placed)),
            ]);
        }
        for (n, id) in waiting
            .get(club.id.as_str())
            .into_iter()
            .flatten()
            .enumerate()
        {
            let Some(&e) = position.get(id) else { continue };
            let st = built.enrollees[e].student;
            sheet.rows.push(vec![
                (n + 1).into(),
                Cell::from(&st.class),
                Cell::from(&st.id),
                Cell::from(&st.name),
                Cell::from(rank_of(e)),
                Cell::from(format!("{} {}", l(Label::Waitlist), n + 1)),
            ]);
        }
        emit(sheet)?;
    }

    // The class view: every student of the class, every block of every weekday.
    // The rows themselves, not their display names: a big school has millions.
    let mut slots: HashMap<&str, HashMap<(u32, u8), &Placement>> = HashMap::new();
    for p in &open {
        slots
            .entry(&*p.student)
            .or_default()
            .insert((p.weekday.num_days_from_monday(), p.block), p);
    }
    let mut classes: Vec<&crate::model::Class> = school.classes.iter().collect();
    classes.sort_by(|a, b| class_order(a, b));
    for class in classes {
        let Some(band) = config.band_of(class.grade) else {
            continue;
        };
        let columns: Vec<(Weekday, u8)> = weekdays
            .iter()
            .flat_map(|d| (1..=band.blocks.len() as u8).map(move |b| (*d, b)))
            .collect();
        let mut sheet = Sheet::new(
            &format!("{}-{}", l(Label::ClassView), class.name),
            &format!("class-{}", class.name),
            title(&class.name),
            student_headers(
                columns
                    .iter()
                    .map(|(d, b)| day_block(lang, *d, *b))
                    .collect(),
            ),
        );
        sheet.landscape = true;
        for &e in of_class.get(class.name.as_str()).into_iter().flatten() {
            let st = built.enrollees[e].student;
            let mine = slots.get(st.id.as_str());
            let mut row = vec![
                (sheet.rows.len() + 1).into(),
                Cell::from(&st.class),
                Cell::from(&st.id),
                Cell::from(&st.name),
            ];
            for (d, b) in &columns {
                let text = mine
                    .and_then(|m| m.get(&(d.num_days_from_monday(), *b)))
                    .map(|p| group_name(school, p.kind, &p.group))
                    .unwrap_or_else(|| {
                        if built.enrollees[e].days.contains(*d) {
                            l(Label::GoesHome)
                        } else {
                            String::new()
                        }
                    });
                row.push(text.into());
            }
            sheet.rows.push(row);
        }
        emit(sheet)?;
    }

    // The student schedule: one row per student.
    let mut schedule = Sheet::new(
        Label::StudentSchedule.text(lang),
        "students",
        title(Label::StudentSchedule.text(lang)),
        [
            Label::No,
            Label::Class,
            Label::StudentId,
            Label::Name,
            Label::Session,
            Label::Days,
            Label::HomeworkRoom,
            Label::Club,
            Label::Pickup,
            Label::LeaveTime,
        ]
        .map(l)
        .to_vec(),
    );
    schedule.landscape = true;
    for &e in &order {
        let en = &built.enrollees[e];
        let clubs: Vec<String> = built.clubs_of[e]
            .iter()
            .map(|&c| school.clubs[c].name.clone())
            .collect();
        let leaves = config
            .band_of(en.grade)
            .map(|b| {
                dismissal_of(b, en.slip.session)
                    .0
                    .format("%H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        schedule.rows.push(vec![
            (schedule.rows.len() + 1).into(),
            Cell::from(&en.student.class),
            Cell::from(&en.student.id),
            Cell::from(&en.student.name),
            Cell::from(session_text(lang, en.slip.session)),
            Cell::from(days_text(lang, en.days, config.calendar.weekdays)),
            Cell::from(built.room_of[e].map_or("", |r| school.rooms[r].name.as_str())),
            Cell::from(clubs.join(lang.pick("、", ", "))),
            Cell::from(pickup_text(lang, en.slip.pickup)),
            Cell::from(leaves),
        ]);
    }
    emit(schedule)?;

    // Teacher duties: the weekly grid and hours.
    let mut grid: BTreeMap<&str, HashMap<Weekday, Vec<String>>> = BTreeMap::new();
    for d in &duties.duties {
        for t in &d.teachers {
            let text = format!(
                "{} {}–{}",
                group_name(school, d.kind, &d.group),
                d.start.format("%H:%M"),
                d.end.format("%H:%M")
            );
            grid.entry(t.as_str())
                .or_default()
                .entry(d.weekday)
                .or_default()
                .push(text);
        }
    }
    for (day, leader) in &duties.leaders {
        if let Some(id) = leader {
            grid.entry(id.as_str())
                .or_default()
                .entry(*day)
                .or_default()
                .push(l(Label::DutyLeader));
        }
    }
    let mut headers = vec![l(Label::StaffId), l(Label::Name)];
    headers.extend(weekdays.iter().map(|d| weekday_name(lang, *d).to_string()));
    headers.push(l(Label::WeeklyHours));
    let mut teachers = Sheet::new(
        Label::TeacherDuties.text(lang),
        "duties",
        title(Label::TeacherDuties.text(lang)),
        headers,
    );
    teachers.landscape = true;
    let mut ids: Vec<&str> = grid.keys().copied().collect();
    ids.sort_by(|a, b| natural_cmp(a, b));
    for id in ids {
        let days = &grid[id];
        let mut row = vec![Cell::from(id), Cell::from(school.staff_name(id))];
        for d in &weekdays {
            row.push(days.get(d).map_or(String::new(), |v| v.join("\n")).into());
        }
        let minutes = duties.minutes.get(id).copied().unwrap_or(0);
        row.push(Cell::Text(format!("{:.1}", minutes as f64 / 60.0)));
        teachers.rows.push(row);
    }
    emit(teachers)?;

    // Dismissal batches per band and session.
    let mut headers = vec![l(Label::Band), l(Label::Batch), l(Label::Time)];
    headers.extend(weekdays.iter().map(|d| weekday_name(lang, *d).to_string()));
    let mut dismissal = Sheet::new(
        Label::Dismissal.text(lang),
        "dismissal",
        title(Label::Dismissal.text(lang)),
        headers,
    );
    for band in &config.bands {
        for session in [Session::First, Session::Full] {
            let (time, early) = dismissal_of(band, session);
            let mut row = vec![
                Cell::from(&band.name),
                Cell::from(if early {
                    l(Label::EarlyBatch)
                } else {
                    session_text(lang, session).to_string()
                }),
                Cell::from(time.format("%H:%M").to_string()),
            ];
            for d in &weekdays {
                let n = built
                    .enrollees
                    .iter()
                    .filter(|e| {
                        band.grades.contains(e.grade)
                            && e.slip.session == session
                            && e.days.contains(*d)
                    })
                    .count();
                row.push(n.into());
            }
            dismissal.rows.push(row);
        }
    }
    emit(dismissal)
}
