//! What parents' papers say besides the child's own lines: the issue date,
//! whom to call, how and by when to pay, the basis of the fee, the line to
//! sign, and kehou's own wording where the school gave none (`[papers]`).

use chrono::{Datelike, NaiveDate};

use super::Lang;

/// A text the school may give in a file named under `[papers]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperText {
    Letter,
    Payment,
    Contact,
    FeeBasis,
}

impl PaperText {
    /// The key under `[papers]`.
    pub fn key(self) -> &'static str {
        match self {
            PaperText::Letter => "letter",
            PaperText::Payment => "payment",
            PaperText::Contact => "contact",
            PaperText::FeeBasis => "fee_basis",
        }
    }

    /// What the file should hold, for messages.
    pub fn what(self, lang: Lang) -> &'static str {
        match self {
            PaperText::Letter => lang.pick(
                "印在每张回执上方的《告家长书》正文",
                "the letter to parents (告家长书) printed above each consent slip",
            ),
            PaperText::Payment => lang.pick(
                "缴费通知单上的缴费方式(渠道、账户、注意事项)",
                "how to pay (channel, account, what to keep), for the fee notices",
            ),
            PaperText::Contact => lang.pick(
                "家长联系的办公室、联系人和电话",
                "the office, person and phone parents should call",
            ),
            PaperText::FeeBasis => lang.pick(
                "收费依据(文件名称、文号或收费原则)",
                "the basis of the fee (the document or rule it is charged under)",
            ),
        }
    }
}

/// A sentence on a parents' paper, with the values that go into it.
#[derive(Debug, Clone, PartialEq)]
pub enum PaperSay {
    /// `发放日期:2026年9月1日`.
    Issued(NaiveDate),
    /// The line a parent signs to say they received the paper.
    ParentReceipt,
    /// kehou's contact line: the class's head teacher, with a phone if known.
    DefaultContact { teacher: String, phone: String },
    /// kehou's payment line.
    DefaultPayment,
    /// By when to pay: the configured day, or a week from receipt.
    PayBy(Option<NaiveDate>),
    /// kehou's 收费依据, with the day rates in fen.
    DefaultFeeBasis { full_fen: i64, first_fen: i64 },
    /// A school's own 收费依据, headed as one.
    FeeBasis(String),
    /// kehou's 告家长书, with the service weekdays and the grade's dismissal.
    DefaultLetter { weekdays: String, dismissal: String },
    /// The line between the letter (kept) and the reply slip (returned).
    TearOffReply,
    /// The letter's sign-off: the school and the issue date.
    SignOff { school: String, date: NaiveDate },
    /// Above the weekday lines: where the child does homework, and when.
    HomeworkRoom {
        days: String,
        time: String,
        room: String,
    },
    /// A weekday with nothing but homework all afternoon.
    HomeworkAllAfternoon,
    /// On a placement notice: the fee itself comes on the fee notice.
    PaymentOnFeeNotice,
}

fn zh_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

impl PaperSay {
    pub fn render(&self, lang: Lang) -> String {
        use PaperSay::*;
        let zh = lang == Lang::Zh;
        match self {
            Issued(d) if zh => format!("发放日期:{}", zh_date(*d)),
            Issued(d) => format!("Issued on {d}"),
            ParentReceipt if zh => "家长签收 ________________    日期 ________".into(),
            ParentReceipt => "Received (guardian's signature) ________________    Date ________".into(),
            DefaultContact { teacher, phone } => match (zh, phone.is_empty()) {
                (true, true) => format!("如有疑问,请联系班主任{teacher}老师。"),
                (true, false) => format!("如有疑问,请联系班主任{teacher}老师(电话 {phone})。"),
                (false, true) => format!("Questions: please ask the class teacher, {teacher}."),
                (false, false) => {
                    format!("Questions: please call the class teacher, {teacher} ({phone}).")
                }
            },
            DefaultPayment if zh => {
                "缴费方式:请按学校统一收费渠道(班级群另行通知)缴纳,缴费后请保留凭证;减免、退费由学校按规定办理。".into()
            }
            DefaultPayment => "How to pay: through the school's own payment channel (announced in the class group); keep the receipt. Exemptions and refunds are settled by the school.".into(),
            PayBy(Some(d)) if zh => format!("缴费期限:请于{}前缴清。", zh_date(*d)),
            PayBy(Some(d)) => format!("Please pay by {d}."),
            PayBy(None) if zh => "缴费期限:请于收到本通知之日起 7 日内缴清。".into(),
            PayBy(None) => "Please pay within 7 days of receiving this notice.".into(),
            DefaultFeeBasis { full_fen, first_fen } if zh => format!(
                "收费依据:课后服务坚持公益服务、成本收费原则,按上级部门核定标准收取部分成本费用,不以营利为目的。收费标准:全程 {} 元/天,第一时段 {} 元/天;社团材料费按社团公布的标准收取。",
                yuan(*full_fen),
                yuan(*first_fen)
            ),
            DefaultFeeBasis { full_fen, first_fen } => format!(
                "Basis of the fee: the service is public-benefit and not for profit; part of its cost is charged at the rate the education authority set: ¥{} a day for the full service, ¥{} for the first session only; club material fees as each club states.",
                yuan(*full_fen),
                yuan(*first_fen)
            ),
            FeeBasis(text) if zh => format!("收费依据:{text}"),
            FeeBasis(text) => format!("Basis of the fee: {text}"),
            DefaultLetter { weekdays, dismissal } if zh => format!(
                "尊敬的家长:\n  为帮助家长解决按时接送的困难,学校在{weekdays}放学后开展课后服务:集中完成作业、个别答疑,开展社团和特色活动,不讲新课;本年级 {dismissal} 放学。课后服务坚持家长自愿、公益服务原则,按上级部门核定标准收取部分成本费用。是否参加由您自主决定;请填写下面的回执并签署安全协议,由孩子交回班主任。"
            ),
            DefaultLetter { weekdays, dismissal } => format!(
                "Dear parents,\n  To help families who cannot collect their children when lessons end, the school offers after-school care on {weekdays}: supervised homework with individual help, clubs and activities; no new lessons. This grade goes home at {dismissal}. Taking part is your free choice; the service is not for profit and part of its cost is charged at the rate the authority set. Please fill in the reply slip below, sign the safety agreement and send it back to the class teacher."
            ),
            TearOffReply if zh => "- - - - - - 请沿此线剪下回执,填好签名后交回班主任 - - - - - -".into(),
            TearOffReply => "- - - - - - Cut here: fill in and sign the reply slip, return it to the class teacher - - - - - -".into(),
            SignOff { school, date } if zh => format!("{school}  {}", zh_date(*date)),
            SignOff { school, date } => format!("{school}, {date}"),
            HomeworkRoom { days, time, room } if zh => {
                format!("作业辅导:{days} {time} 在{room}(下面未列出的时间也在此教室)")
            }
            HomeworkRoom { days, time, room } => format!(
                "Homework: {days} {time} in {room} (and at any time not listed below)"
            ),
            HomeworkAllAfternoon if zh => "整个下午在作业教室".into(),
            HomeworkAllAfternoon => "homework room all afternoon".into(),
            PaymentOnFeeNotice if zh => "应缴金额、缴费方式和期限见缴费通知单。".into(),
            PaymentOnFeeNotice => "The amount, how and by when to pay come on the fee notice.".into(),
        }
    }
}
