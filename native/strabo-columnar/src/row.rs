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
//! | array | 4-byte count, then each item as a value |
//! | struct | each field as a value |
//!
//! Numbers are little-endian, the JVM's `Unsafe` order on every platform Strabo supports.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int32Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, BinaryArray, BooleanArray, ListArray, PrimitiveArray, StringArray, StructArray,
};
use arrow_buffer::{OffsetBuffer, ScalarBuffer};
use arrow_schema::DataType;

use crate::bits::{BitBuf, NullBuf};
use crate::types::{GeomEncoding, Physical, Scalar, SqlType};
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
            Physical::Nested(ty) => {
                return Err(LayoutError(format!("{} is not a scalar type", ty.sql())))
            }
        }))
    }

    /// A count before an array's items; each takes at least its null flag, so a count larger
    /// than the bytes left is refused before anything is allocated for it.
    fn count(&mut self) -> Result<usize, LayoutError> {
        let count = u32::from_le_bytes(self.take()?) as usize;
        if count > self.buffer.len() {
            return Err(LayoutError(format!(
                "an array of {count} items in {} bytes",
                self.buffer.len()
            )));
        }
        Ok(count)
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
            if let Physical::Nested(nested) = ty {
                let mut builder = Nested::new(nested);
                builder.read(&mut reader)?;
                let array = builder.finish()?;
                return Ok(if array.is_null(0) {
                    Scalar::Null
                } else {
                    Scalar::Nested(array)
                });
            }
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
    columns: Vec<Column>,
    rows: usize,
}

enum Column {
    Scalar(Decoded),
    /// An ARRAY or STRUCT input, built into an Arrow array that kernels read through Arrow.
    Nested(Nested, ArrayRef),
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
        let columns = types
            .iter()
            .map(|ty| match ty {
                Physical::Nested(nested) => {
                    let mut builder = Nested::new(*nested);
                    let empty = builder.finish().expect("no rows build an empty array");
                    Column::Nested(builder, empty)
                }
                _ => Column::Scalar(Decoded::default()),
            })
            .collect();
        RowsDecoder {
            types,
            columns,
            rows: 0,
        }
    }

    /// Decodes `rows` rows packed one after another in `buffer`.
    pub fn decode(&mut self, buffer: &[u8], rows: usize) -> Result<(), LayoutError> {
        for column in &mut self.columns {
            match column {
                Column::Scalar(decoded) => decoded.clear(),
                Column::Nested(builder, _) => builder.clear(),
            }
        }
        let mut reader = Reader { buffer };
        for _ in 0..rows {
            for (column, &ty) in self.columns.iter_mut().zip(&self.types) {
                match column {
                    Column::Scalar(decoded) => decoded.push(reader.value(ty)?, ty)?,
                    Column::Nested(builder, _) => builder.read(&mut reader)?,
                }
            }
        }
        reader.finish()?;
        for column in &mut self.columns {
            if let Column::Nested(builder, array) = column {
                *array = builder.finish()?;
            }
        }
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
            .map(|(column, &ty)| match column {
                Column::Scalar(decoded) => decoded.view(ty),
                Column::Nested(_, array) => ColumnView::Nested(array.as_ref()),
            })
    }
}

impl Decoded {
    fn clear(&mut self) {
        self.validity.clear();
        self.booleans.clear();
        self.ints.clear();
        self.bigints.clear();
        self.doubles.clear();
        self.offsets.clear();
        self.offsets.push(0);
        self.data.clear();
    }

    fn len(&self) -> usize {
        self.validity.len()
    }

