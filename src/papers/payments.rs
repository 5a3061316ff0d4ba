//! Payments (学号, 金额, 日期, 方式) reconciled with the fees: per child what
//! was due and what was paid, per class the totals, and the list to chase.
//! A payment for a child not on the roster, or a row repeating another
//! (same child, amount, date and method), is a problem at its file and line.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;

use crate::fees::Bill;
use crate::i18n::Msg;
use crate::input::{Field, Problems, Severity, bind, load, parse, read_rows};
use crate::model::Student;
use crate::school::School;

/// One row of the payments file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub student: String,
    pub fen: i64,
    pub date: NaiveDate,
    pub method: String,
    pub line: usize,
}

const FIELDS: &[Field] = &[
    Field::required("id", &["学号", "student"]),
    Field::required("amount", &["金额", "fen", "paid"]),
    Field::required("date", &["日期"]),
    Field::optional("method", &["方式", "缴费方式"]),
];

/// Reads the payments file (`path` relative to `dir`); every problem is
/// reported, and rows with problems are left out.
/// A payment dated more than this many days outside the term is warned about
/// (a family paying a few weeks ahead is usual; 1999 or 2030 is a typo).
pub const DAYS_AROUND_TERM: i64 = 31;

pub fn read(
    dir: &Path,
    path: &str,
    school: &School,
    term: (NaiveDate, NaiveDate),
    problems: &mut Problems,
) -> Vec<Payment> {
    let table = match load(dir, path) {
        Ok(t) => t,
        Err(msg) => {
            problems.file(Severity::Error, path, msg);
            return Vec::new();
        }
    };
    let Some(cols) = bind(&table, FIELDS, false, problems) else {
        return Vec::new();
    };
    let mut first: HashMap<(String, i64, NaiveDate, String), usize> = HashMap::new();
    read_rows(&table, &cols, problems, |c| {
        let student = c.required("id");
        let fen = c.parse_required("amount", parse::fen, Msg::BadMoney);
        let date = c.parse_required("date", parse::date, Msg::BadDate);
        let (student, fen, date) = (student?, fen?, date?);
        if !school.on_roster(&student) {
            c.report("id", Severity::Error, Msg::UnknownStudent);
            return None;
        }
        let margin = chrono::Duration::days(DAYS_AROUND_TERM);
        if date < term.0 - margin || date > term.1 + margin {
            let (start, end) = term;
            c.report(
                "date",
                Severity::Warning,
                Msg::PaymentOutsideTerm { start, end },
            );
        }
        let method = c.text("method");
        let key = (student.clone(), fen, date, method.clone());
        if let Some(&first_line) = first.get(&key) {
            c.report("id", Severity::Error, Msg::DuplicatePayment { first_line });
            return None;
        }
        first.insert(key, c.line());
        Some(Payment {
            student,
            fen,
            date,
            method,
            line: c.line(),
        })
    })
}

/// Where a child stands after their payments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    Paid,
    Unpaid,
    Under,
    Over,
    /// Exempt (免收): nothing due and nothing paid.
    Exempt,
}

/// One child's account.
#[derive(Debug, Clone)]
pub struct Account<'a> {
    pub student: &'a Student,
    pub due_fen: i64,
    pub paid_fen: i64,
    pub payments: usize,
    /// Exempt from the fees (免收).
    pub exempt: bool,
}

impl Account<'_> {
    /// Still owed (negative: paid too much).
    pub fn owed_fen(&self) -> i64 {
        self.due_fen - self.paid_fen
    }

    pub fn standing(&self) -> Standing {
        match (self.paid_fen, self.owed_fen()) {
            (0, 0) if self.exempt => Standing::Exempt,
            (_, 0) => Standing::Paid,
            (0, _) => Standing::Unpaid,
            (_, owed) if owed > 0 => Standing::Under,
            _ => Standing::Over,
        }
    }
}

/// Every billed child's account (a child paying without a bill owes 0), in
/// the bills' order, then the payers without a bill in roster order.
pub fn reconcile<'a>(
    bills: &[Bill<'a>],
    payments: &[Payment],
    school: &'a School,
) -> Vec<Account<'a>> {
    let mut paid: BTreeMap<&str, (i64, usize)> = BTreeMap::new();
    for p in payments {
        let e = paid.entry(&p.student).or_default();
        e.0 += p.fen;
        e.1 += 1;
    }
    let mut accounts: Vec<Account> = bills
        .iter()
        .map(|b| {
            let (fen, n) = paid.remove(b.student.id.as_str()).unwrap_or_default();
            Account {
                student: b.student,
                due_fen: b.total_fen,
                paid_fen: fen,
                payments: n,
                exempt: b.exempt,
            }
        })
        .collect();
    for s in &school.students {
        if let Some((fen, n)) = paid.remove(s.id.as_str()) {
            accounts.push(Account {
                student: s,
                due_fen: 0,
                paid_fen: fen,
                payments: n,
                exempt: s.fee_exempt,
            });
        }
    }
    accounts
}
