//! The shared loader: every input file of a school, read, validated and
//! cross-checked in one pass, every problem collected.
//!
//! Files are read in the order their references need: staff before the
//! classes that name head teachers, classes before students, clubs before the
//! slips that choose them.

mod groups;
pub mod incidents;
mod roster;
mod set_aside;
mod slips;
mod staff;
mod volunteers;
mod who;

pub use set_aside::SetAside;

pub use staff::{StaffIndex, StaffRef};

use std::collections::HashMap;

use crate::config::Config;
use crate::input::{Cells, Field, Problems, Severity, bind, bind_named, load, read_rows};
use crate::model::*;

#[derive(Debug, Default)]
pub struct School {
    pub staff: Vec<Staff>,
    pub classes: Vec<Class>,
    pub students: Vec<Student>,
    pub rooms: Vec<Room>,
    pub clubs: Vec<Club>,
    pub activities: Vec<Activity>,
    pub slips: Vec<ConsentSlip>,
    pub leave: Vec<Leave>,
    pub pickup_changes: Vec<PickupChange>,
    /// Parents helping at dismissal (optional file).
    pub volunteers: Vec<crate::volunteers::Volunteer>,
    /// The care log's incidents (optional file).
    pub incidents: Vec<crate::incidents::Incident>,
    staff_index: StaffIndex,
    student_at: HashMap<String, usize>,
    /// Every id in the students file, even on rows with problems, so that a
    /// slip for such a student is not reported a second time as unknown.
    roster_ids: HashMap<String, usize>,
    class_at: HashMap<String, usize>,
    club_at: HashMap<String, usize>,
    /// Every id in the clubs file, even on rows with problems.
    club_ids: HashMap<String, usize>,
    /// The rows of each file left out for their errors, by key.
    pub set_aside: SetAsideRows,
    /// The students by name and class, for slips without 学号.
    by_name: who::ByName,
}

/// The rows each file left out for their own errors, with their keys.
#[derive(Debug, Default)]
pub struct SetAsideRows {
    pub staff: SetAside,
    pub classes: SetAside,
    pub students: SetAside,
    pub rooms: SetAside,
    pub clubs: SetAside,
    pub activities: SetAside,
    pub slips: SetAside,
    pub leave: SetAside,
    pub pickup_changes: SetAside,
}

impl SetAsideRows {
    /// (file, rows set aside) of every file that set rows aside.
    pub fn counts(&self) -> Vec<(String, usize)> {
        [
            &self.staff,
            &self.classes,
            &self.students,
            &self.rooms,
            &self.clubs,
            &self.activities,
            &self.slips,
            &self.leave,
            &self.pickup_changes,
        ]
        .into_iter()
        .filter(|a| a.rows > 0)
        .map(|a| (a.file.clone(), a.rows))
        .collect()
    }
}

