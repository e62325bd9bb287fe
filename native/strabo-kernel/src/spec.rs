//! What a registry entry declares about its SQL function.
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

pub use strabo_columnar::{SqlType, StructField};

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

    /// Strabo evaluates it row by row, over batches.
    pub fn is_scalar(&self) -> bool {
        self.signatures
            .iter()
            .all(|s| matches!(s.implementation, Implementation::Scalar(_)))
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
    /// Where the SRID of a geometry result (or of the geometries in an array or struct result)
    /// comes from.
    pub srid: ResultSrid,
    pub implementation: Implementation,
}

impl Signature {
    /// A signature whose geometry result, if any, has the SRID its geometry arguments share.
    pub const fn new(
        params: &'static [Param],
        returns: SqlType,
        implementation: Implementation,
    ) -> Signature {
        Signature {
            params,
            returns,
            srid: ResultSrid::Shared,
            implementation,
        }
    }

    pub const fn srid(self, srid: ResultSrid) -> Signature {
        Signature { srid, ..self }
    }

    /// How many arguments it takes: optional parameters come last, and a variadic one takes
    /// any number (`usize::MAX` stands for no limit).
    pub fn arity(&self) -> std::ops::RangeInclusive<usize> {
        let required = self
            .params
            .iter()
            .filter(|p| !p.optional && !p.variadic)
            .count();
        if self.params.last().is_some_and(|p| p.variadic) {
            required..=usize::MAX
        } else {
            required..=self.params.len()
        }
    }

    /// The parameter that argument `index` of a call binds to: the last one for every
    /// argument of a variadic tail.
    pub fn param(&self, index: usize) -> Option<&'static Param> {
        match self.params.get(index) {
            Some(param) => Some(param),
            None => self.params.last().filter(|p| p.variadic),
        }
    }
}

/// Where the SRID of a call's geometry result comes from. Geometry arguments of one call always
/// share one SRID (Strabo refuses to relate or combine geometries of different systems).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultSrid {
    /// The SRID the geometry arguments share; 0 when there are none.
    Shared,
    /// The value of INT argument `n`.
    Arg(usize),
    /// The coordinate reference system argument `n` names: a STRING (`'EPSG:3857'`) or an INT
    /// SRID. The kernel sets it, having parsed the CRS; before, the row's result SRID is the one
    /// its geometry arguments share, for the kernel to read as the source system.
    Crs(usize),
    /// Always this one, e.g. 4326 for a function that makes longitude/latitude geometries.
    Fixed(i32),
    /// Read from each value by the kernel, which sets it for every row: a reader of a format
    /// that names its system (EWKT's `SRID=4326;`, GeoJSON's `crs`). It varies by row, so
    /// Spark's type of the result is `GEOMETRY(ANY)`.
    FromValue,
}

/// `{"shared": null}`, `{"arg": 2}`, `{"crs": 1}`, `{"fixed": 4326}` or `{"value": null}`.
impl Serialize for ResultSrid {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            ResultSrid::Shared => map.serialize_entry("shared", &None::<i32>)?,
            ResultSrid::Arg(n) => map.serialize_entry("arg", n)?,
            ResultSrid::Crs(n) => map.serialize_entry("crs", n)?,
            ResultSrid::Fixed(srid) => map.serialize_entry("fixed", srid)?,
            ResultSrid::FromValue => map.serialize_entry("value", &None::<i32>)?,
        }
        map.end()
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
    /// Takes any number of arguments, zero included (the last parameter only).
    pub variadic: bool,
}

impl Param {
    pub const fn new(name: &'static str, ty: SqlType, doc: &'static str) -> Param {
        Param {
            name,
            ty,
            doc,
            optional: false,
            constant: false,
            variadic: false,
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

    pub const fn variadic(self) -> Param {
        Param {
            variadic: true,
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

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Category {
    Constructors,
    Accessors,
    /// Conversions of a geometry to one of a given type (GeoMesa's `st_castTo*`).
    Casts,
    Outputs,
    Measurements,
    Predicates,
    /// Intersections, unions, differences, and validity.
    Overlay,
    Processing,
    /// Affine maps and edits of vertices.
    Editing,
    LinearReferencing,
    CoordinateSystems,
    /// Geohash and H3 cells.
    Grids,
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
    /// A join condition that Strabo's spatial join operator evaluates (`st_knn`): it has no
    /// value row by row.
    Join,
    Spark,
}

impl Serialize for Implementation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            Implementation::Scalar(_) => "scalar",
            Implementation::Aggregate(_) => "aggregate",
            Implementation::Join => "join",
            Implementation::Spark => "spark",
        })
    }
}
