//! SQL types, the physical types of program inputs and constants, and constant values.
//!
//! A SQL type is defined once, here: its Arrow form ([`SqlType::arrow_type`]), and through it
//! its row form (`crate::row`, which reads and writes any type by recursion over it) and the
//! form of aggregate states, which are rows of declared fields.
use std::sync::{Arc, Mutex};

use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field, Fields};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// SQL types of arguments and results. A `GEOMETRY` argument accepts Spark's `GEOMETRY(srid)` or
/// WKB in a `BINARY` column.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SqlType {
    Boolean,
    Int,
    BigInt,
    Double,
    String,
    Binary,
    Geometry,
    Array(&'static SqlType),
    Struct(&'static [StructField]),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub struct StructField {
    pub name: &'static str,
    #[serde(rename = "type")]
    pub ty: SqlType,
}

impl SqlType {
    /// The type as SQL writes it, e.g. `ARRAY<GEOMETRY>`.
    pub fn sql(&self) -> String {
        match self {
            SqlType::Boolean => "BOOLEAN".into(),
            SqlType::Int => "INT".into(),
            SqlType::BigInt => "BIGINT".into(),
            SqlType::Double => "DOUBLE".into(),
            SqlType::String => "STRING".into(),
            SqlType::Binary => "BINARY".into(),
            SqlType::Geometry => "GEOMETRY".into(),
            SqlType::Array(item) => format!("ARRAY<{}>", item.sql()),
            SqlType::Struct(fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{}: {}", f.name, f.ty.sql()))
                    .collect();
                format!("STRUCT<{}>", fields.join(", "))
            }
        }
    }

    pub fn is_scalar(&self) -> bool {
        !matches!(self, SqlType::Array(_) | SqlType::Struct(_))
    }

    /// The Arrow type of a column of this type. A geometry is Spark's layout in a `Binary`: a
    /// little-endian `i32` SRID, then ISO WKB.
    pub fn arrow_type(&self) -> DataType {
        match self {
            SqlType::Boolean => DataType::Boolean,
            SqlType::Int => DataType::Int32,
            SqlType::BigInt => DataType::Int64,
            SqlType::Double => DataType::Float64,
            SqlType::String => DataType::Utf8,
            SqlType::Binary | SqlType::Geometry => DataType::Binary,
            SqlType::Array(item) => DataType::List(Arc::new(item.arrow_field("item"))),
            SqlType::Struct(fields) => DataType::Struct(Self::arrow_fields(fields)),
        }
    }

    pub fn arrow_field(&self, name: &str) -> Field {
        Field::new(name, self.arrow_type(), true)
    }

    pub fn arrow_fields(fields: &[StructField]) -> Fields {
        fields.iter().map(|f| f.ty.arrow_field(f.name)).collect()
    }

    /// Whether an Arrow array of type `data_type` holds values of this type. Field names are
    /// not compared: the JVM's Arrow names a list's items `$data$`, Rust's `item`.
    pub fn fits_arrow(&self, data_type: &DataType) -> bool {
        match (self, data_type) {
            (SqlType::Array(item), DataType::List(field)) => item.fits_arrow(field.data_type()),
            (SqlType::Struct(fields), DataType::Struct(arrow)) => {
                fields.len() == arrow.len()
                    && fields
                        .iter()
                        .zip(arrow.iter())
                        .all(|(f, a)| f.ty.fits_arrow(a.data_type()))
            }
            (SqlType::Array(_) | SqlType::Struct(_), _) => false,
            (scalar, other) => &scalar.arrow_type() == other,
        }
    }

    /// `ARRAY<item>` for an item type known only at run time (a program's nested input or
    /// constant): each distinct type is allocated once and kept, so the set stays as small as
    /// the set of types programs use.
    pub fn array_of(item: SqlType) -> SqlType {
        static ITEMS: Mutex<Vec<&'static SqlType>> = Mutex::new(Vec::new());
        let mut items = ITEMS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let item = match items.iter().find(|known| ***known == item) {
            Some(known) => *known,
            None => {
                let leaked: &'static SqlType = Box::leak(Box::new(item));
                items.push(leaked);
                leaked
            }
        };
        SqlType::Array(item)
    }

    /// `STRUCT<fields>` for fields known only at run time; see [`SqlType::array_of`].
    pub fn struct_of(fields: &[(String, SqlType)]) -> SqlType {
        static STRUCTS: Mutex<Vec<&'static [StructField]>> = Mutex::new(Vec::new());
        let mut structs = STRUCTS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let same = |known: &&[StructField]| {
            known.len() == fields.len()
                && known
                    .iter()
                    .zip(fields)
                    .all(|(k, (name, ty))| k.name == name && k.ty == *ty)
        };
        let found = structs.iter().find(|known| same(known)).copied();
        SqlType::Struct(found.unwrap_or_else(|| {
            let leaked: &'static [StructField] = fields
                .iter()
                .map(|(name, ty)| StructField {
                    name: Box::leak(name.clone().into_boxed_str()),
                    ty: *ty,
                })
                .collect::<Vec<_>>()
                .leak();
            structs.push(leaked);
            leaked
        }))
    }
}

/// Scalars serialize as their lower-case name, nested types as `{"array": item}` or
/// `{"struct": [{"name": …, "type": …}]}`.
impl Serialize for SqlType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            SqlType::Array(item) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("array", item)?;
                map.end()
            }
            SqlType::Struct(fields) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("struct", fields)?;
                map.end()
            }
            scalar => serializer.serialize_str(&scalar.sql().to_lowercase()),
        }
    }
}

