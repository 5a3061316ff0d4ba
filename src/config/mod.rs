//! `config.toml`: read it, reject unknown keys by their path, and check every
//! value that can be wrong (dates, weekdays, grades, blocks) with the line and
//! column where it is written.

mod check;
mod complaint;
mod keys;
mod lenient;
mod papers;
mod rules;
mod syntax;

pub use complaint::{Complaint, Expected, Found};
pub use papers::{MAX_TEXT_CHARS, PapersConf};

pub use rules::{MAX_DAY_FEE_FEN, check_reading_room};
pub use syntax::ConfigSyntax;

use check::Checker;

use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{NaiveTime, Weekday};
use serde::Deserialize;

use crate::calendar::Calendar;
use crate::i18n::Lang;
use crate::input::Problems;
use crate::model::Grades;

/// The validated configuration every command starts from.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder the config file is in: every path is relative to it.
    pub dir: PathBuf,
    /// The config file as the user named it (for messages).
    pub file: String,
    pub lang: Lang,
    pub school: SchoolConf,
    pub files: Files,
    pub calendar: Calendar,
    pub bands: Vec<Band>,
    pub consent: ConsentConf,
    pub allocation: AllocationConf,
    pub supervision: SupervisionConf,
    pub fees: Fees,
    pub privacy: PrivacyConf,
    pub dismissal: DismissalConf,
    pub followup: FollowUpConf,
    /// `[columns.<table>]`: kehou's column name → the header a file has
    /// instead (an online form's question text), per input table.
    pub columns: HeaderNames,
    /// `[papers]`: the school's own texts on parents' papers.
    pub papers: PapersConf,
    /// The line where `reading_room` is written, for messages.
    pub reading_room_line: Option<usize>,
}

/// The input tables `[columns.<table>]` may name.
const INPUT_TABLES: [&str; 9] = [
    "students",
    "classes",
    "consent",
    "rooms",
    "clubs",
    "staff",
    "activities",
    "leave",
    "pickup_changes",
];

/// Per table (`consent`, `students`, …): kehou's column name → the file's header.
pub type HeaderNames =
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>;

