//! `volunteers.csv`: parents who help at dismissal, with the weekdays and
//! the batch (a band, a time, or their child's band).

use crate::config::Config;
use crate::i18n::{DutyMsg, Msg};
use crate::input::{Cells, Field, Severity, parse};
use crate::model::Line;
use crate::volunteers::{Post, Volunteer};

use super::School;

pub const VOLUNTEERS: &[Field] = &[
    Field::required("name", &["姓名", "志愿者", "家长姓名"]),
    Field::optional("phone", &["电话", "联系电话", "手机"]),
    Field::optional("child", &["学号", "孩子学号", "学生学号"]),
    Field::optional("class", &["班级", "孩子班级"]),
    Field::required("days", &["星期", "值班日", "志愿日"]),
    Field::optional("batch", &["放学批次", "批次", "年段"]),
    Field::optional("gate", &["校门", "地点", "值守地点"]),
];

pub fn volunteer(c: &mut Cells, config: &Config, school: &School) -> Option<Volunteer> {
    let name = c.required("name");
    let days = c.parse_required("days", parse::days, Msg::BadDays);
    let child = c.text("child");
    let mut class = c.text("class");
    let mut grade = None;
    if !child.is_empty() {
        match school.student(&child) {
            Some(s) => {
                class = s.class.clone();
                grade = Some(school.grade_of(s));
            }
            None => c.report("child", Severity::Error, Msg::UnknownStudent),
        }
    } else if !class.is_empty() {
        match school.class(&class) {
            Some(k) => grade = Some(k.grade),
            None => c.report(
                "class",
                Severity::Error,
                Msg::UnknownClass {
                    closest: super::closest(&class, school.classes.iter().map(|k| k.name.as_str())),
                },
            ),
        }
    }
    let post = post(c, config, grade);
    Some(Volunteer {
        name: name?,
        phone: c.text("phone"),
        child,
        class,
        days: days?,
        post: post?,
        gate: c.text("gate"),
        line: Line(c.line()),
    })
}

/// The batch column: a band's name or a time; blank means the child's band.
fn post(c: &mut Cells, config: &Config, grade: Option<u8>) -> Option<Post> {
    let written = c.text("batch");
    if written.is_empty() {
        let band = grade.and_then(|g| config.band_of(g));
        if band.is_none() && !c.failed {
            c.report(
                "batch",
                Severity::Error,
                Msg::Duty(DutyMsg::VolunteerWithoutPost),
            );
        }
        return band.map(|b| Post::Band(b.name.clone()));
    }
    let key = parse::key(&written);
    if let Some(band) = config.bands.iter().find(|b| parse::key(&b.name) == key) {
        return Some(Post::Band(band.name.clone()));
    }
    if let Some(time) = parse::time(&written) {
        return Some(Post::Time(time));
    }
    let bands = config.bands.iter().map(|b| b.name.clone()).collect();
    c.report(
        "batch",
        Severity::Error,
        Msg::Duty(DutyMsg::UnknownBatch { bands }),
    );
    None
}
