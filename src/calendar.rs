//! The term calendar: which dates are service days, which timetable a day
//! follows (调休 makeup days follow a weekday's), and which days have no clubs.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use crate::model::Days;

/// Dates without service, with the reason (a holiday, a school event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

impl Closure {
    pub fn covers(&self, date: NaiveDate) -> bool {
        (self.from..=self.to).contains(&date)
    }
}

/// A weekend date worked as a weekday (调休).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Makeup {
    pub date: NaiveDate,
    pub follows: Weekday,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Calendar {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub weekdays: Days,
    pub closures: Vec<Closure>,
    pub makeups: Vec<Makeup>,
    /// Date ranges whose club block goes to its fallback (exam weeks).
    pub no_clubs: Vec<Closure>,
    pub early_end: Vec<(NaiveDate, NaiveTime, String)>,
}

/// What a date is for the after-school service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Day<'a> {
    Service(ServiceDay<'a>),
    Closed(&'a Closure),
    /// A weekend (or a weekday the school does not serve).
    NoService,
    OutsideTerm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceDay<'a> {
    pub date: NaiveDate,
    /// The weekday whose timetable applies (differs from the date's on a makeup day).
    pub timetable: Weekday,
    pub makeup: Option<&'a Makeup>,
    /// Why there are no clubs today, if there are none.
    pub no_clubs: Option<&'a Closure>,
    pub ends_early: Option<(NaiveTime, &'a str)>,
}

impl Calendar {
    pub fn new(
        start: NaiveDate,
        end: NaiveDate,
        weekdays: Days,
        closures: Vec<Closure>,
        makeups: Vec<Makeup>,
        no_clubs: Vec<Closure>,
        early_end: Vec<(NaiveDate, NaiveTime, String)>,
    ) -> Calendar {
        Calendar {
            start,
            end,
            weekdays,
            closures,
            makeups,
            no_clubs,
            early_end,
        }
    }

    pub fn day(&self, date: NaiveDate) -> Day<'_> {
        if date < self.start || date > self.end {
            return Day::OutsideTerm;
        }
        if let Some(c) = self.closures.iter().find(|c| c.covers(date)) {
            return Day::Closed(c);
        }
        let makeup = self.makeups.iter().find(|m| m.date == date);
        let timetable = match makeup {
            Some(m) => m.follows,
            None if self.weekdays.contains(date.weekday()) => date.weekday(),
            None => return Day::NoService,
        };
        Day::Service(ServiceDay {
            date,
            timetable,
            makeup,
            no_clubs: self.no_clubs.iter().find(|c| c.covers(date)),
            ends_early: self
                .early_end
                .iter()
                .find(|(d, _, _)| *d == date)
                .map(|(_, t, why)| (*t, why.as_str())),
        })
    }

    /// Every service day of the term, in order.
    pub fn service_days(&self) -> Vec<ServiceDay<'_>> {
        self.service_days_between(self.start, self.end)
    }

    /// The service days between two dates, both included.
    pub fn service_days_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<ServiceDay<'_>> {
        let from = from.max(self.start);
        let to = to.min(self.end);
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter_map(|d| match self.day(d) {
                Day::Service(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    /// A date clamped into the term.
    pub fn clamp(&self, date: NaiveDate) -> NaiveDate {
        date.clamp(self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn autumn_2026() -> Calendar {
        let closure = |from, to, reason: &str| Closure {
            from,
            to,
            reason: reason.into(),
        };
        Calendar::new(
            d(9, 7),
            d(10, 31),
            Days::WORKWEEK,
            vec![
                closure(d(9, 25), d(9, 25), "中秋节"),
                closure(d(10, 1), d(10, 7), "国庆节"),
            ],
            vec![
                Makeup {
                    date: d(9, 20),
                    follows: Weekday::Fri,
                    reason: "调休".into(),
                },
                Makeup {
                    date: d(10, 10),
                    follows: Weekday::Wed,
                    reason: "调休".into(),
                },
            ],
            vec![closure(d(10, 26), d(10, 30), "期中考试")],
            vec![],
        )
    }

    #[test]
    fn holidays_makeups_and_exam_weeks() {
        let cal = autumn_2026();
        assert!(matches!(cal.day(d(10, 1)), Day::Closed(c) if c.reason == "国庆节"));
        assert!(matches!(cal.day(d(9, 19)), Day::NoService));
        assert!(matches!(cal.day(d(9, 4)), Day::OutsideTerm));
        let Day::Service(sunday) = cal.day(d(9, 20)) else {
            panic!("the makeup Sunday is a service day")
        };
        assert_eq!(sunday.timetable, Weekday::Fri);
        let Day::Service(exam) = cal.day(d(10, 27)) else {
            panic!("exam week still has service")
        };
        assert!(exam.no_clubs.is_some());
        // 8 weeks of 5 days = 40, minus Mid-Autumn (1) and National Day's
        // 5 weekdays, plus 2 makeup days.
        assert_eq!(cal.service_days().len(), 40 - 1 - 5 + 2);
    }
}
