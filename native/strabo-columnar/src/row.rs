//! The JVM's row layout: how one row of inputs (or a program's constants) arrives packed in a
//! byte buffer, and how one result value goes back.
//!
//! Each value is a null flag byte (`0` = a value follows, `1` = NULL), then:
//!
//! | type | bytes |
//! |---|---|
//! | boolean | 1: `0` or `1` |
//! | int | 4 |
//! | bigint, double | 8 |
//! | string, binary, geometry | 4-byte length, then that many bytes |
//! | array (results only) | 4-byte count, then each item as a value |
//!
//! Numbers are little-endian, the JVM's `Unsafe` order on every platform Strabo supports.

use crate::bits::{BitBuf, NullBuf};
use crate::types::{GeomEncoding, Physical, Scalar};
use crate::view::{BoolView, BytesView, ColumnView, GeomValues, GeomView, PrimView};

/// A row buffer that does not match the program's inputs: a bug, or a jar and a native library
/// from different builds.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutError(pub String);

/// Writes the null flag; returns whether a value follows.
#[inline]
pub fn null_flag(out: &mut Vec<u8>, valid: bool) -> bool {
    out.push(!valid as u8);
    valid
}

/// Writes a length-prefixed value.
#[inline]
pub fn bytes(out: &mut Vec<u8>, value: &[u8]) {
    out.extend_from_slice(&(value.len() as u32).to_le_bytes());
    out.extend_from_slice(value);
}

struct Reader<'a> {
    buffer: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], LayoutError> {
        let (head, rest) = self
            .buffer
            .split_first_chunk::<N>()
            .ok_or_else(|| self.short(N))?;
        self.buffer = rest;
        Ok(*head)
    }

    fn take_slice(&mut self, len: usize) -> Result<&'a [u8], LayoutError> {
        if self.buffer.len() < len {
            return Err(self.short(len));
        }
        let (head, rest) = self.buffer.split_at(len);
        self.buffer = rest;
        Ok(head)
    }

    fn short(&self, needed: usize) -> LayoutError {
        LayoutError(format!(
            "row buffer ends early: {needed} bytes needed, {} left",
            self.buffer.len()
        ))
    }

    /// `None` for NULL.
    fn value(&mut self, ty: Physical) -> Result<Option<Value<'a>>, LayoutError> {
        if self.take::<1>()?[0] != 0 {
            return Ok(None);
        }
        Ok(Some(match ty {
            Physical::Boolean => Value::Boolean(self.take::<1>()?[0] != 0),
            Physical::Int => Value::Int(i32::from_le_bytes(self.take()?)),
            Physical::BigInt => Value::BigInt(i64::from_le_bytes(self.take()?)),
            Physical::Double => Value::Double(f64::from_le_bytes(self.take()?)),
            Physical::String | Physical::Binary | Physical::Geometry(_) => {
                let len = u32::from_le_bytes(self.take()?) as usize;
                Value::Bytes(self.take_slice(len)?)
            }
        }))
    }

    fn finish(self) -> Result<(), LayoutError> {
        match self.buffer.len() {
            0 => Ok(()),
            left => Err(LayoutError(format!(
                "{left} unread bytes after the last value"
            ))),
        }
    }
}

enum Value<'a> {
    Boolean(bool),
    Int(i32),
    BigInt(i64),
    Double(f64),
    Bytes(&'a [u8]),
}

