//! Short, printable forms of argument values for error messages.
use std::fmt::Write;

use strabo_columnar::{ColumnView, Scalar};
use strabo_geom::{wkt_codec, Geo};

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

/// A geometry as WKT with its SRID if it can be read and written so, else its bytes.
fn geometry(wkb: &[u8], srid: i32) -> String {
    match Geo::read(wkb).and_then(|geo| wkt_codec::try_to_string(&geo)) {
        Ok(wkt) => format!("{} (SRID {srid})", text(&wkt)),
        Err(_) => bytes(wkb),
    }
}

/// Row `row` of a column.
pub(crate) fn cell(view: &ColumnView, row: usize) -> String {
    if !view.validity().is_valid(row) {
        return "NULL".into();
    }
    match view {
        ColumnView::Boolean(v) => v.values.get(row).to_string(),
        ColumnView::Int(v) => v.values[row].to_string(),
        ColumnView::BigInt(v) => v.values[row].to_string(),
        ColumnView::Double(v) => format!("{:?}", v.values[row]),
        ColumnView::String(v) => text(&String::from_utf8_lossy(v.value(row))),
        ColumnView::Binary(v) => bytes(v.value(row)),
        ColumnView::Geometry(v) => match (v.wkb(row), v.raw(row)) {
            (Ok(Some(wkb)), _) => geometry(wkb, v.srid(row)),
            (Err(_), Some(raw)) => bytes(raw),
            _ => match v.geo(row) {
                Ok(geo) => format!(
                    "{} (SRID {})",
                    text(&wkt_codec::to_string(&geo)),
                    v.srid(row)
                ),
                Err(err) => format!("<{err}>"),
            },
        },
        ColumnView::Nested => "<array or struct>".into(),
    }
}

pub(crate) fn scalar(value: &Scalar) -> String {
    match value {
        Scalar::Null => "NULL".into(),
        Scalar::Boolean(b) => b.to_string(),
        Scalar::Int(v) => v.to_string(),
        Scalar::BigInt(v) => v.to_string(),
        Scalar::Double(v) => format!("{v:?}"),
        Scalar::String(s) => text(s),
        Scalar::Binary(b) => bytes(b),
        Scalar::Geometry(srid, wkb) => geometry(wkb, *srid),
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
