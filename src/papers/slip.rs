//! The consent slip (告家长书回执) handed to each child before term: which
//! clubs are open to their grade. Pure.

use crate::model::Club;
use crate::school::School;

/// The clubs a child of this grade may choose, in the clubs file's order.
pub fn club_menu(school: &School, grade: u8) -> Vec<&Club> {
    school
        .clubs
        .iter()
        .filter(|c| c.grades.contains(grade))
        .collect()
}
