//! The filter tree and its JSON shape.
//!
//! JSON is serde's rendering of these types: a filter is an object whose `"op"` names the
//! node (snake_case variant names), with the variant's fields beside it; a [`Literal`] is a
//! one-key object such as `{"string": "A"}`; a [`GeometryLiteral`] is
//! `{"srid": 4326, "wkb": "<hex of ISO WKB>"}`. Instants are epoch microseconds (UTC).
//! The shape is stable: renaming a field or variant is a breaking change for the JVM side.
use serde::{Deserialize, Serialize};

use crate::geometry::GeometryLiteral;

/// The pseudo-property that names a feature's id, as in `__fid__ = 'a'`; [`Filter::Ids`]
/// reports it from [`Filter::properties`].
pub const FEATURE_ID: &str = "__fid__";

/// A filter over features: a boolean expression of predicates on properties.
///
/// Every predicate compares one property with constants, except [`Filter::CompareProperties`].
/// Literal-first ECQL (`CONTAINS(POINT(1 1), geom)`, `5 < x`) is normalized on parsing so the
/// property always comes first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Filter {
    /// Every feature (`INCLUDE`).
    Include,
    /// No feature (`EXCLUDE`).
    Exclude,
    /// All of the filters hold. The parser builds it with two or more children.
    And { filters: Vec<Filter> },
    /// Any of the filters holds. The parser builds it with two or more children.
    Or { filters: Vec<Filter> },
    /// The filter does not hold.
    Not { filter: Box<Filter> },
    /// A topological predicate, `property PREDICATE geometry`, e.g. `WITHIN(geom, POLYGON(...))`.
    Spatial {
        predicate: SpatialPredicate,
        property: String,
        geometry: GeometryLiteral,
    },
    /// A DE-9IM pattern (9 characters of `T F * 0 1 2`) between the property and the geometry.
    Relate {
        property: String,
        geometry: GeometryLiteral,
        pattern: String,
    },
    /// The property's bounding box meets the rectangle.
    Bbox {
        property: String,
        min_x: f64,
        min_y: f64,
        max_x: f64,
        max_y: f64,
        /// The rectangle's CRS as written, e.g. `EPSG:4326`; `None` means the property's own.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        crs: Option<String>,
    },
    /// The property is within (`dwithin`) or beyond (`beyond`) a distance of the geometry.
    Distance {
        predicate: DistancePredicate,
        property: String,
        geometry: GeometryLiteral,
        distance: f64,
        units: DistanceUnit,
    },
    /// `start < property < end` (ECQL `DURING` excludes both ends), in epoch microseconds.
    During {
        property: String,
        start: i64,
        end: i64,
    },
    /// `BEFORE`, `AFTER` or `TEQUALS` an instant in epoch microseconds.
    Temporal {
        predicate: TemporalPredicate,
        property: String,
        instant: i64,
    },
    /// `property OPERATOR value`.
    Compare {
        property: String,
        operator: CompareOp,
        value: Literal,
    },
    /// `left OPERATOR right` between two properties, e.g. `attr1 = attr2`.
    CompareProperties {
        left: String,
        operator: CompareOp,
        right: String,
    },
    /// `low <= property <= high`.
    Between {
        property: String,
        low: Literal,
        high: Literal,
    },
    /// The property equals one of the values (at least one).
    In {
        property: String,
        values: Vec<Literal>,
    },
    /// `LIKE` (or `ILIKE` when `case_insensitive`): `%` any run, `_` one character, `\`
    /// escapes the next character.
    Like {
        property: String,
        pattern: String,
        case_insensitive: bool,
    },
    /// The property is null. `IS NOT NULL` is `Not(IsNull)`.
    IsNull { property: String },
    /// The feature's id is one of these (at least one).
    Ids { ids: Vec<String> },
}

