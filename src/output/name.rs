//! Text from the data made into one file name that every system kehou runs
//! on accepts: no folder separators, no `..`, no control characters, none of
//! the characters Windows refuses (`<>:"/\|?*`), not hidden, no trailing dot
//! or space, never a name Windows reserves for a device (CON, PRN, AUX, NUL,
//! COM1–COM9, LPT1–LPT9, with any extension), and short enough in bytes
//! (Linux, macOS) and in UTF-16 units (Windows) with room for the temporary
//! file beside it. A name cut short keeps its start (the command's prefix)
//! and its extension, and gains a short fingerprint of the whole name, so two
//! long names that share their start never become one file.

/// The longest name, in bytes and in UTF-16 units: below the 255 both allow,
/// leaving room for the temporary file's `.NAME.PID.tmp`.
pub const MAX_NAME: usize = 200;

/// Device names Windows reserves in every folder, whatever the extension.
const RESERVED: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

/// `x/../../students` → `x_.._.._students`; `CON.csv` → `_CON.csv`.
pub fn safe_component(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            // Bidirectional overrides and isolates would show the name reversed.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '_',
            c => c,
        })
        .collect();
    let mut out = trim(&cleaned).to_string();
    if out.is_empty() {
        out.push('_');
    }
    if reserved_on_windows(&out) {
        out.insert(0, '_');
    }
    if too_long(&out) {
        out = cut(&out, name);
    }
    out
}

/// Without leading and trailing dots and white space (hidden files; names
/// Windows silently changes).
fn trim(name: &str) -> &str {
    name.trim_matches(|c: char| c == '.' || c.is_whitespace())
}

fn too_long(name: &str) -> bool {
    name.len() > MAX_NAME || name.encode_utf16().count() > MAX_NAME
}

/// Whether Windows takes the name for a device: `CON`, `nul.txt`, `COM1.csv`,
/// `lpt9.tar.gz` (the part before the first dot, spaces trimmed, any case).
pub fn reserved_on_windows(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").trim_end();
    let upper = stem.to_ascii_uppercase();
    if RESERVED.contains(&upper.as_str()) || upper == "CONIN$" || upper == "CONOUT$" {
        return true;
    }
    let digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '¹', '²', '³'];
    match (upper.get(..3), upper.get(3..)) {
        (Some("COM" | "LPT"), Some(rest)) => {
            let mut chars = rest.chars();
            matches!((chars.next(), chars.next()), (Some(d), None) if digits.contains(&d))
        }
        _ => false,
    }
}

/// The extension kept when a name is cut: a short run of letters and digits
/// after the last dot (`.csv`, `.xlsx`, `.txt`).
fn extension(name: &str) -> &str {
    match name.rfind('.') {
        Some(i)
            if name.len() - i <= 6
                && name[i + 1..].chars().all(|c| c.is_ascii_alphanumeric())
                && i > 0 =>
        {
            &name[i..]
        }
        _ => "",
    }
}

/// `name` cut to fit: its start as long as fits, `~` and a fingerprint of
/// the whole `original`, then the extension.
fn cut(name: &str, original: &str) -> String {
    let ext = extension(name);
    let stem = &name[..name.len() - ext.len()];
    let tail = format!("~{:08x}{ext}", fingerprint(original));
    let room = MAX_NAME - tail.len(); // ASCII: as many bytes as UTF-16 units
    let (mut bytes, mut units, mut end) = (0, 0, 0);
    for (i, c) in stem.char_indices() {
        bytes += c.len_utf8();
        units += c.len_utf16();
        if bytes > room || units > room {
            break;
        }
        end = i + c.len_utf8();
    }
    let start = stem[..end].trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    format!("{start}{tail}")
}

/// FNV-1a, 32 bits: the same name gives the same file on every run.
fn fingerprint(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn names_from_the_data_stay_one_component() {
        for (name, safe) in [
            ("x/../../students", "x_.._.._students"),
            ("A/101", "A_101"),
            ("timetable-2026/秋", "timetable-2026_秋"),
            ("..", "_"),
            (".hidden", "hidden"),
            ("a\u{1b}[2Jb", "a_[2Jb"),
            ("CON", "_CON"),
            ("nul.csv", "_nul.csv"),
            ("Com1.tar.gz", "_Com1.tar.gz"),
            ("LPT9 .txt", "_LPT9 .txt"),
            ("COM0.csv", "COM0.csv"),
            ("COM10.csv", "COM10.csv"),
            ("CONSENT.csv", "CONSENT.csv"),
            ("a<b>c:\"d|e?f*g", "a_b_c__d_e_f_g"),
            ("end. . ", "end"),
        ] {
            assert_eq!(safe_component(name), safe, "{name}");
            assert_eq!(Path::new(&safe_component(name)).components().count(), 1);
        }
    }

    #[test]
    fn long_names_are_cut_by_bytes_and_units_keeping_prefix_and_extension() {
        let class = "一".repeat(84);
        let name = format!("2026-09-08-handover-{class}班.csv");
        let safe = safe_component(&name);
        assert!(safe.len() <= MAX_NAME && safe.encode_utf16().count() <= MAX_NAME);
        assert!(safe.starts_with("2026-09-08-handover-一") && safe.ends_with(".csv"));
        // Two long names sharing their start stay two files.
        let other = format!("2026-09-08-handover-{class}二班.csv");
        assert_ne!(safe_component(&other), safe);
        // Characters outside the BMP count two UTF-16 units.
        let emoji = format!("{}.txt", "😀".repeat(120));
        let safe = safe_component(&emoji);
        assert!(safe.encode_utf16().count() <= MAX_NAME, "{}", safe.len());
        assert!(safe.ends_with(".txt"));
        let ascii = format!("hours-sessions-{}.csv", "x".repeat(300));
        let safe = safe_component(&ascii);
        assert_eq!(safe.len(), MAX_NAME);
        assert!(safe.ends_with(".csv"));
        // A short name is left alone.
        assert_eq!(safe_component("2026-09-08.xlsx"), "2026-09-08.xlsx");
    }
}
