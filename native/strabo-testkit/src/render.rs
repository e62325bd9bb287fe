//! Results as text, as the docs' examples and `it/rendering.py` print them: geometries as WKT,
//! doubles as Python prints them, booleans in lower case, arrays as `[a, b]`, NULL as `NULL`.
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int32Type, Int64Type};
use arrow_array::{Array, ArrayRef};
use strabo_eval::RowValue;
use strabo_geom::{wkt_codec, Geo};
use strabo_kernel::SqlType;

/// A program input of type `ty`, in the program's JSON: `geometry` says how geometries come
/// (inside an array they are always in Spark's layout).
pub fn input_json(ty: SqlType, geometry: &str) -> String {
    match ty {
        SqlType::Geometry => geometry.to_string(),
        nested @ (SqlType::Array(_) | SqlType::Struct(_)) => format!(
            r#"{{"type": {}}}"#,
            serde_json::to_string(&nested).expect("a type is plain data")
        ),
        scalar => format!(
            r#"{{"type": {}}}"#,
            serde_json::to_string(&scalar).expect("a type is plain data")
        ),
    }
}

/// Renders a result as the example tests do: geometries as WKT, doubles as Python prints
/// them, booleans in lower case, arrays as `[a, b]`, NULL as `NULL`.
pub fn render_value(value: RowValue, ty: SqlType) -> String {
    match value {
        RowValue::Null => "NULL".into(),
        RowValue::Boolean(b) => b.to_string(),
        RowValue::Int(v) => v.to_string(),
        RowValue::BigInt(v) => v.to_string(),
        RowValue::Double(d) => python_float(d),
        RowValue::Bytes(bytes) => render_bytes(bytes, ty),
    }
}

fn render_bytes(bytes: &[u8], ty: SqlType) -> String {
    match ty {
        SqlType::Geometry => geometry_text(bytes),
        SqlType::String => String::from_utf8(bytes.to_vec()).expect("UTF-8 text"),
        SqlType::Binary => bytes.iter().map(|b| format!("{b:02X}")).collect(),
        SqlType::Array(item) => {
            let count = u32::from_le_bytes(bytes[..4].try_into().unwrap()) as usize;
            let mut rest = &bytes[4..];
            let mut items = Vec::new();
            for _ in 0..count {
                let (text, used) = render_encoded_prefix(rest, *item);
                items.push(text);
                rest = &rest[used..];
            }
            format!("[{}]", items.join(", "))
        }
        other => panic!("no bytes of {other:?}"),
    }
}

/// Renders a value encoded in the row layout (null flag first).
pub fn render_encoded(encoded: &[u8], ty: SqlType) -> String {
    let (text, used) = render_encoded_prefix(encoded, ty);
    assert_eq!(used, encoded.len(), "trailing bytes after a {ty:?}");
    text
}

/// Renders the value at the start of `encoded`; returns the text and the bytes it took.
fn render_encoded_prefix(encoded: &[u8], ty: SqlType) -> (String, usize) {
    if encoded[0] != 0 {
        return ("NULL".into(), 1);
    }
    let value = &encoded[1..];
    let fixed = |n: usize| &value[..n];
    match ty {
        SqlType::Boolean => ((value[0] != 0).to_string(), 2),
        SqlType::Int => (
            i32::from_le_bytes(fixed(4).try_into().unwrap()).to_string(),
            5,
        ),
        SqlType::BigInt => (
            i64::from_le_bytes(fixed(8).try_into().unwrap()).to_string(),
            9,
        ),
        SqlType::Double => (
            python_float(f64::from_le_bytes(fixed(8).try_into().unwrap())),
            9,
        ),
        SqlType::Array(item) => {
            let count = u32::from_le_bytes(value[..4].try_into().unwrap()) as usize;
            let mut used = 5;
            let mut items = Vec::new();
            for _ in 0..count {
                let (text, n) = render_encoded_prefix(&encoded[used..], *item);
                items.push(text);
                used += n;
            }
            (format!("[{}]", items.join(", ")), used)
        }
        _ => {
            let len = u32::from_le_bytes(value[..4].try_into().unwrap()) as usize;
            (render_bytes(&value[4..4 + len], ty), 5 + len)
        }
    }
}

/// Renders row `row` of an output array.
pub fn render_array(array: &ArrayRef, row: usize, ty: SqlType) -> String {
    if array.is_null(row) {
        return "NULL".into();
    }
    match ty {
        SqlType::Boolean => array.as_boolean().value(row).to_string(),
        SqlType::Int => array.as_primitive::<Int32Type>().value(row).to_string(),
        SqlType::BigInt => array.as_primitive::<Int64Type>().value(row).to_string(),
        SqlType::Double => python_float(array.as_primitive::<Float64Type>().value(row)),
        SqlType::String => array.as_string::<i32>().value(row).to_string(),
        SqlType::Binary | SqlType::Geometry => {
            render_bytes(array.as_binary::<i32>().value(row), ty)
        }
        SqlType::Array(item) => {
            let list = array.as_list::<i32>().value(row);
            let items: Vec<String> = (0..list.len())
                .map(|i| render_array(&list, i, *item))
                .collect();
            format!("[{}]", items.join(", "))
        }
        other => panic!("no rendering of {other:?}"),
    }
}

/// A geometry in Spark's layout (SRID, then WKB) as WKT.
pub fn geometry_text(bytes: &[u8]) -> String {
    let wkb = &bytes[4..];
    match Geo::read(wkb) {
        Ok(geometry) => wkt_codec::to_string(&geometry),
        Err(e) => panic!("a function wrote a geometry that does not read back ({e}): {wkb:02X?}"),
    }
}

/// Python's `repr(float)`: Rust's shortest round-trip digits, with Python's exponent style.
pub fn python_float(value: f64) -> String {
    let debug = format!("{value:?}");
    match debug.split_once('e') {
        None => debug,
        Some((mantissa, exponent)) => {
            let (sign, digits) = exponent
                .strip_prefix('-')
                .map_or(("+", exponent), |d| ("-", d));
            format!("{mantissa}e{sign}{digits:0>2}")
        }
    }
}

/// ISO WKB of a WKT text.
pub fn wkb(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    strabo_geom::write_wkb(&wkt_codec::parse(text).unwrap(), &mut out);
    out
}
