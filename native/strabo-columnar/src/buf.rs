//! Reusable, typed output buffers: what kernels write. A node's buffer keeps its capacity from
//! batch to batch (and from row to row on the per-row path); the root's is moved into an Arrow
//! array without copying, or encoded as one value in the JVM's layout.
use std::fmt::Write as _;
use std::sync::Arc;

use arrow_array::types::{Float64Type, Int32Type, Int64Type};
use arrow_array::{ArrayRef, BinaryArray, BooleanArray, ListArray, PrimitiveArray, StringArray};
use arrow_buffer::{OffsetBuffer, ScalarBuffer};
use arrow_schema::Field;
use strabo_geom::dump::WkbParts;
use strabo_geom::{Coord, Geo, Rect};

use crate::bits::{BitBuf, NullBuf, Validity};
use crate::row;
use crate::view::{BoolView, BytesView, ColumnView, GeomValues, GeomView, PrimView, SridView};

/// A node's output column.
pub trait ColumnBuf: Send + Default + 'static {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Empties the buffer, keeping its capacity.
    fn clear(&mut self);
    fn push_null(&mut self);
    /// The buffer as a view, for the kernels that read it.
    fn view(&self) -> ColumnView<'_>;
    /// Moves the values into an Arrow array, leaving the buffer empty.
    fn take_array(&mut self) -> ArrayRef;
    /// Appends row `i` in the JVM's layout (see [`crate::row`]).
    fn encode(&self, i: usize, out: &mut Vec<u8>);
    /// The SRID of the geometry the next value comes from; ignored by non-geometry buffers.
    #[inline]
    fn set_srid(&mut self, _srid: i32) {}
    /// Makes room for `rows` more values.
    fn reserve(&mut self, _rows: usize) {}
    /// Finishes a batch: called once the values are written, before the buffer is read.
    fn seal(&mut self) {}
}

/// Fixed-width numbers.
pub trait Primitive: Copy + Default + Send + 'static {
    fn view<'a>(values: &'a [Self], validity: Validity<'a>) -> ColumnView<'a>;
    fn array(values: Vec<Self>, nulls: Option<arrow_buffer::NullBuffer>) -> ArrayRef;
    fn encode(self, out: &mut Vec<u8>);
}

macro_rules! primitive {
    ($t:ty, $variant:ident, $arrow:ty) => {
        impl Primitive for $t {
            fn view<'a>(values: &'a [Self], validity: Validity<'a>) -> ColumnView<'a> {
                ColumnView::$variant(PrimView { values, validity })
            }
            fn array(values: Vec<Self>, nulls: Option<arrow_buffer::NullBuffer>) -> ArrayRef {
                Arc::new(PrimitiveArray::<$arrow>::new(
                    ScalarBuffer::from(values),
                    nulls,
                ))
            }
            fn encode(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
        }
    };
}
primitive!(i32, Int, Int32Type);
primitive!(i64, BigInt, Int64Type);
primitive!(f64, Double, Float64Type);

/// INT, BIGINT or DOUBLE results.
#[derive(Default)]
pub struct PrimBuf<T> {
    values: Vec<T>,
    validity: NullBuf,
}

impl<T: Primitive> PrimBuf<T> {
    #[inline]
    pub fn push(&mut self, value: T) {
        self.values.push(value);
        self.validity.push_valid();
    }
}

impl<T: Primitive> ColumnBuf for PrimBuf<T> {
    fn len(&self) -> usize {
        self.values.len()
    }
    fn reserve(&mut self, rows: usize) {
        self.values.reserve(rows);
    }
    fn clear(&mut self) {
        self.values.clear();
        self.validity.clear();
    }
    #[inline]
    fn push_null(&mut self) {
        self.values.push(T::default());
        self.validity.push_null();
    }
    fn view(&self) -> ColumnView<'_> {
        T::view(&self.values, self.validity.validity())
    }
    fn take_array(&mut self) -> ArrayRef {
        let nulls = self.validity.take_nulls();
        T::array(std::mem::take(&mut self.values), nulls)
    }
    fn encode(&self, i: usize, out: &mut Vec<u8>) {
        if row::null_flag(out, self.validity.is_valid(i)) {
            self.values[i].encode(out);
        }
    }
}

/// BOOLEAN results: one byte per value while they are written, packed into bits when sealed.
#[derive(Default)]
pub struct BoolBuf {
    values: Vec<bool>,
    packed: BitBuf,
    validity: NullBuf,
}

