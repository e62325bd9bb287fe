//! Whether a chunk of rows (a file, a Parquet row group) can hold a match, from its statistics.
use strabo_curve::BBox;
use strabo_filter::{CompareOp, Filter, Literal};

use crate::bounds::bounds;
use crate::negate::negation;
use crate::operand::{Comparison, Operand};

/// Lower and upper bounds of a column's non-null values in a chunk: every value `v` has
/// `min <= v <= max` (exact values are not required, so truncated Parquet string statistics
/// serve).
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnRange {
    /// An Int32 or Int64 column.
    Integer { min: i64, max: i64 },
    /// A Float32 or Float64 column: bounds of its values other than NaN (Parquet's statistics
    /// leave NaN out), and whether it may hold NaN (true unless known otherwise: a NaN is
    /// greater than every number, so it satisfies `>`, `>=` and `<>`).
    Float {
        min: f64,
        max: f64,
        may_hold_nan: bool,
    },
    /// A Timestamp (any unit) or Date32 column, in epoch microseconds rounded outward.
    Time { min: i64, max: i64 },
    /// A string column, in byte order (Parquet's order for UTF-8).
    Text { min: String, max: String },
}

/// Statistics of a chunk of rows (a file or a Parquet row group), as the store has them.
/// Every method may answer `None` for "unknown"; unknown never prunes.
pub trait ChunkStats {
    /// Rows in the chunk.
    fn row_count(&self) -> u64;
    /// NULLs of the column in the chunk.
    fn null_count(&self, column: &str) -> Option<u64>;
    /// Bounds of the column's non-null values.
    fn range(&self, column: &str) -> Option<ColumnRange>;
    /// The chunk's bbox of a geometry property: the union of its rows' boxes.
    fn bbox(&self, geometry: &str) -> Option<BBox>;
}

/// False only when no row of the chunk can match `filter`: sound, never false for a chunk that
/// holds a match. `AND` needs every child to be possible, `OR` one; `NOT` is pushed into the
/// predicate below it where that is exact, and is otherwise possible unless it negates
/// `IS NULL` on a column of NULLs only. A filter [`crate::evaluate`] would refuse is possible.
pub fn may_match(filter: &Filter, stats: &dyn ChunkStats) -> bool {
    stats.row_count() > 0 && possible(filter, stats)
}

fn possible(filter: &Filter, stats: &dyn ChunkStats) -> bool {
    let all_null = |property: &str| stats.null_count(property) == Some(stats.row_count());
    match filter {
        Filter::Include => true,
        Filter::Exclude => false,
        Filter::And { filters } => filters.iter().all(|child| possible(child, stats)),
        Filter::Or { filters } => filters.iter().any(|child| possible(child, stats)),
        Filter::Not { filter } => match (negation(filter), &**filter) {
            (Some(negated), _) => possible(&negated, stats),
            (None, Filter::IsNull { property }) => !all_null(property),
            (None, _) => true,
        },
        Filter::IsNull { property } => stats.null_count(property) != Some(0),
        Filter::CompareProperties { left, right, .. } => !all_null(left) && !all_null(right),
        Filter::Between {
            property,
            low,
            high,
        } => {
            let compare = |operator, value: &Literal| Filter::Compare {
                property: property.clone(),
                operator,
                value: value.clone(),
            };
            possible(&compare(CompareOp::Ge, low), stats)
                && possible(&compare(CompareOp::Le, high), stats)
        }
        Filter::In { property, values } => values.iter().any(|value| {
            let equal = Filter::Compare {
                property: property.clone(),
                operator: CompareOp::Eq,
                value: value.clone(),
            };
            possible(&equal, stats)
        }),
        leaf => {
            let Some(property) = leaf.property() else {
                return true;
            };
            if all_null(property) {
                // Every predicate but IS NULL is NULL on NULL.
                return false;
            }
            within_bounds(leaf, property, stats) && within_range(leaf, property, stats)
        }
    }
}

/// The predicate's [`bounds`] against the chunk's bbox, time range and string range.
fn within_bounds(leaf: &Filter, property: &str, stats: &dyn ChunkStats) -> bool {
    let implied = bounds(leaf, property, Some(property), Some(property));
    if implied.empty {
        return false;
    }
    if let (Some(wanted), Some(chunk)) = (implied.bbox, stats.bbox(property)) {
        // Written so that a NaN edge never prunes.
        let apart = chunk.xmax < wanted.xmin
            || chunk.xmin > wanted.xmax
            || chunk.ymax < wanted.ymin
            || chunk.ymin > wanted.ymax;
        if apart {
            return false;
        }
    }
    match (
        stats.range(property),
        implied.time,
        implied.attribute_values,
    ) {
        (Some(ColumnRange::Time { min, max }), Some((start, end)), _) => min <= end && start <= max,
        (Some(ColumnRange::Text { min, max }), _, Some(values)) => values
            .iter()
            .any(|value| min.as_str() <= value.as_str() && value.as_str() <= max.as_str()),
        _ => true,
    }
}

/// A comparison (or a `LIKE` prefix) of a number or string column against its min and max.
fn within_range(leaf: &Filter, property: &str, stats: &dyn ChunkStats) -> bool {
    let Some(range) = stats.range(property) else {
        return true;
    };
    if let Some(prefix) = leaf.like_prefix() {
        return match range {
            // Some string with the prefix lies in [min, max].
            ColumnRange::Text { min, max } => {
                let head = &min.as_bytes()[..min.len().min(prefix.len())];
                max.as_str() >= prefix && head <= prefix.as_bytes()
            }
            _ => true,
        };
    }
    let Filter::Compare {
        operator, value, ..
    } = leaf
    else {
        return true;
    };
    match (range, value) {
        (ColumnRange::Integer { min, max }, _) => match Operand::<i128>::of_number(value) {
            Some(operand) => holds(i128::from(min), i128::from(max), operand.compare(*operator)),
            None => true,
        },
        (
            ColumnRange::Float {
                min,
                max,
                may_hold_nan,
            },
            _,
        ) => {
            let nan_matches = matches!(operator, CompareOp::Gt | CompareOp::Ge | CompareOp::Ne);
            if (may_hold_nan && nan_matches) || min.is_nan() || max.is_nan() {
                return true;
            }
            match Operand::<f64>::of_number(value) {
                Some(operand) => holds(min, max, operand.compare(*operator)),
                None => true,
            }
        }
        (ColumnRange::Text { min, max }, Literal::String(text)) => holds(
            min.as_str(),
            max.as_str(),
            Comparison::Kernel(*operator, text.as_str()),
        ),
        _ => true,
    }
}

/// Whether some value in `[min, max]` can satisfy the comparison.
fn holds<N: PartialOrd>(min: N, max: N, comparison: Comparison<N>) -> bool {
    match comparison {
        Comparison::Always(answer) => answer,
        Comparison::Kernel(operator, constant) => match operator {
            CompareOp::Eq => min <= constant && constant <= max,
            CompareOp::Ne => !(min == constant && max == constant),
            CompareOp::Lt => min < constant,
            CompareOp::Le => min <= constant,
            CompareOp::Gt => max > constant,
            CompareOp::Ge => max >= constant,
        },
    }
}
