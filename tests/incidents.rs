//! The care log (看管记录) through its real file: `incidents.csv` as Excel
//! saves it → the month's list and the weekly report's sheet, each incident
//! with the minutes it took to tell the guardian, those not told first.

#[path = "common/term.rs"]
mod term;

use term::Term;

fn ids(term: &Term) -> Vec<String> {
    term.read("students.csv")
        .lines()
        .skip(1)
        .take(3)
        .map(|l| {
            l.split(',')
                .next()
                .unwrap()
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect()
}

#[test]
fn incidents_are_listed_with_the_time_to_tell_the_guardian_and_the_untold_first() {
    let term = Term::new(300, 5);
    let id = ids(&term);
    term.write(
        "incidents.csv",
        &format!(
            "\u{feff}日期,时间,去向,学号,情况,处理,通知家长时间,通知人,后续\r\n\
             2026-09-15,16:05,101教室,{},摔倒擦伤膝盖,校医消毒包扎,16:20,王老师,第二天询问\r\n\
             2026-09-17,16:50,,{};{},两人推搡,分开谈话,,,\r\n\
             2026-10-12,16:00,,{},发烧,通知家长接回,2026-10-12 16:45,李老师,\r\n",
            id[0], id[1], id[2], id[0]
        ),
    );
    assert_eq!(term.run(&["check"]).0, 0);
    let (code, text) = term.run(&["incidents", "--month", "2026-09", "--csv"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("看管记录 2 条,其中未通知家长 1 条"), "{text}");
    let csv = term.read("out/incidents-2026-09.csv");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(
        rows[0].contains("两人推搡") && rows[0].contains("未通知家长"),
        "{csv}"
    );
    assert!(
        rows[0].contains(&id[1]) && rows[0].contains(&id[2]),
        "{csv}"
    );
    assert!(
        rows[1].contains("摔倒擦伤膝盖") && rows[1].contains(",16:20,15,"),
        "{csv}"
    );

    // The weekly report of that week lists the same two.
    let (code, text) = term.run(&["weekly", "--week", "2026-09-14", "--csv"]);
    assert_eq!(code, 0, "{text}");
    let weekly = term.read("out/weekly/2026-W38-incidents.csv");
    assert_eq!(weekly.lines().count(), 3, "{weekly}");

    // October's: told 45 minutes later.
    let (code, _) = term.run(&["incidents", "--month", "2026-10", "--csv"]);
    assert_eq!(code, 0);
    let october = term.read("out/incidents-2026-10.csv");
    assert!(october.contains(",45,"), "{october}");
}

#[test]
fn an_incident_of_an_unknown_child_or_with_a_bad_time_is_an_error_at_its_cell() {
    let term = Term::unplanned(100, 2);
    term.write(
        "incidents.csv",
        "日期,时间,学号,情况,通知家长时间\nX,16:00,S404,摔倒,\n2026-09-15,下午,S404,摔倒,很快\n",
    );
    let (code, text) = term.run(&["check"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("incidents.csv:2:1"), "{text}");
    assert!(text.contains("incidents.csv:2:3"), "{text}");
    assert!(text.contains("incidents.csv:3:2"), "{text}");
}
