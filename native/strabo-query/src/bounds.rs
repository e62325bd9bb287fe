//! What a filter implies about the rows it can match, for the store to read only what it must.
use std::collections::BTreeSet;

use strabo_curve::BBox;
use strabo_filter::{
    CompareOp, DistancePredicate, Filter, GeometryLiteral, Literal, SpatialPredicate,
    TemporalPredicate,
};
use strabo_geom::Geo;

use crate::negate::negation;
use crate::spatial::is_geographic;

/// What a filter implies about the rows it can match: a superset, for pruning. A row the
/// filter matches has a geometry whose bounding box meets `bbox`, a date-time in `time` and an
/// attribute value in `attribute_values`, for each of them that is constrained.
///
/// Two boxes a geometry meets say little about their intersection (a line can meet two
/// disjoint boxes), so `AND` intersects boxes only where one of them holds the geometry
/// (`WITHIN`, `COVEREDBY`, `EQUALS`); otherwise it keeps the smaller box.
#[derive(Debug, Clone, PartialEq)]
pub struct Bounds {
    /// Matching rows' geometry (the named geometry property) meets this box (xmin, ymin, xmax,
    /// ymax); None = unconstrained. A constrained box also means the geometry is neither NULL
    /// nor empty.
    pub bbox: Option<BBox>,
    /// Matching rows' geometry lies within `bbox`, not only meets it.
    pub geometry_within_bbox: bool,
    /// Matching rows' date-time lies in [start, end] epoch microseconds, inclusive (a
    /// nanosecond timestamp counts as its microsecond, rounded down); None = unconstrained.
    pub time: Option<(i64, i64)>,
    /// Matching rows' `attribute` equals one of these, sorted and distinct (for attribute
    /// partition schemes); None = unconstrained.
    pub attribute_values: Option<Vec<String>>,
    /// The filter can match nothing (e.g. EXCLUDE, an empty time range, disjoint boxes ANDed).
    /// The other fields are then `None`.
    pub empty: bool,
}

impl Bounds {
    /// Every row may match.
    pub const UNCONSTRAINED: Bounds = Bounds {
        bbox: None,
        geometry_within_bbox: false,
        time: None,
        attribute_values: None,
        empty: false,
    };

    /// No row matches.
    pub const EMPTY: Bounds = Bounds {
        bbox: None,
        geometry_within_bbox: false,
        time: None,
        attribute_values: None,
        empty: true,
    };

    /// The geometry meets `bbox`, or lies within it.
    fn bbox(bbox: BBox, within: bool) -> Bounds {
        Bounds {
            bbox: Some(bbox),
            geometry_within_bbox: within,
            ..Bounds::UNCONSTRAINED
        }
    }

    fn time(start: i64, end: i64) -> Bounds {
        if start > end {
            return Bounds::EMPTY;
        }
        Bounds {
            time: Some((start, end)),
            ..Bounds::UNCONSTRAINED
        }
    }

    fn values(values: BTreeSet<String>) -> Bounds {
        Bounds {
            attribute_values: Some(values.into_iter().collect()),
            ..Bounds::UNCONSTRAINED
        }
    }

    /// What both filters imply.
    pub fn and(self, other: Bounds) -> Bounds {
        if self.empty || other.empty {
            return Bounds::EMPTY;
        }
        let (within_a, within_b) = (self.geometry_within_bbox, other.geometry_within_bbox);
        let (bbox, geometry_within_bbox) = match (self.bbox, other.bbox) {
            // Within one box and meeting the other, the geometry meets their intersection.
            (Some(a), Some(b)) if within_a || within_b => match a.intersection(&b) {
                Some(both) => (Some(both), within_a && within_b),
                None => return Bounds::EMPTY,
            },
            (Some(a), Some(b)) => (Some(if area(&a) <= area(&b) { a } else { b }), false),
            (Some(a), None) => (Some(a), within_a),
            (None, b) => (b, within_b),
        };
        let time = match (self.time, other.time) {
            (Some((a0, a1)), Some((b0, b1))) if a0.max(b0) > a1.min(b1) => return Bounds::EMPTY,
            (Some((a0, a1)), Some((b0, b1))) => Some((a0.max(b0), a1.min(b1))),
            (a, b) => a.or(b),
        };
        let attribute_values = match (self.attribute_values, other.attribute_values) {
            (Some(a), Some(b)) => {
                let both: Vec<String> = a.into_iter().filter(|v| b.contains(v)).collect();
                if both.is_empty() {
                    return Bounds::EMPTY;
                }
                Some(both)
            }
            (a, b) => a.or(b),
        };
        Bounds {
            bbox,
            geometry_within_bbox,
            time,
            attribute_values,
            empty: false,
        }
    }

