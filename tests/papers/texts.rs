//! `[papers]`: the school's own 告家长书, payment instructions, contact and
//! 收费依据 on the parents' papers, kehou's wording without them, and a
//! text file that cannot be read named as a config error.

use super::common;

/// Every text cell of a workbook, in sheet and row order.
fn texts(path: &std::path::Path) -> Vec<String> {
    let book = std::fs::read(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let tables = kehou::input::all_from_bytes("book.xlsx", &book).unwrap();
    tables
        .iter()
        .flat_map(|t| {
            t.rows
                .iter()
                .flat_map(|r| r.cells.iter().map(str::to_string))
        })
        .collect()
}

fn has(cells: &[String], text: &str) -> bool {
    cells.iter().any(|c| c.contains(text))
}

/// The small school with a fee, a club with a material fee and one without,
/// planned, its papers printed with the issue date given.
fn papers(school: &common::School) -> [Vec<String>; 3] {
    let config = format!(
        "{}[fees]\nfull_day = \"6.00\"\nfirst_session_day = \"3.00\"\n{}",
        common::CONFIG,
        std::fs::read_to_string(school.path().join("extra.toml")).unwrap_or_default()
    );
    school.write("config.toml", &config);
    school.write(
        "clubs.csv",
        "社团编号,名称,教师,活动日,人数上限,最少人数,年级,材料费\n\
         K1,足球,T02,一三,20,,3-6,\n\
         K2,美术,T01,二四,20,,1-6,30\n",
    );
    for args in [
        &["plan", "--as-of", "2026-09-07"][..],
        &["slips", "--issued", "2026-09-01"],
        &["notices", "--date", "2026-09-08", "--issued", "2026-09-05"],
        &["fees", "--notices", "--issued", "2026-09-10"],
    ] {
        let run = school.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.all());
    }
    let out = school.path().join("out");
    [
        texts(&out.join("slips.xlsx")),
        texts(&out.join("notices-2026-09-08.xlsx")),
        texts(&out.join("fee-notices.xlsx")),
    ]
}

#[test]
fn without_papers_kehou_says_the_basics_itself() {
    let school = common::School::new();
    let [slips, notices, fees] = papers(&school);
    // The 告家长书 with the service weekdays and the grade's dismissal.
    assert!(
        has(&slips, "尊敬的家长") && has(&slips, "周一至周五"),
        "{slips:?}"
    );
    assert!(has(&slips, "17:00 放学") && has(&slips, "2026年9月1日"));
    assert!(has(&slips, "家长签名 ___"));
    for paper in [&notices, &fees] {
        // Whom to call: the class's head teacher (T01 is 王老师).
        assert!(has(paper, "请联系班主任王老师"), "{paper:?}");
        assert!(has(paper, "收费依据") && has(paper, "全程 6.00 元/天"));
        assert!(has(paper, "家长签收 ___"));
    }
    assert!(has(&notices, "发放日期:2026年9月5日"));
    assert!(has(&fees, "发放日期:2026年9月10日"));
    assert!(has(&fees, "缴费方式") && has(&fees, "7 日内缴清"));
    // S1 takes 美术 (30.00); S3 足球, which has no material fee: no line.
    assert!(has(&fees, "材料费 美术"));
    assert!(!has(&fees, "材料费 足球"), "{fees:?}");
}

#[test]
fn the_schools_own_texts_come_from_the_files_papers_names() {
    let school = common::School::new();
    school.write(
        "告家长书.txt",
        "致家长的一封信:本校课后服务……\r\n第二段。\r\n\r\n",
    );
    // Notepad's ANSI on a Chinese Windows is GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode("课后服务办公室 陈老师 0571-88886666");
    school.write_bytes("联系方式.txt", &gbk);
    school.write("缴费方式.txt", "请于开学后登录“浙里办”缴费。");
    school.write("收费依据.txt", "某发改价格〔2026〕12号");
    school.write(
        "extra.toml",
        "[papers]\nletter = \"告家长书.txt\"\ncontact = \"联系方式.txt\"\n\
         payment = \"缴费方式.txt\"\nfee_basis = \"收费依据.txt\"\npay_by = 2026-09-20\n",
    );
    let [slips, notices, fees] = papers(&school);
    assert!(
        has(&slips, "致家长的一封信:本校课后服务……\n第二段。"),
        "{slips:?}"
    );
    assert!(!has(&slips, "尊敬的家长"));
    for paper in [&slips, &notices, &fees] {
        assert!(
            has(paper, "课后服务办公室 陈老师 0571-88886666"),
            "{paper:?}"
        );
        assert!(!has(paper, "请联系班主任"));
    }
    assert!(has(&fees, "请于开学后登录“浙里办”缴费。"));
    assert!(has(&fees, "收费依据:某发改价格〔2026〕12号"));
    assert!(has(&notices, "收费依据:某发改价格〔2026〕12号"));
    assert!(has(&fees, "缴费期限:请于2026年9月20日前缴清。"));
}

#[test]
fn a_text_file_that_cannot_be_read_is_a_config_error_naming_it() {
    let school = common::School::new();
    std::fs::create_dir(school.path().join("文件夹")).unwrap();
    school.write("空.txt", " \r\n\r\n");
    school.write_bytes("乱码.txt", b"\x80\xff\x80\xff\x80\xff");
    for (key, file, why) in [
        ("letter", "没有这个文件.txt", "文件不存在"),
        ("payment", "文件夹", ""),
        ("contact", "空.txt", "文件是空的"),
        ("fee_basis", "../外面.txt", "学校文件夹之外"),
        ("letter", "乱码.txt", "不是文本"),
    ] {
        let config = format!("{}[papers]\n{key} = \"{file}\"\n", common::CONFIG);
        school.write("config.toml", &config);
        let line = config.lines().position(|l| l.starts_with(key)).unwrap() + 1;
        for command in ["slips", "check", "daily"] {
            let run = school.run(&[command]);
            let all = run.all();
            assert_eq!(run.code, 2, "{key} {command}: {all}");
            assert!(all.contains(&format!("config.toml:{line}")), "{key}: {all}");
            assert!(
                all.contains(&format!("papers.{key}")) && all.contains(file),
                "{all}"
            );
            assert!(all.contains(why) && all.contains("文本文件"), "{all}");
        }
    }
    // A misspelt key is reported with the one meant.
    school.write(
        "config.toml",
        &format!("{}[papers]\nleter = \"告家长书.txt\"\n", common::CONFIG),
    );
    let run = school.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.all().contains("leter") && run.all().contains("letter"),
        "{}",
        run.all()
    );
}