impl School {
    /// Loads every file named in the config. Problems go to `problems`; the
    /// rows that could be read are kept, so a report can still show them.
    pub fn load(config: &Config, problems: &mut Problems) -> School {
        let mut school = School::default();
        let files = &config.files;
        let mut reader = Reader { config, problems };
        let aside = &mut school.set_aside;
        (school.staff, aside.staff) = reader.file(
            "staff",
            &files.staff,
            roster::STAFF,
            false,
            &["id", "name"],
            roster::staff,
        );
        roster::flag_shared_names(&school.staff, &files.staff, reader.problems);
        school.staff_index = StaffIndex::new(&school.staff).with_set_aside(&aside.staff);
        let mut classes_seen = HashMap::new();
        (school.classes, aside.classes) = reader.file(
            "classes",
            &files.classes,
            roster::CLASSES,
            false,
            &["class"],
            |c| roster::class(c, &school.staff_index, &mut classes_seen),
        );
        school.class_at = index(&school.classes, |c| &c.name);
        let mut seen = HashMap::new();
        (school.students, aside.students) = reader.file(
            "students",
            &files.students,
            roster::STUDENTS,
            false,
            &["id"],
            |c| {
                roster::student(
                    c,
                    &school.classes,
                    &school.class_at,
                    &aside.classes,
                    &mut seen,
                )
            },
        );
        school.student_at = index(&school.students, |s| &s.id);
        school.by_name = who::ByName::new(&school.students);
        school.roster_ids = seen;
        (school.rooms, aside.rooms) = reader.file(
            "rooms",
            &files.rooms,
            groups::ROOMS,
            false,
            &["room"],
            |c| groups::room(c, &school.staff_index),
        );
        let room_names: Vec<String> = school.rooms.iter().map(|r| r.name.clone()).collect();
        crate::config::check_reading_room(config, &room_names, reader.problems);
        let mut club_ids = HashMap::new();
        (school.clubs, aside.clubs) = reader.file(
            "clubs",
            &files.clubs,
            groups::CLUBS,
            false,
            &["club", "name"],
            |c| groups::club(c, config, &school.staff_index, &mut club_ids),
        );
        school.club_at = index(&school.clubs, |c| &c.id);
        school.club_ids = club_ids;
        (school.activities, aside.activities) =
            reader.optional("activities", &files.activities, groups::ACTIVITIES, |c| {
                groups::activity(
                    c,
                    config,
                    &school.staff_index,
                    &school.class_at,
                    &aside.classes,
                )
            });
        let slips = reader.file("consent", &files.consent, slips::CONSENT, true, &[], |c| {
            slips::slip(c, config, &school)
        });
        (school.slips, school.set_aside.slips) = slips;
        slips::flag_same_date(&school.slips, &files.consent, reader.problems);
        let read = |id: &str| school.student_at.contains_key(id);
        let aside = &school.set_aside.students;
        let leave = reader.optional("leave", &files.leave, slips::LEAVE, |c| {
            slips::leave(c, read, aside)
        });
        let pickup = reader.optional(
            "pickup_changes",
            &files.pickup_changes,
            slips::PICKUP,
            |c| slips::pickup_change(c, read, aside),
        );
        (school.leave, school.set_aside.leave) = leave;
        (school.pickup_changes, school.set_aside.pickup_changes) = pickup;
        school.volunteers = reader
            .optional(
                "volunteers",
                &files.volunteers,
                volunteers::VOLUNTEERS,
                |c| volunteers::volunteer(c, config, &school),
            )
            .0;
        school.incidents = reader
            .optional("incidents", &files.incidents, incidents::INCIDENTS, |c| {
                incidents::incident(c, &school)
            })
            .0;
        *problems = set_aside::merge_not_checked(std::mem::take(problems));
        if school.students.is_empty() && school.set_aside.students.rows == 0 {
            // A new school hears it plainly; one whose other files name
            // students hears why none of them match.
            let severity = if problems.has_errors() {
                Severity::Warning
            } else {
                Severity::Note
            };
            problems.file(severity, &files.students, crate::i18n::Msg::NoStudentsYet);
        }
        school
    }

    pub fn student(&self, id: &str) -> Option<&Student> {
        self.student_at.get(id).map(|&i| &self.students[i])
    }

    pub fn class(&self, name: &str) -> Option<&Class> {
        self.class_at.get(name).map(|&i| &self.classes[i])
    }

    /// Whether the id is in the students file (even on a row with problems).
    pub fn on_roster(&self, id: &str) -> bool {
        self.roster_ids.contains_key(id)
    }

    /// Whether the id is in the clubs file (even on a row with problems).
    pub fn club_listed(&self, id: &str) -> bool {
        self.club_ids.contains_key(id)
    }

    /// Whether the id is a student's in the students file, on a row read whole.
    pub fn student_read(&self, id: &str) -> bool {
        self.student_at.contains_key(id)
    }

    pub fn club(&self, id: &str) -> Option<&Club> {
        self.club_at.get(id).map(|&i| &self.clubs[i])
    }

    /// The grade of a student (0 if their class is unknown, which loading reports).
    pub fn grade_of(&self, student: &Student) -> u8 {
        self.class(&student.class).map_or(0, |c| c.grade)
    }

