//! `kehou notices`, `rosters`, `roll` and `fees --notices/--paid` on the demo
//! school, each checked against plan.csv, the slips and attendance.csv read
//! here independently.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// The demo school's input files copied into a fresh folder, planned as of `as_of`.
fn demo(as_of: &str) -> common::School {
    let school = common::School {
        dir: tempfile::tempdir().unwrap(),
    };
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    std::fs::create_dir(school.path().join("registers")).unwrap();
    for sub in ["", "registers"] {
        for entry in std::fs::read_dir(demo.join(sub)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name();
            let state = ["plan.csv", "waitlist.csv", "attendance.csv"]
                .iter()
                .any(|s| name == *s);
            if entry.file_type().unwrap().is_file() && !state {
                std::fs::copy(entry.path(), school.path().join(sub).join(&name)).unwrap();
            }
        }
    }
    let run = school.run(&["plan", "--as-of", as_of]);
    assert_eq!(run.code, 0, "{}", run.all());
    school
}

/// A CSV file as rows of named cells (a BOM on the first header is dropped).
fn table(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// Who is in service on `date` by consent.csv: the latest slip in effect
/// (by date, then row) opts in with the safety agreement signed.
fn in_service(dir: &Path, date: &str) -> BTreeSet<String> {
    let mut latest: BTreeMap<String, (String, usize, bool)> = BTreeMap::new();
    for (i, row) in table(&dir.join("consent.csv")).into_iter().enumerate() {
        let effective = match row["生效日期"].as_str() {
            "" => row["日期"].clone(),
            e => e.to_string(),
        };
        if effective.as_str() > date {
            continue;
        }
        let joins = row["是否参加"] == "参加" && row["安全协议"] == "是";
        let key = (row["日期"].clone(), i);
        let newer = latest
            .get(&row["学号"])
            .is_none_or(|(d, j, _)| (d.clone(), *j) <= key);
        if newer {
            latest.insert(row["学号"].clone(), (key.0, key.1, joins));
        }
    }
    latest
        .into_iter()
        .filter(|(_, (_, _, joins))| *joins)
        .map(|(id, _)| id)
        .collect()
}

/// plan.csv rows in force on `date`.
fn plan_rows(dir: &Path, date: &str) -> Vec<HashMap<String, String>> {
    table(&dir.join("plan.csv"))
        .into_iter()
        .filter(|r| r["from"].as_str() <= date && (r["to"].is_empty() || r["to"].as_str() >= date))
        .collect()
}

/// A column of a CSV keyed by its first column (ids, names).
fn column(dir: &Path, file: &str, key: &str, value: &str) -> HashMap<String, String> {
    table(&dir.join(file))
        .into_iter()
        .map(|r| (r[key].clone(), r[value].clone()))
        .collect()
}

const WEEKDAYS: [(&str, &str); 5] = [
    ("mon", "周一"),
    ("tue", "周二"),
    ("wed", "周三"),
    ("thu", "周四"),
    ("fri", "周五"),
];

#[test]
fn every_child_in_service_gets_one_notice_matching_the_plan() {
    let school = demo("2026-09-07");
    let dir = school.path();
    let run = school.run(&["notices", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let notices = table(&dir.join("out/notices-2026-09-07.csv"));
    let ids: Vec<&str> = notices.iter().map(|n| n["学号"].as_str()).collect();
    let unique: BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
    assert_eq!(ids.len(), unique.len(), "one notice per child");
    assert_eq!(unique, in_service(dir, "2026-09-07"));

    let class_of = column(dir, "students.csv", "学号", "班级");
    let club_name = column(dir, "clubs.csv", "社团编号", "名称");
    // (student, weekday) → (block, kind, group) of each plan row.
    type Slots = Vec<(u32, String, String)>;
    let mut rows: HashMap<(String, String), Slots> = HashMap::new();
    for r in plan_rows(dir, "2026-09-07") {
        let block: u32 = r["block"].parse().unwrap();
        rows.entry((r["student"].clone(), r["weekday"].clone()))
            .or_default()
            .push((block, r["kind"].clone(), r["group"].clone()));
    }
    let mut checked = 0;
    for n in &notices {
        let id = &n["学号"];
        assert_eq!(n["班级"], class_of[id]);
        for (code, name) in WEEKDAYS {
            let cell = &n[name];
            let mut expected = rows
                .remove(&(id.clone(), code.to_string()))
                .unwrap_or_default();
            expected.sort();
            let slots: Vec<&str> = if cell.is_empty() {
                vec![]
            } else {
                cell.split(';').collect()
            };
            assert_eq!(slots.len(), expected.len(), "{id} {name}: {cell}");
            for (slot, (_, kind, group)) in slots.iter().zip(&expected) {
                let shown = match kind.as_str() {
                    "club" => club_name[group].clone(),
                    // An activity's group is `name·grade`: the notice shows its name.
                    "activity" => group.split('·').next().unwrap().to_string(),
                    _ => group.clone(),
                };
                assert!(
                    slot.contains(&shown),
                    "{id} {name}: {slot} should show {shown}"
                );
                checked += 1;
            }
        }
    }
    assert!(rows.is_empty(), "plan rows of children without a notice");
    assert!(checked > 10_000, "{checked}");

    // The parents' group texts: one per class, every child of the class once,
    // names masked, and neither phones nor medical notes.
    let phones = column(dir, "students.csv", "学号", "联系电话");
    let notes = column(dir, "students.csv", "学号", "备注");
    let texts: Vec<_> = std::fs::read_dir(dir.join("out/notices-2026-09-07"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(texts.len(), 36);
    let all = texts.concat();
    for n in &notices {
        let id = &n["学号"];
        assert!(
            !all.contains(&phones[id]),
            "{id}'s phone is in the group text"
        );
        assert!(
            notes[id].is_empty() || !all.contains(&notes[id]),
            "{id}'s notes"
        );
        assert!(!all.contains(&n["姓名"]) || n["姓名"].chars().count() < 2);
    }
    let children = all.lines().filter(|l| l.contains(" · ")).count();
    assert_eq!(children, notices.len());
}

#[test]
fn after_a_re_plan_changed_prints_only_the_children_whose_placement_changed() {
    let school = demo("2026-09-07");
    let dir = school.path();
    let run = school.run(&["plan", "--as-of", "2026-10-20"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = school.run(&["notices", "--changed", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let notices = table(&dir.join("out/notices-2026-10-20-changed.csv"));
    let ids: BTreeSet<String> = notices.iter().map(|n| n["学号"].clone()).collect();
    let serving = in_service(dir, "2026-10-20");
    let changed: BTreeSet<String> = plan_rows(dir, "2026-10-20")
        .into_iter()
        .filter(|r| r["planned"] == "2026-10-20" && serving.contains(&r["student"]))
        .map(|r| r["student"].clone())
        .collect();
    assert!(!changed.is_empty());
    assert!(changed.len() < serving.len() / 2, "{}", changed.len());
    assert_eq!(ids, changed);
}

/// `mon,wed` → `周一、周三`.
fn days_text(codes: &BTreeSet<usize>) -> String {
    let names: Vec<&str> = codes.iter().map(|&i| WEEKDAYS[i].1).collect();
    names.join("、")
}

#[test]
fn every_roster_line_matches_the_groups_placements() {
    let school = demo("2026-09-07");
    let dir = school.path();
    let run = school.run(&["rosters", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let lines = table(&dir.join("out/rosters-2026-09-07.csv"));
    // (kind, group) → student → weekdays, from plan.csv.
    let mut placed: BTreeMap<(String, String), BTreeMap<String, BTreeSet<usize>>> = BTreeMap::new();
    for r in plan_rows(dir, "2026-09-07") {
        let day = WEEKDAYS
            .iter()
            .position(|(c, _)| *c == r["weekday"])
            .unwrap();
        placed
            .entry((r["kind"].clone(), r["group"].clone()))
            .or_default()
            .entry(r["student"].clone())
            .or_default()
            .insert(day);
    }
    let kind_of = |label: &str| match label {
        "社团" => "club",
        "特色活动" => "activity",
        "作业教室" => "homework",
        "阅读" => "reading",
        other => panic!("{other}"),
    };
    let students: HashMap<String, HashMap<String, String>> = table(&dir.join("students.csv"))
        .into_iter()
        .map(|r| (r["学号"].clone(), r))
        .collect();
    let mut listed: BTreeMap<(String, String), BTreeMap<String, BTreeSet<usize>>> = BTreeMap::new();
    let mut waiting: Vec<(String, String, String)> = Vec::new();
    for line in &lines {
        let key = (kind_of(&line["项目"]).to_string(), line["去向"].clone());
        let id = line["学号"].clone();
        let student = &students[&id];
        assert_eq!(line["班级"], student["班级"]);
        if let Some(pos) = line["状态"].strip_prefix("候补 ") {
            waiting.push((key.1.clone(), pos.to_string(), id));
            continue;
        }
        assert_eq!(line["状态"], "录取");
        // The coach calls: the phone is whole; medical notes are there.
        assert_eq!(line["联系电话"], student["联系电话"]);
        assert_eq!(line["健康备注"], student["备注"]);
        assert_eq!(line["监护人"], student["监护人"]);
        let days = &placed[&key][&id];
        assert_eq!(line["参加日"], days_text(days), "{id} in {key:?}");
        let fresh = listed.entry(key).or_default().insert(id, days.clone());
        assert!(fresh.is_none(), "a child twice on a roster");
    }
    assert_eq!(listed, placed);
    let expected: Vec<(String, String, String)> = table(&dir.join("waitlist.csv"))
        .into_iter()
        .map(|r| {
            (
                r["club"].clone(),
                r["position"].clone(),
                r["student"].clone(),
            )
        })
        .collect();
    assert_eq!(waiting, expected);
    assert!(lines.iter().any(|l| !l["健康备注"].is_empty()));
}

/// The demo planned before term with its week of registers recorded.
fn demo_with_registers() -> common::School {
    let school = demo("2026-09-07");
    let registers: Vec<String> = std::fs::read_dir(school.path().join("registers"))
        .unwrap()
        .map(|e| format!("registers/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    let mut args = vec!["record"];
    args.extend(registers.iter().map(String::as_str));
    let run = school.run(&args);
    assert_eq!(run.code, 0, "{}", run.all());
    school
}

/// attendance.csv as (date, block, group, student) → status code.
fn ledger(dir: &Path) -> BTreeMap<(String, String, String, String), String> {
    table(&dir.join("attendance.csv"))
        .into_iter()
        .map(|r| {
            (
                (
                    r["date"].clone(),
                    r["block"].clone(),
                    r["group"].clone(),
                    r["student"].clone(),
                ),
                r["status"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_register_grid_matches_attendance_csv_cell_by_cell() {
    let school = demo_with_registers();
    let dir = school.path();
    let run = school.run(&["roll", "--month", "2026-09", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let expected = ledger(dir);
    let code = |mark: &str| match mark {
        "✓" => "present",
        "假" => "leave",
        "缺" => "absent",
        "早退" => "early",
        other => panic!("{other}"),
    };
    let mut seen = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("out/roll-2026-09")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let dates: Vec<(usize, String)> = headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let day: u32 = h.split('\n').next()?.parse().ok()?;
                Some((i, format!("2026-09-{day:02}")))
            })
            .collect();
        assert_eq!(
            dates.len(),
            19,
            "18 service days and the Mid-Autumn closure: {headers:?}"
        );
        for record in reader.records() {
            let record = record.unwrap();
            let Some((block, group)) = record[0]
                .strip_prefix("2026-09|")
                .and_then(|k| k.split_once('|'))
            else {
                assert_eq!(&record[3], "当日到");
                continue;
            };
            let id = &record[2];
            let mut present = 0;
            for (i, date) in &dates {
                let cell = &record[*i];
                if cell.is_empty() || cell == "—" {
                    continue;
                }
                let key = (
                    date.clone(),
                    block.to_string(),
                    group.to_string(),
                    id.to_string(),
                );
                present += usize::from(cell == "✓");
                assert!(seen.insert(key, code(cell).to_string()).is_none());
            }
            // The child's total of 到 is the count of ✓ cells.
            assert_eq!(record[headers.len() - 4].parse::<usize>().unwrap(), present);
        }
    }
    let september: BTreeMap<_, _> = expected
        .into_iter()
        .filter(|(k, _)| k.0.starts_with("2026-09"))
        .collect();
    assert!(september.len() > 5000, "{}", september.len());
    assert_eq!(seen, september);
}

#[test]
fn the_grid_read_back_by_record_gives_the_same_ledger() {
    let school = demo_with_registers();
    let dir = school.path();
    let run = school.run(&["roll", "--month", "2026-09"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let recorded = ledger(dir);
    // A fresh ledger from the grid workbook alone.
    std::fs::rename(dir.join("attendance.csv"), dir.join("recorded.csv")).unwrap();
    let run = school.run(&["record", "out/roll-2026-09.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(ledger(dir), recorded);

    // A teacher's mark typed into a grid that is not a status is a problem at
    // its file, row and column; nothing is written.
    let grid = dir.join("out/roll-2026-09/001-1530.csv");
    let run = school.run(&["roll", "--month", "2026-09", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let text = std::fs::read_to_string(&grid).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("2026-09|") && l.contains(",✓,"))
        .unwrap();
    lines[at] = lines[at].replacen(",✓,", ",迟到,", 1);
    std::fs::write(dir.join("broken.csv"), lines.join("\n")).unwrap();
    let before = std::fs::read(dir.join("attendance.csv")).unwrap();
    let run = school.run(&["record", "broken.csv"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let place = format!("broken.csv:{}:", at + 1);
    assert!(
        run.all().contains(&place) && run.all().contains("迟到"),
        "{}",
        run.all()
    );
    assert_eq!(std::fs::read(dir.join("attendance.csv")).unwrap(), before);
}

/// `254.00` → 25400.
fn fen(text: &str) -> i64 {
    let (yuan, fen) = text.split_once('.').unwrap();
    let sign = if yuan.starts_with('-') { -1 } else { 1 };
    sign * (yuan.trim_start_matches('-').parse::<i64>().unwrap() * 100
        + fen.parse::<i64>().unwrap())
}

#[test]
fn fee_notices_sum_to_the_fees_workbook_and_months_to_the_term() {
    let school = demo("2026-09-07");
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
    let school = demo("2026-09-07");
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
    let mut chase = 0;
    for a in &accounts {
        let id = &a["学号"];
        let p = paid.get(id).copied().unwrap_or(0);
        assert_eq!(fen(&a["应缴"]), due[id]);
        assert_eq!(fen(&a["已缴"]), p);
        assert_eq!(fen(&a["欠缴"]), due[id] - p);
        let standing = match (p, due[id] - p) {
            (_, 0) => "已缴清",
            (0, _) => "未缴",
            (_, o) if o > 0 => "少缴",
            _ => "多缴",
        };
        assert_eq!(a["状态"], standing, "{id}");
        chase += usize::from(standing != "已缴清");
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

#[test]
fn every_child_gets_a_slip_with_the_clubs_of_their_grade() {
    let school = common::School::new();
    let dir = school.path();
    let run = school.run(&["slips"]);
    assert_eq!(run.code, 0, "{}", run.all());
    // The typing template has consent.csv's columns, a row per child.
    let template = table(&dir.join("out/slips-consent.csv"));
    let ids: Vec<&str> = template.iter().map(|r| r["学号"].as_str()).collect();
    assert_eq!(ids, ["S1", "S2", "S3", "S4"]);
    let header = std::fs::read_to_string(dir.join("out/slips-consent.csv")).unwrap();
    let header = header
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_string();
    for column in common::CONSENT.lines().next().unwrap().split(',') {
        assert!(
            header.split(',').any(|h| h == column),
            "{column} missing from {header}"
        );
    }
    // A filled slip typed in is read by `kehou check` like any consent row.
    school.write(
        "consent.csv",
        &format!("{header}\nS1,张三,2026-09-01,参加,一三五,全程,家长接,张爸爸,,K2,,,是\n"),
    );
    let run = school.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.all());

    // The slips workbook: grade 1 sees only 美术 (K2); grade 4 sees both clubs.
    let book = std::fs::read(dir.join("out/slips.xlsx")).unwrap();
    let mut zip = zip_sheets(&book);
    let grade1 = zip.remove(0);
    let grade4 = zip.remove(0);
    assert!(grade1.contains("K2") && !grade1.contains("K1"), "{grade1}");
    assert!(grade4.contains("K1") && grade4.contains("K2"), "{grade4}");
    assert!(grade1.contains("张三") && grade4.contains("王五"));
}

/// The text of each worksheet of an xlsx, shared strings resolved, in order.
fn zip_sheets(book: &[u8]) -> Vec<String> {
    let mut tables = kehou::input::all_from_bytes("slips.xlsx", book).unwrap();
    tables
        .drain(..)
        .map(|t| {
            let mut text = t.headers.join(",");
            for r in &t.rows {
                text += "\n";
                text += &r.cells.iter().collect::<Vec<_>>().join(",");
            }
            text
        })
        .collect()
}
