//! Comparisons of a column with literals, or with another column, through Arrow's kernels.
//!
//! Coercions, as a SQL user expects them:
//! - integer columns (Int32, Int64) against integer or float literals compare numerically
//!   and exactly (`n < 2.5` is `n <= 2`; `n = 2.5` holds for no row);
//! - float columns (Float32, Float64) against integer or float literals compare numerically,
//!   as Spark does: NaN equals NaN and is greater than every number, and -0 equals 0;
//! - timestamp (any unit and zone) and Date32 columns against instants, or strings that spell
//!   one (`'2024-01-01'`, `'2024-01-01T12:00:00Z'`); a date is its midnight UTC, and a
//!   timestamp compares exactly whatever its unit;
//! - string columns against strings (byte order, as Parquet's statistics), boolean columns
//!   against booleans (false before true).
//!
//! Anything else is a [`QueryError::Type`]: a string column is not compared with a number, nor
//! a number column with a quoted string.
use arrow_array::types::Int64Type;
use arrow_array::{
    Array, ArrowPrimitiveType, BooleanArray, Datum, Float64Array, Int64Array, LargeStringArray,
    PrimitiveArray, StringArray, StringViewArray,
};
use arrow_buffer::{BooleanBuffer, NullBuffer};
use arrow_schema::DataType;
use strabo_filter::{CompareOp, Literal};

use crate::column::Column;
use crate::operand::{Comparison, Operand, TimeScale};
use crate::QueryError;

/// `column OPERATOR literal`, NULL where the column is.
pub(crate) fn literal(
    property: &str,
    column: &Column,
    operator: CompareOp,
    value: &Literal,
) -> Result<BooleanArray, QueryError> {
    let type_error = || QueryError::Type {
        property: property.to_string(),
        message: format!(
            "cannot compare a {} column with {}",
            column.kind(),
            describe(value)
        ),
    };
    match (column, value) {
        (Column::Text(array), Literal::String(text)) => {
            let scalar = text_scalar(array.data_type(), text);
            kernel(operator, array, scalar.as_ref())
        }
        (Column::Int32(array), _) => {
            let operand = Operand::<i128>::of_number(value).ok_or_else(type_error)?;
            primitive(array, operand.narrow().compare(operator))
        }
        (Column::Int64(array), _) => {
            let operand = Operand::<i128>::of_number(value).ok_or_else(type_error)?;
            primitive(array, operand.narrow().compare(operator))
        }
        (Column::Float(array), _) => {
            let operand = Operand::<f64>::of_number(value).ok_or_else(type_error)?;
            primitive(array, operand.compare(operator))
        }
        (Column::Boolean(array), Literal::Boolean(flag)) => {
            kernel(operator, array, &BooleanArray::new_scalar(*flag))
        }
        (Column::Date(days), _) => {
            let micros = instant(property, column, value)?;
            let operand = Operand::of_instant(micros, TimeScale::Days).narrow();
            primitive(days, operand.compare(operator))
        }
        (Column::Timestamp(values, scale), _) => {
            let micros = instant(property, column, value)?;
            let operand = Operand::of_instant(micros, *scale).narrow();
            primitive(values, operand.compare(operator))
        }
        _ => Err(type_error()),
    }
}

/// `column OPERATOR instant` for a date or timestamp column (`DURING`, `BEFORE`, …).
pub(crate) fn instant_literal(
    property: &str,
    column: &Column,
    operator: CompareOp,
    micros: i64,
) -> Result<BooleanArray, QueryError> {
    match column {
        Column::Date(_) | Column::Timestamp(..) => {
            literal(property, column, operator, &Literal::Instant(micros))
        }
        other => Err(QueryError::Type {
            property: property.to_string(),
            message: format!(
                "a temporal predicate needs a timestamp or date column, not a {} one",
                other.kind()
            ),
        }),
    }
}

