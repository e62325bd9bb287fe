//! Whole Arrow arrays at a time.
use std::sync::Arc;

use arrow_array::builder::{BinaryBuilder, BooleanBuilder, Float64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use smallvec::SmallVec;
use strabo_functions::Value;

use crate::program::decode_bytes;
use crate::{Encoding, EvalError, Output, Program};

impl Program {
    /// Evaluates every row of `inputs` (one array per input leaf, all of one length) and
    /// returns one array: Boolean, Float64, Utf8 or Binary (WKB or SRID-prefixed WKB), as the
    /// output encoding says. Geometry inputs are Binary arrays; the first bad value fails the
    /// whole batch, as it fails the task on the row path.
    pub fn eval_batch(&self, inputs: &[ArrayRef]) -> Result<ArrayRef, EvalError> {
        if inputs.len() != self.inputs().len() {
            return Err(EvalError::invalid_program(format!(
                "{} input arrays for {} inputs",
                inputs.len(),
                self.inputs().len()
            )));
        }
        let rows = inputs.first().map_or(1, |array| array.len());
        for (array, &encoding) in inputs.iter().zip(self.inputs()) {
            check_array(array, encoding, rows)?;
        }
        let mut output = OutputBuilder::new(self.output(), rows);
        let mut row: SmallVec<[Option<Value>; 4]> = SmallVec::new();
        for index in 0..rows {
            row.clear();
            for (input, (array, &encoding)) in inputs.iter().zip(self.inputs()).enumerate() {
                row.push(read_value(array, encoding, index, || {
                    self.input_consumer(input)
                })?);
            }
            let value = self
                .evaluate(&row)?
                .map(|value| self.encode(value))
                .transpose()?;
            output.append(value);
        }
        Ok(output.finish())
    }
}

fn check_array(array: &ArrayRef, encoding: Encoding, rows: usize) -> Result<(), EvalError> {
    let expected = match encoding {
        Encoding::Boolean => DataType::Boolean,
        Encoding::Double => DataType::Float64,
        Encoding::String => DataType::Utf8,
        Encoding::Wkb | Encoding::SridWkb => DataType::Binary,
    };
    if array.data_type() != &expected || array.len() != rows {
        return Err(EvalError::invalid_program(format!(
            "expected a {expected} array of {rows} rows for {encoding:?}, got {} of {}",
            array.data_type(),
            array.len()
        )));
    }
    Ok(())
}

fn read_value<'a>(
    array: &'a ArrayRef,
    encoding: Encoding,
    index: usize,
    consumer: impl FnOnce() -> crate::program::Consumer,
) -> Result<Option<Value<'a>>, EvalError> {
    if array.is_null(index) {
        return Ok(None);
    }
    let value = match encoding {
        Encoding::Boolean => Value::Boolean(array.as_boolean().value(index)),
        Encoding::Double => Value::Double(array.as_primitive::<Float64Type>().value(index)),
        Encoding::String => decode_bytes(
            encoding,
            array.as_string::<i32>().value(index).as_bytes(),
            consumer(),
        )?,
        Encoding::Wkb | Encoding::SridWkb => {
            decode_bytes(encoding, array.as_binary::<i32>().value(index), consumer())?
        }
    };
    Ok(Some(value))
}

enum OutputBuilder {
    Boolean(BooleanBuilder),
    Double(Float64Builder),
    String(StringBuilder),
    Binary(BinaryBuilder),
}

impl OutputBuilder {
    fn new(encoding: Encoding, rows: usize) -> Self {
        match encoding {
            Encoding::Boolean => OutputBuilder::Boolean(BooleanBuilder::with_capacity(rows)),
            Encoding::Double => OutputBuilder::Double(Float64Builder::with_capacity(rows)),
            Encoding::String => {
                OutputBuilder::String(StringBuilder::with_capacity(rows, rows * 16))
            }
            Encoding::Wkb | Encoding::SridWkb => {
                OutputBuilder::Binary(BinaryBuilder::with_capacity(rows, rows * 32))
            }
        }
    }

    /// `encode` produced the output variant that matches the builder, so other pairs are nulls.
    fn append(&mut self, value: Option<Output>) {
        match (self, value) {
            (OutputBuilder::Boolean(b), Some(Output::Boolean(v))) => b.append_value(v),
            (OutputBuilder::Double(b), Some(Output::Double(v))) => b.append_value(v),
            (OutputBuilder::String(b), Some(Output::Bytes(v))) => {
                b.append_value(String::from_utf8_lossy(&v))
            }
            (OutputBuilder::Binary(b), Some(Output::Bytes(v))) => b.append_value(v),
            (OutputBuilder::Boolean(b), _) => b.append_null(),
            (OutputBuilder::Double(b), _) => b.append_null(),
            (OutputBuilder::String(b), _) => b.append_null(),
            (OutputBuilder::Binary(b), _) => b.append_null(),
        }
    }

    fn finish(self) -> ArrayRef {
        match self {
            OutputBuilder::Boolean(mut b) => Arc::new(b.finish()),
            OutputBuilder::Double(mut b) => Arc::new(b.finish()),
            OutputBuilder::String(mut b) => Arc::new(b.finish()),
            OutputBuilder::Binary(mut b) => Arc::new(b.finish()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{BinaryArray, Float64Array};

    #[test]
    fn areas_of_a_binary_array() {
        let program = crate::test_programs::area_of_wkb();
        let square = strabo_geom::constructors::bbox(0., 0., 2., 3.)
            .to_wkb()
            .unwrap();
        let input: ArrayRef = Arc::new(BinaryArray::from(vec![Some(square.as_slice()), None]));
        let out = program.eval_batch(&[input]).unwrap();
        assert_eq!(
            out.as_primitive::<Float64Type>(),
            &Float64Array::from(vec![Some(6.0), None])
        );
    }

    #[test]
    fn wrong_array_types_are_refused() {
        let program = crate::test_programs::area_of_wkb();
        let input: ArrayRef = Arc::new(Float64Array::from(vec![1.0]));
        assert!(program.eval_batch(&[input]).is_err());
    }
}
