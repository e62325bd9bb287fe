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
//! # JSON
//! `{"op": "<variant in snake_case>", ...fields}`, e.g. for
//! `BBOX(geom, -80.0, 35.0, -79.0, 36.0) AND type = 'A'`:
//! ```json
//! {"op":"and","filters":[
//!   {"op":"bbox","property":"geom","min_x":-80.0,"min_y":35.0,"max_x":-79.0,"max_y":36.0},
//!   {"op":"compare","property":"type","operator":"eq","value":{"string":"A"}}]}
//! ```
mod ast;
mod error;
mod geometry;
mod lexer;
mod parser;
mod render;
mod simplify;
mod time;

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

    /// Reads the documented JSON shape, rewrites its geometries as little-endian ISO WKB (the
    /// JVM may send big-endian WKB or EWKB; the `srid` field, not an EWKB SRID, counts) and
    /// [validates](Filter::validate) the filter.
    pub fn from_json(json: &str) -> Result<Filter, FilterError> {
        let mut filter: Filter =
            serde_json::from_str(json).map_err(|err| FilterError::Json(err.to_string()))?;
        filter.normalize_geometries();
        filter.validate()?;
        Ok(filter)
    }

    fn normalize_geometries(&mut self) {
        match self {
            Filter::And { filters } | Filter::Or { filters } => {
                filters.iter_mut().for_each(Filter::normalize_geometries)
            }
            Filter::Not { filter } => filter.normalize_geometries(),
            Filter::Spatial { geometry, .. }
            | Filter::Relate { geometry, .. }
            | Filter::Distance { geometry, .. } => {
                *geometry = std::mem::replace(
                    geometry,
                    GeometryLiteral {
                        srid: 0,
                        wkb: Vec::new(),
                    },
                )
                .normalized();
            }
            _ => {}
        }
    }

    /// The filter in the documented JSON shape.
    pub fn to_json(&self) -> String {
        // Serializing these types cannot fail: every map key is a string.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks what the types cannot: property names are not empty, numbers are finite,
    /// instants are within the years 0000 to 9999, lists are not empty, geometries read,
    /// DE-9IM patterns are well formed, and the ECQL would not nest deeper than [`MAX_DEPTH`].
    /// A valid filter renders as ECQL that parses back.
    pub fn validate(&self) -> Result<(), FilterError> {
        if self.rendered_depth() > MAX_DEPTH {
            return Err(FilterError::Invalid(format!(
                "filter nested deeper than {MAX_DEPTH} levels"
            )));
        }
        self.validate_node()
    }

    fn validate_node(&self) -> Result<(), FilterError> {
        let invalid = |message: String| Err(FilterError::Invalid(message));
        let name = |property: &str| {
            if property.is_empty() {
                invalid("empty property name".into())
            } else {
                Ok(())
            }
        };
        let geometry = |geometry: &GeometryLiteral| {
            geometry
                .validate()
                .map_err(|reason| FilterError::Invalid(format!("geometry: {reason}")))
        };
        let finite = |values: &[f64]| {
            if values.iter().all(|value| value.is_finite()) {
                Ok(())
            } else {
                invalid("numbers must be finite".into())
            }
        };
        let instant = |micros: i64| {
            if (MIN_INSTANT..=MAX_INSTANT).contains(&micros) {
                Ok(())
            } else {
                invalid(format!(
                    "instant {micros} is outside the years 0000 to 9999"
                ))
            }
        };
        let literal = |value: &Literal| match value {
            Literal::Float(value) => finite(&[*value]),
            Literal::Instant(micros) => instant(*micros),
            _ => Ok(()),
        };
        match self {
            Filter::Include | Filter::Exclude => Ok(()),
            Filter::And { filters } | Filter::Or { filters } => {
                filters.iter().try_for_each(Filter::validate_node)
            }
            Filter::Not { filter } => filter.validate_node(),
            Filter::Spatial {
                property,
                geometry: g,
                ..
            } => name(property).and(geometry(g)),
            Filter::Relate {
                property,
                geometry: g,
                pattern,
            } => {
                name(property)?;
                geometry(g)?;
                if pattern.len() == 9 && pattern.chars().all(|c| "TF*012".contains(c)) {
                    Ok(())
                } else {
                    invalid(format!(
                        "'{pattern}' is not a DE-9IM pattern (9 of T F * 0 1 2)"
                    ))
                }
            }
            Filter::Bbox {
                property,
                min_x,
                min_y,
                max_x,
                max_y,
                ..
            } => name(property).and(finite(&[*min_x, *min_y, *max_x, *max_y])),
            Filter::Distance {
                property,
                geometry: g,
                distance,
                ..
            } => {
                name(property)?;
                geometry(g)?;
                finite(&[*distance])?;
                if *distance < 0.0 {
                    return invalid("a distance cannot be negative".into());
                }
                Ok(())
            }
            Filter::During {
                property,
                start,
                end,
            } => name(property).and(instant(*start)).and(instant(*end)),
            Filter::Temporal {
                property,
                instant: at,
                ..
            } => name(property).and(instant(*at)),
            Filter::Compare {
                property, value, ..
            } => name(property).and(literal(value)),
            Filter::CompareProperties { left, right, .. } => name(left).and(name(right)),
            Filter::Between {
                property,
                low,
                high,
            } => name(property).and(literal(low)).and(literal(high)),
            Filter::In { property, values } => {
                name(property)?;
                if values.is_empty() {
                    return invalid("IN needs at least one value".into());
                }
                values.iter().try_for_each(literal)
            }
            Filter::Like { property, .. } | Filter::IsNull { property } => name(property),
            Filter::Ids { ids } if ids.is_empty() => invalid("IN needs at least one id".into()),
            Filter::Ids { .. } => Ok(()),
        }
    }
}

impl std::str::FromStr for Filter {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Filter, ParseError> {
        Filter::from_ecql(text)
    }
}
