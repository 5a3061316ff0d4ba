//! Reading the values a school office types: dates, weekdays, day sets,
//! grades, yes/no, money — in Chinese or English, full-width or not.
//!
//! Each parser takes text already passed through [`fold`] and returns `None`
//! when it cannot read it; the caller reports where and what was expected.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use crate::model::{Days, Grades, Pickup, Session};

/// Folds full-width ASCII to half-width (`３（２）班` → `3(2)班`), turns the
/// ideographic space into a space, drops zero-width and direction marks, and
/// trims.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FF01}'..='\u{FF5E}' => {
                out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c));
            }
            '\u{3000}' => out.push(' '),
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            '\u{FEFF}' => {}
            _ => out.push(c),
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// The key a header or keyword is compared by: folded, lower case, without
/// spaces, underscores or hyphens.
pub fn key(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// `2026-09-07`, `2026/9/7`, `2026.9.7`, `2026年9月7日`, `20260907`, or an
/// Excel serial day number (what a date cell holds when its format is lost).
pub fn date(text: &str) -> Option<NaiveDate> {
    // The common case, and every state file: `2026-09-07`.
    let b = text.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let n = |r: std::ops::Range<usize>| text.get(r)?.parse::<u32>().ok();
        if let (Some(y), Some(m), Some(d)) = (n(0..4), n(5..7), n(8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d)
                .filter(|d| (1900..=2200).contains(&d.year()));
        }
    }
    let t = text.trim();
    // A spreadsheet date may carry a time of day: keep the date.
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    let t = t.trim_end_matches('日').trim_end_matches('号');
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    if parts.len() == 3 {
        let y: i32 = parts[0].parse().ok()?;
        let m: u32 = parts[1].parse().ok()?;
        let d: u32 = parts[2].parse().ok()?;
        if !(1900..=2200).contains(&y) {
            return None;
        }
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if parts.len() == 1 && t.chars().all(|c| c.is_ascii_digit()) {
        if t.len() == 8 {
            let n: u32 = t.parse().ok()?;
            return NaiveDate::from_ymd_opt((n / 10000) as i32, n / 100 % 100, n % 100);
        }
        return excel_serial(t.parse().ok()?);
    }
    // A serial number written as a float by some exporters ("46272.0").
    let serial: f64 = t.parse().ok()?;
    if serial.fract() == 0.0 && serial.is_finite() && serial.abs() < 1e7 {
        return excel_serial(serial as i64);
    }
    None
}

/// Excel's day numbers (1900 system): 1 = 1900-01-01, with its fictitious 29 Feb 1900.
/// Only numbers for dates between 1955 and 2119 are taken, so that a student id
/// or a count is never read as a date.
pub fn excel_serial(n: i64) -> Option<NaiveDate> {
    if !(20000..=80000).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n as u64))
}

/// `16:30`, `16:30:00`, `16点30`, `16时30分`.
pub fn time(text: &str) -> Option<NaiveTime> {
    // The common case: `16:30`.
    let b = text.as_bytes();
    if b.len() == 5 && b[2] == b':' {
        let n = |r: std::ops::Range<usize>| text.get(r)?.parse::<u32>().ok();
        if let (Some(h), Some(m)) = (n(0..2), n(3..5)) {
            return NaiveTime::from_hms_opt(h, m, 0);
        }
    }
    let t = text.trim().trim_end_matches('分');
    let parts: Vec<&str> = t.split([':', '点', '时']).collect();
    let h: u32 = parts.first()?.trim().parse().ok()?;
    let m: u32 = match parts.get(1).map(|m| m.trim()) {
        None | Some("") => 0,
        Some(m) => m.parse().ok()?,
    };
    let s: u32 = match parts.get(2) {
        None => 0,
        Some(s) => s.trim().parse().ok()?,
    };
    if parts.len() > 3 {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, s)
}

