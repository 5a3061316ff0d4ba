//! The term timetable workbook: a contents sheet, the overview, club fill and
//! waiting lists, one sheet per homework room, per club and per class, the
//! student schedule, teacher duties and the dismissal batches. Each sheet
//! kind is one function over the shared [`Term`] context.

use std::collections::{BTreeMap, HashMap};

use chrono::Weekday;

use super::{Cell, Sheet};
use crate::config::Config;
use crate::consent::class_order;
use crate::i18n::{Label, Lang};
use crate::model::{Class, Club, Days, natural_cmp};
use crate::plan::{Built, Kind, Placement};
use crate::school::School;
use crate::supervision::Duties;

/// What every sheet of the timetable reads: the plan as built, the duties,
/// and the enrollees in class order.
pub struct Term<'t, 'a> {
    pub built: &'t Built<'a>,
    pub duties: &'t Duties,
    pub school: &'t School,
    pub config: &'t Config,
    pub lang: Lang,
    pub weekdays: Vec<Weekday>,
    /// Enrollees in class order, and each one's place in it.
    pub order: Vec<usize>,
    pub rank: Vec<usize>,
    pub of_class: HashMap<&'t str, Vec<usize>>,
    pub position: HashMap<&'t str, usize>,
    /// Each club's placed students and waiting list (ids).
    pub placed_in: HashMap<&'t str, Vec<&'t str>>,
    pub waiting: BTreeMap<&'t str, Vec<&'t str>>,
    /// Each homework (and reading) room's students (enrollees) and the
    /// weekdays they sit there; a room only others sit in is listed too.
    pub in_room: BTreeMap<&'t str, HashMap<usize, Days>>,
    /// Each enrollee's open rows: the rows themselves, not their display
    /// names (a big school has millions).
    pub slots: Vec<Vec<&'t Placement>>,
}

/// The plan's open rows: each room's sitters with their weekdays, and each
/// enrollee's rows.
type OpenRows<'t> = (
    BTreeMap<&'t str, HashMap<usize, Days>>,
    Vec<Vec<&'t Placement>>,
);

fn open_rows<'t>(built: &'t Built, position: &HashMap<&str, usize>) -> OpenRows<'t> {
    let mut in_room: BTreeMap<&str, HashMap<usize, Days>> = BTreeMap::new();
    let mut slots: Vec<Vec<&Placement>> = vec![Vec::new(); built.enrollees.len()];
    for p in built.plan.placements.iter().filter(|p| p.to.is_none()) {
        let enrollee = position.get(&*p.student).copied();
        if matches!(p.kind, Kind::Homework | Kind::Reading) {
            let sitters = in_room.entry(&*p.group).or_default();
            if let Some(e) = enrollee {
                sitters.entry(e).or_default().insert(p.weekday);
            }
        }
        if let Some(e) = enrollee {
            slots[e].push(p);
        }
    }
    (in_room, slots)
}

