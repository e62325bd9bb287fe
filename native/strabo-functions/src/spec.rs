use serde::Serialize;

use crate::value::{Args, KernelError, Value};

/// A native kernel: receives non-null arguments of the declared kinds and returns the result,
/// or `None` for a SQL NULL.
pub type Kernel = fn(&Args<'_, '_>) -> Result<Option<Value<'static>>, KernelError>;

/// Everything known about one SQL function.
#[derive(Serialize)]
pub struct FunctionSpec {
    /// The canonical name, in the GeoMesa/PostGIS spelling (SQL ignores case).
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub category: Category,
    pub params: &'static [Param],
    pub returns: Kind,
    /// Every function returns NULL when any argument is NULL; this says when else it does.
    pub null_when: Option<&'static str>,
    /// One line: what the function returns.
    pub summary: &'static str,
    /// Semantics in more detail: units, edge cases, errors, differences from peers.
    pub details: &'static str,
    pub examples: &'static [Example],
    #[serde(rename = "provided_by")]
    pub implementation: Implementation,
}

impl FunctionSpec {
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }

    pub fn kernel(&self) -> Option<Kernel> {
        match self.implementation {
            Implementation::Native(kernel) => Some(kernel),
            Implementation::Spark => None,
        }
    }
}

#[derive(Serialize)]
pub struct Param {
    pub name: &'static str,
    pub kind: Kind,
}

/// A SQL expression using the function, and its result as the example tests render it:
/// geometries as WKT (through `st_asText`), doubles as Python prints them, booleans as
/// `true`/`false`, NULL as `NULL`.
#[derive(Serialize)]
pub struct Example {
    pub sql: &'static str,
    pub result: &'static str,
}

/// The SQL types of arguments and results. A `geometry` argument accepts Spark's
/// `GEOMETRY(srid)` or WKB in a `BINARY` column.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Boolean,
    Int,
    Double,
    String,
    Binary,
    Geometry,
}

impl Kind {
    pub fn sql_name(self) -> &'static str {
        match self {
            Kind::Boolean => "BOOLEAN",
            Kind::Int => "INT",
            Kind::Double => "DOUBLE",
            Kind::String => "STRING",
            Kind::Binary => "BINARY",
            Kind::Geometry => "GEOMETRY",
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
}

/// Who evaluates the function. Where Spark already has a function of the same name, Spark's
/// stays in place and the registry documents it so the docs and tests cover it.
#[derive(Clone, Copy)]
pub enum Implementation {
    Native(Kernel),
    Spark,
}

impl Serialize for Implementation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            Implementation::Native(_) => "strabo",
            Implementation::Spark => "spark",
        })
    }
}