    /// What either filter implies.
    pub fn or(self, other: Bounds) -> Bounds {
        if self.empty {
            return other;
        }
        if other.empty {
            return self;
        }
        let bbox = match (self.bbox, other.bbox) {
            (Some(a), Some(b)) => Some(BBox::new(
                a.xmin.min(b.xmin),
                a.ymin.min(b.ymin),
                a.xmax.max(b.xmax),
                a.ymax.max(b.ymax),
            )),
            _ => None,
        };
        let geometry_within_bbox =
            bbox.is_some() && self.geometry_within_bbox && other.geometry_within_bbox;
        let time = match (self.time, other.time) {
            (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
            _ => None,
        };
        let attribute_values = match (self.attribute_values, other.attribute_values) {
            (Some(a), Some(b)) => {
                let either: BTreeSet<String> = a.into_iter().chain(b).collect();
                Some(either.into_iter().collect())
            }
            _ => None,
        };
        Bounds {
            bbox,
            geometry_within_bbox,
            time,
            attribute_values,
            empty: false,
        }
    }
}

fn area(b: &BBox) -> f64 {
    (b.xmax - b.xmin) * (b.ymax - b.ymin)
}

/// What `filter` implies about the rows it matches, for the geometry property `geometry`, the
/// date-time property `dtg` and the partition attribute `attribute` (a string column, or
/// [`strabo_filter::FEATURE_ID`]).
///
/// `AND` intersects its children's bounds, `OR` unites them; `NOT` is pushed into the
/// predicate below it where that is exact (`NOT x < t` is `x >= t`) and is unconstrained
/// otherwise. Spatial predicates that need the geometries to meet give the literal's envelope
/// (`DWITHIN` grown by the distance, where [`crate::evaluate`] honours its units); `DURING`,
/// `BEFORE`, `AFTER`, `TEQUALS` and comparisons of `dtg` with instants give time ranges
/// (inclusive; `> t` and `AFTER t` keep `t`, a superset); `=` and `IN` of strings on `attribute` give its values. A filter
/// that [`crate::evaluate`] would refuse (a type mismatch, say) gets no bounds from it.
pub fn bounds(
    filter: &Filter,
    geometry: &str,
    dtg: Option<&str>,
    attribute: Option<&str>,
) -> Bounds {
    let on_dtg = |property: &str| dtg == Some(property);
    let on_attribute = |property: &str| attribute == Some(property);
    match filter {
        Filter::Include => Bounds::UNCONSTRAINED,
        Filter::Exclude => Bounds::EMPTY,
        Filter::And { filters } => filters.iter().fold(Bounds::UNCONSTRAINED, |all, child| {
            all.and(bounds(child, geometry, dtg, attribute))
        }),
        Filter::Or { filters } => filters.iter().fold(Bounds::EMPTY, |any, child| {
            any.or(bounds(child, geometry, dtg, attribute))
        }),
        Filter::Not { filter } => match negation(filter) {
            Some(negated) => bounds(&negated, geometry, dtg, attribute),
            None => Bounds::UNCONSTRAINED,
        },
        Filter::Spatial {
            predicate,
            property,
            geometry: literal,
        } if property == geometry => match predicate {
            SpatialPredicate::Disjoint => Bounds::UNCONSTRAINED,
            // Two empty geometries are equal.
            SpatialPredicate::Equals if envelope(literal) == Some(None) => Bounds::UNCONSTRAINED,
            SpatialPredicate::Within | SpatialPredicate::CoveredBy | SpatialPredicate::Equals => {
                envelope_bounds(literal, 0.0, true)
            }
            _ => envelope_bounds(literal, 0.0, false),
        },
        Filter::Relate {
            property,
            geometry: literal,
            pattern,
        } if property == geometry && needs_intersection(pattern) => {
            envelope_bounds(literal, 0.0, lies_within(pattern))
        }
        Filter::Bbox {
            property,
            min_x,
            min_y,
            max_x,
            max_y,
            ..
        } if property == geometry => {
            if min_x <= max_x && min_y <= max_y {
                Bounds::bbox(BBox::new(*min_x, *min_y, *max_x, *max_y), false)
            } else {
                Bounds::EMPTY
            }
        }
        Filter::Distance {
            predicate: DistancePredicate::Dwithin,
            property,
            geometry: literal,
            distance,
            units,
        } if property == geometry && !is_geographic(literal.srid) => {
            envelope_bounds(literal, distance * units.meters(), false)
        }
        Filter::During {
            property,
            start,
            end,
        } if on_dtg(property) => {
            // No instant lies strictly between; see `Compare` for the ends.
            if start >= end {
                Bounds::EMPTY
            } else {
                Bounds::time(*start, end - 1)
            }
        }
        Filter::Temporal {
            predicate,
            property,
            instant,
        } if on_dtg(property) => match predicate {
            TemporalPredicate::Before => Bounds::time(i64::MIN, instant - 1),
            TemporalPredicate::After => Bounds::time(*instant, i64::MAX),
            TemporalPredicate::Tequals => Bounds::time(*instant, *instant),
        },
        Filter::Compare {
            property,
            operator,
            value,
        } if on_dtg(property) => match value.as_instant() {
            // `> t` keeps `t`: a nanosecond just past it rounds down to it. `< t` does not:
            // what rounds down to `t` is not before it.
            Some(at) => match operator {
                CompareOp::Eq => Bounds::time(at, at),
                CompareOp::Ne => Bounds::UNCONSTRAINED,
                CompareOp::Lt => Bounds::time(i64::MIN, at - 1),
                CompareOp::Le => Bounds::time(i64::MIN, at),
                CompareOp::Gt | CompareOp::Ge => Bounds::time(at, i64::MAX),
            },
            None => Bounds::UNCONSTRAINED,
        },
        Filter::Between {
            property,
            low,
            high,
        } if on_dtg(property) => match (low.as_instant(), high.as_instant()) {
            (Some(low), Some(high)) => Bounds::time(low, high),
            _ => Bounds::UNCONSTRAINED,
        },
        Filter::Compare {
            property,
            operator: CompareOp::Eq,
            value: Literal::String(value),
        } if on_attribute(property) => Bounds::values(BTreeSet::from([value.clone()])),
        Filter::In { property, values } if on_attribute(property) => {
            let strings: Option<BTreeSet<String>> = values
                .iter()
                .map(|value| match value {
                    Literal::String(text) => Some(text.clone()),
                    _ => None,
                })
                .collect();
            strings.map_or(Bounds::UNCONSTRAINED, Bounds::values)
        }
        Filter::Ids { ids } if on_attribute(strabo_filter::FEATURE_ID) => {
            Bounds::values(ids.iter().cloned().collect())
        }
        _ => Bounds::UNCONSTRAINED,
    }
}

/// The literal's envelope: `None` when its WKB does not read, `Some(None)` when it is empty.
fn envelope(literal: &GeometryLiteral) -> Option<Option<BBox>> {
    let geometry = Geo::read(&literal.wkb).ok()?;
    Some(
        geometry
            .bbox()
            .map(|rect| BBox::new(rect.min().x, rect.min().y, rect.max().x, rect.max().y)),
    )
}

/// The literal's envelope grown by `margin`, for a predicate no empty geometry satisfies and
/// whose geometries meet the envelope, or lie `within` it.
fn envelope_bounds(literal: &GeometryLiteral, margin: f64, within: bool) -> Bounds {
    match envelope(literal) {
        Some(Some(b)) if margin == 0.0 => Bounds::bbox(b, within),
        // One more step outward, in case the sum rounded inward.
        Some(Some(b)) => Bounds::bbox(
            BBox::new(
                (b.xmin - margin).next_down(),
                (b.ymin - margin).next_down(),
                (b.xmax + margin).next_up(),
                (b.ymax + margin).next_up(),
            ),
            within,
        ),
        Some(None) => Bounds::EMPTY,
        None => Bounds::UNCONSTRAINED,
    }
}

/// Whether a DE-9IM pattern keeps the geometry's interior and boundary off the literal's
/// exterior (`F` in the third and sixth cells), so the geometry lies within the literal.
fn lies_within(pattern: &str) -> bool {
    pattern.as_bytes().get(2) == Some(&b'F') && pattern.as_bytes().get(5) == Some(&b'F')
}

/// Whether a DE-9IM pattern asks the interiors or boundaries to meet (`T`, `0`, `1` or `2` in
/// the top-left 2×2 of the matrix), which only geometries whose boxes meet can do.
fn needs_intersection(pattern: &str) -> bool {
    pattern
        .chars()
        .enumerate()
        .any(|(at, cell)| matches!(at, 0 | 1 | 3 | 4) && matches!(cell, 'T' | '0' | '1' | '2'))
}