impl<'t, 'a> Term<'t, 'a> {
    fn new(
        built: &'t Built<'a>,
        duties: &'t Duties,
        school: &'t School,
        config: &'t Config,
    ) -> Term<'t, 'a> {
        // Each class looked up once, not at every comparison.
        let class_of: Vec<Option<&Class>> = built
            .enrollees
            .iter()
            .map(|e| school.class(&e.student.class))
            .collect();
        let mut order: Vec<usize> = (0..built.enrollees.len()).collect();
        order.sort_by(|&a, &b| {
            match (class_of[a], class_of[b]) {
                (Some(ca), Some(cb)) => class_order(ca, cb),
                _ => std::cmp::Ordering::Equal,
            }
            .then_with(|| {
                let (ea, eb) = (&built.enrollees[a], &built.enrollees[b]);
                natural_cmp(&ea.student.id, &eb.student.id)
            })
        });
        let mut rank = vec![0; order.len()];
        let mut of_class: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, &e) in order.iter().enumerate() {
            rank[e] = i;
            of_class
                .entry(built.enrollees[e].student.class.as_str())
                .or_default()
                .push(e);
        }
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
        let position: HashMap<&str, usize> = (built.enrollees.iter().enumerate())
            .map(|(i, e)| (e.student.id.as_str(), i))
            .collect();
        let (in_room, slots) = open_rows(built, &position);
        Term {
            built,
            duties,
            school,
            config,
            lang: config.lang,
            weekdays: config.calendar.weekdays.iter().collect(),
            in_room,
            slots,
            order,
            rank,
            of_class,
            position,
            placed_in,
            waiting,
        }
    }

    pub fn l(&self, label: Label) -> String {
        label.text(self.lang).to_string()
    }

    /// `示范小学 2026秋 <what>`
    pub fn title(&self, what: &str) -> String {
        format!(
            "{} {} {what}",
            self.config.school.name, self.config.school.term
        )
    }

    /// The enrollees with these ids, in class order.
    pub fn in_class_order<'i>(&self, ids: impl Iterator<Item = &'i str>) -> Vec<usize> {
        let mut members: Vec<usize> = ids
            .filter_map(|id| self.position.get(id).copied())
            .collect();
        members.sort_by_key(|&e| self.rank[e]);
        members
    }

    /// 序号, 学号, 姓名 (and 班级 where a sheet mixes classes), then `extra`.
    pub fn student_headers(&self, with_class: bool, extra: Vec<String>) -> Vec<String> {
        let mut h = vec![self.l(Label::No)];
        if with_class {
            h.push(self.l(Label::Class));
        }
        h.extend([self.l(Label::StudentId), self.l(Label::Name)]);
        h.extend(extra);
        h
    }

    pub fn student_cells(&self, n: usize, e: usize, with_class: bool) -> Vec<Cell> {
        let st = self.built.enrollees[e].student;
        let mut row = vec![n.into()];
        if with_class {
            row.push(Cell::from(&st.class));
        }
        row.extend([Cell::from(&st.id), Cell::from(&st.name)]);
        row
    }

    pub fn running_clubs(&self) -> impl Iterator<Item = (usize, &'t Club)> + '_ {
        self.school
            .clubs
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.built.closed.contains(i))
    }

    fn rooms(&self) -> Vec<&'t str> {
        let mut rooms: Vec<&str> = self.in_room.keys().copied().collect();
        rooms.sort_by(|a, b| natural_cmp(a, b));
        rooms
    }

    fn classes(&self) -> Vec<&'t Class> {
        let mut classes: Vec<&Class> = self
            .school
            .classes
            .iter()
            .filter(|c| self.config.band_of(c.grade).is_some())
            .collect();
        classes.sort_by(|a, b| class_order(a, b));
        classes
    }
}

