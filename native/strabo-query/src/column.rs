//! A batch's columns as the predicates read them.
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Float32Type, Float64Type, Int32Type, Int64Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, Int32Array, Int64Array, RecordBatch,
};
use arrow_schema::{DataType, TimeUnit};

use crate::operand::TimeScale;
use crate::QueryError;

/// A column, by the kind of value a predicate compares.
pub(crate) enum Column {
    /// Utf8, LargeUtf8 or Utf8View, as it is.
    Text(ArrayRef),
    Int32(Int32Array),
    Int64(Int64Array),
    /// Float32 or Float64, widened and [normalized](normalized_float).
    Float(Float64Array),
    Boolean(BooleanArray),
    /// Date32: days since the epoch.
    Date(Int32Array),
    /// A timestamp of any unit and time zone, as its epoch values in that unit.
    Timestamp(Int64Array, TimeScale),
}

/// The column of a property, or an error naming it.
pub(crate) fn array<'a>(
    batch: &'a RecordBatch,
    property: &str,
) -> Result<&'a ArrayRef, QueryError> {
    batch
        .column_by_name(property)
        .ok_or_else(|| QueryError::MissingProperty(property.to_string()))
}

impl Column {
    /// Reads the property's column, refusing types no comparison takes.
    pub(crate) fn read(batch: &RecordBatch, property: &str) -> Result<Column, QueryError> {
        let array = array(batch, property)?;
        Ok(match array.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                Column::Text(Arc::clone(array))
            }
            DataType::Int32 => Column::Int32(array.as_primitive::<Int32Type>().clone()),
            DataType::Int64 => Column::Int64(array.as_primitive::<Int64Type>().clone()),
            DataType::Float32 => Column::Float(
                array
                    .as_primitive::<Float32Type>()
                    .unary(|value| normalized_float(f64::from(value))),
            ),
            DataType::Float64 => {
                Column::Float(array.as_primitive::<Float64Type>().unary(normalized_float))
            }
            DataType::Boolean => Column::Boolean(array.as_boolean().clone()),
            DataType::Date32 => {
                let days = array.as_primitive::<Date32Type>();
                Column::Date(Int32Array::new(
                    days.values().clone(),
                    days.nulls().cloned(),
                ))
            }
            DataType::Timestamp(unit, _) => {
                let (values, nulls, scale) = match unit {
                    TimeUnit::Second => {
                        let a = array.as_primitive::<TimestampSecondType>();
                        (a.values(), a.nulls(), TimeScale::Seconds)
                    }
                    TimeUnit::Millisecond => {
                        let a = array.as_primitive::<TimestampMillisecondType>();
                        (a.values(), a.nulls(), TimeScale::Millis)
                    }
                    TimeUnit::Microsecond => {
                        let a = array.as_primitive::<TimestampMicrosecondType>();
                        (a.values(), a.nulls(), TimeScale::Micros)
                    }
                    TimeUnit::Nanosecond => {
                        let a = array.as_primitive::<TimestampNanosecondType>();
                        (a.values(), a.nulls(), TimeScale::Nanos)
                    }
                };
                Column::Timestamp(Int64Array::new(values.clone(), nulls.cloned()), scale)
            }
            other => {
                return Err(QueryError::Type {
                    property: property.to_string(),
                    message: format!("a {other} column cannot be compared"),
                })
            }
        })
    }

    /// The column's type, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Column::Text(_) => "string",
            Column::Int32(_) | Column::Int64(_) => "integer",
            Column::Float(_) => "floating-point",
            Column::Boolean(_) => "boolean",
            Column::Date(_) => "date",
            Column::Timestamp(..) => "timestamp",
        }
    }
}

/// A float as Spark compares floats: every NaN as one NaN (greater than every number, equal to
/// itself, as Arrow's total order then places it) and -0 as 0.
pub(crate) fn normalized_float(value: f64) -> f64 {
    if value.is_nan() {
        f64::NAN
    } else {
        value + 0.0
    }
}