impl BoolBuf {
    #[inline]
    pub fn push(&mut self, value: bool) {
        self.values.push(value);
        self.validity.push_valid();
    }
}

impl ColumnBuf for BoolBuf {
    fn len(&self) -> usize {
        self.values.len()
    }
    fn clear(&mut self) {
        self.values.clear();
        self.packed.clear();
        self.validity.clear();
    }
    #[inline]
    fn push_null(&mut self) {
        self.values.push(false);
        self.validity.push_null();
    }
    fn reserve(&mut self, rows: usize) {
        self.values.reserve(rows);
    }
    fn seal(&mut self) {
        if self.packed.len() != self.values.len() {
            self.packed.clear();
            self.packed.extend(self.values.iter().copied());
        }
    }
    fn view(&self) -> ColumnView<'_> {
        ColumnView::Boolean(BoolView {
            values: self.packed.bits(),
            validity: self.validity.validity(),
        })
    }
    fn take_array(&mut self) -> ArrayRef {
        self.seal();
        let nulls = self.validity.take_nulls();
        let values = self.packed.take_boolean_buffer();
        self.values.clear();
        Arc::new(BooleanArray::new(values, nulls))
    }
    fn encode(&self, i: usize, out: &mut Vec<u8>) {
        if row::null_flag(out, self.validity.is_valid(i)) {
            out.push(self.values[i] as u8);
        }
    }
}

/// Offsets shared by the variable-length buffers: one more than there are rows.
#[derive(Clone)]
struct Offsets(Vec<i32>);

impl Default for Offsets {
    fn default() -> Self {
        Offsets(vec![0])
    }
}

impl Offsets {
    fn clear(&mut self) {
        self.0.truncate(1);
    }
    #[inline]
    fn push(&mut self, end: usize) {
        // Arrow's i32 offsets limit a batch to 2 GiB of values; batches are a few MB.
        self.0
            .push(i32::try_from(end).expect("a batch's values fit in 2 GiB"));
    }
    fn take(&mut self) -> OffsetBuffer<i32> {
        let offsets = std::mem::replace(&mut self.0, vec![0]);
        OffsetBuffer::new(ScalarBuffer::from(offsets))
    }
    fn len(&self) -> usize {
        self.0.len() - 1
    }
}

/// Where variable-length values are written: text as a `String`, bytes as a `Vec<u8>`.
trait ValueData: Default {
    fn bytes(&self) -> &[u8];
    fn clear(&mut self);
}

impl ValueData for String {
    fn bytes(&self) -> &[u8] {
        self.as_bytes()
    }
    fn clear(&mut self) {
        String::clear(self)
    }
}

impl ValueData for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
    fn clear(&mut self) {
        Vec::clear(self)
    }
}

/// The variable-length values of [`StringBuf`], [`BinaryBuf`] and [`GeomBuf`]: the bytes of
/// every value in one buffer, Arrow's offsets and a validity.
#[derive(Default)]
struct Values<D> {
    offsets: Offsets,
    data: D,
    validity: NullBuf,
}

impl<D: ValueData> Values<D> {
    /// Ends the value written to `data` since the last one ended.
    #[inline]
    fn end_value(&mut self) {
        self.offsets.push(self.data.bytes().len());
        self.validity.push_valid();
    }
    fn len(&self) -> usize {
        self.offsets.len()
    }
    fn clear(&mut self) {
        self.offsets.clear();
        self.data.clear();
        self.validity.clear();
    }
    fn push_null(&mut self) {
        self.offsets.push(self.data.bytes().len());
        self.validity.push_null();
    }
    fn bytes_view<'a>(&'a self, validity: Validity<'a>) -> BytesView<'a> {
        BytesView::new(&self.offsets.0, self.data.bytes(), validity)
    }
    /// The offsets, the values and the validity, leaving the buffer empty.
    fn take(&mut self) -> (OffsetBuffer<i32>, D, Option<arrow_buffer::NullBuffer>) {
        let nulls = self.validity.take_nulls();
        (self.offsets.take(), std::mem::take(&mut self.data), nulls)
    }
    fn encode(&self, i: usize, out: &mut Vec<u8>) {
        if row::null_flag(out, self.validity.is_valid(i)) {
            let (start, end) = (self.offsets.0[i] as usize, self.offsets.0[i + 1] as usize);
            row::bytes(out, &self.data.bytes()[start..end]);
        }
    }
}