    pub fn staff_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.staff_index
            .position(id)
            .map_or(id, |i| self.staff[i].name.as_str())
    }

    /// Resolves a staff reference (id, `姓名(工号)`, or a unique name) to the
    /// staff id, or says why it names nobody for sure.
    pub fn find_staff(&self, reference: &str) -> Result<String, StaffRef> {
        self.staff_index.find(reference)
    }

    /// How a staff member is printed: the name, or `姓名(工号)` when another
    /// staff member has the same name, so that nobody can be confused.
    pub fn staff_label(&self, id: &str) -> String {
        let name = self.staff_name(id);
        if self.staff_index.named(name) > 1 {
            format!("{name}({id})")
        } else {
            name.to_string()
        }
    }
}

/// The first row with each key wins; duplicates are reported by the loaders.
fn index<T>(items: &[T], key: impl Fn(&T) -> &String) -> HashMap<String, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        map.entry(key(item).clone()).or_insert(i);
    }
    map
}

struct Reader<'a> {
    config: &'a Config,
    problems: &'a mut Problems,
}

impl Reader<'_> {
    /// Reads a file the school must have; the rows left out for their
    /// errors are set aside under their `keys`.
    fn file<T>(
        &mut self,
        kind: &str,
        spec: &str,
        fields: &'static [Field],
        ranked: bool,
        keys: &[&str],
        mut read: impl FnMut(&mut Cells) -> Option<T>,
    ) -> (Vec<T>, SetAside) {
        let table = match load(&self.config.dir, spec) {
            Err(crate::i18n::Msg::FileMissing) => match self.other_extension(spec, false) {
                Some(found) => load(&self.config.dir, &found),
                None => Err(crate::i18n::Msg::FileMissing),
            },
            Ok(t) if t.rows.is_empty() => match self.other_extension(spec, true) {
                Some(found) => load(&self.config.dir, &found),
                None => Ok(t),
            },
            loaded => loaded,
        };
        let table = match table {
            Ok(t) => t,
            Err(msg) => {
                self.problems.file(Severity::Error, spec, msg);
                return (Vec::new(), SetAside::new(spec));
            }
        };
        let mut aside = SetAside::new(&table.file);
        let names = self.config.columns.get(kind).cloned().unwrap_or_default();
        let (columns, complete) = bind_named(&table, fields, ranked, &names, self.problems);
        let keys_of = |row: &crate::input::Row| {
            keys.iter()
                .map(|k| columns.cell(row, k).trim().to_string())
                .collect::<Vec<_>>()
        };
        if !complete {
            // A missing column sets every row aside, all at the header's line.
            for row in &table.rows {
                aside.add(keys_of(row), table.header_line);
            }
            return (Vec::new(), aside);
        }
        let rows = read_rows(&table, &columns, self.problems, |c| {
            let value = read(c);
            if c.failed || value.is_none() {
                aside.add(keys_of(c.row), c.line());
            }
            value
        });
        (rows, aside)
    }

    /// Reads a file the school may leave out (no leave requests yet, no activities).
    fn optional<T>(
        &mut self,
        kind: &str,
        spec: &str,
        fields: &'static [Field],
        read: impl FnMut(&mut Cells) -> Option<T>,
    ) -> (Vec<T>, SetAside) {
        let (path, _) = spec.split_once('#').unwrap_or((spec, ""));
        let found = || crate::input::with_other_extension(&self.config.dir, path);
        if spec.is_empty() || (!self.config.dir.join(path).exists() && found().is_none()) {
            return (Vec::new(), SetAside::new(spec));
        }
        self.file(kind, spec, fields, false, &[], read)
    }

    /// The configured file is missing, or still the empty template, and a
    /// clerk saved it under the same name as another kind (students.csv →
    /// students.xlsx): use that, and say so.
    fn other_extension(&mut self, spec: &str, template: bool) -> Option<String> {
        let found = crate::input::with_other_extension(&self.config.dir, spec)?;
        let msg = crate::i18n::Msg::UsingOtherExtension {
            found: found.clone(),
            template,
        };
        // The header-only template beside a filled-in xlsx is the usual
        // case: said by `check` (which shows notes), not by every command.
        let severity = if template {
            Severity::Note
        } else {
            Severity::Warning
        };
        self.problems.file(severity, spec, msg);
        Some(found)
    }
}

