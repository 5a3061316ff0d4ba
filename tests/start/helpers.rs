//! Running kehou as a school office would, and filling in what `init` wrote.

use std::path::Path;
use std::process::Command;

/// Runs kehou in `dir` with a fixed locale.
pub fn kehou(dir: &Path, locale: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kehou"))
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What a clerk does with each `"待填写:…,如 X"`: writes X.
pub fn fill_placeholders(config: &str) -> String {
    let mut out = String::new();
    let mut rest = config;
    while let Some(at) = rest.find("\"待填写:") {
        out.push_str(&rest[..at + 1]);
        let after = &rest[at + 1..];
        let end = after.find('"').unwrap();
        let example = after[..end].rsplit("如 ").next().unwrap();
        out.push_str(example);
        rest = &after[end..];
    }
    out + rest
}

/// Writes a sheet the way Excel saves it: text cells, the first row the
/// headers; each row given as comma-separated cells.
pub fn write_xlsx(path: &Path, rows: &[&str]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.split(',').enumerate().filter(|(_, c)| !c.is_empty()) {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.save(path).unwrap();
}

pub fn append(path: &Path, rows: &str) {
    let mut text = std::fs::read_to_string(path).unwrap();
    text.push_str(rows);
    std::fs::write(path, text).unwrap();
}

/// `init` in `root/s`, with the config's placeholders filled in as a clerk would.
pub fn filled_init(root: &Path) -> std::path::PathBuf {
    let init = [
        "init",
        "s",
        "--name",
        "某小学",
        "--term",
        "2026秋",
        "--start",
        "2026-09-01",
        "--end",
        "2027-01-20",
    ];
    assert_eq!(kehou(root, "C", &init).0, 0);
    let school = root.join("s");
    let config = std::fs::read_to_string(school.join("config.toml")).unwrap();
    std::fs::write(school.join("config.toml"), fill_placeholders(&config)).unwrap();
    school
}

/// A small filled-in school from `init`, in `root/s`.
pub fn small_school(root: &Path) -> std::path::PathBuf {
    let school = filled_init(root);
    append(
        &school.join("staff.csv"),
        "T01,王老师,,teacher,\r\nL01,赵校长,,leader,\r\n",
    );
    append(&school.join("classes.csv"), "1(1)班,1,T01,101\r\n");
    append(&school.join("rooms.csv"), "101,40,,,,,,\r\n");
    school
}
