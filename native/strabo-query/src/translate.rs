//! A host engine's filter expressions, serialized as neutral JSON, translated into a [`Filter`]
//! a store can push down.
//!
//! The host (Spark) only serializes what it has: columns, literals and calls by name, with
//! Spark's data-source predicate names (`=`, `IN`, `IS_NULL`, `STARTS_WITH`, `AND`, …) and
//! Strabo's SQL function names (`st_intersects`, …). Deciding what can be pushed, and whether
//! the store then answers it exactly, happens here.
//!
//! Each conjunct is translated on its own. A conjunct is *exact* when the store evaluates it
//! exactly as the host would, so the host may drop it; an inexact one is a superset (a bounding
//! box around `st_dwithin`, or the translatable half of an `AND`), pushed to prune and kept by
//! the host. A conjunct that cannot be translated is left to the host.
use serde::{Deserialize, Serialize};
use strabo_filter::{CompareOp, Filter, GeometryLiteral, Literal, SpatialPredicate};
use strabo_geom::Geo;

/// An expression as the host serializes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HostExpr {
    /// A column of the scanned table, by name.
    Column(String),
    /// A constant.
    Literal(HostLiteral),
    /// An operator or function applied to arguments.
    Call { name: String, args: Vec<HostExpr> },
}

/// A constant, typed as the host types it. Times are epoch microseconds (UTC) and dates days
/// since the epoch; binary values and geometries are hex, a geometry as a little-endian `i32`
/// SRID followed by WKB (Spark's `GEOMETRY` layout).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum HostLiteral {
    Null,
    Boolean(bool),
    Int(i64),
    Float(f64),
    String(String),
    Date(i32),
    Timestamp(i64),
    Binary(String),
    Geometry(String),
}

/// The type of a column of the scanned table, as the store knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Geometry { srid: i32 },
    Other,
}

/// The translation of one conjunct.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Translated {
    pub filter: Filter,
    /// Whether the store's answer is the host's, so the host may drop the conjunct.
    pub exact: bool,
}

/// Translates one conjunct; `None` when nothing of it can be pushed. `column` gives the kind
/// of a column by name, `None` for a name the table does not have.
pub fn translate(
    expr: &HostExpr,
    column: &dyn Fn(&str) -> Option<ColumnKind>,
) -> Option<Translated> {
    Translator { column }.conjunct(expr)
}

struct Translator<'c> {
    column: &'c dyn Fn(&str) -> Option<ColumnKind>,
}

fn exact(filter: Filter) -> Option<Translated> {
    Some(Translated {
        filter,
        exact: true,
    })
}

