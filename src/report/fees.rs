//! `fees.xlsx`: a sheet per class for the head teacher to collect, and the
//! school summary. Amounts in yuan with two decimals, computed in fen.

use std::collections::BTreeMap;

use super::{Cell, Sheet, session_text};
use crate::config::Config;
use crate::consent::class_order;
use crate::fees::Bill;
use crate::i18n::Label;
use crate::model::natural_cmp;
use crate::school::School;

/// Per class: billed, days, service, material, refund, exempt students and
/// the amount exempted, due. Service + material − refund − exempted = due.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ClassTotal {
    pub billed: usize,
    pub days: u32,
    pub service_fen: i64,
    pub material_fen: i64,
    pub refund_fen: i64,
    pub exempt: usize,
    pub exempt_fen: i64,
    pub total_fen: i64,
}

impl ClassTotal {
    fn add(&mut self, other: &ClassTotal) {
        self.billed += other.billed;
        self.days += other.days;
        self.service_fen += other.service_fen;
        self.material_fen += other.material_fen;
        self.refund_fen += other.refund_fen;
        self.exempt += other.exempt;
        self.exempt_fen += other.exempt_fen;
        self.total_fen += other.total_fen;
    }

    /// The summary row's numbers, after its first two columns.
    fn cells(&self) -> Vec<Cell> {
        vec![
            self.billed.into(),
            self.days.into(),
            Cell::Fen(self.service_fen),
            Cell::Fen(self.material_fen),
            Cell::Fen(self.refund_fen),
            self.exempt.into(),
            Cell::Fen(self.exempt_fen),
            Cell::Fen(self.total_fen),
        ]
    }
}

impl From<&Bill<'_>> for ClassTotal {
    fn from(b: &Bill) -> ClassTotal {
        ClassTotal {
            billed: 1,
            days: b.days(),
            service_fen: b.service_fen,
            material_fen: b.material_fen,
            refund_fen: b.refund_fen,
            exempt: usize::from(b.exempt),
            exempt_fen: exempted_fen(b),
            total_fen: b.total_fen,
        }
    }
}

/// What an exempt student would have paid, so the money columns add up to
/// what is due.
pub fn exempted_fen(b: &Bill) -> i64 {
    if b.exempt {
        (b.service_fen + b.material_fen - b.refund_fen).max(0)
    } else {
        0
    }
}

pub fn class_totals<'a>(bills: &[Bill<'a>]) -> BTreeMap<&'a str, ClassTotal> {
    let mut out: BTreeMap<&str, ClassTotal> = BTreeMap::new();
    for b in bills {
        out.entry(b.student.class.as_str())
            .or_default()
            .add(&ClassTotal::from(b));
    }
    out
}

pub fn sheets(bills: &[Bill], school: &School, config: &Config, period: &str) -> Vec<Sheet> {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let title = |what: &str| {
        format!(
            "{} {} {} {}",
            config.school.name,
            l(Label::FeesTitle),
            period,
            what
        )
    };
    let mut classes: Vec<&crate::model::Class> = school.classes.iter().collect();
    classes.sort_by(|a, b| class_order(a, b));
    let totals = class_totals(bills);

    let mut summary = Sheet::new(
        &l(Label::Summary),
        "summary",
        title(&l(Label::Summary)),
        [
            Label::Class,
            Label::HeadTeacher,
            Label::Billed,
            Label::ServiceDays,
            Label::ServiceFee,
            Label::MaterialFee,
            Label::Refund,
            Label::ExemptCount,
            Label::ExemptFen,
            Label::Due,
        ]
        .map(l)
        .to_vec(),
    );
    let mut school_total = ClassTotal::default();
    for class in &classes {
        let Some(t) = totals.get(class.name.as_str()) else {
            continue;
        };
        let mut row = vec![
            Cell::from(&class.name),
            Cell::from(school.staff_name(&class.head_teacher)),
        ];
        row.extend(t.cells());
        summary.rows.push(row);
        school_total.add(t);
    }
    let mut total = vec![Cell::from(l(Label::Total)), Cell::from("")];
    total.extend(school_total.cells());
    summary.rows.push(total);
    let mut sheets = vec![summary];

    for class in classes {
        let mut mine: Vec<&Bill> = bills
            .iter()
            .filter(|b| b.student.class == class.name)
            .collect();
        if mine.is_empty() {
            continue;
        }
        mine.sort_by(|a, b| natural_cmp(&a.student.id, &b.student.id));
        let mut sheet = Sheet::new(
            &class.name,
            &format!("class-{}", class.name),
            title(&format!(
                "{} {}: {}",
                class.name,
                l(Label::HeadTeacher),
                school.staff_name(&class.head_teacher)
            )),
            [
                Label::No,
                Label::StudentId,
                Label::Name,
                Label::Session,
                Label::FullDays,
                Label::FirstDays,
                Label::ServiceFee,
                Label::Club,
                Label::MaterialFee,
                Label::LeaveDays,
                Label::RefundDays,
                Label::Refund,
                Label::ExemptFen,
                Label::Due,
            ]
            .map(l)
            .to_vec(),
        );
        sheet.landscape = true;
        for b in mine {
            let clubs: Vec<String> = b
                .clubs
                .iter()
                .map(|c| school.club(c).map_or(c.clone(), |k| k.name.clone()))
                .collect();
            sheet.rows.push(vec![
                (sheet.rows.len() + 1).into(),
                Cell::from(&b.student.id),
                Cell::from(&b.student.name),
                Cell::from(session_text(lang, b.session)),
                b.full_days.into(),
                b.first_days.into(),
                Cell::Fen(b.service_fen),
                Cell::from(clubs.join(lang.pick("、", ", "))),
                Cell::Fen(b.material_fen),
                b.leave_days.into(),
                b.refunded_days.into(),
                Cell::Fen(b.refund_fen),
                Cell::Fen(exempted_fen(b)),
                Cell::Fen(b.total_fen),
            ]);
        }
        let t = totals[class.name.as_str()];
        sheet.footer = vec![format!(
            "{} {}: {}.{:02}",
            l(Label::Total),
            l(Label::Due),
            t.total_fen / 100,
            t.total_fen % 100
        )];
        sheets.push(sheet);
    }
    super::contents::with_contents(sheets, lang)
}
