//! Fee notices (缴费通知单): per class a sheet of slips to cut, one block of
//! rows per child (days × rate, each club's material fee, the leave refund,
//! the exemption, the amount due); and one row per child for the office.

use chrono::NaiveDate;

use super::{Cell, Sheet};
use crate::config::Config;
use crate::fees::Bill;
use crate::i18n::{Label, PaperSay};
use crate::papers::texts;
use crate::school::School;

/// The lines of one child's notice: (item, quantity, rate, amount in fen).
pub fn notice_lines(
    bill: &Bill,
    school: &School,
    config: &Config,
) -> Vec<(String, Cell, Cell, i64)> {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let fees = &config.fees;
    let mut lines = Vec::new();
    let days = [
        (Label::FullDays, bill.full_days, fees.full_day_fen),
        (
            Label::FirstDays,
            bill.first_days,
            fees.first_session_day_fen,
        ),
    ];
    for (label, days, rate) in days.into_iter().filter(|d| d.1 > 0) {
        lines.push((
            l(label),
            Cell::from(days),
            Cell::Fen(rate),
            days as i64 * rate,
        ));
    }
    for id in &bill.clubs {
        let (name, fen) = school
            .club(id)
            .map_or((id.clone(), 0), |c| (c.name.clone(), c.fee_fen));
        // A club without a material fee costs nothing: no line of 0.00.
        if fen == 0 {
            continue;
        }
        lines.push((
            format!("{} {name}", l(Label::MaterialFee)),
            Cell::from(1u32),
            Cell::Fen(fen),
            fen,
        ));
    }
    if bill.refund_fen > 0 {
        let item = match lang {
            crate::i18n::Lang::Zh => format!("{}(请假 {} 天)", l(Label::Refund), bill.leave_days),
            crate::i18n::Lang::En => {
                format!("{} ({} leave days)", l(Label::Refund), bill.leave_days)
            }
        };
        lines.push((
            item,
            Cell::from(bill.refunded_days),
            Cell::from(""),
            -bill.refund_fen,
        ));
    }
    if bill.exempt {
        let before = bill.service_fen + bill.material_fen - bill.refund_fen;
        lines.push((l(Label::Exempt), Cell::from(""), Cell::from(""), -before));
    }
    lines
}

/// A class's notices to cut: each headed by the school, the class and the
/// child; the bill; the basis of the fee, how and by when to pay, whom to
/// call and the issue date; a line for the parent to sign; a cut line.
/// Two or three to a page, each whole.
pub fn class_sheet(
    class: &str,
    bills: &[&Bill],
    school: &School,
    config: &Config,
    period: &str,
    issued: NaiveDate,
) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let headers = [
        Label::Item,
        Label::Quantity,
        Label::UnitPrice,
        Label::Amount,
    ]
    .map(l)
    .to_vec();
    let title = format!(
        "{} {} {class} {period}",
        config.school.name,
        l(Label::FeeNotice)
    );
    let mut sheet = Sheet::new(class, &format!("class-{class}"), title, headers);
    let lines = closing_lines(class, school, config, issued);
    for b in bills {
        sheet.slips.push(sheet.rows.len());
        sheet.banners.push(sheet.rows.len());
        sheet.rows.push(vec![Cell::from(format!(
            "{} {} · {class}  {} {}  {} {}  {period}",
            config.school.name,
            l(Label::FeeNotice),
            l(Label::Name),
            b.student.name,
            l(Label::StudentId),
            b.student.id,
        ))]);
        for (item, qty, rate, fen) in notice_lines(b, school, config) {
            sheet
                .rows
                .push(vec![Cell::from(item), qty, rate, Cell::Fen(fen)]);
        }
        sheet.rows.push(vec![
            Cell::from(l(Label::Due)),
            Cell::from(""),
            Cell::from(""),
            Cell::Fen(b.total_fen),
        ]);
        sheet.end_notice(&lines, lang);
    }
    sheet
}

/// Under the bill: the basis of the fee; how and by when to pay; whom to
/// call, and the date the notice was issued.
fn closing_lines(class: &str, school: &School, config: &Config, issued: NaiveDate) -> Vec<String> {
    let lang = config.lang;
    let contact = school
        .class(class)
        .map_or(String::new(), |c| texts::contact(config, school, c));
    vec![
        texts::fee_basis(config),
        format!("{} {}", texts::payment(config), texts::pay_by(config)),
        format!("{contact}    {}", PaperSay::Issued(issued).render(lang)),
    ]
}

/// One row per child: the notice's totals, for the office and for machines.
pub fn list(bills: &[&Bill], config: &Config, period: &str) -> Sheet {
    let lang = config.lang;
    let l = |label: Label| label.text(lang).to_string();
    let headers = [
        Label::Class,
        Label::StudentId,
        Label::Name,
        Label::ServiceDays,
        Label::ServiceFee,
        Label::MaterialFee,
        Label::Refund,
        Label::Exempt,
        Label::Due,
    ]
    .map(l)
    .to_vec();
    let title = format!("{} {} {period}", config.school.name, l(Label::FeeNotice));
    let mut sheet = Sheet::new(&l(Label::Summary), "list", title, headers);
    for b in bills {
        sheet.rows.push(vec![
            Cell::from(&b.student.class),
            Cell::from(&b.student.id),
            Cell::from(&b.student.name),
            Cell::from(b.days()),
            Cell::Fen(b.service_fen),
            Cell::Fen(b.material_fen),
            Cell::Fen(b.refund_fen),
            Cell::from(if b.exempt {
                l(Label::Exempt)
            } else {
                String::new()
            }),
            Cell::Fen(b.total_fen),
        ]);
    }
    sheet
}