impl Translator<'_> {
    fn conjunct(&self, expr: &HostExpr) -> Option<Translated> {
        let HostExpr::Call { name, args } = expr else {
            return None;
        };
        match (name.to_ascii_lowercase().as_str(), args.as_slice()) {
            ("always_true", []) => exact(Filter::Include),
            ("always_false", []) => exact(Filter::Exclude),
            ("and", [a, b]) => match (self.conjunct(a), self.conjunct(b)) {
                (Some(a), Some(b)) => Some(Translated {
                    filter: Filter::all(vec![a.filter, b.filter]),
                    exact: a.exact && b.exact,
                }),
                // Half of an AND still prunes; the host keeps the whole.
                (Some(one), None) | (None, Some(one)) => Some(Translated {
                    filter: one.filter,
                    exact: false,
                }),
                (None, None) => None,
            },
            ("or", [a, b]) => {
                let (a, b) = (self.conjunct(a)?, self.conjunct(b)?);
                Some(Translated {
                    filter: Filter::any(vec![a.filter, b.filter]),
                    exact: a.exact && b.exact,
                })
            }
            // The negation of a superset is no superset.
            ("not", [a]) => {
                let a = self.conjunct(a).filter(|a| a.exact)?;
                exact(Filter::Not {
                    filter: Box::new(a.filter),
                })
            }
            // A boolean column or function used as a predicate (Spark 4.1+ wraps them so).
            ("boolean_expression", [a]) => match self.attribute(a) {
                Some(property) => exact(Filter::Compare {
                    property,
                    operator: CompareOp::Eq,
                    value: Literal::Boolean(true),
                }),
                None => self.conjunct(a),
            },
            ("is_null", [a]) => exact(Filter::IsNull {
                property: self.attribute(a)?,
            }),
            ("is_not_null", [a]) => exact(Filter::Not {
                filter: Box::new(Filter::IsNull {
                    property: self.attribute(a)?,
                }),
            }),
            ("in", [a, values @ ..]) => {
                let property = self.attribute(a)?;
                let mut literals = Vec::with_capacity(values.len());
                let mut has_null = false;
                for value in values {
                    match value {
                        HostExpr::Literal(HostLiteral::Null) => has_null = true,
                        HostExpr::Literal(literal) => literals.push(value_literal(literal)?),
                        _ => return None,
                    }
                }
                // With a NULL in the list a non-match is NULL, not false, which only the
                // host's NOT tells apart: the pushed filter is then a superset.
                let filter = if literals.is_empty() {
                    Filter::Exclude
                } else {
                    Filter::In {
                        property,
                        values: literals,
                    }
                };
                Some(Translated {
                    filter,
                    exact: !has_null,
                })
            }
            (
                "starts_with" | "ends_with" | "contains",
                [a, HostExpr::Literal(HostLiteral::String(text))],
            ) => {
                let property = self.attribute(a)?;
                let escaped = escape_like(text);
                let pattern = match name.to_ascii_lowercase().as_str() {
                    "starts_with" => format!("{escaped}%"),
                    "ends_with" => format!("%{escaped}"),
                    _ => format!("%{escaped}%"),
                };
                exact(Filter::Like {
                    property,
                    pattern,
                    case_insensitive: false,
                })
            }
            (op @ ("=" | "<>" | "!=" | "<" | "<=" | ">" | ">=" | "<=>"), [a, b]) => {
                self.comparison(op, a, b)
            }
            (function, args) => self.spatial(function, args),
        }
    }

    /// A comparison between a non-geometry column and a constant, in either order.
    fn comparison(&self, op: &str, a: &HostExpr, b: &HostExpr) -> Option<Translated> {
        // `st_intersects(...) = true`, as Spark 4.0 passes boolean functions.
        if let (HostExpr::Call { .. }, HostExpr::Literal(HostLiteral::Boolean(true))) = (a, b) {
            if op == "=" {
                return self.conjunct(a);
            }
        }
        let (column, literal, op) = match (a, b) {
            (_, HostExpr::Literal(literal)) => (a, literal, op.to_owned()),
            (HostExpr::Literal(literal), _) => (b, literal, mirror(op)?.to_owned()),
            _ => return None,
        };
        let property = self.attribute(column)?;
        if *literal == HostLiteral::Null {
            // `x <=> NULL` is `x IS NULL`; any other comparison with NULL is NULL: no match,
            // but not false either, so the host keeps it for a NOT around it.
            return Some(if op == "<=>" {
                Translated {
                    filter: Filter::IsNull { property },
                    exact: true,
                }
            } else {
                Translated {
                    filter: Filter::Exclude,
                    exact: false,
                }
            });
        }
        let operator = match op.as_str() {
            "=" | "<=>" => CompareOp::Eq,
            "<>" | "!=" => CompareOp::Ne,
            "<" => CompareOp::Lt,
            "<=" => CompareOp::Le,
            ">" => CompareOp::Gt,
            ">=" => CompareOp::Ge,
            _ => return None,
        };
        let compare = Filter::Compare {
            property: property.clone(),
            operator,
            value: value_literal(literal)?,
        };
        exact(if op == "<=>" {
            // Null-safe: false rather than NULL for a NULL value, which a NOT around it sees.
            Filter::all(vec![
                compare,
                Filter::Not {
                    filter: Box::new(Filter::IsNull { property }),
                },
            ])
        } else {
            compare
        })
    }

    /// Strabo's spatial predicates between a geometry column and a constant geometry of the
    /// column's SRID. Other SRIDs are left to the host, whose function reports the mismatch.
    fn spatial(&self, function: &str, args: &[HostExpr]) -> Option<Translated> {
        let predicate = match function {
            "st_intersects" => SpatialPredicate::Intersects,
            "st_contains" => SpatialPredicate::Contains,
            "st_within" => SpatialPredicate::Within,
            "st_covers" => SpatialPredicate::Covers,
            "st_coveredby" => SpatialPredicate::CoveredBy,
            "st_disjoint" => SpatialPredicate::Disjoint,
            "st_dwithin" => return self.dwithin(args),
            _ => return None,
        };
        let [a, b] = args else { return None };
        let (property, geometry, predicate) =
            match (self.geometry_column(a), self.geometry_column(b)) {
                (Some((property, srid)), None) => (property, geometry_literal(b, srid)?, predicate),
                (None, Some((property, srid))) => {
                    (property, geometry_literal(a, srid)?, predicate.converse())
                }
                _ => return None,
            };
        exact(Filter::Spatial {
            predicate,
            property,
            geometry,
        })
    }

    /// `st_dwithin(column, constant, d)`: pushed as the constant's envelope grown by `d`, a
    /// superset of the rows within `d` (planar, in the coordinates' units), kept by the host.
    fn dwithin(&self, args: &[HostExpr]) -> Option<Translated> {
        let [a, b, HostExpr::Literal(distance)] = args else {
            return None;
        };
        let distance = match distance {
            HostLiteral::Float(d) => *d,
            HostLiteral::Int(d) => *d as f64,
            _ => return None,
        };
        // A negative or NaN distance is the host function's error to raise.
        if !(distance >= 0.0 && distance.is_finite()) {
            return None;
        }
        let ((property, srid), other) = match (self.geometry_column(a), self.geometry_column(b)) {
            (Some(column), None) => (column, b),
            (None, Some(column)) => (column, a),
            _ => return None,
        };
        let geometry = geometry_literal(other, srid)?;
        let envelope = Geo::read(&geometry.wkb).ok()?.bbox();
        let Some(envelope) = envelope else {
            // An empty geometry is within no distance of anything.
            return exact(Filter::Exclude);
        };
        Some(Translated {
            filter: Filter::Bbox {
                property,
                min_x: envelope.min().x - distance,
                min_y: envelope.min().y - distance,
                max_x: envelope.max().x + distance,
                max_y: envelope.max().y + distance,
                crs: None,
            },
            exact: false,
        })
    }

    /// A non-geometry column's name.
    fn attribute(&self, expr: &HostExpr) -> Option<String> {
        match expr {
            HostExpr::Column(name) if (self.column)(name) == Some(ColumnKind::Other) => {
                Some(name.clone())
            }
            _ => None,
        }
    }

    fn geometry_column(&self, expr: &HostExpr) -> Option<(String, i32)> {
        match expr {
            HostExpr::Column(name) => match (self.column)(name)? {
                ColumnKind::Geometry { srid } => Some((name.clone(), srid)),
                ColumnKind::Other => None,
            },
            _ => None,
        }
    }
}

