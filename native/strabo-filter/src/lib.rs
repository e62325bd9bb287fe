//! Strabo's filter language: the neutral form of a filter on a spatial data store.
//!
//! A [`Filter`] comes from one of two places: the JVM side builds it from Spark expressions and
//! sends it as JSON ([`Filter::from_json`]), or a user writes GeoTools/GeoMesa ECQL
//! ([`Filter::from_ecql`], the store's `cql` option). It renders back as ECQL
//! ([`Filter::to_ecql`], or `Display`) for `df.explain()`; that text parses to an equal filter.
//!
//! Conventions every consumer relies on:
//! - the property comes first: literal-first ECQL is turned around on parsing;
//! - instants are `i64` microseconds since the Unix epoch (UTC), as in Spark;
//! - geometries are ISO WKB plus an SRID ([`GeometryLiteral`]), bound without reparsing;
//! - `COVERS(geom, g)` and `COVEREDBY(geom, g)` are a Strabo extension to ECQL.
//!
//! # ECQL
//! Read: `AND`, `OR`, `NOT`, parentheses, `INCLUDE`, `EXCLUDE`; `INTERSECTS DISJOINT CONTAINS
//! WITHIN CROSSES OVERLAPS TOUCHES EQUALS` (+ `COVERS COVEREDBY`), `RELATE`, `BBOX`, `DWITHIN`,
//! `BEYOND`, with (E)WKT on either side; `DURING BEFORE AFTER TEQUALS`; `= == <> < <= > >=`,
//! `[NOT] BETWEEN`, `[NOT] IN`, `[NOT] LIKE`/`ILIKE`, `IS [NOT] NULL`; feature ids `IN ('a')`
//! and `__fid__`; string, integer, float, boolean and date-time literals; quoted names.
//! Refused with a [`ParseError`]: functions (`currentDate()`, `strConcat(...)`), arithmetic,
//! spatial predicates between two properties, `EXISTS`, `BEFORE OR DURING`/`DURING OR AFTER`,
//! `ENVELOPE(...)` literals, and durations in years or months.
//!
//! # Fuzzing
//! The fuzz targets `ecql` and `filter_json` (`fuzz/`, `make fuzz`) read arbitrary text with
//! both readers: whatever they accept must render as ECQL and JSON that read back equal;
//! `tests/robustness.rs` runs the same property over generated text.
//!
//! # JSON
//! A filter is an object whose `"op"` names the node; its other keys are the node's fields.
//! Names are snake_case. Instants are epoch microseconds; geometries are
//! `{"srid": <i32, 0 for none>, "wkb": "<hex of WKB>"}` (any WKB or EWKB is accepted and
//! rewritten as little-endian ISO WKB); literals are one-key objects.
//!
//! | ECQL | JSON |
//! |---|---|
//! | `INCLUDE`, `EXCLUDE` | `{"op":"include"}`, `{"op":"exclude"}` |
//! | `a AND b`, `a OR b` | `{"op":"and","filters":[a,b]}`, `{"op":"or",...}` |
//! | `NOT a` | `{"op":"not","filter":a}` |
//! | `CONTAINS(geom, POINT(1 2))` | `{"op":"spatial","predicate":"contains","property":"geom","geometry":{"srid":0,"wkb":"0101…"}}` |
//! | `RELATE(geom, POINT(1 2), T*F**F***)` | `{"op":"relate","property":"geom","geometry":…,"pattern":"T*F**F***"}` |
//! | `BBOX(geom, 0, 0, 1, 1, 'EPSG:4326')` | `{"op":"bbox","property":"geom","min_x":0.0,"min_y":0.0,"max_x":1.0,"max_y":1.0,"crs":"EPSG:4326"}` (`crs` optional) |
//! | `DWITHIN(geom, POINT(1 2), 10, statute miles)` | `{"op":"distance","predicate":"dwithin","property":"geom","geometry":…,"distance":10.0,"units":"statute_miles"}` |
//! | `dtg DURING t1/t2` | `{"op":"during","property":"dtg","start":1704067200000000,"end":1704153600000000}` |
//! | `dtg BEFORE t` | `{"op":"temporal","predicate":"before","property":"dtg","instant":1704067200000000}` |
//! | `x >= 1.5` | `{"op":"compare","property":"x","operator":"ge","value":{"float":1.5}}` |
//! | `a <> b` | `{"op":"compare_properties","left":"a","operator":"ne","right":"b"}` |
//! | `n BETWEEN 1 AND 2` | `{"op":"between","property":"n","low":{"integer":1},"high":{"integer":2}}` |
//! | `n IN ('a', TRUE, t)` | `{"op":"in","property":"n","values":[{"string":"a"},{"boolean":true},{"instant":…}]}` |
//! | `n ILIKE 'ab%'` | `{"op":"like","property":"n","pattern":"ab%","case_insensitive":true}` |
//! | `n IS NULL` | `{"op":"is_null","property":"n"}` |
//! | `IN ('f1', 'f2')` | `{"op":"ids","ids":["f1","f2"]}` |
//!
//! Spatial predicates: `intersects disjoint contains within crosses overlaps touches equals
//! covers covered_by`; operators: `eq ne lt le gt ge`; units: `meters kilometers feet
//! statute_miles nautical_miles`; temporal: `before after tequals`; distance: `dwithin beyond`.
//!
//! ```
//! use strabo_filter::Filter;
//!
//! let json = r#"{"op":"and","filters":[
//!   {"op":"bbox","property":"geom","min_x":-80.0,"min_y":35.0,"max_x":-79.0,"max_y":36.0},
//!   {"op":"during","property":"dtg","start":1704067200000000,"end":1704153600000000},
//!   {"op":"compare","property":"type","operator":"eq","value":{"string":"A"}}]}"#;
//! let filter = Filter::from_json(json).unwrap();
//! assert_eq!(
//!     filter.to_ecql(),
//!     "BBOX(geom, -80.0, 35.0, -79.0, 36.0) AND dtg DURING \
//!      2024-01-01T00:00:00Z/2024-01-02T00:00:00Z AND type = 'A'"
//! );
//! assert_eq!(Filter::from_ecql(&filter.to_ecql()).unwrap(), filter);
//! let (pushed, residual) = filter.split_by_properties(&["geom", "dtg"]);
//! assert_eq!(residual.to_ecql(), "type = 'A'");
//! assert_eq!(pushed.conjuncts().len(), 2);
//! ```
mod ast;
mod error;
mod geometry;
mod lexer;
mod parser;
mod render;
mod simplify;
mod time;
mod validate;