    fn push(&mut self, value: Option<Value>, ty: Physical) -> Result<(), LayoutError> {
        match value {
            Some(_) => self.validity.push_valid(),
            None => self.validity.push_null(),
        }
        match value {
            None => match ty {
                Physical::Boolean => self.booleans.push(false),
                Physical::Int => self.ints.push(0),
                Physical::BigInt => self.bigints.push(0),
                Physical::Double => self.doubles.push(0.0),
                _ => self.offsets.push(self.data.len() as i32),
            },
            Some(Value::Boolean(b)) => self.booleans.push(b),
            Some(Value::Int(v)) => self.ints.push(v),
            Some(Value::BigInt(v)) => self.bigints.push(v),
            Some(Value::Double(v)) => self.doubles.push(v),
            Some(Value::Bytes(b)) => {
                self.data.extend_from_slice(b);
                let end = i32::try_from(self.data.len())
                    .map_err(|_| LayoutError("more than 2 GiB of values in one call".into()))?;
                self.offsets.push(end);
            }
        }
        Ok(())
    }

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
            Physical::Nested(_) => unreachable!("nested columns are decoded into Arrow arrays"),
        }
    }

    /// The values as an Arrow array of `ty`, leaving this empty.
    fn take_array(&mut self, ty: Physical) -> Result<ArrayRef, LayoutError> {
        let nulls = self.validity.take_nulls();
        let offsets = OffsetBuffer::new(ScalarBuffer::from(std::mem::replace(
            &mut self.offsets,
            vec![0],
        )));
        let array: ArrayRef = match ty {
            Physical::Boolean => Arc::new(BooleanArray::new(
                self.booleans.take_boolean_buffer(),
                nulls,
            )),
            Physical::Int => Arc::new(PrimitiveArray::<Int32Type>::new(
                std::mem::take(&mut self.ints).into(),
                nulls,
            )),
            Physical::BigInt => Arc::new(PrimitiveArray::<Int64Type>::new(
                std::mem::take(&mut self.bigints).into(),
                nulls,
            )),
            Physical::Double => Arc::new(PrimitiveArray::<Float64Type>::new(
                std::mem::take(&mut self.doubles).into(),
                nulls,
            )),
            Physical::String => Arc::new(
                StringArray::try_new(offsets, std::mem::take(&mut self.data).into(), nulls)
                    .map_err(|e| LayoutError(format!("a string is not UTF-8: {e}")))?,
            ),
            Physical::Binary | Physical::Geometry(_) => Arc::new(BinaryArray::new(
                offsets,
                std::mem::take(&mut self.data).into(),
                nulls,
            )),
            Physical::Nested(_) => unreachable!("nested values are built by `Nested`"),
        };
        self.clear();
        Ok(array)
    }
}

/// Builds ARRAY and STRUCT values read from the row layout into Arrow arrays, by recursion over
/// their type.
enum Nested {
    Leaf(Physical, Decoded),
    List {
        item_type: SqlType,
        offsets: Vec<i32>,
        validity: NullBuf,
        items: Box<Nested>,
    },
    Struct {
        ty: SqlType,
        validity: NullBuf,
        fields: Vec<Nested>,
    },
}

impl Nested {
    fn new(ty: SqlType) -> Nested {
        let mut builder = match ty {
            SqlType::Array(item) => Nested::List {
                item_type: *item,
                offsets: Vec::new(),
                validity: NullBuf::default(),
                items: Box::new(Nested::new(*item)),
            },
            SqlType::Struct(fields) => Nested::Struct {
                ty,
                validity: NullBuf::default(),
                fields: fields.iter().map(|f| Nested::new(f.ty)).collect(),
            },
            scalar => Nested::Leaf(Physical::of(scalar), Decoded::default()),
        };
        builder.clear();
        builder
    }

