//! The shapes of Chinese phone numbers: an 11-digit mobile starting with 1,
//! a landline with its area code (010-12345678, 0571 8765 4321), a 400/800
//! service number; `+86` in front, an extension after, several numbers in
//! one cell. Anything else is worth a second look (a 10-digit "mobile" is a
//! digit short, and a dismissal list cannot call it).

/// Whether every number in the cell has one of the shapes above.
pub fn plausible(cell: &str) -> bool {
    let mut numbers = cell
        .split(['/', '、', ';', '；', ',', '，', '|'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .peekable();
    numbers.peek().is_some() && numbers.all(one_number)
}

fn one_number(text: &str) -> bool {
    let allowed = |c: char| c.is_ascii_digit() || " -+()（）".contains(c);
    if !text.chars().all(allowed) {
        return false;
    }
    // An extension after a landline: 010-12345678-123, 010-12345678转123.
    let groups: Vec<&str> = text.split('-').map(str::trim).collect();
    let text = match groups.as_slice() {
        [area, number, extension] if area.starts_with('0') && extension.len() <= 5 => {
            return landline(&format!("{area}{number}"));
        }
        _ => text,
    };
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.strip_prefix("86") {
        Some(rest) if text.trim_start().starts_with('+') || rest.len() == 11 => rest.to_string(),
        _ => digits,
    };
    mobile(&digits) || landline(&digits) || service(&digits)
}

fn mobile(digits: &str) -> bool {
    digits.len() == 11 && digits.starts_with('1') && !digits.starts_with("10")
}

/// Area code (3–4 digits from 0) and a 7–8 digit number.
fn landline(digits: &str) -> bool {
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    digits.starts_with('0') && !digits.starts_with("00") && (10..=12).contains(&digits.len())
}

fn service(digits: &str) -> bool {
    digits.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"))
}

#[cfg(test)]
mod tests {
    use super::plausible;

    #[test]
    fn the_usual_shapes_pass() {
        for ok in [
            "13800001111",
            "138 0000 1111",
            "138-0000-1111",
            "+86 13800001111",
            "8613800001111",
            "010-12345678",
            "0571-8765432",
            "(0571) 87654321",
            "010-12345678-123",
            "13800001111/13900002222",
            "13800001111、010-12345678",
            "400-123-4567",
        ] {
            assert!(plausible(ok), "{ok}");
        }
    }

    #[test]
    fn odd_shapes_do_not() {
        for odd in [
            "1380000111",
            "138000011112",
            "23800001111",
            "12345678",
            "无",
            "见备注",
            "13800001111/123",
            "10086000000",
        ] {
            assert!(!plausible(odd), "{odd}");
        }
    }
}
