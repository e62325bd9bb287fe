//! One row at a time, from a byte buffer the JVM fills.
//!
//! Layout of a row (and of the constant buffer), one entry per leaf in order:
//!
//! | field | bytes |
//! |---|---|
//! | null flag | 1: `0` = a value follows, `1` = NULL |
//! | `boolean` | 1: `0` or `1` |
//! | `double` | 8, native byte order |
//! | `string`, `wkb`, `srid_wkb` | 4-byte native-order length, then that many bytes |
//!
//! Native byte order because the JVM writes the buffer with `Unsafe`, which uses it.
use smallvec::SmallVec;
use strabo_functions::Value;

use crate::program::{decode_bytes, Consumer};
use crate::{Encoding, EvalError, Output, Program};

impl Program {
    /// Evaluates one row packed in `buffer`. `Ok(None)` is SQL NULL.
    pub fn eval_row(&self, buffer: &[u8]) -> Result<Option<Output>, EvalError> {
        let mut reader = RowReader::new(buffer);
        let mut inputs: SmallVec<[Option<Value>; 4]> = SmallVec::new();
        for (index, &encoding) in self.inputs().iter().enumerate() {
            inputs.push(reader.read(encoding, self.input_consumer(index))?);
        }
        reader.finish()?;
        self.evaluate(&inputs)?
            .map(|value| self.encode(value))
            .transpose()
    }
}

pub(crate) struct RowReader<'a> {
    buffer: &'a [u8],
}

impl<'a> RowReader<'a> {
    pub(crate) fn new(buffer: &'a [u8]) -> Self {
        Self { buffer }
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], EvalError> {
        if self.buffer.len() < len {
            return Err(EvalError::invalid_program(format!(
                "row buffer ends early: {len} bytes needed, {} left",
                self.buffer.len()
            )));
        }
        let (head, rest) = self.buffer.split_at(len);
        self.buffer = rest;
        Ok(head)
    }

    fn take_array<const N: usize>(&mut self) -> Result<[u8; N], EvalError> {
        let bytes = self.take(N)?;
        let mut array = [0; N];
        array.copy_from_slice(bytes);
        Ok(array)
    }

    pub(crate) fn read(
        &mut self,
        encoding: Encoding,
        consumer: Consumer,
    ) -> Result<Option<Value<'a>>, EvalError> {
        if self.take_array::<1>()?[0] != 0 {
            return Ok(None);
        }
        let value = match encoding {
            Encoding::Boolean => Value::Boolean(self.take_array::<1>()?[0] != 0),
            Encoding::Double => Value::Double(f64::from_ne_bytes(self.take_array()?)),
            Encoding::String | Encoding::Wkb | Encoding::SridWkb => {
                let len = u32::from_ne_bytes(self.take_array()?) as usize;
                decode_bytes(encoding, self.take(len)?, consumer)?
            }
        };
        Ok(Some(value))
    }

    pub(crate) fn finish(self) -> Result<(), EvalError> {
        if self.buffer.is_empty() {
            Ok(())
        } else {
            Err(EvalError::invalid_program(format!(
                "{} unread bytes after the last leaf",
                self.buffer.len()
            )))
        }
    }
}

/// Packs rows in the layout above; the Rust twin of the JVM's argument buffer, for tests and
/// for callers that evaluate programs from Rust.
#[derive(Default)]
pub struct RowWriter {
    buffer: Vec<u8>,
}

impl RowWriter {
    pub fn null(&mut self) -> &mut Self {
        self.buffer.push(1);
        self
    }

    pub fn boolean(&mut self, value: bool) -> &mut Self {
        self.buffer.extend([0, value as u8]);
        self
    }

    pub fn double(&mut self, value: f64) -> &mut Self {
        self.buffer.push(0);
        self.buffer.extend(value.to_ne_bytes());
        self
    }

    /// A `string`, `wkb` or `srid_wkb` leaf.
    pub fn bytes(&mut self, value: &[u8]) -> &mut Self {
        self.buffer.push(0);
        self.buffer.extend((value.len() as u32).to_ne_bytes());
        self.buffer.extend(value);
        self
    }

