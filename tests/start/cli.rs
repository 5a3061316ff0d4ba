//! The command line in both languages: help, usage errors, config errors,
//! no config here, `check --json`, completions and the man page.

use crate::helpers::*;

#[test]
fn help_follows_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = kehou(dir.path(), "zh_CN.UTF-8", &["daily", "--help"]);
    assert_eq!(code, 0);
    for expected in [
        "用法:",
        "选项:",
        "示例:",
        "kehou daily --date 明天",
        "服务日(默认:今天)",
    ] {
        assert!(out.contains(expected), "{expected}: {out}");
    }
    let (_, out, _) = kehou(dir.path(), "en_US.UTF-8", &["daily", "--help"]);
    for expected in [
        "Usage:",
        "Options:",
        "Examples:",
        "kehou daily --date tomorrow",
    ] {
        assert!(out.contains(expected), "{expected}: {out}");
    }
    // --lang wins over the locale; C says nothing, so Chinese.
    let (_, out, _) = kehou(dir.path(), "en_US.UTF-8", &["--lang", "zh", "--help"]);
    assert!(out.contains("命令:"), "{out}");
    let (_, out, _) = kehou(dir.path(), "C", &["init", "--help"]);
    assert!(out.contains("学校名称"), "{out}");
    // The config's language wins over the locale.
    std::fs::write(dir.path().join("config.toml"), "language = \"en\"\n").unwrap();
    let (_, out, _) = kehou(dir.path(), "zh_CN.UTF-8", &["check", "--help"]);
    assert!(out.contains("Print every problem as JSON"), "{out}");
}

#[test]
fn usage_errors_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = kehou(dir.path(), "zh_CN.UTF-8", &["daily", "--date", "下周"]);
    assert_eq!(code, 2);
    assert!(err.contains("「下周」不是日期"), "{err}");
    assert!(err.contains("kehou daily --help"), "{err}");
    let (code, _, err) = kehou(dir.path(), "en_US.UTF-8", &["daily", "--date", "next week"]);
    assert_eq!(code, 2);
    assert!(err.contains("'next week' is not a date"), "{err}");
    let (code, _, err) = kehou(dir.path(), "zh_CN.UTF-8", &["dayly"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("没有「dayly」这个命令") && err.contains("daily"),
        "{err}"
    );
    let (_, _, err) = kehou(dir.path(), "en_US.UTF-8", &["dayly"]);
    assert!(err.contains("unrecognized subcommand 'dayly'"), "{err}");
    let (code, _, err) = kehou(dir.path(), "zh_CN.UTF-8", &["daily", "--bogus"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有「--bogus」这个选项"), "{err}");
}

#[test]
fn no_config_here_says_how_to_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = kehou(dir.path(), "zh_CN.UTF-8", &["daily", "--date", "明天"]);
    assert_eq!(code, 2);
    for expected in ["当前文件夹没有 config.toml", "cd", "-c", "kehou init"] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    let (_, _, err) = kehou(dir.path(), "en_US.UTF-8", &["check"]);
    assert!(
        err.contains("there is no config.toml in this folder"),
        "{err}"
    );
    // `-c DIR` means DIR/config.toml.
    kehou(
        dir.path(),
        "zh_CN.UTF-8",
        &["init", "学校", "--name", "某小学"],
    );
    let (code, _, err) = kehou(dir.path(), "zh_CN.UTF-8", &["check", "-c", "学校"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("待填写") && !err.contains("没有 config.toml"),
        "{err}"
    );
}

#[test]
fn config_errors_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "language = \"zh\"\n[school]\nname = 城南\n",
    )
    .unwrap();
    let (code, _, err) = kehou(dir.path(), "C", &["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("config.toml:3:8") && err.contains("双引号"),
        "{err}"
    );
    let (_, _, err) = kehou(dir.path(), "C", &["--lang", "en", "check"]);
    assert!(
        err.contains("config.toml:3:8") && err.contains("quoted"),
        "{err}"
    );
    std::fs::write(
        dir.path().join("config.toml"),
        "[school]\nname = \"x\"\nterm = \"y\"\n",
    )
    .unwrap();
    let (_, _, err) = kehou(dir.path(), "zh_CN.UTF-8", &["check"]);
    assert!(err.contains("缺少必填的 calendar"), "{err}");
}

#[test]
fn check_json_is_machine_readable() {
    let root = tempfile::tempdir().unwrap();
    let school = filled_init(root.path());
    append(&school.join("classes.csv"), "1(1)班,9,,\r\n");
    let (code, out, err) = kehou(&school, "C", &["check", "--json"]);
    assert_eq!(code, 1, "{out}{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["errors"], 1, "{out}");
    let problem = &json["problems"][0];
    assert_eq!(problem["file"], "classes.csv");
    assert_eq!(problem["line"], 2);
    assert_eq!(problem["value"], "9");
    assert_eq!(problem["code"], "BadGrade");
}

#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, out, err) = kehou(dir.path(), "C", &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(
            out.contains("daily") && out.contains("date"),
            "{shell}: {out}"
        );
    }
    let (code, out, _) = kehou(dir.path(), "zh_CN.UTF-8", &["man"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(".ie") || out.contains(".TH kehou"), "{out}");
    assert!(
        out.contains("KEHOU DAILY") && out.contains("服务日"),
        "{out}"
    );
    let (_, out, _) = kehou(dir.path(), "en_US.UTF-8", &["man"]);
    assert!(out.contains("The service day"), "{out}");
}

#[test]
fn a_config_saved_by_notepad_as_txt_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml.txt"), "").unwrap();
    let (code, _, err) = kehou(dir.path(), "zh_CN.UTF-8", &["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("config.toml.txt,请把它改名为 config.toml"),
        "{err}"
    );
}

#[test]
fn check_json_names_the_placeholders_of_an_untouched_init() {
    let root = tempfile::tempdir().unwrap();
    kehou(root.path(), "C", &["init", "s", "--name", "某小学"]);
    let (code, out, _) = kehou(
        &root.path().join("s"),
        "C",
        &["--lang", "en", "check", "--json"],
    );
    assert_eq!(code, 2, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let problems = json["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 24, "{out}");
    assert!(
        problems
            .iter()
            .all(|p| p["code"] == "Placeholder" && p["file"] == "config.toml")
    );
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("not filled in yet")
    );
    assert!(
        problems[0]["value"]
            .as_str()
            .unwrap()
            .starts_with("待填写:学期名称")
    );
}