/// Decodes constants packed as one row.
pub fn decode_scalars(types: &[Physical], buffer: &[u8]) -> Result<Vec<Scalar>, LayoutError> {
    let mut reader = Reader { buffer };
    let scalars = types
        .iter()
        .map(|&ty| {
            Ok(match (reader.value(ty)?, ty) {
                (None, _) => Scalar::Null,
                (Some(Value::Boolean(b)), _) => Scalar::Boolean(b),
                (Some(Value::Int(v)), _) => Scalar::Int(v),
                (Some(Value::BigInt(v)), _) => Scalar::BigInt(v),
                (Some(Value::Double(v)), _) => Scalar::Double(v),
                (Some(Value::Bytes(b)), Physical::String) => Scalar::String(
                    String::from_utf8(b.to_vec())
                        .map_err(|e| LayoutError(format!("a string constant is not UTF-8: {e}")))?,
                ),
                (Some(Value::Bytes(b)), Physical::Geometry(GeomEncoding::Wkb { srid })) => {
                    Scalar::Geometry(srid, b.to_vec())
                }
                (Some(Value::Bytes(b)), Physical::Geometry(GeomEncoding::SridWkb)) => {
                    match b.split_first_chunk::<4>() {
                        Some((srid, wkb)) => {
                            Scalar::Geometry(i32::from_le_bytes(*srid), wkb.to_vec())
                        }
                        // Too short to hold an SRID: kept as it is, for the kernel to refuse.
                        None => Scalar::Geometry(0, b.to_vec()),
                    }
                }
                (Some(Value::Bytes(b)), _) => Scalar::Binary(b.to_vec()),
            })
        })
        .collect::<Result<Vec<_>, LayoutError>>()?;
    reader.finish()?;
    Ok(scalars)
}

/// Decodes rows of inputs into columns, reusing its buffers from call to call: the per-row
/// path decodes one row at a time, aggregates many.
pub struct RowsDecoder {
    types: Vec<Physical>,
    columns: Vec<Decoded>,
    rows: usize,
}

#[derive(Default)]
struct Decoded {
    validity: NullBuf,
    booleans: BitBuf,
    ints: Vec<i32>,
    bigints: Vec<i64>,
    doubles: Vec<f64>,
    offsets: Vec<i32>,
    data: Vec<u8>,
}

impl RowsDecoder {
    pub fn new(types: Vec<Physical>) -> Self {
        let columns = types.iter().map(|_| Decoded::default()).collect();
        RowsDecoder {
            types,
            columns,
            rows: 0,
        }
    }

    /// Decodes `rows` rows packed one after another in `buffer`.
    pub fn decode(&mut self, buffer: &[u8], rows: usize) -> Result<(), LayoutError> {
        for column in &mut self.columns {
            column.validity.clear();
            column.booleans.clear();
            column.ints.clear();
            column.bigints.clear();
            column.doubles.clear();
            column.offsets.clear();
            column.offsets.push(0);
            column.data.clear();
        }
        let mut reader = Reader { buffer };
        for _ in 0..rows {
            for (column, &ty) in self.columns.iter_mut().zip(&self.types) {
                let value = reader.value(ty)?;
                match value {
                    Some(_) => column.validity.push_valid(),
                    None => column.validity.push_null(),
                }
                match value {
                    None => match ty {
                        Physical::Boolean => column.booleans.push(false),
                        Physical::Int => column.ints.push(0),
                        Physical::BigInt => column.bigints.push(0),
                        Physical::Double => column.doubles.push(0.0),
                        _ => column.offsets.push(column.data.len() as i32),
                    },
                    Some(Value::Boolean(b)) => column.booleans.push(b),
                    Some(Value::Int(v)) => column.ints.push(v),
                    Some(Value::BigInt(v)) => column.bigints.push(v),
                    Some(Value::Double(v)) => column.doubles.push(v),
                    Some(Value::Bytes(b)) => {
                        column.data.extend_from_slice(b);
                        let end = i32::try_from(column.data.len()).map_err(|_| {
                            LayoutError("more than 2 GiB of values in one call".into())
                        })?;
                        column.offsets.push(end);
                    }
                }
            }
        }
        reader.finish()?;
        self.rows = rows;
        Ok(())
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Views of the decoded columns, one per input.
    pub fn views(&self) -> impl Iterator<Item = ColumnView<'_>> {
        self.columns
            .iter()
            .zip(&self.types)
            .map(|(column, &ty)| column.view(ty))
    }
}

