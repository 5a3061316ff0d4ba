//! The plan report's capacity advice, fairness table, proven gap and the
//! `plan --what-if` comparison (issue 26), in both languages.

use super::Lang;

/// One sentence of the plan report's placement blocks.
#[derive(Debug, Clone, PartialEq)]
pub enum Placing<'a> {
    /// The gap the search proved: at most `short` seats (`share` of those used).
    ProvenWithin {
        short: usize,
        share: f64,
    },
    AdviceHead,
    /// "武术3 (C0082): 再加 N 个名额最多可多录取 745 人" — a club alone with more seats.
    More {
        club: &'a str,
        name: &'a str,
        seats: u32,
        children: usize,
    },
    /// How many full clubs a seat more helps, beyond those listed.
    MoreElsewhere {
        helping: usize,
        shown: usize,
    },
    /// Full clubs where a seat more places nobody.
    Nobody {
        clubs: usize,
        some: String,
    },
    /// Seats left empty in clubs that run.
    Idle {
        seats: u32,
    },
    /// A club closed by its minimum: the minimum that would open it.
    Opens {
        club: &'a str,
        name: &'a str,
        min: u32,
        opens_at: u32,
        children: usize,
    },
    FairnessHead,
    GradeRow {
        grade: u8,
        row: String,
    },
    TierRow {
        tier: i32,
        row: String,
    },
    WhatIfHead {
        current: &'a str,
        other: &'a str,
    },
    /// One compared figure: now, with the other table.
    WhatIfRow {
        what: &'a str,
        now: String,
        then: String,
    },
    WhatIfPlaced,
    WhatIfSeats,
    WhatIfIdle,
    WhatIfClosed,
    WhatIfNothingWritten,
    /// The progress line while the search over minimums works.
    Searching {
        nodes: u64,
    },
}

impl Placing<'_> {
    pub fn render(&self, lang: Lang) -> String {
        use Placing::*;
        let zh = lang == Lang::Zh;
        match self {
            ProvenWithin { short, share } => {
                let pct = 100.0 * share;
                if zh {
                    format!("  已证明:与最优相差至多 {short} 个席位({pct:.2}%)")
                } else {
                    format!(
                        "  proven: at most {short} seats short of the optimum ({pct:.2}% of seats)"
                    )
                }
            }
            AdviceHead => lang
                .pick(
                    "扩容建议(每项已按改动重新求解确认):",
                    "Capacity advice (each checked by re-solving with the change):",
                )
                .to_string(),
            More {
                club,
                name,
                seats,
                children,
            } => {
                if zh {
                    format!(
                        "  {name} ({club}):现 {seats} 个名额,再加名额最多可多录取 {children} 人"
                    )
                } else {
                    format!(
                        "  {name} ({club}): {seats} seats now; more seats there alone place up to {children} more"
                    )
                }
            }
            MoreElsewhere { helping, shown } => {
                if zh {
                    format!("  另有 {} 个满员社团加名额也能多录取", helping - shown)
                } else {
                    format!(
                        "  {} more full clubs would place more with more seats",
                        helping - shown
                    )
                }
            }
            Nobody { clubs, some } => {
                if zh {
                    format!("  {clubs} 个满员社团再加名额也录取不了更多人(钱可用在别处):{some}")
                } else {
                    format!(
                        "  {clubs} full clubs would place nobody more with more seats (money is better spent elsewhere): {some}"
                    )
                }
            }
            Idle { seats } => {
                if zh {
                    format!("  开班社团共有 {seats} 个名额空着")
                } else {
                    format!("  {seats} seats are empty in clubs that run")
                }
            }
            Opens {
                club,
                name,
                min,
                opens_at,
                children,
            } => {
                if zh {
                    format!(
                        "  {name} ({club}):最少人数 {min} 未开班;最少人数降到 {opens_at} 即可开班,可多录取 {children} 人"
                    )
                } else {
                    format!(
                        "  {name} ({club}): closed by its minimum of {min}; a minimum of {opens_at} opens it and places {children} more"
                    )
                }
            }
            FairnessHead => lang
                .pick(
                    "各年级、各优先级的录取情况(按所得最好志愿):",
                    "Placed per grade and per tier (by the best choice each got):",
                )
                .to_string(),
            GradeRow { grade, row } => {
                if zh {
                    format!("  {grade} 年级:{row}")
                } else {
                    format!("  grade {grade}: {row}")
                }
            }
            TierRow { tier, row } => {
                if zh {
                    format!("  优先级{tier}:{row}")
                } else {
                    format!("  priority {tier}: {row}")
                }
            }
            WhatIfHead { current, other } => {
                if zh {
                    format!("假设比较:现有社团表 {current} 与 {other}")
                } else {
                    format!("What if: the club table {current} against {other}")
                }
            }
            WhatIfRow { what, now, then } => {
                if zh {
                    format!("  {what}:现 {now},改后 {then}")
                } else {
                    format!("  {what}: now {now}, with the change {then}")
                }
            }
            WhatIfPlaced => lang.pick("录取", "placed").to_string(),
            WhatIfSeats => lang.pick("已用席位", "seats used").to_string(),
            WhatIfIdle => lang.pick("空余名额", "seats idle").to_string(),
            WhatIfClosed => lang.pick("人数不足未开班", "clubs not running").to_string(),
            Searching { nodes } => {
                if zh {
                    format!("排班中…(最少人数搜索已试 {nodes} 种开班组合)")
                } else {
                    format!("planning… (the search over minimums has tried {nodes} sets of clubs)")
                }
            }
            WhatIfNothingWritten => lang
                .pick(
                    "(假设比较:没有写入任何文件)",
                    "(what if: nothing was written)",
                )
                .to_string(),
        }
    }
}