pub use ast::{
    CompareOp, DistancePredicate, DistanceUnit, Filter, Literal, SpatialPredicate,
    TemporalPredicate, FEATURE_ID,
};
pub use error::{FilterError, ParseError};
pub use geometry::GeometryLiteral;
pub use parser::MAX_DEPTH;
pub use time::{format_instant, parse_instant, MAX_INSTANT, MIN_INSTANT};

impl Filter {
    /// Parses ECQL text; see the `parser` module for the grammar.
    pub fn from_ecql(text: &str) -> Result<Filter, ParseError> {
        parser::parse(text)
    }

    /// Reads the documented JSON shape, normalizes it as the ECQL parser would have built it
    /// (geometries as little-endian ISO WKB, whatever WKB or EWKB was sent, the `srid` field
    /// counting rather than an EWKB SRID; an `and`/`or` of no filter as `include`/`exclude`, of
    /// one filter as that filter) and [validates](Filter::validate) it, so its ECQL reads back
    /// equal.
    pub fn from_json(json: &str) -> Result<Filter, FilterError> {
        let filter: Filter =
            serde_json::from_str(json).map_err(|err| FilterError::Json(err.to_string()))?;
        let filter = filter.normalized();
        filter.validate()?;
        Ok(filter)
    }

    /// The filter in the documented JSON shape.
    pub fn to_json(&self) -> String {
        // Serializing these types cannot fail: every map key is a string.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl std::str::FromStr for Filter {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Filter, ParseError> {
        Filter::from_ecql(text)
    }
}
