//! 看管记录 — the care log's incidents: what happened to which children,
//! where and when, what was done, and when the guardian was told. The weekly
//! and monthly reports list them with the time it took to tell the guardian
//! and flag any where the guardian was not told. Pure; the rows come from
//! `incidents.csv` (see `school::incidents`) and from the daily workbook's
//! 看管记录 sheet, read back by `record` into the database (see [`read`]).

pub mod read;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::Line;

/// One incident (紧急情况 or anything worth a line in the care log).
#[derive(Debug, Clone)]
pub struct Incident {
    pub date: NaiveDate,
    pub time: NaiveTime,
    /// The group (room, club or activity) or place, as written.
    pub group: String,
    /// The children involved (学号).
    pub students: Vec<String>,
    pub what: String,
    pub action: String,
    /// When the guardian was told, if they were.
    pub notified_at: Option<NaiveDateTime>,
    pub notified_by: String,
    pub follow_up: String,
    /// Where it was read from (`file:row`; empty for `incidents.csv`, whose
    /// row is `line`).
    pub source: String,
    pub line: Line,
}

impl Incident {
    pub fn at(&self) -> NaiveDateTime {
        self.date.and_time(self.time)
    }

    /// Minutes from the incident to telling the guardian.
    pub fn minutes_to_notify(&self) -> Option<i64> {
        self.notified_at.map(|n| (n - self.at()).num_minutes())
    }

    /// The guardian was not told (or the time was not written).
    pub fn not_notified(&self) -> bool {
        self.notified_at.is_none()
    }

    /// What makes one incident: its day, its time and its children (in any
    /// order, `;` apart), however many files name it.
    pub fn identity(&self) -> (NaiveDate, NaiveTime, String) {
        let mut students = self.students.clone();
        students.sort();
        students.dedup();
        (self.date, self.time, students.join(";"))
    }
}

/// The care log: the office's `incidents.csv` and the incidents recorded
/// from care log sheets; one written in both is the office's.
pub fn merged(from_file: &[Incident], recorded: Vec<Incident>) -> Vec<Incident> {
    let known: std::collections::HashSet<_> = from_file.iter().map(Incident::identity).collect();
    let mut all = from_file.to_vec();
    all.extend(
        recorded
            .into_iter()
            .filter(|i| !known.contains(&i.identity())),
    );
    all
}

/// The incidents of `from..=to`, those not notified first, then in time order.
pub fn between(incidents: &[Incident], from: NaiveDate, to: NaiveDate) -> Vec<&Incident> {
    let mut out: Vec<&Incident> = incidents
        .iter()
        .filter(|i| from <= i.date && i.date <= to)
        .collect();
    out.sort_by(|a, b| {
        b.not_notified()
            .cmp(&a.not_notified())
            .then(a.at().cmp(&b.at()))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incident(day: u32, time: &str, notified: Option<&str>) -> Incident {
        let date = NaiveDate::from_ymd_opt(2026, 9, day).unwrap();
        Incident {
            date,
            time: crate::input::parse::time(time).unwrap(),
            group: "101教室".into(),
            students: vec!["S1".into()],
            what: "摔倒擦伤膝盖".into(),
            action: "校医处理".into(),
            notified_at: notified.map(|t| date.and_time(crate::input::parse::time(t).unwrap())),
            notified_by: String::new(),
            follow_up: String::new(),
            source: String::new(),
            line: Line(2),
        }
    }

    #[test]
    fn the_time_to_notify_and_the_ones_not_notified_first() {
        let list = [
            incident(14, "16:05", Some("16:20")),
            incident(15, "16:40", None),
            incident(21, "16:00", Some("16:01")),
        ];
        assert_eq!(list[0].minutes_to_notify(), Some(15));
        let from = NaiveDate::from_ymd_opt(2026, 9, 14).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 9, 20).unwrap();
        let week = between(&list, from, to);
        assert_eq!(week.len(), 2);
        assert!(week[0].not_notified());
    }

    #[test]
    fn an_incident_in_the_file_and_recorded_from_a_sheet_is_one() {
        let mut a = incident(14, "16:05", Some("16:20"));
        a.students = vec!["S2".into(), "S1".into()];
        let mut b = incident(14, "16:05", None);
        b.students = vec!["S1".into(), "S2".into()];
        let c = incident(14, "16:06", None);
        let all = merged(std::slice::from_ref(&a), vec![b, c]);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].notified_at, a.notified_at);
        assert_eq!(all[1].time, crate::input::parse::time("16:06").unwrap());
    }
}
