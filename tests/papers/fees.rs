//! `kehou fees --notices`, `fees --paid` and the absence messages.

use std::collections::{BTreeMap, HashMap};

use super::demo::*;

#[test]
fn fee_notices_sum_to_the_fees_workbook_and_months_to_the_term() {
    let school = demo();
    let dir = school.path();
    let run = school.run(&["fees", "--notices", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let mut notices: BTreeMap<String, i64> = BTreeMap::new();
    for n in table(&dir.join("out/fee-notices-list.csv")) {
        *notices.entry(n["班级"].clone()).or_default() += fen(&n["应缴"]);
    }
    let summary: BTreeMap<String, i64> = table(&dir.join("out/fees-summary.csv"))
        .into_iter()
        .filter(|r| r["班级"] != "合计")
        .map(|r| (r["班级"].clone(), fen(&r["应缴"])))
        .collect();
    assert_eq!(notices, summary);
    // Each class's slips: the lines of each child add up to the amount due.
    let slips = table(&dir.join("out/fee-notices-class-3(2)班.csv"));
    let (mut sum, mut children) = (0, 0);
    for line in &slips {
        let amount = line.get("金额").map_or("", String::as_str);
        match line["项目"].as_str() {
            "应缴" => {
                assert_eq!(fen(amount), sum);
                (sum, children) = (0, children + 1);
            }
            _ if amount.is_empty() => {}
            _ => sum += fen(amount),
        }
    }
    assert!(children > 20, "{children}");

    // The term's statements by month add up to the term's, to the fen.
    let term: i64 = summary.values().sum();
    let mut months = 0;
    for (from, to) in [
        ("2026-09-01", "2026-09-30"),
        ("2026-10-01", "2026-10-31"),
        ("2026-11-01", "2026-11-30"),
        ("2026-12-01", "2026-12-31"),
        ("2027-01-01", "2027-01-31"),
    ] {
        let run = school.run(&["fees", "--from", from, "--to", to, "--csv"]);
        assert_eq!(run.code, 0, "{}", run.all());
        let total = table(&dir.join("out/fees-summary.csv")).pop().unwrap();
        months += fen(&total["应缴"]);
    }
    assert_eq!(months, term);
}

#[test]
fn payments_reconcile_to_the_fen_and_bad_rows_are_problems() {
    let school = demo();
    let dir = school.path();
    let run = school.run(&["fees", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let mut due: BTreeMap<String, i64> = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("out")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("fees-class-") {
            for r in table(&dir.join("out").join(&name)) {
                due.insert(r["学号"].clone(), fen(&r["应缴"]));
            }
        }
    }
    // Every 4th child pays nothing, every 4th + 1 pays 10.00 short in two
    // instalments, every 4th + 2 pays 0.01 too much, the rest pay exactly.
    let mut csv = String::from("学号,金额,日期,方式\n");
    let mut paid: BTreeMap<String, i64> = BTreeMap::new();
    for (i, (id, fen)) in due.iter().enumerate() {
        let pays: Vec<i64> = match i % 4 {
            0 => vec![],
            1 if *fen >= 1000 => vec![1000, fen - 2000],
            2 => vec![fen + 1],
            _ => vec![*fen],
        };
        for (k, p) in pays.iter().enumerate() {
            csv += &format!(
                "{id},{}.{:02},2026-09-{:02},微信\n",
                p / 100,
                p % 100,
                10 + k
            );
            *paid.entry(id.clone()).or_default() += p;
        }
    }
    let first = csv.lines().nth(1).unwrap().to_string();
    let lines = csv.lines().count();
    std::fs::write(
        dir.join("payments.csv"),
        format!("{csv}{first}\n999999999,10.00,2026-09-11,现金\n"),
    )
    .unwrap();
    let run = school.run(&["fees", "--paid", "payments.csv", "--csv"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let all = run.all();
    assert!(
        all.contains(&format!("payments.csv:{}:1", lines + 1)),
        "{all}"
    );
    assert!(
        all.contains(&format!("payments.csv:{}:1", lines + 2)),
        "{all}"
    );
    assert!(!dir.join("out/payments.xlsx").exists());

    std::fs::write(dir.join("payments.csv"), &csv).unwrap();
    let run = school.run(&["fees", "--paid", "payments.csv", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let accounts = table(&dir.join("out/payments-by-student.csv"));
    assert_eq!(accounts.len(), due.len());
    let exempt: std::collections::BTreeSet<String> = table(&dir.join("students.csv"))
        .into_iter()
        .filter(|r| r.get("减免").is_some_and(|x| x == "是"))
        .map(|r| r["学号"].clone())
        .collect();
    let mut chase = 0;
    for a in &accounts {
        let id = &a["学号"];
        let p = paid.get(id).copied().unwrap_or(0);
        assert_eq!(fen(&a["应缴"]), due[id]);
        assert_eq!(fen(&a["已缴"]), p);
        assert_eq!(fen(&a["欠缴"]), due[id] - p);
        let standing = match (p, due[id] - p) {
            (0, 0) if exempt.contains(id) => "免收",
            (_, 0) => "已缴清",
            (0, _) => "未缴",
            (_, o) if o > 0 => "少缴",
            _ => "多缴",
        };
        assert_eq!(a["状态"], standing, "{id}");
        chase += usize::from(standing != "已缴清" && standing != "免收");
    }
    assert_eq!(table(&dir.join("out/payments-to-chase.csv")).len(), chase);
    let by_class = table(&dir.join("out/payments-by-class.csv"));
    let total = by_class.last().unwrap();
    assert_eq!(fen(&total["已缴"]), paid.values().sum::<i64>());
    assert_eq!(fen(&total["应缴"]), due.values().sum::<i64>());
}

#[test]
fn each_unexplained_absence_gets_a_message_for_the_guardian() {
    let school = demo_with_registers();
    let dir = school.path();
    let students: HashMap<String, HashMap<String, String>> = table(&dir.join("students.csv"))
        .into_iter()
        .map(|r| (r["学号"].clone(), r))
        .collect();
    let leave = table(&dir.join("leave.csv"));
    let covered = |id: &str, date: &str| {
        leave
            .iter()
            .any(|l| l["学号"] == id && l["开始"].as_str() <= date && date <= l["结束"].as_str())
    };
    let absent: Vec<(String, String)> = ledger(dir)
        .into_iter()
        .filter(|(k, status)| k.0 == "2026-09-14" && status == "absent" && !covered(&k.3, &k.0))
        .map(|(k, _)| (k.3, k.1))
        .collect();
    assert!(!absent.is_empty());
    let run = school.run(&["daily", "--date", "2026-09-14", "--absent"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let text = std::fs::read_to_string(dir.join("out/daily/2026-09-14-absent.txt")).unwrap();
    let messages: Vec<&str> = text.lines().collect();
    assert_eq!(messages.len(), absent.len(), "{text}");
    for (id, block) in &absent {
        let s = &students[id];
        let wanted = format!("{}({})今天{block}未到", s["姓名"], s["班级"]);
        let m = messages
            .iter()
            .find(|m| m.contains(&wanted))
            .unwrap_or_else(|| panic!("{wanted}\n{text}"));
        assert!(
            m.starts_with("【课后服务】") && !m.contains(&s["联系电话"]),
            "{m}"
        );
    }
    // The weekly follow-up list carries the same message, dated.
    let run = school.run(&["weekly", "--week", "2026-09-14", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let follow = table(&dir.join("out/weekly/2026-W38-follow-up.csv"));
    let monday: Vec<_> = follow
        .iter()
        .filter(|r| r["日期"] == "2026-09-14")
        .collect();
    assert_eq!(monday.len(), absent.len());
    for r in &monday {
        let m = &r["给家长的消息"];
        assert!(
            m.contains(&format!("{})9月14日{}未到", r["班级"], r["时间"])),
            "{m}"
        );
    }
}