/// Up to three names closest to `wanted`, for "did you mean" suggestions.
pub fn closest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let limit = (wanted.chars().count() / 2).max(2);
    let mut scored: Vec<(usize, &str)> = names
        .map(|n| (strsim::levenshtein(wanted, n), n))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, n)| n.to_string())
        .collect()
}

/// Checks a staff reference in a column and returns the staff id; reports it
/// if unknown or if it is a name two staff share.
fn staff_cell(cells: &mut Cells, column: &str, staff: &StaffIndex) -> String {
    let text = cells.text(column);
    if text.is_empty() {
        return text;
    }
    match staff.find(&text) {
        Ok(id) => id,
        Err(StaffRef::Unknown) => {
            let col = cells.column(column);
            let refs = crate::i18n::Refs::Staff;
            if !staff.set_aside().refers(cells, col, &text, refs) {
                cells.report(column, Severity::Error, crate::i18n::Msg::UnknownStaff);
            }
            text
        }
        Err(StaffRef::Shared(ids)) => {
            cells.report(
                column,
                Severity::Error,
                crate::i18n::Msg::SharedStaffName { ids },
            );
            text
        }
    }
}

/// Header-only tables for a new school, with Chinese headers: (file, headers).
pub fn templates(files: &crate::config::Files) -> Vec<(String, Vec<String>)> {
    let headers = |fields: &[Field]| -> Vec<String> {
        fields
            .iter()
            .map(|f| f.aliases.first().unwrap_or(&f.name).to_string())
            .collect()
    };
    // The template ranks choices in 志愿N columns, not in one cell.
    let mut consent = headers(slips::CONSENT);
    consent.retain(|h| h != "社团志愿");
    consent.extend((1..=3).map(|n| format!("志愿{n}")));
    vec![
        (files.staff.clone(), headers(roster::STAFF)),
        (files.classes.clone(), headers(roster::CLASSES)),
        (files.students.clone(), headers(roster::STUDENTS)),
        (files.rooms.clone(), headers(groups::ROOMS)),
        (files.clubs.clone(), headers(groups::CLUBS)),
        (files.activities.clone(), headers(groups::ACTIVITIES)),
        (files.consent.clone(), consent),
        (files.leave.clone(), headers(slips::LEAVE)),
        (files.pickup_changes.clone(), headers(slips::PICKUP)),
        (files.volunteers.clone(), headers(volunteers::VOLUNTEERS)),
        (files.incidents.clone(), headers(incidents::INCIDENTS)),
    ]
}

/// Reads a table as each kind of input file would, with the cell parsers but
/// without the cross-checks (which need the other files): for fuzzing the
/// loader end to end on a single table.
pub fn bind_for_fuzzing(table: &crate::input::Table, problems: &mut Problems) -> usize {
    use crate::i18n::Msg;
    use crate::input::parse;
    let schemas: [(&'static [Field], bool); 11] = [
        (roster::STUDENTS, false),
        (roster::CLASSES, false),
        (roster::STAFF, false),
        (groups::ROOMS, false),
        (groups::CLUBS, false),
        (groups::ACTIVITIES, false),
        (slips::CONSENT, true),
        (slips::LEAVE, false),
        (slips::PICKUP, false),
        (volunteers::VOLUNTEERS, false),
        (incidents::INCIDENTS, false),
    ];
    let mut read = 0;
    for (fields, ranked) in schemas {
        let Some(columns) = bind(table, fields, ranked, problems) else {
            continue;
        };
        read += read_rows(table, &columns, problems, |c| {
            for f in fields {
                let _ = c.optional(f.name, parse::date, Msg::BadDate);
                let _ = c.optional(f.name, parse::days, Msg::BadDays);
                let _ = c.optional(f.name, parse::grades, Msg::BadGrades);
                let _ = c.optional(f.name, parse::fen, Msg::BadMoney);
                let _ = c.optional(f.name, parse::time, Msg::BadTime);
            }
            Some(())
        })
        .len();
    }
    read
}
