//! What JSON from the JVM must satisfy, and how it is brought to the form the ECQL parser
//! builds, so every filter Strabo accepts renders as ECQL that reads back equal.
use crate::ast::{CompareOp, Filter, Literal, FEATURE_ID};
use crate::error::FilterError;
use crate::geometry::GeometryLiteral;
use crate::time::{MAX_INSTANT, MIN_INSTANT};
use crate::MAX_DEPTH;

impl Filter {
    /// Checks what the types cannot: property names are not empty, numbers are finite,
    /// instants are within the years 0000 to 9999, lists are not empty, geometries read,
    /// DE-9IM patterns are well formed, feature ids are matched by `ids` rather than `=` or
    /// `IN` on [`FEATURE_ID`], and the ECQL would not nest deeper than [`MAX_DEPTH`]. A valid
    /// filter renders as ECQL that parses back.
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

    /// The filter as the ECQL parser would have built it: geometries as little-endian ISO WKB,
    /// `AND`/`OR` of no filter as `INCLUDE`/`EXCLUDE` and of one filter as that filter.
    pub(crate) fn normalized(self) -> Filter {
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
}

#[cfg(test)]
mod tests {
    use crate::{Filter, FilterError};

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
