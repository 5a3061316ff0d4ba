//! Reading the duty leader's check-off back: the duty sheet of a daily
//! workbook with 巡视时间/情况/签名 filled in (as saved by Excel, WPS or
//! LibreOffice). A row with none of them filled was not visited (or not
//! written down); the two 清校 lines of a day make one 清校.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

use super::{ClearLine, Clearance, RoundKey, Visit, confirms, parse_key};
use crate::i18n::{DutyMsg, Msg};
use crate::input::{Cells, Field, Problems, Severity, Table, bind, parse, read_rows};

/// The hidden column of the duty sheet, in both languages.
pub const ROUND_KEY: [&str; 2] = ["巡视键", "round key"];

pub const DUTY_SHEET: &[Field] = &[
    Field::required("key", &["巡视键", "round key"]),
    Field::optional("at", &["巡视时间", "visited at"]),
    Field::optional("note", &["情况", "what was seen"]),
    Field::optional("signed", &["签名", "signed"]),
    // The sheet's other columns, for the leader; not read.
    Field::optional("time", &["时间", "time"]),
    Field::optional("group", &["去向", "小组", "group"]),
    Field::optional("place", &["地点", "place"]),
    Field::optional("supervisor", &["看护教师", "supervisor"]),
    Field::optional("expected", &["应到", "expected"]),
    Field::optional("leave", &["假", "请假", "leave"]),
];

/// What a filled duty sheet says: the visits and the days' 清校.
#[derive(Debug, Default, Clone)]
pub struct Round {
    pub visits: Vec<Visit>,
    pub clearances: Vec<Clearance>,
}

impl Round {
    pub fn is_empty(&self) -> bool {
        self.visits.is_empty() && self.clearances.is_empty()
    }

    pub fn extend(&mut self, other: Round) {
        self.visits.extend(other.visits);
        self.clearances.extend(other.clearances);
    }
}

/// The round of every duty sheet among a file's tables; `None` when the file
/// has no duty sheet.
pub fn from_tables(tables: &[Table], problems: &mut Problems) -> Option<Round> {
    let sheets: Vec<Table> = tables
        .iter()
        .filter_map(|t| t.clone().with_header_containing(&ROUND_KEY))
        .collect();
    if sheets.is_empty() {
        return None;
    }
    let mut round = Round::default();
    for t in &sheets {
        round.extend(read_sheet(t, problems));
    }
    Some(round)
}

/// One filled line of the sheet, before the 清校 lines are put together.
enum Line {
    Visit(Visit),
    Clear(NaiveDate, ClearLine, NaiveTime, String, String, String),
}

/// The visits and 清校 written on one duty sheet; every bad cell in `problems`.
pub fn read_sheet(table: &Table, problems: &mut Problems) -> Round {
    let table = keyed_rows(table);
    let Some(columns) = bind(&table, DUTY_SHEET, false, problems) else {
        return Round::default();
    };
    let lines = read_rows(&table, &columns, problems, |c| line(c, &table.file));
    let mut round = Round::default();
    let mut clear: BTreeMap<NaiveDate, Clearance> = BTreeMap::new();
    for l in lines.into_iter().flatten() {
        match l {
            Line::Visit(v) => round.visits.push(v),
            Line::Clear(date, which, at, note, signed, source) => {
                let c = clear.entry(date).or_insert_with(|| Clearance {
                    date,
                    at,
                    handed_over: false,
                    rooms_checked: false,
                    note: String::new(),
                    signed: String::new(),
                    source,
                });
                // 清校 is done when its later line is.
                c.at = c.at.max(at);
                let yes = confirms(&note);
                match which {
                    ClearLine::HandedOver => c.handed_over = yes,
                    ClearLine::RoomsChecked => c.rooms_checked = yes,
                }
                join(&mut c.note, &note);
                join(&mut c.signed, &signed);
            }
        }
    }
    round.clearances = clear.into_values().collect();
    round
}

/// `a` then `b` after `;`, unless `b` is blank or already there.
fn join(a: &mut String, b: &str) {
    if b.is_empty() || a.split(';').any(|x| x == b) {
        return;
    }
    if !a.is_empty() {
        a.push(';');
    }
    a.push_str(b);
}

/// The sheet's rows that carry a key (the totals, volunteers and signature
/// lines below the table have none), without the merged areas of those lines.
fn keyed_rows(table: &Table) -> Table {
    let mut t = table.clone();
    let keys: Vec<String> = ROUND_KEY.iter().map(|k| parse::key(k)).collect();
    let Some(at) = t.headers.iter().position(|h| keys.contains(&parse::key(h))) else {
        return t;
    };
    t.rows.retain(|r| !r.cell(at).trim().is_empty());
    let kept: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
    t.merged
        .retain(|m| kept.iter().any(|l| (m.lines.0..=m.lines.1).contains(l)));
    t
}

/// One row: `None` inside when nothing of the round is filled in.
fn line(c: &mut Cells, file: &str) -> Option<Option<Line>> {
    let filled = ["at", "note", "signed"]
        .iter()
        .any(|f| !c.text(f).is_empty());
    if !filled {
        return Some(None);
    }
    let key = c.required("key")?;
    let Some(key) = parse_key(&key) else {
        c.report("key", Severity::Error, Msg::Duty(DutyMsg::BadRoundKey));
        return None;
    };
    let at = c.parse_required("at", parse::time, Msg::BadTime)?;
    let (note, signed) = (c.text("note"), c.text("signed"));
    let source = format!("{file}:{}", c.line());
    Some(Some(match key {
        RoundKey::Patrol { date, block, group } => Line::Visit(Visit {
            date,
            block,
            group,
            at,
            note,
            signed,
            source,
        }),
        RoundKey::Clear { date, line } => Line::Clear(date, line, at, note, signed, source),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_line_is_a_visit_the_two_clear_lines_one_clearance() {
        let text = "时间,去向,巡视时间,情况,签名,巡视键\n\
                    15:30–16:20,101教室,15:40,正常,李校长,2026-09-14|15:30|101教室\n\
                    15:30–16:20,102教室,,,,2026-09-14|15:30|102教室\n\
                    17:30,清校,18:05,✓,李校长,2026-09-14|clear|handover\n\
                    17:30,清校,18:12,已检查 无滞留,李校长,2026-09-14|clear|rooms\n\
                    带班领导签名,,,,,\n";
        let table = crate::input::from_bytes("duty.csv", text.as_bytes(), None).unwrap();
        let mut problems = Problems::default();
        let round = read_sheet(&table, &mut problems);
        assert!(
            !problems.has_errors(),
            "{:?}",
            problems.iter().collect::<Vec<_>>()
        );
        assert_eq!(round.visits.len(), 1);
        assert_eq!(round.visits[0].group, "101教室");
        assert_eq!(round.clearances.len(), 1);
        let c = &round.clearances[0];
        assert!(c.confirmed());
        assert_eq!(c.at.format("%H:%M").to_string(), "18:12");
        assert_eq!(c.signed, "李校长");
    }

    #[test]
    fn a_note_without_a_time_is_an_error_at_its_cell() {
        let text = "巡视时间,情况,签名,巡视键\n\
                    ,正常,李,2026-09-14|15:30|101教室\n\
                    15:40,正常,李,2026-09-14|15:30|\n";
        let table = crate::input::from_bytes("duty.csv", text.as_bytes(), None).unwrap();
        let mut problems = Problems::default();
        let round = read_sheet(&table, &mut problems);
        assert!(round.is_empty());
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![Some(2), Some(3)]);
    }
}
