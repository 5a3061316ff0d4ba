//! The keys a config may have, taken from `config.toml.example` (which
//! documents every key), for naming the key a misspelt one was meant to be
//! and for knowing which keys take `true`/`false`.

const EXAMPLE: &str = include_str!("../../config.toml.example");

/// Every `key = value` written in the example, commented out or not, with
/// the value as written (inline tables give their keys too).
fn written() -> impl Iterator<Item = (&'static str, &'static str)> {
    EXAMPLE.lines().flat_map(|line| {
        let line = line.trim_start_matches(['#', ' ']);
        let mut pairs = Vec::new();
        let mut rest = line;
        while let Some(eq) = rest.find('=') {
            let before = rest[..eq].trim_end();
            let start = before
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |i| i + 1);
            let key = &before[start..];
            let after = rest[eq + 1..].trim_start();
            let end = after.find([',', '}', '#']).unwrap_or(after.len());
            if !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                pairs.push((key, after[..end].trim()));
            }
            rest = &rest[eq + 1..];
        }
        pairs
    })
}

/// Whether `key` is one the config knows.
pub fn known(key: &str) -> bool {
    written().any(|(k, _)| k == key)
}

/// The known key closest to a misspelt one (`dismisal` → `dismissal`).
pub fn closest(wanted: &str) -> Option<&'static str> {
    let limit = (wanted.chars().count() / 3).clamp(1, 3);
    written()
        .map(|(k, _)| (strsim::damerau_levenshtein(wanted, k), k))
        .filter(|(d, k)| *d <= limit && *k != wanted)
        .min()
        .map(|(_, k)| k)
}

/// Whether `key` takes `true` or `false`.
pub fn boolean(key: &str) -> bool {
    written().any(|(k, v)| k == key && (v == "true" || v == "false"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_the_example() {
        assert!(known("dismissal") && known("require_safety") && known("follows"));
        assert!(!known("dismisal"));
        assert_eq!(closest("dismisal"), Some("dismissal"));
        assert_eq!(closest("requre_safety"), Some("require_safety"));
        assert_eq!(closest("wholly_different"), None);
        assert!(boolean("require_safety") && boolean("auto_assign"));
        assert!(!boolean("dismissal"));
    }
}
