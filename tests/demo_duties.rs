//! The committed demo's duty records, run the way the walkthrough runs them:
//! the week of registers recorded, the three follow-ups closed from
//! `followups.csv` (one not reached stays open), the duty leader's round of
//! two days read from `duty/`, the care log's two incidents (one guardian
//! not told), the parent volunteers' rota — and the weekly report, the
//! follow-up list and the month's care log say what each left undone.

#[path = "common/term.rs"]
mod term;

use std::path::Path;

use term::Term;

/// The demo's files (not its state) in a fresh folder.
fn demo() -> Term {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    for sub in ["", "registers", "duty"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(demo.join(sub)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name();
            let state = ["plan.csv", "waitlist.csv", "attendance.csv", "kehou.db"]
                .iter()
                .any(|s| name == *s);
            if entry.file_type().unwrap().is_file() && !state {
                std::fs::copy(entry.path(), dir.path().join(sub).join(&name)).unwrap();
            }
        }
    }
    Term { dir }
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn files(term: &Term, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(term.path(dir))
        .unwrap()
        .map(|e| format!("{dir}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    names.sort();
    names
}

#[test]
fn the_demo_shows_each_duty_and_what_was_left_undone() {
    let term = demo();
    assert_eq!(term.run(&["plan", "--as-of", "2026-09-07"]).0, 0);
    let mut args = vec!["record".to_string()];
    args.extend(files(&term, "registers"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, text) = term.run(&args);
    assert_eq!(code, 0, "{text}");

    // 跟踪制度: three contacts, two reached (one the next morning), one not.
    let (code, text) = term.run(&[
        "followup",
        "--close",
        "followups.csv",
        "--date",
        "2026-09-18",
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("读到 3 条跟进记录,新记入 3 条"), "{text}");

    // 带班领导: Monday's round whole with 清校, Tuesday's half done.
    let mut args = vec!["record".to_string()];
    args.extend(files(&term, "duty"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, text) = term.run(&args);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("清校 1 天"), "{text}");

    let (code, text) = term.run(&["weekly", "--week", "2026-09-14", "--csv"]);
    assert_eq!(code, 0, "{text}");
    let rounds = csv_rows(&term.read("out/weekly/2026-W38-rounds.csv"));
    let days: Vec<&str> = rounds.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        days,
        [
            "2026-09-15",
            "2026-09-16",
            "2026-09-17",
            "2026-09-18",
            "2026-09-20"
        ],
        "{rounds:?}"
    );
    let tuesday = &rounds[0];
    let (met, visited): (usize, usize) = (tuesday[2].parse().unwrap(), tuesday[3].parse().unwrap());
    assert!(0 < visited && visited < met, "{tuesday:?}");
    assert_eq!(tuesday[4], "未记录", "{tuesday:?}");

    // The follow-up list: the week's unexplained absences, the one not
    // reached open and overdue, the other two closed.
    let list = term.read("out/weekly/2026-W38-follow-up.csv");
    let open: Vec<&str> = list.lines().filter(|l| l.contains("超时未结案")).collect();
    assert!(open.iter().any(|l| l.contains("202603010")), "{list}");
    assert!(!open.iter().any(|l| l.contains("202601008")), "{list}");

    // 看管记录: two incidents in September, one guardian not told.
    let (code, text) = term.run(&["incidents", "--month", "2026-09"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("看管记录 2 条,其中未通知家长 1 条"), "{text}");

    // 家长志愿者: the rota.
    let (code, text) = term.run(&["notices", "--volunteers"]);
    assert_eq!(code, 0, "{text}");
    assert!(term.path("out/volunteers.xlsx").exists(), "{text}");
}

/// The school's guide and the README say each duty's routine: the sheet a
/// duty is written on, the file or command that reads it back, and what the
/// weekly report lists of it.
#[test]
fn the_guides_describe_each_duty_and_its_sheets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("docs/使用说明.md")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let duties: [(&str, &[&str]); 6] = [
        (
            "跟踪",
            &["跟进名单", "联系时间", "kehou followup", "kehou record"],
        ),
        (
            "看管记录",
            &["看管记录", "incidents.csv", "--only care-log", "未通知家长"],
        ),
        (
            "带班领导",
            &["值班表", "巡视时间", "清校", "巡视与清校", "--only duty"],
        ),
        (
            "家长志愿者",
            &[
                "volunteers.csv",
                "volunteers_per_batch",
                "notices --volunteers",
            ],
        ),
        ("考评", &["kehou assess", "带班天数"]),
        ("下学期", &["kehou rollover", "待填写"]),
    ];
    for (duty, words) in duties {
        for word in words {
            assert!(
                guide.contains(word),
                "使用说明 ({duty}) never mentions {word}"
            );
        }
    }
    for word in [
        "care-log",
        "tests/care_log.rs",
        "tests/rounds.rs",
        "tests/followup.rs",
        "tests/assess.rs",
        "tests/rollover.rs",
        "巡视时间",
        "清校",
        "volunteers.csv",
    ] {
        assert!(readme.contains(word), "README never mentions {word}");
    }
}