/// `left OPERATOR right` between two columns. Integers of different widths compare as Int64,
/// an integer and a float as Float64 (exact up to 2^53), dates and timestamps of different
/// units in the finer of microseconds and nanoseconds (dates beyond the years a nanosecond
/// timestamp holds saturate).
pub(crate) fn columns(
    names: (&str, &str),
    left: &Column,
    operator: CompareOp,
    right: &Column,
) -> Result<BooleanArray, QueryError> {
    let nanos = |column: &Column| matches!(column, Column::Timestamp(_, TimeScale::Nanos));
    let scale = if nanos(left) || nanos(right) {
        TimeScale::Nanos
    } else {
        TimeScale::Micros
    };
    match (left, right) {
        (Column::Text(l), Column::Text(r)) if l.data_type() == r.data_type() => {
            kernel(operator, l, r)
        }
        (Column::Boolean(l), Column::Boolean(r)) => kernel(operator, l, r),
        (Column::Int32(l), Column::Int32(r)) => kernel(operator, l, r),
        (Column::Int64(l), Column::Int64(r)) => kernel(operator, l, r),
        (Column::Int32(l), Column::Int64(r)) => {
            kernel(operator, &l.unary::<_, Int64Type>(i64::from), r)
        }
        (Column::Int64(l), Column::Int32(r)) => {
            kernel(operator, l, &r.unary::<_, Int64Type>(i64::from))
        }
        _ => match (
            as_float64(left),
            as_float64(right),
            in_scale(left, scale),
            in_scale(right, scale),
        ) {
            (Some(l), Some(r), _, _) => kernel(operator, &l, &r),
            (_, _, Some(l), Some(r)) => kernel(operator, &l, &r),
            _ => Err(QueryError::Type {
                property: names.0.to_string(),
                message: format!(
                    "cannot compare a {} column with the {} column '{}'",
                    left.kind(),
                    right.kind(),
                    names.1
                ),
            }),
        },
    }
}

/// The string literal as a one-row scalar of the column's string type.
pub(crate) fn text_scalar(data_type: &DataType, text: &str) -> Box<dyn Datum> {
    match data_type {
        DataType::LargeUtf8 => Box::new(LargeStringArray::new_scalar(text)),
        DataType::Utf8View => Box::new(StringViewArray::new_scalar(text)),
        _ => Box::new(StringArray::new_scalar(text)),
    }
}

/// The literal's instant, for a temporal column.
fn instant(property: &str, column: &Column, value: &Literal) -> Result<i64, QueryError> {
    value.as_instant().ok_or_else(|| QueryError::Type {
        property: property.to_string(),
        message: format!(
            "cannot compare a {} column with {}; write an instant such as \
             2024-01-01T00:00:00Z or '2024-01-01'",
            column.kind(),
            describe(value)
        ),
    })
}

/// A literal as an error message names it.
fn describe(value: &Literal) -> String {
    match value {
        Literal::String(text) => format!("the string '{text}'"),
        Literal::Integer(integer) => format!("the integer {integer}"),
        Literal::Float(float) => format!("the number {float}"),
        Literal::Boolean(flag) => format!("the boolean {flag}"),
        Literal::Instant(micros) => {
            format!("the instant {}", strabo_filter::format_instant(*micros))
        }
    }
}

fn primitive<T: ArrowPrimitiveType>(
    array: &PrimitiveArray<T>,
    comparison: Comparison<T::Native>,
) -> Result<BooleanArray, QueryError> {
    match comparison {
        Comparison::Kernel(operator, constant) => {
            kernel(operator, array, &PrimitiveArray::<T>::new_scalar(constant))
        }
        Comparison::Always(answer) => Ok(constant(array.len(), answer, array.nulls())),
    }
}

fn kernel(
    operator: CompareOp,
    left: &dyn Datum,
    right: &dyn Datum,
) -> Result<BooleanArray, QueryError> {
    use arrow_ord::cmp;
    let result = match operator {
        CompareOp::Eq => cmp::eq(left, right),
        CompareOp::Ne => cmp::neq(left, right),
        CompareOp::Lt => cmp::lt(left, right),
        CompareOp::Le => cmp::lt_eq(left, right),
        CompareOp::Gt => cmp::gt(left, right),
        CompareOp::Ge => cmp::gt_eq(left, right),
    };
    Ok(result?)
}

/// `answer` on every row, NULL where `nulls` says.
pub(crate) fn constant(rows: usize, answer: bool, nulls: Option<&NullBuffer>) -> BooleanArray {
    let values = if answer {
        BooleanBuffer::new_set(rows)
    } else {
        BooleanBuffer::new_unset(rows)
    };
    BooleanArray::new(values, nulls.cloned())
}

/// A number column as Float64 (exact for integers up to 2^53); `None` for other columns.
fn as_float64(column: &Column) -> Option<Float64Array> {
    match column {
        Column::Int32(values) => Some(values.unary(f64::from)),
        Column::Int64(values) => Some(values.unary(|value| value as f64)),
        Column::Float(values) => Some(values.clone()),
        _ => None,
    }
}

/// A date or timestamp column's values in `scale`, saturating where they overflow; `None` for
/// other columns.
fn in_scale(column: &Column, scale: TimeScale) -> Option<Int64Array> {
    let factor = |from: TimeScale| from.nanos() / scale.nanos();
    match column {
        Column::Date(days) => {
            let factor = factor(TimeScale::Days);
            Some(days.unary(|day| i64::from(day).saturating_mul(factor)))
        }
        Column::Timestamp(values, from) => {
            let factor = factor(*from);
            Some(values.unary(|value| value.saturating_mul(factor)))
        }
        _ => None,
    }
}