impl Decoded {
    fn view(&self, ty: Physical) -> ColumnView<'_> {
        let validity = self.validity.validity();
        let bytes = || BytesView::new(&self.offsets, &self.data, validity);
        match ty {
            Physical::Boolean => ColumnView::Boolean(BoolView {
                values: self.booleans.bits(),
                validity,
            }),
            Physical::Int => ColumnView::Int(PrimView {
                values: &self.ints,
                validity,
            }),
            Physical::BigInt => ColumnView::BigInt(PrimView {
                values: &self.bigints,
                validity,
            }),
            Physical::Double => ColumnView::Double(PrimView {
                values: &self.doubles,
                validity,
            }),
            Physical::String => ColumnView::String(bytes()),
            Physical::Binary => ColumnView::Binary(bytes()),
            Physical::Geometry(GeomEncoding::Wkb { srid }) => ColumnView::Geometry(GeomView::new(
                GeomValues::Wkb {
                    bytes: bytes(),
                    srid,
                },
                validity,
            )),
            Physical::Geometry(GeomEncoding::SridWkb) => {
                ColumnView::Geometry(GeomView::new(GeomValues::SridWkb(bytes()), validity))
            }
        }
    }
}

/// Packs rows in the layout above: the Rust twin of the JVM's row writer, for tests and for
/// callers that evaluate programs from Rust.
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

    pub fn int(&mut self, value: i32) -> &mut Self {
        self.buffer.push(0);
        self.buffer.extend(value.to_le_bytes());
        self
    }

    pub fn bigint(&mut self, value: i64) -> &mut Self {
        self.buffer.push(0);
        self.buffer.extend(value.to_le_bytes());
        self
    }

    pub fn double(&mut self, value: f64) -> &mut Self {
        self.buffer.push(0);
        self.buffer.extend(value.to_le_bytes());
        self
    }

    /// A string, binary or geometry value.
    pub fn bytes(&mut self, value: &[u8]) -> &mut Self {
        self.buffer.push(0);
        bytes(&mut self.buffer, value);
        self
    }

    pub fn finish(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buffer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_rows_into_columns() {
        let types = vec![
            Physical::Double,
            Physical::String,
            Physical::Int,
            Physical::Geometry(GeomEncoding::SridWkb),
        ];
        let mut writer = RowWriter::default();
        writer
            .double(2.5)
            .bytes(b"hi")
            .null()
            .bytes(&[1, 2, 3, 4, 9]);
        writer.null().bytes(b"").int(7).null();
        let buffer = writer.finish();
        let mut decoder = RowsDecoder::new(types);
        decoder.decode(&buffer, 2).unwrap();
        let views: Vec<ColumnView> = decoder.views().collect();
        let ColumnView::Double(d) = views[0] else {
            panic!()
        };
        assert_eq!(d.values, [2.5, 0.0]);
        assert!(!d.validity.is_valid(1));
        let ColumnView::String(s) = views[1] else {
            panic!()
        };
        assert_eq!((s.value(0), s.value(1)), (&b"hi"[..], &b""[..]));
        let ColumnView::Int(i) = views[2] else {
            panic!()
        };
        assert_eq!((i.validity.is_valid(0), i.values[1]), (false, 7));
        let ColumnView::Geometry(g) = views[3] else {
            panic!()
        };
        assert_eq!(g.srid(0), i32::from_le_bytes([1, 2, 3, 4]));
        assert!(!g.validity.is_valid(1));
    }

    #[test]
    fn short_and_long_buffers_are_layout_errors() {
        let mut decoder = RowsDecoder::new(vec![Physical::Double]);
        assert!(decoder.decode(&[0, 1, 2], 1).is_err());
        let long = RowWriter::default().double(1.0).double(2.0).finish();
        assert!(decoder.decode(&long, 1).is_err());
        assert!(decoder.decode(&long, 2).is_ok());
    }

    #[test]
    fn constants() {
        let buffer = RowWriter::default()
            .bytes(b"quad_segs=2")
            .null()
            .bytes(&[0xE6, 0x10, 0, 0, 1])
            .finish();
        let scalars = decode_scalars(
            &[
                Physical::String,
                Physical::Double,
                Physical::Geometry(GeomEncoding::SridWkb),
            ],
            &buffer,
        )
        .unwrap();
        assert_eq!(
            scalars,
            [
                Scalar::String("quad_segs=2".into()),
                Scalar::Null,
                Scalar::Geometry(4326, vec![1])
            ]
        );
    }
}
