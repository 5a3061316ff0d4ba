//! Which unknown header a clerk most likely meant for a missing column:
//! `名字` for 姓名, `电话号码` for 联系电话, `guardain` for guardian. A word
//! list of near-synonyms that are not accepted as they are (they are
//! guesses, and a guess about whose phone a column holds must be confirmed),
//! then containment and edit distance over the accepted spellings.

use super::columns::Field;
use super::parse::key;

/// Spellings that suggest a column without being accepted for it, by field name.
const NEAR: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "名字",
            "学生名字",
            "孩子姓名",
            "幼儿姓名",
            "student",
            "studentname",
            "fullname",
        ],
    ),
    (
        "phone",
        &[
            "电话号码",
            "手机号",
            "手机号码",
            "联系方式",
            "家长手机",
            "联系手机",
            "家长电话号码",
            "tel",
            "telephone",
            "mobile",
            "phonenumber",
            "contact",
        ],
    ),
    (
        "guardian",
        &[
            "家长名字",
            "父母",
            "父亲",
            "母亲",
            "监护人姓名",
            "parent",
            "parents",
        ],
    ),
    (
        "pickup",
        &[
            "放学方式",
            "回家方式",
            "离校",
            "接送",
            "dismissal",
            "gohome",
            "home",
        ],
    ),
    (
        "pickup_by",
        &[
            "接送人姓名",
            "接送家长",
            "谁来接",
            "接孩子的人",
            "pickupperson",
            "collector",
        ],
    ),
    (
        "notes",
        &[
            "特殊情况",
            "过敏",
            "健康情况",
            "病史",
            "note",
            "remarks",
            "allergies",
        ],
    ),
    ("class", &["班别", "所在班级", "班", "classname"]),
    ("id", &["学籍", "编号", "studentid", "number", "no"]),
    ("decision", &["参加", "是否参加课后服务", "报名", "join"]),
];

/// How an unknown header resembles a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    /// A near-synonym from the word list.
    Synonym,
    /// Contains or is contained in an accepted spelling, or one edit away.
    Spelling,
}

/// How an unknown header (already folded by [`key`]) looks like `field`, if it does.
pub fn likeness(field: &Field, header: &str) -> Option<Likeness> {
    if header.is_empty() {
        return None;
    }
    let mut near = NEAR
        .iter()
        .filter(|(name, _)| *name == field.name)
        .flat_map(|(_, words)| words.iter());
    if near.any(|w| key(w) == header) {
        return Some(Likeness::Synonym);
    }
    std::iter::once(&field.name)
        .chain(field.aliases)
        .map(|s| key(s))
        .any(|accepted| close(&accepted, header))
        .then_some(Likeness::Spelling)
}

/// One spelling contains the other (`电话号码` ⊃ `电话`), or they are one
/// edit apart (two for longer English words: `guardain`).
fn close(accepted: &str, header: &str) -> bool {
    let chars = |s: &str| s.chars().count();
    let (a, h) = (chars(accepted), chars(header));
    if a >= 2 && h >= 2 && (header.contains(accepted) || accepted.contains(header)) {
        return true;
    }
    let distance = strsim::damerau_levenshtein(accepted, header);
    let ascii = accepted.is_ascii() && header.is_ascii();
    let allowed = if ascii && a >= 6 { 2 } else { 1 };
    // One character of two is half the word (学号, 序号): too far.
    a.min(h) >= 3 && distance <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn looks_like(field: &Field, header: &str) -> bool {
        likeness(field, header).is_some()
    }

    const NAME: Field = Field::required("name", &["姓名", "学生姓名"]);
    const PHONE: Field = Field::optional("phone", &["联系电话", "电话", "家长电话", "手机"]);
    const GUARDIAN: Field = Field::optional("guardian", &["监护人", "家长", "家长姓名"]);

    #[test]
    fn a_clerks_spellings_are_recognised() {
        assert!(looks_like(&NAME, &key("名字")));
        assert!(looks_like(&PHONE, &key("电话号码")));
        assert!(looks_like(&PHONE, &key("Phone Number")));
        assert!(looks_like(&PHONE, &key("phnoe")));
        assert!(looks_like(&GUARDIAN, &key("guardain")));
        assert!(looks_like(&GUARDIAN, &key("监护人姓名")));
    }

    #[test]
    fn other_columns_are_not() {
        assert!(!looks_like(&NAME, &key("班级")));
        assert!(!looks_like(&PHONE, &key("性别")));
        assert!(!looks_like(&GUARDIAN, &key("备注")));
        assert!(!looks_like(&PHONE, &key("no")));
        const ID: Field = Field::required("id", &["学号"]);
        assert!(!looks_like(&ID, &key("序号")));
    }
}
