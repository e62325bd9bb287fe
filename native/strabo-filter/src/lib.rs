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

    fn normalized(self) -> Filter {
        let children = |filters: Vec<Filter>| -> Vec<Filter> {
            filters.into_iter().map(Filter::normalized).collect()
        };
        match self {
            Filter::And { filters } => match <[Filter; 1]>::try_from(children(filters)) {
                Ok([filter]) => filter,
                Err(filters) if filters.is_empty() => Filter::Include,
                Err(filters) => Filter::And { filters },
            },
            Filter::Or { filters } => match <[Filter; 1]>::try_from(children(filters)) {
                Ok([filter]) => filter,
                Err(filters) if filters.is_empty() => Filter::Exclude,
                Err(filters) => Filter::Or { filters },
            },
            Filter::Not { filter } => Filter::Not {
                filter: Box::new(filter.normalized()),
            },
            Filter::Spatial {
                predicate,
                property,
                geometry,
            } => Filter::Spatial {
                predicate,
                property,
                geometry: geometry.normalized(),
            },
            Filter::Relate {
                property,
                geometry,
                pattern,
            } => Filter::Relate {
                property,
                geometry: geometry.normalized(),
                pattern,
            },
            Filter::Distance {
                predicate,
                property,
                geometry,
                distance,
                units,
            } => Filter::Distance {
                predicate,
                property,
                geometry: geometry.normalized(),
                distance,
                units,
            },
            predicate => predicate,
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
                property,
                operator: CompareOp::Eq,
                ..
            }
            | Filter::In { property, .. }
                if property == FEATURE_ID =>
            {
                // ECQL spells these as feature ids; so must the JSON, for the text to read back.
                invalid(format!("use {{\"op\":\"ids\"}} to match {FEATURE_ID}"))
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_that_no_ecql_could_say_is_refused() {
        let point = r#"{"srid":0,"wkb":"0101000000000000000000f03f0000000000000040"}"#;
        let cases = [
            (r#"{"op":"is_null","property":""}"#.to_string(), "empty property name"),
            (r#"{"op":"in","property":"a","values":[]}"#.into(), "at least one value"),
            (r#"{"op":"ids","ids":[]}"#.into(), "at least one id"),
            (r#"{"op":"temporal","predicate":"before","property":"t","instant":-62167219200000001}"#.into(), "outside the years"),
            (r#"{"op":"compare","property":"__fid__","operator":"eq","value":{"string":"a"}}"#.into(), "ids"),
            (format!(r#"{{"op":"relate","property":"g","geometry":{point},"pattern":"T*F"}}"#), "DE-9IM"),
            (format!(r#"{{"op":"distance","predicate":"beyond","property":"g","geometry":{point},"distance":-1.0,"units":"feet"}}"#), "negative"),
            (r#"{"op":"spatial","predicate":"within","property":"g","geometry":{"srid":0,"wkb":"01"}}"#.into(), "geometry"),
            (r#"{"op":"spatial","predicate":"within","property":"g","geometry":{"srid":-5,"wkb":"0101000000000000000000f03f0000000000000040"}}"#.into(), "SRID"),
        ];
        for (json, message) in cases {
            match Filter::from_json(&json) {
                Err(FilterError::Invalid(reason)) => {
                    assert!(reason.contains(message), "{json}: {reason}")
                }
                other => panic!("{json}: {other:?}"),
            }
        }
        for json in [
            r#"{"op":"xor"}"#,
            r#"{"op":"compare","property":"a"}"#,
            "[",
            r#"{"op":"bbox","property":"g","min_x":"1"}"#,
        ] {
            assert!(
                matches!(Filter::from_json(json), Err(FilterError::Json(_))),
                "{json}"
            );
        }
    }

    #[test]
    fn json_and_or_of_fewer_than_two_filters_read_as_ecql_would_say_them() {
        let one =
            r#"{"op":"and","filters":[{"op":"or","filters":[{"op":"is_null","property":"a"}]}]}"#;
        assert_eq!(
            Filter::from_json(one),
            Ok(Filter::IsNull {
                property: "a".into()
            })
        );
        let none = r#"{"op":"not","filter":{"op":"or","filters":[{"op":"and","filters":[]}]}}"#;
        let filter = Filter::from_json(none).unwrap();
        assert_eq!(filter.to_ecql(), "NOT INCLUDE");
        assert_eq!(Filter::from_ecql("NOT INCLUDE"), Ok(filter));
        assert_eq!(
            Filter::from_json(r#"{"op":"or","filters":[]}"#),
            Ok(Filter::Exclude)
        );
    }

    #[test]
    fn json_geometries_become_little_endian_iso_wkb() {
        let big_endian = r#"{"op":"spatial","predicate":"intersects","property":"g","geometry":{"srid":4326,"wkb":"00000000013ff00000000000004000000000000000"}}"#;
        let filter = Filter::from_json(big_endian).unwrap();
        assert_eq!(filter.to_ecql(), "INTERSECTS(g, SRID=4326;POINT(1 2))");
        assert!(filter
            .to_json()
            .contains(r#""wkb":"0101000000000000000000f03f0000000000000040""#));
    }
}