/// A topological relation between a geometry property and a literal geometry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpatialPredicate {
    /// The geometries share a point.
    Intersects,
    /// The geometries share no point.
    Disjoint,
    /// The literal lies in the property, not only on its boundary.
    Contains,
    /// The property lies in the literal, not only on its boundary.
    Within,
    /// The interiors meet in a lower dimension than the larger of the two.
    Crosses,
    /// Same dimension, interiors meet, neither contains the other.
    Overlaps,
    /// The boundaries meet but the interiors do not.
    Touches,
    /// The same point set.
    Equals,
    /// No point of the literal lies outside the property (JTS `covers`).
    Covers,
    /// No point of the property lies outside the literal (JTS `coveredBy`).
    CoveredBy,
}

impl SpatialPredicate {
    /// Every predicate, in the order ECQL documents them (the last two are Strabo's).
    pub const ALL: [SpatialPredicate; 10] = [
        SpatialPredicate::Equals,
        SpatialPredicate::Disjoint,
        SpatialPredicate::Intersects,
        SpatialPredicate::Touches,
        SpatialPredicate::Crosses,
        SpatialPredicate::Within,
        SpatialPredicate::Contains,
        SpatialPredicate::Overlaps,
        SpatialPredicate::Covers,
        SpatialPredicate::CoveredBy,
    ];

    /// The ECQL keyword. `COVERS` and `COVEREDBY` are a Strabo extension: GeoTools' ECQL has
    /// no such predicates (it spells them as four `RELATE` patterns OR'ed together).
    pub fn keyword(self) -> &'static str {
        match self {
            SpatialPredicate::Intersects => "INTERSECTS",
            SpatialPredicate::Disjoint => "DISJOINT",
            SpatialPredicate::Contains => "CONTAINS",
            SpatialPredicate::Within => "WITHIN",
            SpatialPredicate::Crosses => "CROSSES",
            SpatialPredicate::Overlaps => "OVERLAPS",
            SpatialPredicate::Touches => "TOUCHES",
            SpatialPredicate::Equals => "EQUALS",
            SpatialPredicate::Covers => "COVERS",
            SpatialPredicate::CoveredBy => "COVEREDBY",
        }
    }

    /// The predicate with its arguments swapped: `P(a, b)` holds exactly when
    /// `P.converse()(b, a)` does, so `CONTAINS(POINT(1 1), geom)` is `WITHIN(geom, POINT(1 1))`.
    pub fn converse(self) -> SpatialPredicate {
        match self {
            SpatialPredicate::Contains => SpatialPredicate::Within,
            SpatialPredicate::Within => SpatialPredicate::Contains,
            SpatialPredicate::Covers => SpatialPredicate::CoveredBy,
            SpatialPredicate::CoveredBy => SpatialPredicate::Covers,
            symmetric => symmetric,
        }
    }
}

/// Whether a [`Filter::Distance`] keeps features near the geometry or far from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistancePredicate {
    /// `DWITHIN`: within the distance.
    Dwithin,
    /// `BEYOND`: farther than the distance.
    Beyond,
}

/// The units ECQL allows for a `DWITHIN`/`BEYOND` distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistanceUnit {
    /// `meters`.
    Meters,
    /// `kilometers`.
    Kilometers,
    /// `feet`.
    Feet,
    /// `statute miles`.
    StatuteMiles,
    /// `nautical miles`.
    NauticalMiles,
}

impl DistanceUnit {
    /// Every unit.
    pub const ALL: [DistanceUnit; 5] = [
        DistanceUnit::Meters,
        DistanceUnit::Kilometers,
        DistanceUnit::Feet,
        DistanceUnit::StatuteMiles,
        DistanceUnit::NauticalMiles,
    ];

    /// How ECQL spells the unit.
    pub fn keyword(self) -> &'static str {
        match self {
            DistanceUnit::Meters => "meters",
            DistanceUnit::Kilometers => "kilometers",
            DistanceUnit::Feet => "feet",
            DistanceUnit::StatuteMiles => "statute miles",
            DistanceUnit::NauticalMiles => "nautical miles",
        }
    }

    /// Meters in one unit.
    pub fn meters(self) -> f64 {
        match self {
            DistanceUnit::Meters => 1.0,
            DistanceUnit::Kilometers => 1000.0,
            DistanceUnit::Feet => 0.3048,
            DistanceUnit::StatuteMiles => 1609.344,
            DistanceUnit::NauticalMiles => 1852.0,
        }
    }
}