    fn clear(&mut self) {
        match self {
            Nested::Leaf(_, decoded) => decoded.clear(),
            Nested::List {
                offsets,
                validity,
                items,
                ..
            } => {
                offsets.clear();
                offsets.push(0);
                validity.clear();
                items.clear();
            }
            Nested::Struct {
                validity, fields, ..
            } => {
                validity.clear();
                fields.iter_mut().for_each(Nested::clear);
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Nested::Leaf(_, decoded) => decoded.len(),
            Nested::List { validity, .. } | Nested::Struct { validity, .. } => validity.len(),
        }
    }

    /// Reads one value, with its null flag.
    fn read(&mut self, reader: &mut Reader) -> Result<(), LayoutError> {
        match self {
            Nested::Leaf(ty, decoded) => decoded.push(reader.value(*ty)?, *ty),
            Nested::List {
                offsets,
                validity,
                items,
                ..
            } => {
                if reader.take::<1>()?[0] == 0 {
                    for _ in 0..reader.count()? {
                        items.read(reader)?;
                    }
                    validity.push_valid();
                } else {
                    validity.push_null();
                }
                let end = i32::try_from(items.len())
                    .map_err(|_| LayoutError("more than 2^31 items in one call".into()))?;
                offsets.push(end);
                Ok(())
            }
            Nested::Struct {
                validity, fields, ..
            } => {
                if reader.take::<1>()?[0] == 0 {
                    validity.push_valid();
                    fields.iter_mut().try_for_each(|field| field.read(reader))
                } else {
                    validity.push_null();
                    fields.iter_mut().try_for_each(Nested::push_null)
                }
            }
        }
    }

    /// A NULL placeholder under a NULL struct.
    fn push_null(&mut self) -> Result<(), LayoutError> {
        let null = [1u8];
        let mut reader = Reader { buffer: &null };
        match self {
            Nested::Leaf(ty, decoded) => decoded.push(None, *ty),
            _ => self.read(&mut reader),
        }
    }

    /// The values read so far as an Arrow array, leaving this empty.
    fn finish(&mut self) -> Result<ArrayRef, LayoutError> {
        let array: ArrayRef = match self {
            Nested::Leaf(ty, decoded) => return decoded.take_array(*ty),
            Nested::List {
                item_type,
                offsets,
                validity,
                items,
            } => {
                let offsets =
                    OffsetBuffer::new(ScalarBuffer::from(std::mem::replace(offsets, vec![0])));
                let field = Arc::new(item_type.arrow_field("item"));
                Arc::new(ListArray::new(
                    field,
                    offsets,
                    items.finish()?,
                    validity.take_nulls(),
                ))
            }
            Nested::Struct {
                ty,
                validity,
                fields,
            } => {
                let SqlType::Struct(declared) = ty else {
                    unreachable!("a struct builder has a struct type")
                };
                let arrays = fields
                    .iter_mut()
                    .map(Nested::finish)
                    .collect::<Result<Vec<_>, _>>()?;
                Arc::new(
                    StructArray::try_new(
                        SqlType::arrow_fields(declared),
                        arrays,
                        validity.take_nulls(),
                    )
                    .map_err(|e| LayoutError(format!("a struct does not fit its type: {e}")))?,
                )
            }
        };
        self.clear();
        Ok(array)
    }
}

/// Appends row `i` of `array` in the row layout: how any value that Strabo holds as Arrow
/// (nested results, aggregate states) reaches the JVM as one row. The layout follows from the
/// Arrow type alone: a geometry and a binary value are both length-prefixed bytes.
pub fn encode_value(array: &dyn Array, i: usize, out: &mut Vec<u8>) -> Result<(), LayoutError> {
    if !null_flag(out, array.is_valid(i)) {
        return Ok(());
    }
    match array.data_type() {
        DataType::Boolean => out.push(array.as_boolean().value(i) as u8),
        DataType::Int32 => out.extend(array.as_primitive::<Int32Type>().value(i).to_le_bytes()),
        DataType::Int64 => out.extend(array.as_primitive::<Int64Type>().value(i).to_le_bytes()),
        DataType::Float64 => out.extend(array.as_primitive::<Float64Type>().value(i).to_le_bytes()),
        DataType::Utf8 => bytes(out, array.as_string::<i32>().value(i).as_bytes()),
        DataType::Binary => bytes(out, array.as_binary::<i32>().value(i)),
        DataType::List(_) => {
            let list = array.as_list::<i32>();
            let offsets = list.value_offsets();
            let (start, end) = (offsets[i] as usize, offsets[i + 1] as usize);
            out.extend(((end - start) as u32).to_le_bytes());
            let items = list.values();
            for j in start..end {
                encode_value(items.as_ref(), j, out)?;
            }
        }
        DataType::Struct(_) => {
            for column in array.as_struct().columns() {
                encode_value(column.as_ref(), i, out)?;
            }
        }
        other => return Err(LayoutError(format!("no row layout for Arrow {other}"))),
    }
    Ok(())
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

    /// The start of an array of `count` items, each written next as a value.
    pub fn array(&mut self, count: u32) -> &mut Self {
        self.buffer.push(0);
        self.buffer.extend(count.to_le_bytes());
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
    fn nested_values_round_trip_through_the_row_layout() {
        use arrow_array::builder::{BinaryBuilder, ListBuilder};
        let mut lists = ListBuilder::new(BinaryBuilder::new());
        lists.values().append_value([1, 0, 0, 0, 7]);
        lists.values().append_null();
        lists.append(true);
        lists.append(false);
        lists.append(true);
        let lists: ArrayRef = Arc::new(lists.finish());
        let mut buffer = Vec::new();
        for i in 0..3 {
            encode_value(lists.as_ref(), i, &mut buffer).unwrap();
        }
        let ty = SqlType::array_of(SqlType::Geometry);
        let mut decoder = RowsDecoder::new(vec![Physical::Nested(ty)]);
        decoder.decode(&buffer, 3).unwrap();
        let ColumnView::Nested(decoded) = decoder.views().next().unwrap() else {
            panic!()
        };
        let decoded = decoded.as_list::<i32>();
        assert_eq!(decoded.value_offsets(), [0, 2, 2, 2]);
        assert!(decoded.is_null(1) && decoded.values().is_null(1));
        assert_eq!(
            decoded.values().as_binary::<i32>().value(0),
            [1, 0, 0, 0, 7]
        );
        // A count larger than the bytes left is refused before anything is allocated.
        let mut huge = vec![0u8];
        huge.extend(u32::MAX.to_le_bytes());
        assert!(decoder.decode(&huge, 1).is_err());
        let scalars = decode_scalars(&[Physical::Nested(ty)], &buffer[..buffer.len() - 5]);
        assert!(scalars.is_err(), "two rows are not one constant");
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