/// STRING results, written through `std::fmt::Write`.
#[derive(Default)]
pub struct StringBuf(Values<String>);

impl StringBuf {
    #[inline]
    pub fn push(&mut self, value: &str) {
        self.0.data.push_str(value);
        self.0.end_value();
    }

    /// Writes one value through `write`; nothing is kept if it fails.
    pub fn push_with<E>(
        &mut self,
        write: impl FnOnce(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        let start = self.0.data.len();
        match write(&mut self.0.data) {
            Ok(()) => {
                self.0.end_value();
                Ok(())
            }
            Err(err) => {
                self.0.data.truncate(start);
                Err(err)
            }
        }
    }

    /// Appends a value formatted with `Display`.
    pub fn push_display(&mut self, value: impl std::fmt::Display) {
        let _ = write!(self.0.data, "{value}");
        self.0.end_value();
    }
}

impl ColumnBuf for StringBuf {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn clear(&mut self) {
        self.0.clear()
    }
    fn push_null(&mut self) {
        self.0.push_null()
    }
    fn view(&self) -> ColumnView<'_> {
        ColumnView::String(self.0.bytes_view(self.0.validity.validity()))
    }
    fn take_array(&mut self) -> ArrayRef {
        let (offsets, data, nulls) = self.0.take();
        // SAFETY: the values were written as `&str`, and the offsets fall between them.
        Arc::new(unsafe { StringArray::new_unchecked(offsets, data.into_bytes().into(), nulls) })
    }
    fn encode(&self, i: usize, out: &mut Vec<u8>) {
        self.0.encode(i, out)
    }
}

/// BINARY results.
#[derive(Default)]
pub struct BinaryBuf(Values<Vec<u8>>);

impl BinaryBuf {
    #[inline]
    pub fn push(&mut self, value: &[u8]) {
        self.0.data.extend_from_slice(value);
        self.0.end_value();
    }
}

impl ColumnBuf for BinaryBuf {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn clear(&mut self) {
        self.0.clear()
    }
    fn push_null(&mut self) {
        self.0.push_null()
    }
    fn view(&self) -> ColumnView<'_> {
        ColumnView::Binary(self.0.bytes_view(self.0.validity.validity()))
    }
    fn take_array(&mut self) -> ArrayRef {
        let (offsets, data, nulls) = self.0.take();
        Arc::new(BinaryArray::new(offsets, data.into(), nulls))
    }
    fn encode(&self, i: usize, out: &mut Vec<u8>) {
        self.0.encode(i, out)
    }
}

/// GEOMETRY results in Spark's layout: each value is its SRID (little-endian `i32`) followed by
/// ISO WKB, so the root's buffer is exported as it is.
#[derive(Default)]
pub struct GeomBuf {
    values: Values<Vec<u8>>,
    srid: i32,
}

impl GeomBuf {
    /// Appends a geometry as it is (Z and M kept).
    #[inline]
    pub fn push(&mut self, geometry: &Geo) {
        geometry.write_wkb(self.begin_value());
        self.values.end_value();
    }

    /// Appends any `geo-traits` geometry, e.g. a `geo` shape a kernel built.
    pub fn push_geometry(&mut self, geometry: &impl geo_traits::GeometryTrait<T = f64>) {
        strabo_geom::write_wkb(geometry, self.begin_value());
        self.values.end_value();
    }

    /// The SRID the next value gets: the one the batch loop set for this row (the SRID its
    /// geometry arguments share) until the kernel sets another.
    pub fn srid(&self) -> i32 {
        self.srid
    }

    /// Appends the ISO WKB that `write` appends to the buffer it is given: a kernel that writes
    /// WKB itself, keeping Z and M. On an error nothing of the value is kept.
    pub fn push_wkb<E>(
        &mut self,
        write: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.push_wkb_or_null(|out| write(out).map(|()| true))
    }

    /// As [`GeomBuf::push_wkb`], but `write` may answer `false`, having written nothing, for a
    /// NULL result.
    pub fn push_wkb_or_null<E>(
        &mut self,
        write: impl FnOnce(&mut Vec<u8>) -> Result<bool, E>,
    ) -> Result<(), E> {
        let start = self.values.data.len();
        let written = write(self.begin_value());
        match written {
            Ok(true) => self.values.end_value(),
            Ok(false) => {
                self.values.data.truncate(start);
                self.values.push_null();
            }
            Err(_) => self.values.data.truncate(start),
        }
        written.map(|_| ())
    }