/// ECQL's instant predicates other than `DURING`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemporalPredicate {
    /// Strictly before the instant.
    Before,
    /// Strictly after the instant.
    After,
    /// At the instant.
    Tequals,
}

impl TemporalPredicate {
    /// The ECQL keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            TemporalPredicate::Before => "BEFORE",
            TemporalPredicate::After => "AFTER",
            TemporalPredicate::Tequals => "TEQUALS",
        }
    }
}

/// A binary comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompareOp {
    /// `=` (also read as `==`).
    Eq,
    /// `<>`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

impl CompareOp {
    /// The ECQL operator.
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "=",
            CompareOp::Ne => "<>",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// The operator with its operands swapped: `a < b` is `b > a`.
    pub fn mirrored(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
            symmetric => symmetric,
        }
    }
}

/// A constant in a comparison.
///
/// A quoted ECQL string stays a [`Literal::String`] even when it spells a date, as GeoTools
/// keeps it until it meets the property's type; [`Literal::as_instant`] reads it as one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Literal {
    /// A quoted string, `'it''s'`.
    String(String),
    /// A whole number that fits an `i64`.
    Integer(i64),
    /// Always finite.
    Float(f64),
    /// `TRUE` or `FALSE`.
    Boolean(bool),
    /// Epoch microseconds, from an unquoted ECQL date-time such as `2024-01-01T00:00:00Z`.
    Instant(i64),
}

impl Literal {
    /// The literal as epoch microseconds: an instant, or a string that spells one.
    pub fn as_instant(&self) -> Option<i64> {
        match self {
            Literal::Instant(micros) => Some(*micros),
            Literal::String(text) => crate::time::parse_instant(text).ok(),
            _ => None,
        }
    }
}

impl Filter {
    /// The `LIKE` pattern's literal prefix when the pattern is that prefix followed by a single
    /// trailing `%` and nothing else special (no `_`, `\` or other `%`), as a prefix scan
    /// needs; `None` otherwise, and for `ILIKE`.
    pub fn like_prefix(&self) -> Option<&str> {
        match self {
            Filter::Like {
                pattern,
                case_insensitive: false,
                ..
            } => pattern
                .strip_suffix('%')
                .filter(|prefix| !prefix.contains(['%', '_', '\\'])),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn like(pattern: &str, case_insensitive: bool) -> Filter {
        Filter::Like {
            property: "name".into(),
            pattern: pattern.into(),
            case_insensitive,
        }
    }

    #[test]
    fn like_prefix_only_for_a_plain_prefix() {
        assert_eq!(like("abc%", false).like_prefix(), Some("abc"));
        assert_eq!(like("%", false).like_prefix(), Some(""));
        for pattern in ["abc", "%abc", "a_c%", "ab%c%", "a\\%%", "abc%%"] {
            assert_eq!(like(pattern, false).like_prefix(), None, "{pattern}");
        }
        assert_eq!(like("abc%", true).like_prefix(), None);
    }

    #[test]
    fn converse_swaps_only_the_asymmetric_predicates() {
        for predicate in SpatialPredicate::ALL {
            assert_eq!(predicate.converse().converse(), predicate);
        }
        assert_eq!(
            SpatialPredicate::Contains.converse(),
            SpatialPredicate::Within
        );
        assert_eq!(
            SpatialPredicate::Covers.converse(),
            SpatialPredicate::CoveredBy
        );
        assert_eq!(
            SpatialPredicate::Touches.converse(),
            SpatialPredicate::Touches
        );
        assert_eq!(CompareOp::Lt.mirrored(), CompareOp::Gt);
        assert_eq!(CompareOp::Ne.mirrored(), CompareOp::Ne);
    }

    #[test]
    fn strings_that_spell_instants_read_as_instants() {
        assert_eq!(
            Literal::String("1970-01-01T00:00:01.000Z".into()).as_instant(),
            Some(1_000_000)
        );
        assert_eq!(Literal::String("abc".into()).as_instant(), None);
        assert_eq!(Literal::Integer(5).as_instant(), None);
    }
}
