//! What a registry entry declares about its SQL function.
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::bind::{BindAggregate, BindScalar};

/// Everything known about one SQL function. `native/strabo-functions` holds one per file.
#[derive(Serialize)]
pub struct FunctionSpec {
    /// The canonical name, in the GeoMesa/PostGIS spelling (SQL ignores case).
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub category: Category,
    /// One or more; a name with several is overloaded by argument count or type.
    pub signatures: &'static [Signature],
    pub nulls: Nulls,
    /// One line: what the function returns.
    pub summary: &'static str,
    /// Semantics in more detail: units, edge cases, errors, differences from peers.
    pub details: &'static str,
    pub examples: &'static [Example],
}

impl FunctionSpec {
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }

    /// Strabo evaluates it; otherwise Spark has a built-in of this name that stays in place.
    pub fn is_native(&self) -> bool {
        self.signatures
            .iter()
            .all(|s| !matches!(s.implementation, Implementation::Spark))
    }

    pub fn is_aggregate(&self) -> bool {
        self.signatures
            .iter()
            .any(|s| matches!(s.implementation, Implementation::Aggregate(_)))
    }
}

/// One way to call a function.
#[derive(Serialize)]
pub struct Signature {
    pub params: &'static [Param],
    pub returns: SqlType,
    pub implementation: Implementation,
}

impl Signature {
    /// How many arguments it takes: optional parameters come last.
    pub fn arity(&self) -> std::ops::RangeInclusive<usize> {
        let required = self.params.iter().filter(|p| !p.optional).count();
        required..=self.params.len()
    }
}

#[derive(Serialize)]
pub struct Param {
    pub name: &'static str,
    #[serde(rename = "type")]
    pub ty: SqlType,
    /// One sentence for the reference: what the argument is, with its unit.
    pub doc: &'static str,
    /// May be left out (trailing parameters only).
    pub optional: bool,
    /// Must be a constant (a literal, or anything Spark folds): it is bound once per task.
    pub constant: bool,
}

impl Param {
    pub const fn new(name: &'static str, ty: SqlType, doc: &'static str) -> Param {
        Param {
            name,
            ty,
            doc,
            optional: false,
            constant: false,
        }
    }

    pub const fn optional(self) -> Param {
        Param {
            optional: true,
            ..self
        }
    }

    pub const fn constant(self) -> Param {
        Param {
            constant: true,
            ..self
        }
    }
}

/// When a function returns NULL.
#[derive(Clone, Copy, Debug)]
pub enum Nulls {
    /// A scalar function: NULL when any argument is NULL; the text says when else, if ever.
    Strict(Option<&'static str>),
    /// An aggregate: NULL rows are skipped, and the result is NULL when no row has a value.
    Aggregate,
}

impl Serialize for Nulls {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        match self {
            Nulls::Strict(when) => {
                map.serialize_entry("policy", "strict")?;
                map.serialize_entry("also_when", when)?;
            }
            Nulls::Aggregate => {
                map.serialize_entry("policy", "aggregate")?;
                map.serialize_entry("also_when", &None::<&str>)?;
            }
        }
        map.end()
    }
}

/// A SQL expression using the function, and its result as the example tests render it:
/// geometries as WKT (through `st_asText`), doubles as Python prints them, booleans as
/// `true`/`false`, arrays as `[a, b]`, NULL as `NULL`.
#[derive(Serialize)]
pub struct Example {
    pub sql: &'static str,
    pub result: &'static str,
}

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

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Category {
    Constructors,
    Accessors,
    Outputs,
    Measurements,
    Predicates,
    Processing,
    Aggregates,
}

/// Who evaluates a signature. Where Spark already has a function of the same name, Spark's
/// stays in place and the registry documents it so the docs and tests cover it.
#[derive(Clone, Copy)]
pub enum Implementation {
    /// Strabo binds its constants once per task and evaluates it over batches.
    Scalar(BindScalar),
    /// A Strabo aggregate function.
    Aggregate(BindAggregate),
    Spark,
}

impl Serialize for Implementation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            Implementation::Scalar(_) => "scalar",
            Implementation::Aggregate(_) => "aggregate",
            Implementation::Spark => "spark",
        })
    }
}
