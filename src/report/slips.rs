//! Consent slips (告家长书回执) to hand out: per class a sheet with a slip per
//! child, name and class filled in, a line per column of `consent.csv` (so
//! the office types a returned slip straight in), and the clubs open to the
//! child's grade with their days, session and fee. Also the blank
//! `consent.csv` to type into: one row per child, 学号 and 姓名 filled in.

use super::{Cell, Sheet, days_text, pickup_text, session_text};
use crate::config::Config;
use crate::i18n::{Label, Lang, weekday_name};
use crate::model::{Class, Pickup, Session, Student};
use crate::papers::slip::club_menu;
use crate::school::School;

/// How many ranked club choices the slip offers.
pub const CHOICES: usize = 3;

/// The columns of `consent.csv` a slip fills in, as headers the loader reads.
pub fn consent_columns(lang: Lang) -> Vec<String> {
    let mut columns: Vec<String> = [
        ("学号", "id"),
        ("姓名", "name"),
        ("日期", "date"),
        ("是否参加", "decision"),
        ("参加日", "days"),
        ("时段", "session"),
        ("离校方式", "pickup"),
        ("接送人", "pickup_by"),
        ("原因", "reason"),
    ]
    .iter()
    .map(|(zh, en)| lang.pick(zh, en).to_string())
    .collect();
    columns.extend((1..=CHOICES).map(|n| format!("{}{n}", lang.pick("志愿", "choice"))));
    columns.push(lang.pick("安全协议", "safety").to_string());
    columns
}

fn boxes(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("□{i}"))
        .collect::<Vec<_>>()
        .join("  ")
}

/// The slip's lines: a consent column and what to tick or write.
fn field_rows(config: &Config) -> Vec<Vec<Cell>> {
    let lang = config.lang;
    let columns = consent_columns(lang);
    let days: Vec<&str> = config
        .calendar
        .weekdays
        .iter()
        .map(|d| weekday_name(lang, d))
        .collect();
    let decision = [Label::OptedIn, Label::OptedOut].map(|l| l.text(lang));
    let sessions = [Session::Full, Session::First].map(|s| session_text(lang, s));
    let pickups = [Pickup::Parent, Pickup::Alone, Pickup::Bus].map(|p| pickup_text(lang, p));
    let choices = (1..=CHOICES)
        .map(|n| format!("{n}. ________"))
        .collect::<Vec<_>>()
        .join("  ");
    let fill: [String; 10] = [
        "____年__月__日".into(),
        boxes(&decision),
        boxes(&days),
        boxes(&sessions),
        boxes(&pickups),
        "________________".into(),
        format!("________________ {}", Label::IfOptingOut.text(lang)),
        choices,
        boxes(&[Label::Signed.text(lang)]),
        "________________".into(),
    ];
    // Columns 2.. of consent.csv (after 学号 and 姓名), the choices on one line.
    let mut names: Vec<String> = columns[2..9].to_vec();
    names.push(lang.pick("志愿", "choices").to_string());
    names.push(columns[columns.len() - 1].clone());
    names.push(Label::GuardianSignature.text(lang).to_string());
    names
        .into_iter()
        .zip(fill)
        .map(|(name, fill)| vec![Cell::from(name), Cell::from(fill)])
        .collect()
}

/// Clubs meet in the second session unless they say the first.
fn club_session(lang: Lang, session: Session) -> &'static str {
    match session {
        Session::First => session_text(lang, Session::First),
        Session::Full => lang.pick("第二时段", "second session"),
    }
}

/// A class's slips, in id order.
pub fn class_sheet(
    class: &Class,
    students: &[&Student],
    school: &School,
    config: &Config,
) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let headers = vec![
        l(Label::Item),
        l(Label::FillIn),
        l(Label::Days),
        l(Label::Session),
        l(Label::MaterialFee),
    ];
    let title = format!(
        "{} {} {} {}",
        config.school.name,
        config.school.term,
        l(Label::SlipTitle),
        class.name
    );
    let mut sheet = Sheet::new(
        &class.name,
        &format!("class-{}", class.name),
        title,
        headers,
    );
    let menu = club_menu(school, class.grade);
    let fields = field_rows(config);
    for s in students {
        sheet.rows.push(vec![
            Cell::from(format!("{} {}", l(Label::StudentId), s.id)),
            Cell::from(format!(
                "{} {}  {} {}",
                l(Label::Name),
                s.name,
                l(Label::Class),
                class.name
            )),
        ]);
        sheet.rows.extend(fields.iter().cloned());
        sheet.rows.push(vec![Cell::from(l(Label::ClubMenu))]);
        for c in &menu {
            sheet.rows.push(vec![
                Cell::from(&c.id),
                Cell::from(&c.name),
                Cell::from(days_text(lang, c.days, config.calendar.weekdays)),
                Cell::from(club_session(lang, c.session)),
                Cell::Fen(c.fee_fen),
            ]);
        }
        sheet.rows.push(vec![Cell::from(l(Label::CutHere))]);
    }
    sheet
}

/// The blank consent file to type returned slips into.
pub fn template(students: &[&Student], config: &Config) -> Sheet {
    let mut sheet = Sheet::new(
        "consent",
        "consent",
        String::new(),
        consent_columns(config.lang),
    );
    for s in students {
        sheet
            .rows
            .push(vec![Cell::from(&s.id), Cell::from(&s.name)]);
    }
    sheet
}
