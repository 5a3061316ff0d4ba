//! Payments reconciled: per child (due, paid, owed, standing), per class the
//! totals and counts, and the list to chase (unpaid, under- and over-paid).

use std::collections::BTreeMap;

use super::{Cell, Sheet, phone};
use crate::config::Config;
use crate::consent::class_order;
use crate::i18n::{Label, Lang};
use crate::papers::payments::{Account, Standing};
use crate::school::School;

pub fn standing_text(lang: Lang, standing: Standing) -> &'static str {
    match standing {
        Standing::Paid => Label::PaidUp.text(lang),
        Standing::Unpaid => Label::NotPaid.text(lang),
        Standing::Under => Label::UnderPaid.text(lang),
        Standing::Over => Label::OverPaid.text(lang),
        Standing::Exempt => Label::FeeExempt.text(lang),
    }
}

/// Per class: due, paid, what is still owed and what was paid beyond the
/// due (one child's overpayment never hides another's debt), and the count
/// of each standing.
#[derive(Debug, Default, Clone, Copy)]
struct ClassSum {
    due_fen: i64,
    paid_fen: i64,
    owed_fen: i64,
    over_fen: i64,
    counts: [usize; 5],
}

/// Every standing, in the columns' order.
const STANDINGS: [Standing; 5] = [
    Standing::Paid,
    Standing::Unpaid,
    Standing::Under,
    Standing::Over,
    Standing::Exempt,
];

fn account_cells(a: &Account, lang: Lang) -> Vec<Cell> {
    vec![
        Cell::from(&a.student.class),
        Cell::from(&a.student.id),
        Cell::from(&a.student.name),
        Cell::Fen(a.due_fen),
        Cell::Fen(a.paid_fen),
        Cell::Fen(a.owed_fen()),
        Cell::from(a.payments),
        Cell::from(standing_text(lang, a.standing())),
    ]
}

fn account_headers(lang: Lang) -> Vec<String> {
    [
        Label::Class,
        Label::StudentId,
        Label::Name,
        Label::Due,
        Label::PaidAmount,
        Label::Owed,
        Label::PaymentsMade,
        Label::Status,
    ]
    .map(|x| x.text(lang).to_string())
    .to_vec()
}

/// The sheets: by class, by child, to chase. `accounts` in class order.
pub fn sheets(accounts: &[Account], school: &School, config: &Config) -> Vec<Sheet> {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let title = |what: Label| format!("{} {} {}", config.school.name, l(Label::FeesTitle), l(what));
    let mut sums: BTreeMap<&str, ClassSum> = BTreeMap::new();
    for a in accounts {
        let s = sums.entry(&a.student.class).or_default();
        s.due_fen += a.due_fen;
        s.paid_fen += a.paid_fen;
        s.owed_fen += a.owed_fen().max(0);
        s.over_fen += (-a.owed_fen()).max(0);
        s.counts[a.standing() as usize] += 1;
    }
    let mut headers: Vec<String> = [
        Label::Class,
        Label::HeadTeacher,
        Label::Due,
        Label::PaidAmount,
        Label::Owed,
        Label::OverPaidFen,
    ]
    .map(l)
    .to_vec();
    headers.extend(STANDINGS.map(|s| standing_text(lang, s).to_string()));
    let mut by_class = Sheet::new(
        &l(Label::ByClass),
        "by-class",
        title(Label::ByClass),
        headers,
    );
    let mut classes: Vec<&crate::model::Class> = school.classes.iter().collect();
    classes.sort_by(|a, b| class_order(a, b));
    let mut total = ClassSum::default();
    for class in classes {
        let Some(s) = sums.get(class.name.as_str()) else {
            continue;
        };
        by_class.rows.push(sum_row(
            &class.name,
            school.staff_name(&class.head_teacher),
            s,
        ));
        total.due_fen += s.due_fen;
        total.paid_fen += s.paid_fen;
        total.owed_fen += s.owed_fen;
        total.over_fen += s.over_fen;
        for (t, c) in total.counts.iter_mut().zip(s.counts) {
            *t += c;
        }
    }
    by_class.rows.push(sum_row(&l(Label::Total), "", &total));

    let mut by_child = Sheet::new(
        &l(Label::Students),
        "by-student",
        title(Label::Students),
        account_headers(lang),
    );
    by_child
        .rows
        .extend(accounts.iter().map(|a| account_cells(a, lang)));

    let mut chase_headers = account_headers(lang);
    chase_headers.extend([l(Label::Guardian), l(Label::Phone)]);
    let mut chase = Sheet::new(
        &l(Label::ToChase),
        "to-chase",
        title(Label::ToChase),
        chase_headers,
    );
    for a in accounts
        .iter()
        .filter(|a| !matches!(a.standing(), Standing::Paid | Standing::Exempt))
    {
        let mut row = account_cells(a, lang);
        row.extend([
            Cell::from(&a.student.guardian),
            Cell::from(phone(&a.student.phone, config.privacy.mask_phones)),
        ]);
        chase.rows.push(row);
    }
    for s in [&mut by_class, &mut by_child, &mut chase] {
        s.landscape = true;
    }
    vec![by_class, by_child, chase]
}

fn sum_row(class: &str, head: &str, s: &ClassSum) -> Vec<Cell> {
    let mut row = vec![
        Cell::from(class),
        Cell::from(head),
        Cell::Fen(s.due_fen),
        Cell::Fen(s.paid_fen),
        Cell::Fen(s.owed_fen),
        Cell::Fen(s.over_fen),
    ];
    row.extend(s.counts.map(Cell::from));
    row
}
