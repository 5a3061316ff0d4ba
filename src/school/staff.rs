//! Staff references resolved to staff ids: an id, `姓名(工号)` as sheets
//! print it, or a name only one staff member has. Looked up through an
//! index: a big school's files name its ten thousand staff tens of
//! thousands of times.

use std::collections::HashMap;

use crate::model::Staff;

/// Why a staff reference names nobody for sure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffRef {
    /// No staff member has this id or name.
    Unknown,
    /// Two or more staff share this name: their ids.
    Shared(Vec<String>),
}

/// The staff file by id (the first row with an id wins) and by name.
#[derive(Debug, Default)]
pub struct StaffIndex {
    at: HashMap<String, usize>,
    ids_named: HashMap<String, Vec<String>>,
    /// The staff rows left out for their errors, by id and by name.
    aside: super::SetAside,
}

impl StaffIndex {
    pub fn new(staff: &[Staff]) -> StaffIndex {
        let mut index = StaffIndex::default();
        for (i, s) in staff.iter().enumerate() {
            index.at.entry(s.id.clone()).or_insert(i);
            let ids = index.ids_named.entry(s.name.clone()).or_default();
            ids.push(s.id.clone());
        }
        index
    }

    /// Knows the staff rows set aside, so that a reference to one is not
    /// reported as naming nobody.
    pub fn with_set_aside(mut self, aside: &super::SetAside) -> StaffIndex {
        self.aside = aside.clone();
        self
    }

    /// The staff rows set aside for their errors.
    pub fn set_aside(&self) -> &super::SetAside {
        &self.aside
    }

    /// Where the staff member with this id is in the staff file.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.at.get(id).copied()
    }

    /// How many staff members have this name.
    pub fn named(&self, name: &str) -> usize {
        self.ids_named.get(name).map_or(0, Vec::len)
    }

    /// Resolves a staff reference to the staff id: an id first, then
    /// `姓名(工号)`, then a name only one staff member has.
    pub fn find(&self, reference: &str) -> Result<String, StaffRef> {
        let reference = reference.trim();
        if self.at.contains_key(reference) {
            return Ok(reference.to_string());
        }
        if let Some(id) = id_in_brackets(reference)
            && self.at.contains_key(id)
        {
            return Ok(id.to_string());
        }
        match self.ids_named.get(reference).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(many) if !many.is_empty() => Err(StaffRef::Shared(many.to_vec())),
            _ => Err(StaffRef::Unknown),
        }
    }
}

/// The `工号` of `姓名(工号)` (half- or full-width brackets).
fn id_in_brackets(text: &str) -> Option<&str> {
    let inner = text.strip_suffix(')').or_else(|| text.strip_suffix('）'))?;
    let at = inner.rfind(['(', '（'])?;
    let id = inner[at..].trim_start_matches(['(', '（']).trim();
    (!id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Days, Line, Role};

    fn staff(id: &str, name: &str) -> Staff {
        Staff {
            id: id.into(),
            name: name.into(),
            phone: String::new(),
            role: Role::Teacher,
            available: Days::EMPTY,
            line: Line(2),
        }
    }

    #[test]
    fn staff_by_id_then_name_with_id_then_unique_name() {
        let all = StaffIndex::new(&[
            staff("T1", "王芳"),
            staff("T2", "王芳"),
            staff("T3", "李强"),
        ]);
        assert_eq!(all.find("T2"), Ok("T2".into()));
        assert_eq!(all.find(" 王芳(T2)"), Ok("T2".into()));
        assert_eq!(all.find("王芳（T1）"), Ok("T1".into()));
        assert_eq!(all.find("李强"), Ok("T3".into()));
        assert_eq!(
            all.find("王芳"),
            Err(StaffRef::Shared(vec!["T1".into(), "T2".into()]))
        );
        assert_eq!(all.find("代课老师"), Err(StaffRef::Unknown));
        assert_eq!(all.find("王芳(T9)"), Err(StaffRef::Unknown));
        assert_eq!((all.named("王芳"), all.position("T3")), (2, Some(2)));
    }
}