    pub fn finish(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buffer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    const CONTAINS_POINT: &str = r#"{
        "inputs": ["double", "double"], "constants": ["wkb"], "output": "boolean",
        "nodes": [
            {"function": "st_point", "args": [{"input": 0}, {"input": 1}]},
            {"function": "st_contains", "args": [{"constant": 0}, {"node": 0}]}
        ]}"#;

    fn square_wkb() -> Vec<u8> {
        strabo_geom::Geom::from_wkt(0, "POLYGON((0 0,4 0,4 4,0 4,0 0))")
            .unwrap()
            .to_wkb()
            .unwrap()
    }

    #[test]
    fn evaluates_a_fused_tree_with_a_constant() {
        let program = Program::compile(
            CONTAINS_POINT,
            &RowWriter::default().bytes(&square_wkb()).finish(),
        )
        .unwrap();
        let row = |x, y| {
            program
                .eval_row(&RowWriter::default().double(x).double(y).finish())
                .unwrap()
        };
        assert_eq!(row(1.0, 2.0), Some(Output::Boolean(true)));
        assert_eq!(row(5.0, 2.0), Some(Output::Boolean(false)));
        let null_row = program
            .eval_row(&RowWriter::default().null().double(1.0).finish())
            .unwrap();
        assert_eq!(null_row, None);
    }

    #[test]
    fn bad_wkt_names_function_and_value() {
        let program = Program::compile(
            r#"{"inputs": ["string"], "constants": [], "output": "double", "nodes": [
                {"function": "st_geomFromWKT", "args": [{"input": 0}]},
                {"function": "st_area", "args": [{"node": 0}]}]}"#,
            &[],
        )
        .unwrap();
        let err = program
            .eval_row(&RowWriter::default().bytes(b"POLYGON((0 0,4 0").finish())
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidArgument);
        assert_eq!(err.to_string(), "st_geomFromWKT: invalid WKT: Missing closing parenthesis for type; wkt = 'POLYGON((0 0,4 0'");
    }

    #[test]
    fn truncated_wkb_names_function_and_bytes() {
        let program = crate::test_programs::area_of_wkb();
        let err = program
            .eval_row(&RowWriter::default().bytes(&[1, 3, 0]).finish())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "st_area: invalid WKB: truncated header (3 bytes); geom = X'010300'"
        );
    }

    #[test]
    fn srid_is_carried_through_geometry_outputs() {
        let program = Program::compile(
            r#"{"inputs": ["srid_wkb"], "constants": [], "output": "srid_wkb", "nodes": [
                {"function": "st_envelope", "args": [{"input": 0}]}]}"#,
            &[],
        )
        .unwrap();
        let mut input = 3857i32.to_le_bytes().to_vec();
        // Already in envelope vertex order, so the envelope is the same polygon.
        input.extend(
            strabo_geom::constructors::bbox(0., 0., 4., 4.)
                .to_wkb()
                .unwrap(),
        );
        let Some(Output::Bytes(out)) = program
            .eval_row(&RowWriter::default().bytes(&input).finish())
            .unwrap()
        else {
            panic!("expected bytes")
        };
        assert_eq!(out, input);
    }

    #[test]
    fn inconsistent_programs_are_refused() {
        for bad in [
            r#"{"inputs": [], "constants": [], "output": "double", "nodes": []}"#,
            r#"{"inputs": ["double"], "constants": [], "output": "double", "nodes": [{"function": "st_area", "args": [{"input": 0}]}]}"#,
            r#"{"inputs": ["wkb"], "constants": [], "output": "boolean", "nodes": [{"function": "st_area", "args": [{"input": 0}]}]}"#,
            r#"{"inputs": ["wkb"], "constants": [], "output": "srid_wkb", "nodes": [{"function": "st_geomFromWKB", "args": [{"input": 0}]}]}"#,
            r#"{"inputs": ["wkb", "wkb"], "constants": [], "output": "double", "nodes": [{"function": "st_area", "args": [{"input": 0}]}]}"#,
            r#"{"inputs": ["wkb"], "constants": [], "output": "double", "nodes": [{"function": "st_nope", "args": [{"input": 0}]}]}"#,
        ] {
            let err = Program::compile(bad, &[])
                .err()
                .unwrap_or_else(|| panic!("accepted {bad}"));
            assert_eq!(err.kind, ErrorKind::InvalidProgram, "{bad}");
        }
    }
}
