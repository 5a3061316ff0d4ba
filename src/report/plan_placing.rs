//! The plan report's placement blocks (issue 26): the proven gap, capacity
//! advice, and per grade and tier the share placed at each rank.

use std::fmt::Write as _;

use crate::allocate::advice::Advice;
use crate::allocate::clubs::Bound;
use crate::i18n::{Label, Lang, Placing, nth_choice};
use crate::plan::{Fairness, Share};
use crate::school::School;

/// What the bound proves about the plan: at most so many seats short.
pub fn proven_gap(out: &mut String, bound: &Bound, lang: Lang) {
    let (short, share) = bound.seats_short();
    writeln!(
        out,
        "{}",
        Placing::ProvenWithin { short, share }.render(lang)
    )
    .unwrap();
}

/// Where more seats, or a lower minimum, would place more children.
pub fn advice(out: &mut String, advice: &Advice, school: &School, lang: Lang) {
    if advice.more.is_empty()
        && advice.opens.is_empty()
        && advice.nobody.is_empty()
        && advice.idle == 0
    {
        return;
    }
    writeln!(out, "{}", Placing::AdviceHead.render(lang)).unwrap();
    let club = |c: usize| (school.clubs[c].id.as_str(), school.clubs[c].name.as_str());
    for m in &advice.more {
        let (id, name) = club(m.club);
        let line = Placing::More {
            club: id,
            name,
            seats: m.seats,
            children: m.children,
        };
        writeln!(out, "{}", line.render(lang)).unwrap();
    }
    if advice.helping > advice.more.len() {
        let line = Placing::MoreElsewhere {
            helping: advice.helping,
            shown: advice.more.len(),
        };
        writeln!(out, "{}", line.render(lang)).unwrap();
    }
    for o in &advice.opens {
        let (id, name) = club(o.club);
        let line = Placing::Opens {
            club: id,
            name,
            min: o.min,
            opens_at: o.opens_at,
            children: o.children,
        };
        writeln!(out, "{}", line.render(lang)).unwrap();
    }
    if !advice.nobody.is_empty() {
        const NAMED: usize = 8;
        let mut some: Vec<String> = (advice.nobody.iter().take(NAMED))
            .map(|&c| club(c).1.to_string())
            .collect();
        if advice.nobody.len() > NAMED {
            some.push("…".to_string());
        }
        let line = Placing::Nobody {
            clubs: advice.nobody.len(),
            some: lang.list(&some),
        };
        writeln!(out, "{}", line.render(lang)).unwrap();
    }
    if advice.idle > 0 {
        writeln!(out, "{}", Placing::Idle { seats: advice.idle }.render(lang)).unwrap();
    }
}

/// Per grade and per tier, the share placed at each rank and unplaced.
pub fn fairness(out: &mut String, fairness: &Fairness, lang: Lang) {
    if fairness.per_grade.is_empty() {
        return;
    }
    writeln!(out, "{}", Placing::FairnessHead.render(lang)).unwrap();
    for (grade, share) in &fairness.per_grade {
        let row = row(share, lang);
        writeln!(
            out,
            "{}",
            Placing::GradeRow { grade: *grade, row }.render(lang)
        )
        .unwrap();
    }
    // One tier says nothing the grades do not.
    if fairness.per_tier.len() > 1 {
        for (tier, share) in &fairness.per_tier {
            let row = row(share, lang);
            writeln!(
                out,
                "{}",
                Placing::TierRow { tier: *tier, row }.render(lang)
            )
            .unwrap();
        }
    }
}

/// "第1志愿 62.0%, 第2志愿 20.1%, 未录取 17.9% (n=412)".
fn row(share: &Share, lang: Lang) -> String {
    let pct = |n: usize| {
        if share.with == 0 {
            0.0
        } else {
            100.0 * n as f64 / share.with as f64
        }
    };
    let mut parts: Vec<String> = (share.by_rank.iter().enumerate())
        .map(|(i, &n)| format!("{} {:.1}%", nth_choice(lang, i + 1), pct(n)))
        .collect();
    parts.push(format!(
        "{} {:.1}%",
        Label::Unplaced.text(lang),
        pct(share.unplaced)
    ));
    format!("{} (n={})", parts.join(", "), share.with)
}