#[derive(Debug, Clone, Deserialize)]
pub struct SchoolConf {
    pub name: String,
    /// Names the term in output file names, e.g. `2026秋`.
    pub term: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Files {
    pub students: String,
    pub classes: String,
    pub consent: String,
    pub rooms: String,
    pub clubs: String,
    pub staff: String,
    /// Optional inputs: an empty string means the school has none.
    pub activities: String,
    pub leave: String,
    pub pickup_changes: String,
    /// Parents who help at the gate (家长志愿者), optional.
    pub volunteers: String,
    /// The care log's incidents (看管记录), optional.
    pub incidents: String,
    /// The school's database (plans, ledger): everything kehou keeps.
    pub state: String,
    /// Exports of the plan written by `plan`; with `attendance`, also the
    /// names an earlier kehou kept its state under, imported once.
    pub plan: String,
    pub waitlist: String,
    pub attendance: String,
    pub out: String,
    /// Paths outside the school's folder are meant (refused otherwise).
    pub outside_folder: bool,
}

impl Files {
    /// Every path the config names, with its key.
    pub fn paths(&self) -> [(&'static str, &str); 15] {
        [
            ("students", &self.students),
            ("classes", &self.classes),
            ("consent", &self.consent),
            ("rooms", &self.rooms),
            ("clubs", &self.clubs),
            ("staff", &self.staff),
            ("activities", &self.activities),
            ("leave", &self.leave),
            ("pickup_changes", &self.pickup_changes),
            ("volunteers", &self.volunteers),
            ("incidents", &self.incidents),
            ("plan", &self.plan),
            ("waitlist", &self.waitlist),
            ("attendance", &self.attendance),
            ("out", &self.out),
        ]
    }
}

impl Default for Files {
    fn default() -> Self {
        let s = |x: &str| x.to_string();
        Files {
            students: s("students.csv"),
            classes: s("classes.csv"),
            consent: s("consent.csv"),
            rooms: s("rooms.csv"),
            clubs: s("clubs.csv"),
            staff: s("staff.csv"),
            activities: s("activities.csv"),
            leave: s("leave.csv"),
            pickup_changes: s("pickup_changes.csv"),
            volunteers: s("volunteers.csv"),
            incidents: s("incidents.csv"),
            state: s("kehou.db"),
            plan: s("plan.csv"),
            waitlist: s("waitlist.csv"),
            attendance: s("attendance.csv"),
            out: s("out"),
            outside_folder: false,
        }
    }
}

/// A band of grades with its dismissal time and its blocks, in time order.
#[derive(Debug, Clone)]
pub struct Band {
    pub name: String,
    pub grades: Grades,
    pub dismissal: NaiveTime,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Homework,
    Club,
    Activity,
}

/// The part of the afternoon a block belongs to (第一时段 / 第二时段).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    First,
    Second,
}

/// Where a student without a club (or activity) goes in that block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fallback {
    Homework,
    Reading,
    Activity,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub part: Part,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub fallback: Fallback,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ConsentConf {
    /// Opting in counts only with the safety agreement signed.
    pub require_safety: bool,
}

impl Default for ConsentConf {
    fn default() -> Self {
        ConsentConf {
            require_safety: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    Optimal,
    Lottery,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct AllocationConf {
    pub strategy: Strategy,
    pub seed: u64,
    pub max_clubs_per_student: u32,
    /// The room used by the `reading` fallback.
    pub reading_room: String,
}

impl Default for AllocationConf {
    fn default() -> Self {
        AllocationConf {
            strategy: Strategy::Optimal,
            seed: 1,
            max_clubs_per_student: 1,
            reading_room: String::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct SupervisionConf {
    pub max_students_per_teacher: u32,
    /// Fill in missing supervisors from staff availability.
    pub auto_assign: bool,
}

impl Default for SupervisionConf {
    fn default() -> Self {
        SupervisionConf {
            max_students_per_teacher: 40,
            auto_assign: true,
        }
    }
}

/// Fees in fen (1 yuan = 100 fen), exact.
#[derive(Debug, Clone, Default)]
pub struct Fees {
    pub full_day_fen: i64,
    pub first_session_day_fen: i64,
    /// Leave days beyond this many in the term are refunded; `None`: no refunds.
    pub refund_leave_after_days: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct PrivacyConf {
    pub mask_phones: bool,
    /// Children's names in the parents' group text: `张*` rather than `张三`.
    pub mask_names_in_group: bool,
    /// Guardians' phones on coaches' rosters (whole by default: the coach calls).
    pub mask_phones_on_rosters: bool,
    /// Guardians' phones on the gate's dismissal lists: masked by default;
    /// `full` for a school whose guard calls when an unexpected adult comes.
    pub gate_phones: GatePhones,
}

/// How the dismissal lists print guardians' phones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GatePhones {
    /// As `mask_phones` says (138****1234 by default).
    #[default]
    Masked,
    /// Whole, for the guard to call.
    Full,
}

impl Default for PrivacyConf {
    fn default() -> Self {
        PrivacyConf {
            mask_phones: true,
            mask_names_in_group: true,
            mask_phones_on_rosters: false,
            gate_phones: GatePhones::Masked,
        }
    }
}

/// Dismissal at the gate (错峰放学).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DismissalConf {
    /// Parent volunteers the school wants at every batch (0: none asked for);
    /// `check` warns about a batch with fewer.
    pub volunteers_per_batch: u32,
}

/// Following up unexplained absences (跟踪制度).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FollowUpConf {
    /// Days after the absence by which it must be closed: 0 is the same day.
    pub close_within_days: u32,
}

/// Reads and validates the config at `path`. Problems in its values are
/// reported in `problems` (file:line:column); an unreadable or malformed file,
/// or unknown keys, are an error.
pub fn load(path: &Path, problems: &mut Problems) -> anyhow::Result<Config> {
    let file = path.display().to_string();
    let source = read_source(path)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    from_str(&source, &file, dir, problems)
}

/// The config's text, in any encoding the tables may have: old Notepad
/// saves ANSI (GBK) or UTF-16.
pub fn read_source(path: &Path) -> anyhow::Result<String> {
    let file = path.display().to_string();
    let bytes = crate::input::bounds::read_file(path, crate::input::bounds::MAX_CONFIG_BYTES)
        .map_err(|msg| anyhow::anyhow!("{file}: {}", msg.render(Lang::Zh)))
        .with_context(|| format!("cannot read the config file '{file}'"))?;
    let source = crate::input::decode_text(&bytes)
        .map_err(|msg| anyhow::anyhow!("{file}: {}", msg.render(Lang::Zh)))?
        .into_owned();
    Ok(source
        .strip_prefix('\u{feff}')
        .unwrap_or(&source)
        .to_string())
}

/// Whether a path from the config leads out of the school's folder: absolute
/// (`/etc`, `C:\\x`, `\\\\server\\share`) or climbing above it through `..`
/// (`../../x`; `a/../b` stays inside). A `#sheet` after a workbook is no path.
fn leaves_folder(path: &str) -> bool {
    let path = path.split_once('#').map_or(path, |(p, _)| p);
    let p = Path::new(path);
    let drive = path.as_bytes().get(1) == Some(&b':');
    if p.has_root() || p.is_absolute() || drive || path.starts_with(['/', '\\']) {
        return true;
    }
    let mut depth: i64 = 0;
    for part in path.split(['/', '\\']) {
        match part {
            ".." => depth -= 1,
            "" | "." => {}
            _ => depth += 1,
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

/// The longest school name: it heads every sheet (Excel holds 32,767
/// characters in a cell) and names no file.
pub const MAX_SCHOOL_NAME: usize = 200;

pub fn from_str(
    source: &str,
    file: &str,
    dir: PathBuf,
    problems: &mut Problems,
) -> anyhow::Result<Config> {
    let lenient::Lenient {
        raw,
        unknown,
        source,
        problems: wrong_values,
    } = lenient::read(source, file, problems)?;
    let source = source.as_str();
    for p in wrong_values {
        problems.push(p);
    }
    let mut check = Checker {
        source,
        file,
        problems,
    };
    // Unknown keys are reported with every other problem, not alone.
    for path in &unknown {
        check.unknown_key(path);
    }
    for table in raw
        .columns
        .keys()
        .filter(|t| !INPUT_TABLES.contains(&t.as_str()))
    {
        check.unknown_key(&format!("columns.{table}"));
    }
    let calendar = check.calendar(&raw.calendar);
    let bands = check.bands(&raw.bands);
    check.band_times(&raw.bands, &bands);
    check.calendar_dates(&raw.calendar, &calendar, &bands);
    check.limits(&raw.allocation, &raw.supervision);
    if !raw.files.outside_folder {
        for (key, path) in raw.files.paths() {
            if leaves_folder(path) {
                let msg = crate::i18n::Msg::PathOutsideSchool { key };
                check.at_key(key, crate::input::Severity::Error, msg);
            }
        }
    }
    // The school's name heads every sheet beside other words, in one cell.
    let chars = raw.school.name.chars().count();
    if chars > MAX_SCHOOL_NAME {
        let msg = crate::i18n::Msg::ConfigTextTooLong {
            key: "school.name",
            chars,
            limit: MAX_SCHOOL_NAME,
        };
        check.at_key("name", crate::input::Severity::Error, msg);
    }
    let papers = check.papers(&raw.papers, &dir, raw.files.outside_folder);
    let fees = Fees {
        full_day_fen: check.day_fee(&raw.fees.full_day),
        first_session_day_fen: check.day_fee(&raw.fees.first_session_day),
        refund_leave_after_days: raw.fees.refund_leave_after_days,
    };
    Ok(Config {
        dir,
        file: file.to_string(),
        lang: raw.language,
        school: raw.school,
        files: raw.files,
        calendar,
        bands,
        consent: raw.consent,
        allocation: raw.allocation,
        supervision: raw.supervision,
        fees,
        privacy: raw.privacy,
        dismissal: raw.dismissal,
        followup: raw.followup,
        columns: raw.columns,
        papers,
        reading_room_line: rules::reading_room_line(source),
    })
}

impl Config {
    /// The band a grade belongs to (every grade 1–6 has one in a valid config).
    pub fn band_of(&self, grade: u8) -> Option<&Band> {
        self.bands.iter().find(|b| b.grades.contains(grade))
    }

    pub fn out_dir(&self) -> PathBuf {
        self.dir.join(&self.files.out)
    }

    /// The input files a school must have (the others may be left out).
    pub fn required_inputs(&self) -> [&str; 6] {
        let f = &self.files;
        [
            &f.staff,
            &f.classes,
            &f.students,
            &f.rooms,
            &f.clubs,
            &f.consent,
        ]
        .map(String::as_str)
    }

    /// Every input file the school keeps (for protecting them from outputs).
    pub fn input_paths(&self) -> Vec<PathBuf> {
        let f = &self.files;
        [
            &f.students,
            &f.classes,
            &f.consent,
            &f.rooms,
            &f.clubs,
            &f.staff,
            &f.activities,
            &f.leave,
            &f.pickup_changes,
            &f.volunteers,
            &f.incidents,
        ]
        .into_iter()
        .filter(|spec| !spec.is_empty())
        .map(|spec| {
            let path = spec.split_once('#').map_or(spec.as_str(), |(p, _)| p);
            self.dir.join(path)
        })
        .chain([self.dir.join(&self.file)])
        .collect()
    }

    /// The school's database.
    pub fn state_path(&self) -> PathBuf {
        self.dir.join(&self.files.state)
    }

    /// The files no output may replace besides the inputs: the database.
    pub fn state_paths(&self) -> [PathBuf; 1] {
        [self.state_path()]
    }

    /// The service weekdays (Monday–Friday in a usual term).
    pub fn weekdays(&self) -> Vec<Weekday> {
        self.calendar.weekdays.iter().collect()
    }
}