    /// Starts a value with its SRID; the WKB follows.
    #[inline]
    fn begin_value(&mut self) -> &mut Vec<u8> {
        self.values.data.extend_from_slice(&self.srid.to_le_bytes());
        &mut self.values.data
    }
}

/// `st_dump` and others write parts of geometries one by one.
impl WkbParts for GeomBuf {
    fn begin(&mut self) -> &mut Vec<u8> {
        self.begin_value()
    }
    fn end(&mut self) {
        self.values.end_value();
    }
}

impl ColumnBuf for GeomBuf {
    fn len(&self) -> usize {
        self.values.len()
    }
    fn clear(&mut self) {
        self.values.clear()
    }
    fn push_null(&mut self) {
        self.values.push_null()
    }
    fn view(&self) -> ColumnView<'_> {
        ColumnView::Geometry(GeomView::new(
            GeomValues::SridWkb(self.values.bytes_view(Validity::AllValid)),
            self.values.validity.validity(),
        ))
    }
    fn take_array(&mut self) -> ArrayRef {
        let (offsets, data, nulls) = self.values.take();
        Arc::new(BinaryArray::new(offsets, data.into(), nulls))
    }
    fn encode(&self, i: usize, out: &mut Vec<u8>) {
        self.values.encode(i, out)
    }
    #[inline]
    fn set_srid(&mut self, srid: i32) {
        self.srid = srid;
    }
}

/// Geometries of one fixed shape held as coordinate columns, encoded as WKB only when they
/// leave: points as (x, y), what `st_point` makes ([`PointBuf`]); rectangles as (xmin, ymin,
/// xmax, ymax), what `st_makeBBOX` makes ([`RectBuf`]).
pub struct CoordBuf<const N: usize> {
    columns: [Vec<f64>; N],
    srids: SridBuf,
    validity: NullBuf,
}

pub type PointBuf = CoordBuf<2>;
pub type RectBuf = CoordBuf<4>;

impl<const N: usize> Default for CoordBuf<N> {
    fn default() -> Self {
        CoordBuf {
            columns: std::array::from_fn(|_| Vec::new()),
            srids: SridBuf::default(),
            validity: NullBuf::default(),
        }
    }
}

impl<const N: usize> CoordBuf<N> {
    #[inline]
    fn push_values(&mut self, values: [f64; N]) {
        for (column, value) in self.columns.iter_mut().zip(values) {
            column.push(value);
        }
        self.srids.push();
        self.validity.push_valid();
    }

    /// Row `i` as a kernel reads it.
    #[inline]
    fn geo(&self, i: usize) -> Geo<'static> {
        let c = &self.columns;
        if N == 2 {
            Geo::Point(Coord {
                x: c[0][i],
                y: c[1][i],
            })
        } else {
            Geo::Rect(Rect::new(
                Coord {
                    x: c[0][i],
                    y: c[1][i],
                },
                Coord {
                    x: c[2][i],
                    y: c[3][i],
                },
            ))
        }
    }

    fn encode_value(&self, i: usize, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.srids.get(i).to_le_bytes());
        self.geo(i).write_wkb(out);
    }
}

impl PointBuf {
    /// Appends a batch of points from two coordinate columns, copying them whole: what
    /// `st_point(x, y)` does with two columns. The SRID is the one last set.
    pub fn extend(&mut self, x: &[f64], y: &[f64], validity: Validity) {
        self.columns[0].extend_from_slice(x);
        self.columns[1].extend_from_slice(y);
        self.srids.push_n(x.len());
        self.validity.extend(validity, x.len());
    }

    #[inline]
    pub fn push(&mut self, coord: Coord<f64>) {
        self.push_values([coord.x, coord.y]);
    }
}

impl RectBuf {
    #[inline]
    pub fn push(&mut self, rect: Rect<f64>) {
        let (min, max) = (rect.min(), rect.max());
        self.push_values([min.x, min.y, max.x, max.y]);
    }
}

