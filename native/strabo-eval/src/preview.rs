//! Short, printable forms of argument values for error messages.
use std::fmt::Write;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int32Type, Int64Type};
use arrow_array::Array;
use arrow_schema::DataType;
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

/// A geometry read already, as WKT with its SRID.
pub fn geo(geo: &Geo, srid: i32) -> String {
    format!("{} (SRID {srid})", text(&wkt_codec::to_string(geo)))
}

/// Row `row` of a column.
pub fn cell(view: &ColumnView, row: usize) -> String {
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
                Ok(geo) => self::geo(&geo, v.srid(row)),
                Err(err) => format!("<{err}>"),
            },
        },
        ColumnView::Nested(array) => arrow_value(*array, row),
    }
}

/// Row `i` of an Arrow array of Strabo's types, an array as `[a, b]` and a struct as
/// `{name: value}`, each item as `cell` shows it, all cut to about `PREVIEW_CHARS`.
fn arrow_value(array: &dyn Array, i: usize) -> String {
    if array.is_null(i) {
        return "NULL".into();
    }
    let shown = match array.data_type() {
        DataType::List(_) => {
            let list = array.as_list::<i32>();
            let items = list.value(i);
            let parts: Vec<String> = (0..items.len())
                .map(|j| arrow_value(items.as_ref(), j))
                .collect();
            format!("[{}]", parts.join(", "))
        }
        DataType::Struct(fields) => {
            let columns = array.as_struct().columns();
            let parts: Vec<String> = fields
                .iter()
                .zip(columns)
                .map(|(field, column)| {
                    format!("{}: {}", field.name(), arrow_value(column.as_ref(), i))
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        // Binary values inside Strabo's arrays are geometries in Spark's layout.
        DataType::Binary => {
            let bytes_of = array.as_binary::<i32>().value(i);
            match strabo_columnar::split_srid(bytes_of) {
                Ok((srid, wkb)) => geometry(wkb, srid),
                Err(_) => bytes(bytes_of),
            }
        }
        DataType::Utf8 => text(array.as_string::<i32>().value(i)),
        DataType::Boolean => array.as_boolean().value(i).to_string(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(i).to_string(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(i).to_string(),
        DataType::Float64 => format!("{:?}", array.as_primitive::<Float64Type>().value(i)),
        other => format!("<{other}>"),
    };
    if shown.chars().count() > 2 * PREVIEW_CHARS {
        let mut cut: String = shown.chars().take(2 * PREVIEW_CHARS).collect();
        cut.push('…');
        return cut;
    }
    shown
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
        Scalar::Nested(array) => arrow_value(array.as_ref(), 0),
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