/// The operator with its operands swapped: `5 < x` is `x > 5`.
fn mirror(op: &str) -> Option<&'static str> {
    Some(match op {
        "=" => "=",
        "<=>" => "<=>",
        "<>" | "!=" => "<>",
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        ">=" => "<=",
        _ => return None,
    })
}

/// A constant as the filter compares it; `None` for types the store does not compare.
fn value_literal(literal: &HostLiteral) -> Option<Literal> {
    const MICROS_PER_DAY: i64 = 86_400_000_000;
    match literal {
        HostLiteral::Boolean(b) => Some(Literal::Boolean(*b)),
        HostLiteral::Int(i) => Some(Literal::Integer(*i)),
        // NaN and infinities have no ECQL literal; the host compares them.
        HostLiteral::Float(f) if f.is_finite() => Some(Literal::Float(*f)),
        HostLiteral::String(s) => Some(Literal::String(s.clone())),
        HostLiteral::Date(days) => Some(Literal::Instant(i64::from(*days) * MICROS_PER_DAY)),
        HostLiteral::Timestamp(micros) => Some(Literal::Instant(*micros)),
        _ => None,
    }
}

/// A constant geometry of the given SRID that reads as WKB; `None` otherwise (the host's
/// function then reports a bad value or an SRID mismatch itself).
fn geometry_literal(expr: &HostExpr, srid: i32) -> Option<GeometryLiteral> {
    let HostExpr::Literal(HostLiteral::Geometry(hex)) = expr else {
        return None;
    };
    let bytes = decode_hex(hex)?;
    let (prefix, wkb) = bytes.split_first_chunk::<4>()?;
    if i32::from_le_bytes(*prefix) != srid {
        return None;
    }
    Geo::read(wkb).ok()?;
    Some(
        GeometryLiteral {
            srid,
            wkb: wkb.to_vec(),
        }
        .normalized(),
    )
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// `text` as a literal part of a `LIKE` pattern.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(name: &str) -> Option<ColumnKind> {
        match name {
            "geom" => Some(ColumnKind::Geometry { srid: 4326 }),
            "name" | "n" | "dtg" => Some(ColumnKind::Other),
            _ => None,
        }
    }

    fn run(json: &str) -> Option<(String, bool)> {
        let expr: HostExpr = serde_json::from_str(json).unwrap();
        translate(&expr, &columns).map(|t| (t.filter.to_ecql(), t.exact))
    }

    const POINT_4326: &str = "E6100000010100000000000000000000400000000000000840";

    #[test]
    fn comparisons_in_either_order() {
        assert_eq!(
            run(
                r#"{"call": {"name": "<", "args": [{"literal": {"type": "int", "value": 5}}, {"column": "n"}]}}"#
            ),
            Some(("n > 5".into(), true))
        );
        assert_eq!(
            run(
                r#"{"call": {"name": "=", "args": [{"column": "name"}, {"literal": {"type": "string", "value": "a'b"}}]}}"#
            ),
            Some(("name = 'a''b'".into(), true))
        );
        assert_eq!(
            run(
                r#"{"call": {"name": "<=>", "args": [{"column": "n"}, {"literal": {"type": "null", "value": null}}]}}"#
            ),
            Some(("n IS NULL".into(), true))
        );
    }

    #[test]
    fn unknown_columns_and_expressions_stay_with_the_host() {
        assert_eq!(
            run(
                r#"{"call": {"name": "=", "args": [{"column": "other"}, {"literal": {"type": "int", "value": 1}}]}}"#
            ),
            None
        );
        assert_eq!(
            run(
                r#"{"call": {"name": "=", "args": [{"call": {"name": "upper", "args": [{"column": "name"}]}}, {"literal": {"type": "string", "value": "A"}}]}}"#
            ),
            None
        );
        // A comparison with a geometry column is not an attribute comparison.
        assert_eq!(
            run(r#"{"call": {"name": "is_null", "args": [{"column": "geom"}]}}"#),
            None
        );
    }

    #[test]
    fn half_an_and_prunes_but_is_not_exact() {
        let json = r#"{"call": {"name": "and", "args": [
            {"call": {"name": ">", "args": [{"column": "n"}, {"literal": {"type": "int", "value": 1}}]}},
            {"call": {"name": "upper", "args": [{"column": "name"}]}}]}}"#;
        assert_eq!(run(json), Some(("n > 1".into(), false)));
        let not = format!(r#"{{"call": {{"name": "not", "args": [{json}]}}}}"#);
        assert_eq!(run(&not), None);
    }

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(
            run(
                r#"{"call": {"name": "STARTS_WITH", "args": [{"column": "name"}, {"literal": {"type": "string", "value": "a_%"}}]}}"#
            ),
            Some((r"name LIKE 'a\_\%%'".into(), true))
        );
    }

    #[test]
    fn spatial_predicates_need_the_columns_srid() {
        let call = |function: &str, first: &str, second: &str| {
            run(&format!(
                r#"{{"call": {{"name": "{function}", "args": [{first}, {second}]}}}}"#
            ))
        };
        let column = r#"{"column": "geom"}"#;
        let point = format!(r#"{{"literal": {{"type": "geometry", "value": "{POINT_4326}"}}}}"#);
        assert_eq!(
            call("st_contains", &point, column),
            Some(("WITHIN(geom, SRID=4326;POINT(2 3))".into(), true))
        );
        assert_eq!(
            call("st_intersects", column, &point),
            Some(("INTERSECTS(geom, SRID=4326;POINT(2 3))".into(), true))
        );
        let srid_0 = format!(
            r#"{{"literal": {{"type": "geometry", "value": "00000000{}"}}}}"#,
            &POINT_4326[8..]
        );
        assert_eq!(call("st_intersects", column, &srid_0), None);
    }

    #[test]
    fn dwithin_is_a_box_kept_by_the_host() {
        let json = format!(
            r#"{{"call": {{"name": "st_dwithin", "args": [{{"column": "geom"}}, {{"literal": {{"type": "geometry", "value": "{POINT_4326}"}}}}, {{"literal": {{"type": "float", "value": 0.5}}}}]}}}}"#
        );
        assert_eq!(
            run(&json),
            Some(("BBOX(geom, 1.5, 2.5, 2.5, 3.5)".into(), false))
        );
    }

    #[test]
    fn in_drops_nulls() {
        assert_eq!(
            run(
                r#"{"call": {"name": "IN", "args": [{"column": "n"}, {"literal": {"type": "null", "value": null}}, {"literal": {"type": "int", "value": 2}}]}}"#
            ),
            Some(("n IN (2)".into(), false))
        );
    }
}