/// One weekday: `mon`, `Monday`, `一`, `周一`, `星期一`, `礼拜一`, `1`.
pub fn weekday(text: &str) -> Option<Weekday> {
    let k = key(text);
    let k = k
        .trim_start_matches("星期")
        .trim_start_matches("礼拜")
        .trim_start_matches('周');
    let w = match k {
        "1" | "一" | "mon" | "monday" => Weekday::Mon,
        "2" | "二" | "tue" | "tues" | "tuesday" => Weekday::Tue,
        "3" | "三" | "wed" | "wednesday" => Weekday::Wed,
        "4" | "四" | "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "5" | "五" | "fri" | "friday" => Weekday::Fri,
        "6" | "六" | "sat" | "saturday" => Weekday::Sat,
        "7" | "日" | "天" | "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    };
    Some(w)
}

/// An online form's option without its label: `A.参加` → `参加`,
/// `B、书法` → `书法`, `①围棋` → `围棋`; other text as it is.
pub fn option_label(text: &str) -> &str {
    let text = text.trim();
    let mut chars = text.chars();
    let label = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => {
            matches!(
                chars.next(),
                Some('.' | '、' | '．' | ':' | '：' | ')' | '）')
            )
        }
        Some('①'..='⑳') => true,
        _ => false,
    };
    if !label {
        return text;
    }
    let skip = if text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        2
    } else {
        1
    };
    let at = text.char_indices().nth(skip).map_or(text.len(), |(i, _)| i);
    text[at..].trim()
}