impl<const N: usize> ColumnBuf for CoordBuf<N> {
    fn len(&self) -> usize {
        self.columns[0].len()
    }
    fn clear(&mut self) {
        self.columns.iter_mut().for_each(Vec::clear);
        self.srids.clear();
        self.validity.clear();
    }
    #[inline]
    fn push_null(&mut self) {
        self.columns.iter_mut().for_each(|column| column.push(0.0));
        self.srids.push();
        self.validity.push_null();
    }
    fn reserve(&mut self, rows: usize) {
        self.columns
            .iter_mut()
            .for_each(|column| column.reserve(rows));
    }
    fn view(&self) -> ColumnView<'_> {
        let c = &self.columns;
        let srid = self.srids.view();
        let values = if N == 2 {
            GeomValues::Points {
                x: &c[0],
                y: &c[1],
                srid,
            }
        } else {
            GeomValues::Rects {
                min_x: &c[0],
                min_y: &c[1],
                max_x: &c[2],
                max_y: &c[3],
                srid,
            }
        };
        ColumnView::Geometry(GeomView::new(values, self.validity.validity()))
    }
    fn take_array(&mut self) -> ArrayRef {
        let mut offsets = Offsets::default();
        let mut data = Vec::with_capacity(self.len() * (9 + 8 * N + 8));
        for i in 0..self.len() {
            if self.validity.is_valid(i) {
                self.encode_value(i, &mut data);
            }
            offsets.push(data.len());
        }
        let nulls = self.validity.take_nulls();
        self.clear();
        Arc::new(BinaryArray::new(offsets.take(), data.into(), nulls))
    }
    fn encode(&self, i: usize, out: &mut Vec<u8>) {
        if row::null_flag(out, self.validity.is_valid(i)) {
            let mut value = Vec::with_capacity(9 + 8 * N + 8);
            self.encode_value(i, &mut value);
            row::bytes(out, &value);
        }
    }
    #[inline]
    fn set_srid(&mut self, srid: i32) {
        self.srids.set(srid);
    }
}

/// The SRIDs of a column of points or rectangles: one number while they agree (the usual case),
/// one per row from the first that differs.
#[derive(Default)]
struct SridBuf {
    current: i32,
    first: Option<i32>,
    len: usize,
    per_row: Vec<i32>,
}

impl SridBuf {
    #[inline]
    fn set(&mut self, srid: i32) {
        self.current = srid;
    }

    #[inline]
    fn push(&mut self) {
        match self.first {
            None => self.first = Some(self.current),
            Some(first) if first != self.current && self.per_row.is_empty() => {
                self.per_row.extend(std::iter::repeat_n(first, self.len));
            }
            Some(_) => {}
        }
        if !self.per_row.is_empty() {
            self.per_row.push(self.current);
        }
        self.len += 1;
    }

    /// Appends `n` rows of the current SRID.
    fn push_n(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        self.push();
        if self.per_row.is_empty() {
            self.len += n - 1;
        } else {
            (1..n).for_each(|_| self.push());
        }
    }

    fn get(&self, i: usize) -> i32 {
        match self.per_row.get(i) {
            Some(&srid) => srid,
            None => self.first.unwrap_or(0),
        }
    }

    fn view(&self) -> SridView<'_> {
        if self.per_row.is_empty() {
            SridView::Fixed(self.first.unwrap_or(0))
        } else {
            SridView::PerRow(&self.per_row)
        }
    }

    fn clear(&mut self) {
        self.first = None;
        self.len = 0;
        self.per_row.clear();
    }
}

/// ARRAY results: each row is a run of values of the child buffer. Sealed into an Arrow array,
/// which the kernels of later nodes read and the row layout is encoded from.
#[derive(Default)]
pub struct ListBuf<B> {
    offsets: Offsets,
    items: B,
    validity: NullBuf,
    sealed: Option<ArrayRef>,
}

impl<B: ColumnBuf> ListBuf<B> {
    /// Appends one array, whose items `write` pushes to the child buffer.
    pub fn push_with<E>(&mut self, write: impl FnOnce(&mut B) -> Result<(), E>) -> Result<(), E> {
        write(&mut self.items)?;
        self.offsets.push(self.items.len());
        self.validity.push_valid();
        Ok(())
    }

    fn sealed(&self) -> &ArrayRef {
        self.sealed
            .as_ref()
            .expect("a list buffer is sealed before it is read")
    }
}

