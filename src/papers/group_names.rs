//! Children's names as one class's parents' group reads them: masked as the
//! school configures, and told apart where two would read the same (two
//! `王*` in a class), so that each parent finds their own child.

use super::mask_name;
use crate::i18n::Lang;

/// The names of one class's children (`(学号, 姓名)`), in the same order,
/// masked or whole: where two read the same, each of them carries the last
/// digits of its 学号, as few as tell them apart and at least two
/// (`王*(学号尾号07)`).
pub fn told_apart(children: &[(&str, &str)], masked: bool, lang: Lang) -> Vec<String> {
    let shown: Vec<String> = children
        .iter()
        .map(|(_, name)| match masked {
            true => mask_name(name),
            false => name.trim().to_string(),
        })
        .collect();
    let mut out = shown.clone();
    for (i, name) in shown.iter().enumerate() {
        let same: Vec<&str> = (shown.iter().zip(children))
            .filter(|(other, _)| *other == name)
            .map(|(_, (id, _))| *id)
            .collect();
        if same.len() < 2 {
            continue;
        }
        let tail = shortest_tail(children[i].0, &same);
        out[i] = match lang {
            Lang::Zh => format!("{name}(学号尾号{tail})"),
            Lang::En => format!("{name} [ID …{tail}]"),
        };
    }
    out
}

/// The last characters of `id`, as few as no other of `ids` ends with, and
/// at least two (the whole id when it is shorter, or when one id ends
/// another).
fn shortest_tail<'a>(id: &'a str, ids: &[&str]) -> &'a str {
    let chars: Vec<(usize, char)> = id.char_indices().collect();
    for k in 2..chars.len() {
        let tail = &id[chars[chars.len() - k].0..];
        if ids.iter().filter(|other| other.ends_with(tail)).count() == 1 {
            return tail;
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_children_who_would_read_the_same_carry_their_ids_last_digits() {
        let class = [
            ("20260107", "王明"),
            ("20260112", "李小华"),
            ("20260207", "王亮"),
            ("20260130", "王晨"),
        ];
        let names = told_apart(&class, true, Lang::Zh);
        assert_eq!(
            names,
            [
                "王*(学号尾号107)",
                "李*华",
                "王*(学号尾号207)",
                "王*(学号尾号30)"
            ]
        );
        // Whole names too: two 王伟 in one class.
        let twins = [("7", "王伟"), ("17", "王伟"), ("3", "李娜")];
        assert_eq!(
            told_apart(&twins, false, Lang::En),
            ["王伟 [ID …7]", "王伟 [ID …17]", "李娜"]
        );
    }
}
