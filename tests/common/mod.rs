//! A small school in a fresh temporary folder, and the real binary run on it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const CONFIG: &str = r#"
language = "zh"
[school]
name = "测试小学"
term = "2026秋"
[calendar]
start = 2026-09-07
end = 2026-10-30
weekdays = "一至五"
closures = [ { from = 2026-10-01, to = 2026-10-07, reason = "国庆节" } ]
makeup = [ { date = 2026-10-10, follows = "wed", reason = "调休" } ]
[[bands]]
name = "低年级"
grades = "1-3"
dismissal = "17:00"
blocks = [
  { kind = "homework", start = "15:30", end = "16:20" },
  { kind = "club", start = "16:20", end = "17:00" },
]
[[bands]]
name = "高年级"
grades = "4-6"
dismissal = "17:30"
blocks = [
  { kind = "homework", start = "15:40", end = "16:40" },
  { kind = "club", start = "16:40", end = "17:30" },
]
"#;

pub const STAFF: &str =
    "工号,姓名,角色\nT01,王老师,teacher\nT02,李老师,teacher\nL01,赵校长,leader\n";
pub const CLASSES: &str = "班级,年级,班主任,教室\n1(1)班,1,T01,101\n4(1)班,4,李老师,401\n";
pub const STUDENTS: &str = "学号,姓名,班级,监护人,联系电话\n\
S1,张三,1(1)班,张爸爸,13800001111\n\
S2,李四,1(1)班,李妈妈,13800002222\n\
S3,王五,4(1)班,王妈妈,13800003333\n\
S4,赵六,4(1)班,赵爸爸,13800004444\n";
pub const ROOMS: &str = "教室,容量,年级\n101,40,1-3\n401,40,4-6\n";
pub const CLUBS: &str = "社团编号,名称,教师,活动日,人数上限,最少人数,年级\n\
K1,足球,T02,一三,20,,3-6\n\
K2,美术,T01,二四,20,,1-6\n";
pub const CONSENT: &str = "学号,日期,是否参加,参加日,时段,离校方式,原因,志愿1,志愿2,安全协议\n\
S1,2026-09-01,参加,一至五,全程,家长接,,K2,,是\n\
S2,2026-09-01,不参加,,,,家长接送,,,\n\
S3,2026-09-02,参加,,,自行回家,,足球,K2,是\n";

pub struct School {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Both streams, for asserting on a message wherever it went.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl School {
    pub fn new() -> School {
        let school = School {
            dir: tempfile::tempdir().unwrap(),
        };
        for (name, text) in [
            ("config.toml", CONFIG),
            ("staff.csv", STAFF),
            ("classes.csv", CLASSES),
            ("students.csv", STUDENTS),
            ("rooms.csv", ROOMS),
            ("clubs.csv", CLUBS),
            ("consent.csv", CONSENT),
        ] {
            school.write(name, text);
        }
        school
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path().join(name), text).unwrap();
    }

    pub fn write_bytes(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.path().join(name), bytes).unwrap();
    }

    pub fn config(&self) -> PathBuf {
        self.path().join("config.toml")
    }

    /// Runs `kehou -c <config> ARGS` in the school's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_kehou"))
            .current_dir(self.path())
            .arg("-c")
            .arg(self.config())
            .args(args)
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}