/// `plan --what-if`: the plan with the current club table against the plan
/// with another, side by side — placed, by choice rank, by tier, seats used
/// and idle, clubs not running.
pub fn what_if(
    now: (&crate::plan::Built, &School, &str),
    then: (&crate::plan::Built, &School, &str),
    lang: Lang,
) -> String {
    let mut out = String::new();
    let head = Placing::WhatIfHead {
        current: now.2,
        other: then.2,
    };
    writeln!(out, "{}", head.render(lang)).unwrap();
    let figures = |built: &crate::plan::Built, school: &School| {
        let s = &built.satisfaction;
        let placed: usize = s.per_tier.iter().map(|t| t.1).sum();
        let with: usize = s.per_tier.iter().map(|t| t.2).sum();
        let running: u32 = (0..school.clubs.len())
            .filter(|c| !built.closed.contains(c))
            .map(|c| school.clubs[c].capacity)
            .sum();
        let idle = (running as usize).saturating_sub(s.seats);
        (placed, with, s.seats, idle, built.closed.len())
    };
    let (a, b) = (figures(now.0, now.1), figures(then.0, then.1));
    let mut row = |what: String, now: String, then: String| {
        let line = Placing::WhatIfRow {
            what: &what,
            now,
            then,
        };
        writeln!(out, "{}", line.render(lang)).unwrap();
    };
    let text = |p: Placing| p.render(lang);
    row(
        text(Placing::WhatIfPlaced),
        format!("{}/{}", a.0, a.1),
        format!("{}/{} ({:+})", b.0, b.1, b.0 as i64 - a.0 as i64),
    );
    let ranks = (now.0.satisfaction.by_rank.len()).max(then.0.satisfaction.by_rank.len());
    let at = |v: &[usize], i: usize| v.get(i).copied().unwrap_or(0);
    for i in 0..ranks {
        let (x, y) = (
            at(&now.0.satisfaction.by_rank, i),
            at(&then.0.satisfaction.by_rank, i),
        );
        row(
            nth_choice(lang, i + 1),
            x.to_string(),
            format!("{y} ({:+})", y as i64 - x as i64),
        );
    }
    let (x, y) = (now.0.satisfaction.unplaced, then.0.satisfaction.unplaced);
    row(
        Label::Unplaced.text(lang).to_string(),
        x.to_string(),
        format!("{y} ({:+})", y as i64 - x as i64),
    );
    if now.0.satisfaction.per_tier.len() > 1 || then.0.satisfaction.per_tier.len() > 1 {
        for &(tier, placed, with) in &now.0.satisfaction.per_tier {
            let other = (then.0.satisfaction.per_tier.iter()).find(|t| t.0 == tier);
            let (p, w) = other.map_or((0, 0), |t| (t.1, t.2));
            row(
                format!("{}{tier}", lang.pick("优先级", "priority ")),
                format!("{placed}/{with}"),
                format!("{p}/{w} ({:+})", p as i64 - placed as i64),
            );
        }
    }
    row(
        text(Placing::WhatIfSeats),
        a.2.to_string(),
        format!("{} ({:+})", b.2, b.2 as i64 - a.2 as i64),
    );
    row(
        text(Placing::WhatIfIdle),
        a.3.to_string(),
        format!("{} ({:+})", b.3, b.3 as i64 - a.3 as i64),
    );
    row(
        text(Placing::WhatIfClosed),
        a.4.to_string(),
        format!("{} ({:+})", b.4, b.4 as i64 - a.4 as i64),
    );
    writeln!(out, "{}", text(Placing::WhatIfNothingWritten)).unwrap();
    out
}
