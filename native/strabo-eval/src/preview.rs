//! Short, printable forms of argument values for error messages.
use std::fmt::Write;

use strabo_functions::Value;

/// About how many characters of a value an error message shows.
const PREVIEW_CHARS: usize = 100;

pub(crate) fn text(text: &str) -> String {
    let mut shown: String = text.chars().take(PREVIEW_CHARS).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    format!("'{shown}'")
}

/// Bytes as a SQL binary literal, `X'0101…'`.
pub(crate) fn bytes(bytes: &[u8]) -> String {
    let mut shown = String::from("X'");
    for byte in bytes.iter().take(PREVIEW_CHARS / 2) {
        let _ = write!(shown, "{byte:02X}");
    }
    if bytes.len() > PREVIEW_CHARS / 2 {
        shown.push('…');
    }
    shown.push('\'');
    shown
}

pub(crate) fn value(value: &Value) -> String {
    match value {
        Value::Boolean(b) => b.to_string(),
        Value::Double(d) => format!("{d:?}"),
        Value::Text(t) => text(t),
        Value::Geometry(geom) => match geom.to_wkt() {
            Ok(wkt) => format!("{} (SRID {})", text(&wkt), geom.srid()),
            Err(err) => format!("<{err}>"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut() {
        let long = "x".repeat(500);
        let shown = text(&long);
        assert_eq!(shown.chars().count(), PREVIEW_CHARS + 3);
        assert!(shown.ends_with("…'"));
        assert_eq!(bytes(&[1, 2, 255]), "X'0102FF'");
        assert!(bytes(&[0; 200]).ends_with("…'"));
    }
}
