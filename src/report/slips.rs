//! Consent slips (告家长书回执) to hand out: per class a sheet with a slip per
//! child, name and class filled in, a line per column of `consent.csv` (so
//! the office types a returned slip straight in), and the clubs open to the
//! child's grade with their days, session and fee. Also the blank
//! `consent.csv` to type into: one row per child, 学号 and 姓名 filled in.

use chrono::NaiveDate;

use super::{Cell, Sheet, days_text, pickup_text, session_text};
use crate::config::Config;
use crate::i18n::{Label, Lang, PaperSay, weekday_name};
use crate::model::{Class, Pickup, Session, Student};
use crate::papers::slip::club_menu;
use crate::papers::texts;
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

/// The slip's lines, two to a row: a consent column and what to tick or
/// write, twice. The club choices and the signature have lines of their own.
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
    let fill: [String; 8] = [
        "____年__月__日".into(),
        boxes(&decision),
        boxes(&days),
        boxes(&sessions),
        boxes(&pickups),
        "________________".into(),
        format!("________________ {}", Label::IfOptingOut.text(lang)),
        boxes(&[Label::Signed.text(lang)]),
    ];
    // Columns 2.. of consent.csv (after 学号 and 姓名), less the choices.
    let mut names: Vec<String> = columns[2..9].to_vec();
    names.push(columns[columns.len() - 1].clone());
    let pairs: Vec<(String, String)> = names.into_iter().zip(fill).collect();
    pairs
        .chunks(2)
        .map(|two| {
            two.iter()
                .flat_map(|(name, fill)| [Cell::from(name), Cell::from(fill)])
                .collect()
        })
        .collect()
}

/// The line to write the ranked club choices on, each blank a share of the
/// page's width (room for a club's name).
fn choices_line(lang: Lang) -> String {
    let blanks: Vec<String> = (1..=CHOICES).map(|n| format!("{n}. ____")).collect();
    format!(
        "{}  {}",
        Label::ChoicesToWrite.text(lang),
        blanks.join("   ")
    )
}

/// The line the guardian signs the reply on.
fn signature_line(lang: Lang) -> String {
    format!(
        "{} ________________    {} ________",
        Label::GuardianSignature.text(lang),
        Label::Date.text(lang)
    )
}

/// The height of a row a parent writes or ticks in (9 mm: 8 mm or more
/// as printed at 90 %).
const WRITING_ROW_PT: f64 = 26.25;

/// Clubs meet in the second session unless they say the first.
fn club_session(lang: Lang, session: Session) -> &'static str {
    match session {
        Session::First => session_text(lang, Session::First),
        Session::Full => lang.pick("第二时段", "second session"),
    }
}

/// A class's papers, in id order, one to a page: the 告家长书 (the school's
/// letter, whom to call, the school and the date), a line to cut along,
/// then the reply slip headed by the school, the class and the child, the
/// lines to fill in two to a row, a line for the club choices, the clubs open
/// to the grade two to a row, the line to sign, and a cut line.
pub fn class_sheet(
    class: &Class,
    students: &[&Student],
    school: &School,
    config: &Config,
    issued: NaiveDate,
) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let headers = vec![
        l(Label::Item),
        l(Label::FillIn),
        l(Label::Item),
        l(Label::FillIn),
    ];
    let title = format!(
        "{} {} {} {}",
        config.school.name,
        config.school.term,
        l(Label::LetterTitle),
        class.name
    );
    let mut sheet = Sheet::new(
        &class.name,
        &format!("class-{}", class.name),
        title,
        headers,
    );
    let menu = menu_rows(class, school, config);
    let fields = field_rows(config);
    let letter = texts::letter(config, class);
    let contact = texts::contact(config, school, class);
    let sign_off = PaperSay::SignOff {
        school: config.school.name.clone(),
        date: issued,
    }
    .render(lang);
    for s in students {
        let who = format!(
            "{} · {}  {} {}  {} {}",
            config.school.name,
            class.name,
            l(Label::Name),
            s.name,
            l(Label::StudentId),
            s.id
        );
        sheet.slips.push(sheet.rows.len());
        sheet.banners.push(sheet.rows.len());
        sheet
            .rows
            .push(vec![Cell::from(format!("{} {who}", l(Label::LetterTitle)))]);
        for text in [&letter, &contact, &sign_off] {
            sheet.prose.push(sheet.rows.len());
            sheet.rows.push(vec![Cell::from(text)]);
        }
        sheet.prose.push(sheet.rows.len());
        sheet
            .rows
            .push(vec![Cell::from(PaperSay::TearOffReply.render(lang))]);
        sheet.banners.push(sheet.rows.len());
        sheet
            .rows
            .push(vec![Cell::from(format!("{} {who}", l(Label::SlipTitle)))]);
        for f in &fields {
            sheet.tall_rows.push((sheet.rows.len(), WRITING_ROW_PT));
            sheet.rows.push(f.clone());
        }
        sheet.sign_rows.push(sheet.rows.len());
        sheet.rows.push(vec![Cell::from(choices_line(lang))]);
        if !menu.is_empty() {
            sheet.banners.push(sheet.rows.len());
            sheet.rows.push(vec![Cell::from(l(Label::ClubMenu))]);
        }
        for two in menu.chunks(2) {
            sheet.rows.push(two.iter().flatten().cloned().collect());
        }
        sheet.sign_rows.push(sheet.rows.len());
        sheet.rows.push(vec![Cell::from(signature_line(lang))]);
        sheet.rows.push(vec![Cell::from(l(Label::CutHere))]);
    }
    sheet
}

/// The clubs open to the class's grade: id, and name, days, session, fee.
fn menu_rows(class: &Class, school: &School, config: &Config) -> Vec<[Cell; 2]> {
    let lang = config.lang;
    club_menu(school, class.grade)
        .into_iter()
        .map(|c| {
            let days = days_text(lang, c.days, config.calendar.weekdays);
            let session = club_session(lang, c.session);
            // One line in the column: `硬笔书法 周二、周四 第二时段 15.00元`.
            let what = match (c.fee_fen, lang) {
                (0, _) => format!("{} {days} {session}", c.name),
                (fen, Lang::Zh) => format!("{} {days} {session} {}元", c.name, yuan(fen)),
                (fen, Lang::En) => format!("{} {days} {session} ¥{}", c.name, yuan(fen)),
            };
            [Cell::from(&c.id), Cell::from(what)]
        })
        .collect()
}

/// `15.00`: fen as yuan.
fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
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