impl<B: ColumnBuf> ColumnBuf for ListBuf<B> {
    fn len(&self) -> usize {
        match &self.sealed {
            Some(array) => array.len(),
            None => self.offsets.len(),
        }
    }
    fn clear(&mut self) {
        self.offsets.clear();
        self.items.clear();
        self.validity.clear();
        self.sealed = None;
    }
    fn push_null(&mut self) {
        self.offsets.push(self.items.len());
        self.validity.push_null();
    }
    fn seal(&mut self) {
        if self.sealed.is_none() {
            self.items.seal();
            let nulls = self.validity.take_nulls();
            let offsets = self.offsets.take();
            let items = self.items.take_array();
            let field = Arc::new(Field::new("item", items.data_type().clone(), true));
            self.sealed = Some(Arc::new(ListArray::new(field, offsets, items, nulls)));
        }
    }
    fn view(&self) -> ColumnView<'_> {
        ColumnView::Nested(self.sealed().as_ref())
    }
    fn take_array(&mut self) -> ArrayRef {
        self.seal();
        let array = self.sealed.take().expect("sealed above");
        self.clear();
        array
    }
    fn encode(&self, i: usize, out: &mut Vec<u8>) {
        row::encode_value(self.sealed().as_ref(), i, out)
            .expect("a list of Strabo's own values has a row layout");
    }
    fn set_srid(&mut self, srid: i32) {
        self.items.set_srid(srid);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::Array;

    #[test]
    fn doubles_with_nulls_reach_arrow_without_copies() {
        let mut buf = PrimBuf::<f64>::default();
        buf.push(1.5);
        buf.push_null();
        buf.push(3.0);
        let array = buf.take_array();
        let doubles = array.as_primitive::<Float64Type>();
        assert_eq!(
            doubles.iter().collect::<Vec<_>>(),
            [Some(1.5), None, Some(3.0)]
        );
        assert_eq!(buf.len(), 0);
    }

    #[test]
    fn geometries_carry_their_srid() {
        let mut buf = GeomBuf::default();
        buf.set_srid(4326);
        buf.push(&Geo::Point(Coord { x: 1.0, y: 2.0 }));
        let ColumnView::Geometry(view) = buf.view() else {
            panic!()
        };
        assert_eq!(view.srid(0), 4326);
        assert_eq!(
            view.geo(0).unwrap().as_point(),
            Some(Coord { x: 1.0, y: 2.0 })
        );
        let array = buf.take_array();
        assert_eq!(array.as_binary::<i32>().value(0).len(), 4 + 21);
    }

    #[test]
    fn points_encode_like_geometries() {
        let mut points = PointBuf::default();
        let mut geometries = GeomBuf::default();
        for buf in [&mut points as &mut dyn PushPoint, &mut geometries] {
            buf.srid(3857);
            buf.point(Coord { x: -1.0, y: 0.5 });
        }
        assert_eq!(
            points.take_array().as_binary::<i32>(),
            geometries.take_array().as_binary::<i32>()
        );
    }

    trait PushPoint {
        fn srid(&mut self, srid: i32);
        fn point(&mut self, c: Coord<f64>);
    }
    impl PushPoint for PointBuf {
        fn srid(&mut self, srid: i32) {
            self.set_srid(srid)
        }
        fn point(&mut self, c: Coord<f64>) {
            self.push(c)
        }
    }
    impl PushPoint for GeomBuf {
        fn srid(&mut self, srid: i32) {
            self.set_srid(srid)
        }
        fn point(&mut self, c: Coord<f64>) {
            self.push(&Geo::Point(c))
        }
    }

    #[test]
    fn lists_of_geometries() {
        let mut lists = ListBuf::<GeomBuf>::default();
        lists
            .push_with(|items| -> Result<(), ()> {
                items.push(&Geo::Point(Coord { x: 0.0, y: 0.0 }));
                items.push(&Geo::Point(Coord { x: 1.0, y: 1.0 }));
                Ok(())
            })
            .unwrap();
        lists.push_null();
        lists.seal();
        let mut encoded = Vec::new();
        lists.encode(0, &mut encoded);
        assert_eq!(encoded.len(), 1 + 4 + 2 * (1 + 4 + 25));
        let array = lists.take_array();
        let list = array.as_list::<i32>();
        assert_eq!(list.value(0).len(), 2);
        assert!(list.is_null(1));
    }

    #[test]
    fn failed_strings_leave_nothing_behind() {
        let mut buf = StringBuf::default();
        buf.push("a");
        assert!(buf
            .push_with(|s| {
                s.push_str("partial");
                Err(())
            })
            .is_err());
        buf.push("b");
        let array = buf.take_array();
        assert_eq!(
            array.as_string::<i32>().iter().collect::<Vec<_>>(),
            [Some("a"), Some("b")]
        );
    }
}
