//! Who kept a register: the 看护教师 written on it, as staff ids.

use std::collections::BTreeSet;

use super::Mark;
use crate::i18n::Msg;
use crate::input::{Problems, Severity};
use crate::school::{School, StaffRef};

/// Turns the teachers written on registers (ids, `姓名(工号)` or unique names,
/// `、`/`;`-separated) into staff ids. A name that is no staff member (a
/// substitute not yet in the staff file) or that two staff share does not
/// block the day: the statuses are recorded, the name is kept as written, and
/// one warning per sheet says their hours cannot be credited until it is
/// resolved.
pub fn resolve_teachers(marks: &mut [Mark], school: &School, problems: &mut Problems) {
    resolve_teachers_once(marks, school, &mut BTreeSet::new(), problems);
}

/// [`resolve_teachers`] on a part of a run's marks: `warned` holds the
/// (sheet, name) pairs already warned of in earlier parts.
pub fn resolve_teachers_once(
    marks: &mut [Mark],
    school: &School,
    warned: &mut BTreeSet<(String, String)>,
    problems: &mut Problems,
) {
    for m in marks.iter_mut() {
        let Some(entry) = m.entry.as_mut() else {
            continue;
        };
        if entry.teacher.is_empty() {
            continue;
        }
        let mut ids = Vec::new();
        for name in entry
            .teacher
            .split([';', '、', ',', '/', ';', ','])
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            match school.find_staff(name) {
                Ok(id) => ids.push(id),
                Err(why) => {
                    ids.push(name.to_string());
                    if warned.insert((m.file.clone(), name.to_string())) {
                        problems.push(crate::input::Problem {
                            severity: Severity::Warning,
                            file: m.file.clone(),
                            line: Some(m.line),
                            column: None,
                            value: Some(name.to_string()),
                            msg: match why {
                                StaffRef::Unknown => Msg::SubstituteNotInStaff,
                                StaffRef::Shared(ids) => Msg::SharedStaffOnSheet { ids },
                            },
                        });
                    }
                }
            }
        }
        entry.teacher = ids.join(";");
    }
}