/// The options of an online form's multiple-choice cell, in order, split
/// at the separators 问卷星, 腾讯问卷, 金数据, 钉钉 and WeChat forms use:
/// `周一┋周三┋周五`, `A.围棋;B.书法`, `围棋,书法`, `围棋|书法`, one per line.
pub fn multiple_choice(cell: &str) -> Vec<String> {
    fold(cell)
        .split(['┋', '|', ';', '；', '、', ',', '，', '\n', '\r'])
        .map(str::trim)
        // `A、围棋`: a label split off from its option by the separator.
        .filter(|p| p.chars().count() > 1 || !p.is_ascii() && !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A set of weekdays: `一至五`, `周一到周五`, `1-5`, `mon-fri`, `mon,wed,fri`,
/// `一三五`, `周一、周三`, `135`, `周二周四`, `周二和周四`, and an online
/// form's multiple choice `周一┋周三┋周五`.
pub fn days(text: &str) -> Option<Days> {
    let folded = fold(text).to_lowercase();
    let mut set = Days::EMPTY;
    let tokens = folded
        .split([
            ',', '、', ';', ' ', '/', '，', '；', '+', '┋', '|', '\n', '和', '及',
        ])
        .filter(|t| !t.is_empty());
    let mut any = false;
    for token in tokens {
        any = true;
        if let Some((a, b)) = split_range(token) {
            let (a, b) = (weekday(a)?, weekday(b)?);
            let (a, b) = (a.num_days_from_monday(), b.num_days_from_monday());
            if a > b {
                return None;
            }
            for i in a..=b {
                set.insert(Weekday::try_from(i as u8).ok()?);
            }
        } else if let Some(w) = weekday(token) {
            set.insert(w);
        } else {
            // Run-together days: 一三五, 135, 周一三五, 周二周四.
            let rest = token
                .replace("星期", "")
                .replace("礼拜", "")
                .replace('周', "");
            if rest.is_empty() {
                return None;
            }
            for c in rest.chars() {
                set.insert(weekday(c.encode_utf8(&mut [0; 4]))?);
            }
        }
    }
    any.then_some(set)
}

fn split_range(token: &str) -> Option<(&str, &str)> {
    for sep in ['至', '到', '-', '~', '—', '–'] {
        if let Some((a, b)) = token.split_once(sep) {
            return Some((a, b));
        }
    }
    None
}

/// Grades 1–6: `3`, `1-2`, `3,4`, `1至6`, `一二年级`, `1-6年级`.
pub fn grades(text: &str) -> Option<Grades> {
    let folded = fold(text);
    let t = folded.replace("年级", "");
    let mut set = Grades::EMPTY;
    let mut any = false;
    for token in t
        .split([',', '、', ';', ' ', '/', '，', '；'])
        .filter(|t| !t.is_empty())
    {
        any = true;
        if let Some((a, b)) = split_range(token) {
            let (a, b) = (grade(a)?, grade(b)?);
            if a > b {
                return None;
            }
            (a..=b).for_each(|g| set.insert(g));
        } else if let Some(g) = grade(token) {
            set.insert(g);
        } else {
            for c in token.chars() {
                set.insert(grade(c.encode_utf8(&mut [0; 4]))?);
            }
        }
    }
    any.then_some(set)
}

/// One grade, 1–6, as a digit or Chinese numeral.
pub fn grade(text: &str) -> Option<u8> {
    let t = fold(text);
    let t = t.trim_end_matches("年级").trim();
    let g = match t {
        "一" => 1,
        "二" => 2,
        "三" => 3,
        "四" => 4,
        "五" => 5,
        "六" => 6,
        _ => t.parse::<u8>().ok()?,
    };
    (1..=6).contains(&g).then_some(g)
}

pub fn yes_no(text: &str) -> Option<bool> {
    match key(text).as_str() {
        "是" | "yes" | "y" | "true" | "1" | "√" | "✓" | "✔" | "已签" | "签" | "签了" | "有"
        | "同意" | "免" | "减免" | "签字" | "已签字" | "已签署" | "签署" | "已交" | "signed" => {
            Some(true)
        }
        "否" | "no" | "n" | "false" | "0" | "×" | "✗" | "未签" | "没签" | "无" | "不同意" => {
            Some(false)
        }
        _ => None,
    }
}

/// The guardian's decision on the slip.
pub fn decision(text: &str) -> Option<bool> {
    match key(text).as_str() {
        "参加" | "参与" | "报名" | "同意参加" | "join" | "in" | "optin" => Some(true),
        "不参加" | "不参与" | "不报名" | "不同意" | "out" | "optout" => Some(false),
        _ => yes_no(text),
    }
}

pub fn session(text: &str) -> Option<Session> {
    match key(text).as_str() {
        "full" | "全程" | "全部" | "全天" | "两个时段" | "第二时段" | "both" | "all" => {
            Some(Session::Full)
        }
        "first" | "第一时段" | "一时段" | "仅第一时段" | "1" => Some(Session::First),
        _ => None,
    }
}

pub fn pickup(text: &str) -> Option<Pickup> {
    match key(text).as_str() {
        "parent" | "家长接" | "家长" | "家长接送" | "接送" => Some(Pickup::Parent),
        "self" | "自行回家" | "自行离校" | "自己回家" | "自行" | "alone" => {
            Some(Pickup::Alone)
        }
        "bus" | "校车" | "坐校车" => Some(Pickup::Bus),
        _ => pickup_person(text).map(|_| Pickup::Parent),
    }
}

/// Who picks the child up when the clerk wrote it as the way home:
/// `爷爷接` → `爷爷`, `妈妈接送` → `妈妈`.
pub fn pickup_person(text: &str) -> Option<String> {
    let t = fold(text);
    let person = t
        .strip_suffix("接送")
        .or_else(|| t.strip_suffix('接'))?
        .trim();
    let short = (1..=8).contains(&person.chars().count());
    let named = person.chars().all(|c| c.is_alphabetic() || c == '·');
    // `家长接` says the way home, not who.
    (short && named && person != "家长").then(|| person.to_string())
}

/// A positive whole number (`40`, or `40.0` as a spreadsheet stores it).
pub fn positive(text: &str) -> Option<u32> {
    whole(text).filter(|n| *n > 0)
}

/// A whole number, 0 or more.
pub fn whole(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches('人');
    if let Ok(n) = t.parse::<u32>() {
        return Some(n);
    }
    let f: f64 = t.parse().ok()?;
    (f.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&f)).then_some(f as u32)
}

/// A signed whole number (priorities).
pub fn integer(text: &str) -> Option<i32> {
    text.trim().parse().ok()
}

/// Yuan to fen, exactly: `6`, `6.5`, `6.50`, `¥6`, `6元`, and Excel's
/// currency format `1,000.00` (commas only between groups of three digits).
/// Never through floats; under ten million yuan, so that no total of fees
/// can overflow.
pub fn fen(text: &str) -> Option<i64> {
    let t = text
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim();
    let (yuan, frac) = t.split_once('.').unwrap_or((t, ""));
    let grouped;
    let yuan = if yuan.contains([',', '，']) {
        let groups: Vec<&str> = yuan.split([',', '，']).collect();
        let first = groups[0].len();
        if !(1..=3).contains(&first) || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
        grouped = groups.concat();
        grouped.as_str()
    } else {
        yuan
    };
    if yuan.is_empty() || !yuan.chars().all(|c| c.is_ascii_digit()) || yuan.len() > 7 {
        return None;
    }
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let cents: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(yuan.parse::<i64>().ok()? * 100 + cents)
}

/// Whether a date falls on a Saturday or Sunday.
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_every_office_spelling() {
        for t in [
            "2026-09-07",
            "2026/9/7",
            "2026.9.7",
            "2026年9月7日",
            "20260907",
            "46272",
            "2026-09-07 00:00:00",
        ] {
            assert_eq!(date(t), Some(d(2026, 9, 7)), "{t}");
        }
        assert_eq!(date("2026-02-30"), None);
        assert_eq!(date("next monday"), None);
        assert_eq!(date("2026-9"), None);
    }

    #[test]
    fn weekdays_and_day_sets() {
        for t in ["mon", "Monday", "一", "周一", "星期一", "1", "ＭＯＮ"] {
            assert_eq!(weekday(t), Some(Weekday::Mon), "{t}");
        }
        let mwf = Days::from_iter([Weekday::Mon, Weekday::Wed, Weekday::Fri]);
        for t in [
            "mon,wed,fri",
            "一三五",
            "周一、周三、周五",
            "135",
            "1,3,5",
            "周一周三周五",
            "周一┋周三┋周五",
            "周一和周三和周五",
        ] {
            assert_eq!(days(t), Some(mwf), "{t}");
        }
        for t in ["一至五", "1-5", "mon-fri", "周一到周五", "周一至周五"] {
            assert_eq!(days(t), Some(Days::WORKWEEK), "{t}");
        }
        assert_eq!(days("八"), None);
        assert_eq!(days("5-1"), None);
    }

    #[test]
    fn online_form_options() {
        assert_eq!(option_label("A.参加"), "参加");
        assert_eq!(option_label("B、书法"), "书法");
        assert_eq!(option_label("①围棋"), "围棋");
        assert_eq!(option_label("Art"), "Art");
        assert_eq!(multiple_choice("A.围棋;B.书法"), ["A.围棋", "B.书法"]);
        assert_eq!(multiple_choice("A、围棋;B、书法"), ["围棋", "书法"]);
        assert_eq!(multiple_choice("围棋┋书法┋ 足球"), ["围棋", "书法", "足球"]);
        assert_eq!(multiple_choice("围棋|书法"), ["围棋", "书法"]);
        assert_eq!(multiple_choice("围棋\n书法"), ["围棋", "书法"]);
    }

    #[test]
    fn grades_and_folding() {
        assert_eq!(fold("３（２）班"), "3(2)班");
        assert_eq!(key(" Head_Teacher "), "headteacher");
        assert_eq!(
            grades("1-2").map(|g| g.iter().collect::<Vec<_>>()),
            Some(vec![1, 2])
        );
        assert_eq!(grades("一二年级").map(|g| g.iter().count()), Some(2));
        assert_eq!(grades("0-7"), None);
        assert_eq!(grade("7"), None);
    }

    #[test]
    fn natural_clerk_entries() {
        for t in ["签字", "已签", "已签字", "是"] {
            assert_eq!(yes_no(t), Some(true), "{t}");
        }
        for t in ["爷爷接", "奶奶接", "妈妈接送", "家长接"] {
            assert_eq!(pickup(t), Some(Pickup::Parent), "{t}");
        }
        assert_eq!(pickup_person("爷爷接").as_deref(), Some("爷爷"));
        assert_eq!(pickup_person("接"), None);
        assert_eq!(pickup("3点接"), None);
    }

    #[test]
    fn money_is_exact_in_fen() {
        assert_eq!(fen("6"), Some(600));
        assert_eq!(fen("6.5"), Some(650));
        assert_eq!(fen("¥12.05"), Some(1205));
        assert_eq!(fen("6.555"), None);
        assert_eq!(fen("-1"), None);
        assert_eq!(fen("1,000.00"), Some(100_000));
        assert_eq!(fen("¥1,234,567.5"), Some(123_456_750));
        assert_eq!(fen("12,00"), None);
        assert_eq!(fen(",100"), None);
    }
}