/// The timetable's sheets, in order.
enum Part<'t> {
    Overview,
    Fill,
    Waitlists,
    Room(&'t str),
    Club(&'t Club),
    Class(&'t Class),
    Schedule,
    Duties,
    Dismissal,
}

impl Part<'_> {
    fn build(&self, t: &Term) -> Sheet {
        use super::timetable_summary as summary;
        use super::timetable_views as views;
        match self {
            Part::Overview => summary::overview_sheet(t),
            Part::Fill => summary::fill_sheet(t),
            Part::Waitlists => summary::waitlists_sheet(t),
            Part::Room(room) => views::room_sheet(t, room),
            Part::Club(club) => views::club_sheet(t, club),
            Part::Class(class) => super::timetable_class::class_sheet(t, class),
            Part::Schedule => views::schedule_sheet(t),
            Part::Duties => views::duties_sheet(t),
            Part::Dismissal => views::dismissal_sheet(t),
        }
    }
}

/// The timetable with its sheets named but not yet built: the context they
/// share, the contents sheet (its names and titles are known before the
/// sheets are built) and every sheet in order with its name. Built in three
/// runs: the summaries, one sheet per room, club and class (thousands of
/// small sheets for a big school), then the lists of every student and
/// teacher, built once the indexes only the room and class sheets need are
/// let go.
pub struct Timetable<'t, 'a> {
    term: Term<'t, 'a>,
    contents: Option<Sheet>,
    parts: Vec<(Part<'t>, String)>,
}

impl<'t, 'a> Timetable<'t, 'a> {
    pub fn new(
        built: &'t Built<'a>,
        duties: &'t Duties,
        school: &'t School,
        config: &'t Config,
    ) -> Timetable<'t, 'a> {
        let term = Term::new(built, duties, school, config);
        let mut parts = vec![Part::Overview, Part::Fill, Part::Waitlists];
        parts.extend(term.rooms().into_iter().map(Part::Room));
        parts.extend(term.running_clubs().map(|(_, c)| Part::Club(c)));
        parts.extend(term.classes().into_iter().map(Part::Class));
        parts.extend([Part::Schedule, Part::Duties, Part::Dismissal]);
        let heads: Vec<(String, String)> = parts.iter().map(|p| p.head(&term)).collect();
        let (contents, names) = super::contents::contents_of(&heads, term.lang);
        Timetable {
            term,
            contents: Some(contents),
            parts: parts.into_iter().zip(names).collect(),
        }
    }

    /// The contents, the overview, the clubs' fill and the waiting lists.
    pub fn build_summaries(&mut self, emit: Emit) -> anyhow::Result<()> {
        if let Some(contents) = self.contents.take() {
            emit(contents)?;
        }
        self.build_run(Run::Summaries, emit)
    }

    /// One sheet per room, club and class, in order.
    pub fn build_groups(&self, emit: Emit) -> anyhow::Result<()> {
        self.build_run(Run::Groups, emit)
    }

    /// The student schedule, the teacher duties and the dismissal batches.
    /// The room and class sheets are written by now: their indexes of every
    /// student's rows are let go before the biggest sheets are built.
    pub fn build_lists(mut self, emit: Emit) -> anyhow::Result<()> {
        self.term.in_room = BTreeMap::new();
        self.term.slots = Vec::new();
        self.build_run(Run::Lists, emit)
    }

    fn build_run(&self, run: Run, emit: Emit) -> anyhow::Result<()> {
        for (part, name) in self.parts.iter().filter(|(p, _)| p.run() == run) {
            let mut sheet = part.build(&self.term);
            sheet.name = name.clone();
            emit(sheet)?;
        }
        Ok(())
    }
}

/// Where each sheet is handed as soon as it is built (a big school's sheets
/// need not all be held at once).
pub type Emit<'e> = &'e mut dyn FnMut(Sheet) -> anyhow::Result<()>;

/// The three runs of sheets the timetable is built in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    Summaries,
    Groups,
    Lists,
}

impl Part<'_> {
    fn run(&self) -> Run {
        match self {
            Part::Overview | Part::Fill | Part::Waitlists => Run::Summaries,
            Part::Room(_) | Part::Club(_) | Part::Class(_) => Run::Groups,
            Part::Schedule | Part::Duties | Part::Dismissal => Run::Lists,
        }
    }
}

impl Part<'_> {
    /// The sheet's name and title, without building it.
    fn head(&self, t: &Term) -> (String, String) {
        use super::timetable_views as views;
        match self {
            Part::Overview => (t.l(Label::Overview), t.title(&t.l(Label::Overview))),
            Part::Fill => (t.l(Label::ClubFill), t.title(&t.l(Label::ClubFill))),
            Part::Waitlists => (t.l(Label::Waitlists), t.title(&t.l(Label::Waitlists))),
            Part::Room(room) => views::room_head(t, room),
            Part::Club(club) => views::club_head(t, club),
            Part::Class(class) => super::timetable_class::class_head(t, class),
            Part::Schedule => (
                t.l(Label::StudentSchedule),
                t.title(&t.l(Label::StudentSchedule)),
            ),
            Part::Duties => (
                t.l(Label::TeacherDuties),
                t.title(&t.l(Label::TeacherDuties)),
            ),
            Part::Dismissal => (t.l(Label::Dismissal), t.title(&t.l(Label::Dismissal))),
        }
    }
}
