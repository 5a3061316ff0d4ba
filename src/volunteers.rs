//! Parent volunteers at dismissal (家长志愿者): who helps at which batch on
//! which weekday, and the batches short of the number the school wants.
//! Pure; the loader is in `school::volunteers`, the sheets in `report`.

use chrono::{NaiveTime, Weekday};

use crate::config::Config;
use crate::day::Batch;
use crate::i18n::{DutyMsg, Msg};
use crate::input::{Problem, Problems, Severity};
use crate::model::{Days, Line};
use crate::school::School;

/// One row of `volunteers.csv`.
#[derive(Debug, Clone)]
pub struct Volunteer {
    pub name: String,
    pub phone: String,
    /// Their child's 学号, when given.
    pub child: String,
    /// Their child's class (from the 学号, or as written).
    pub class: String,
    /// The weekdays they help (a makeup day counts as the weekday it follows).
    pub days: Days,
    pub post: Post,
    /// The gate or spot they stand at, as written.
    pub gate: String,
    pub line: Line,
}

/// Which batch a volunteer helps with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Post {
    /// A band's batch at its dismissal time.
    Band(String),
    /// Every batch leaving at this time (an early batch too).
    Time(NaiveTime),
}

impl Volunteer {
    /// Whether they help with this batch on a day of this timetable weekday.
    pub fn serves(&self, batch: &Batch, weekday: Weekday) -> bool {
        self.days.contains(weekday) && self.at(&batch.band, batch.time, batch.early)
    }

    fn at(&self, band: &str, time: NaiveTime, early: bool) -> bool {
        match &self.post {
            Post::Band(name) => !early && name == band,
            Post::Time(t) => *t == time,
        }
    }

    /// `张三(东门)`: how a list of the day's volunteers names them.
    pub fn label(&self) -> String {
        if self.gate.is_empty() {
            self.name.clone()
        } else {
            format!("{}({})", self.name, self.gate)
        }
    }
}

/// The volunteers helping with a batch on a day of this timetable weekday.
pub fn at_batch<'a>(
    volunteers: &'a [Volunteer],
    batch: &Batch,
    weekday: Weekday,
) -> Vec<&'a Volunteer> {
    volunteers
        .iter()
        .filter(|v| v.serves(batch, weekday))
        .collect()
}

/// Warnings for every band's dismissal batch, on every service weekday, with
/// fewer volunteers than `[dismissal] volunteers_per_batch`.
pub fn short_batches(school: &School, config: &Config) -> Problems {
    let mut problems = Problems::default();
    let wanted = config.dismissal.volunteers_per_batch;
    if wanted == 0 {
        return problems;
    }
    for weekday in config.calendar.weekdays.iter() {
        for band in &config.bands {
            let found = school
                .volunteers
                .iter()
                .filter(|v| v.days.contains(weekday) && v.at(&band.name, band.dismissal, false))
                .count();
            if found < wanted as usize {
                problems.push(Problem {
                    severity: Severity::Warning,
                    file: config.files.volunteers.clone(),
                    line: None,
                    column: None,
                    value: None,
                    msg: Msg::Duty(DutyMsg::BatchShortOfVolunteers {
                        weekday,
                        band: band.name.clone(),
                        time: band.dismissal,
                        wanted,
                        found,
                    }),
                });
            }
        }
    }
    problems
}

/// A volunteer and the term's service days they help on.
#[derive(Debug)]
pub struct RotaLine<'a> {
    pub volunteer: &'a Volunteer,
    pub dates: Vec<chrono::NaiveDate>,
}

/// Every volunteer's days in the term (a makeup day by the weekday it follows).
pub fn rota<'a>(school: &'a School, config: &Config) -> Vec<RotaLine<'a>> {
    let days = config.calendar.service_days();
    school
        .volunteers
        .iter()
        .map(|volunteer| RotaLine {
            volunteer,
            dates: days
                .iter()
                .filter(|d| volunteer.days.contains(d.timetable))
                .map(|d| d.date)
                .collect(),
        })
        .collect()
}

/// Per service weekday and band batch, the volunteers helping (empty where none).
pub fn by_weekday<'a>(
    school: &'a School,
    config: &'a Config,
) -> Vec<(Weekday, &'a crate::config::Band, Vec<&'a Volunteer>)> {
    let mut out = Vec::new();
    for weekday in config.calendar.weekdays.iter() {
        for band in &config.bands {
            let here = school
                .volunteers
                .iter()
                .filter(|v| v.days.contains(weekday) && v.at(&band.name, band.dismissal, false))
                .collect();
            out.push((weekday, band, here));
        }
    }
    out
}

/// How a volunteer's batch is printed: the band and its time, or the time.
pub fn post_text(post: &Post, config: &Config) -> String {
    match post {
        Post::Band(name) => match config.bands.iter().find(|b| &b.name == name) {
            Some(band) => format!("{} {}", band.dismissal.format("%H:%M"), band.name),
            None => name.clone(),
        },
        Post::Time(t) => t.format("%H:%M").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn volunteer(days: &str, post: Post) -> Volunteer {
        Volunteer {
            name: "张妈妈".into(),
            phone: String::new(),
            child: String::new(),
            class: String::new(),
            days: crate::input::parse::days(days).unwrap(),
            post,
            gate: "东门".into(),
            line: Line(2),
        }
    }

    fn batch(band: &str, time: &str, early: bool) -> Batch {
        Batch {
            time: crate::input::parse::time(time).unwrap(),
            early,
            band: band.into(),
            members: Vec::new(),
        }
    }

    #[test]
    fn a_volunteer_helps_their_band_on_their_days_and_not_its_early_batch() {
        let v = volunteer("一三", Post::Band("低年级".into()));
        assert!(v.serves(&batch("低年级", "17:00", false), Weekday::Mon));
        assert!(!v.serves(&batch("低年级", "17:00", false), Weekday::Tue));
        assert!(!v.serves(&batch("低年级", "16:10", true), Weekday::Mon));
        assert!(!v.serves(&batch("高年级", "17:30", false), Weekday::Mon));
        assert_eq!(v.label(), "张妈妈(东门)");
    }

    #[test]
    fn a_volunteer_at_a_time_helps_every_batch_leaving_then() {
        let v = volunteer(
            "一至五",
            Post::Time(crate::input::parse::time("16:10").unwrap()),
        );
        assert!(v.serves(&batch("低年级", "16:10", true), Weekday::Fri));
        assert!(!v.serves(&batch("低年级", "17:00", false), Weekday::Fri));
    }
}