/// How a geometry input is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeomEncoding {
    /// Plain WKB (a `BINARY` column), every row with this SRID.
    Wkb { srid: i32 },
    /// A little-endian `i32` SRID before each WKB value (Spark's `GEOMETRY`).
    SridWkb,
}

/// The type of a program input or constant, as it crosses from the JVM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Physical {
    Boolean,
    Int,
    BigInt,
    Double,
    String,
    Binary,
    Geometry(GeomEncoding),
    /// An ARRAY or STRUCT: an Arrow array of [`SqlType::arrow_type`], geometries inside it in
    /// Spark's layout.
    Nested(SqlType),
}

impl Physical {
    /// The SQL type of a value of this physical type.
    pub fn sql_type(self) -> SqlType {
        match self {
            Physical::Boolean => SqlType::Boolean,
            Physical::Int => SqlType::Int,
            Physical::BigInt => SqlType::BigInt,
            Physical::Double => SqlType::Double,
            Physical::String => SqlType::String,
            Physical::Binary => SqlType::Binary,
            Physical::Geometry(_) => SqlType::Geometry,
            Physical::Nested(ty) => ty,
        }
    }

    /// How a value of SQL type `ty` is laid out when Strabo made it: geometries in Spark's
    /// layout.
    pub fn of(ty: SqlType) -> Physical {
        match ty {
            SqlType::Boolean => Physical::Boolean,
            SqlType::Int => Physical::Int,
            SqlType::BigInt => Physical::BigInt,
            SqlType::Double => Physical::Double,
            SqlType::String => Physical::String,
            SqlType::Binary => Physical::Binary,
            SqlType::Geometry => Physical::Geometry(GeomEncoding::SridWkb),
            nested => Physical::Nested(nested),
        }
    }
}

/// A constant argument, decoded once when a program is compiled.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Boolean(bool),
    Int(i32),
    BigInt(i64),
    Double(f64),
    String(String),
    Binary(Vec<u8>),
    /// SRID and WKB.
    Geometry(i32, Vec<u8>),
    /// An ARRAY or STRUCT value: an Arrow array of one row.
    Nested(ArrayRef),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_time_types_are_made_once() {
        let a = SqlType::array_of(SqlType::Geometry);
        let b = SqlType::array_of(SqlType::Geometry);
        let (SqlType::Array(a), SqlType::Array(b)) = (a, b) else {
            panic!()
        };
        assert!(std::ptr::eq(a, b));
        let fields = [("x".to_string(), SqlType::Double)];
        assert_eq!(SqlType::struct_of(&fields), SqlType::struct_of(&fields));
    }

    #[test]
    fn arrow_types_match_without_field_names() {
        let ty = SqlType::array_of(SqlType::Geometry);
        let java = DataType::List(Arc::new(Field::new("$data$", DataType::Binary, true)));
        assert!(ty.fits_arrow(&java));
        assert!(!ty.fits_arrow(&DataType::Binary));
        assert!(!SqlType::Double.fits_arrow(&java));
    }
}
