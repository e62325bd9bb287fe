//! How GeoMesa's Parquet files lay out their columns: attribute names encoded
//! (`StringSerialization.alphaNumericSafeString`: `last_seen` is written `last_5fseen`) since
//! schema version 1, and the geometry encoding a file records in its key-value metadata
//! (`geomesa.parquet.geometries` since 5.3, else `geomesa.parquet.version`).

/// The key-value metadata key of a file's geometry encoding (GeoMesa 5.3+).
pub const GEOMETRIES_KEY: &str = "geomesa.parquet.geometries";
/// The key-value metadata key of a file's schema version (`1`; GeoMesa 2.4–5.2).
pub const VERSION_KEY: &str = "geomesa.parquet.version";
/// The feature id column; its name is never encoded.
pub const FID_COLUMN: &str = "__fid__";
/// The visibility label column (GeoMesa 5.3+); its name is never encoded.
pub const VISIBILITY_COLUMN: &str = "__vis__";

/// How a GeoMesa Parquet file encodes geometries and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileEncoding {
    /// Before schema version 1: raw names, points as x/y structs.
    GeoMesaV0,
    /// Schema version 1: encoded names, geometries as x/y structs and lists of them.
    GeoMesaV1,
    /// GeoParquet's WKB (GeoMesa 5.3's default).
    GeoParquetWkb,
    /// GeoParquet's native encodings: lists of `{x, y}` structs.
    GeoParquetNative,
}

impl FileEncoding {
    /// The encoding a file's key-value metadata records, as GeoMesa's reader decides it:
    /// `geomesa.parquet.geometries` (any case), else version `1` is V1, else V0. `None` for a
    /// value GeoMesa does not write.
    pub fn of_metadata<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Option<FileEncoding> {
        match get(GEOMETRIES_KEY) {
            Some(value) => Some(match value.to_ascii_lowercase().as_str() {
                "geomesav0" => FileEncoding::GeoMesaV0,
                "geomesav1" => FileEncoding::GeoMesaV1,
                "geoparquetwkb" => FileEncoding::GeoParquetWkb,
                "geoparquetnative" => FileEncoding::GeoParquetNative,
                _ => return None,
            }),
            None if get(VERSION_KEY) == Some("1") => Some(FileEncoding::GeoMesaV1),
            None => Some(FileEncoding::GeoMesaV0),
        }
    }

    /// Whether attribute names are encoded in the file.
    pub fn encodes_names(self) -> bool {
        self != FileEncoding::GeoMesaV0
    }
}

/// An attribute's name as GeoMesa writes it as a column: ASCII letters and digits kept, every
/// other character as its UTF-8 bytes, each `_` and two lowercase hex digits.
pub fn encode_name(name: &str) -> String {
    let mut encoded = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            encoded.push(c);
        } else {
            let mut bytes = [0u8; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                encoded.push_str(&format!("_{byte:02x}"));
            }
        }
    }
    encoded
}

/// A column name decoded back to its attribute's name; `None` if it is not an encoding (a `_`
/// not followed by two hex digits, or bytes that are not UTF-8). Unlike GeoMesa's decoder,
/// which decodes each byte alone, multi-byte characters come back whole.
pub fn decode_name(column: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(column.len());
    let mut rest = column.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'_' {
            let hex = tail.get(..2)?;
            let text = std::str::from_utf8(hex).ok()?;
            bytes.push(u8::from_str_radix(text, 16).ok()?);
            rest = &tail[2..];
        } else if first.is_ascii_alphanumeric() {
            bytes.push(first);
            rest = tail;
        } else {
            return None;
        }
    }
    String::from_utf8(bytes).ok()
}

/// Whether a column is one of the bounding boxes GeoMesa 5.3 writes beside a geometry
/// (`__geom_bbox__`), which are not attributes.
pub fn is_bbox_column(column: &str) -> bool {
    column.len() > "___bbox__".len() && column.starts_with("__") && column.ends_with("_bbox__")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_encode_as_geomesa_writes_them() {
        for (name, column) in [
            ("lastseen", "lastseen"),
            ("last_seen", "last_5fseen"),
            ("a-b.c d", "a_2db_2ec_20d"),
            ("été", "_c3_a9t_c3_a9"),
            ("", ""),
        ] {
            assert_eq!(encode_name(name), column);
            assert_eq!(decode_name(column).as_deref(), Some(name));
        }
        for bad in ["a_5", "a_zz", "a-b", "_ff", "x_"] {
            assert_eq!(decode_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_encoding_comes_from_the_file_metadata() {
        let of = |pairs: &[(&'static str, &'static str)]| {
            let pairs = pairs.to_vec();
            FileEncoding::of_metadata(move |key| {
                pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
            })
        };
        assert_eq!(of(&[]), Some(FileEncoding::GeoMesaV0));
        assert_eq!(of(&[(VERSION_KEY, "1")]), Some(FileEncoding::GeoMesaV1));
        assert_eq!(
            of(&[(GEOMETRIES_KEY, "GeoParquetWkb"), (VERSION_KEY, "1")]),
            Some(FileEncoding::GeoParquetWkb)
        );
        assert_eq!(
            of(&[(GEOMETRIES_KEY, "geoparquetnative")]),
            Some(FileEncoding::GeoParquetNative)
        );
        assert_eq!(of(&[(GEOMETRIES_KEY, "Avro")]), None);
        assert!(!FileEncoding::GeoMesaV0.encodes_names());
        assert!(FileEncoding::GeoParquetWkb.encodes_names());
    }

    #[test]
    fn bbox_columns_are_recognised() {
        assert!(is_bbox_column("__geom_bbox__"));
        assert!(is_bbox_column("__the_5fgeom_bbox__"));
        assert!(!is_bbox_column("__fid__"));
        assert!(!is_bbox_column("geom"));
    }
}
