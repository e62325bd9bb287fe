//! Borrowed, typed views of one batch's columns: what kernels read. A view borrows an Arrow
//! array, a node's reusable buffer, or the JVM's row buffer; nothing is copied to build one.
use strabo_geom::{CachedGeom, Coord, Geo, GeomError, Rect};

use crate::bits::{Bits, Validity};

/// One column of a batch.
#[derive(Clone, Copy, Debug)]
pub enum ColumnView<'a> {
    Boolean(BoolView<'a>),
    Int(PrimView<'a, i32>),
    BigInt(PrimView<'a, i64>),
    Double(PrimView<'a, f64>),
    String(BytesView<'a>),
    Binary(BytesView<'a>),
    Geometry(GeomView<'a>),
    /// An ARRAY or STRUCT column, read through Arrow's typed arrays.
    Nested(&'a dyn arrow_array::Array),
}

impl<'a> ColumnView<'a> {
    pub fn validity(&self) -> Validity<'a> {
        match self {
            ColumnView::Boolean(v) => v.validity,
            ColumnView::Int(v) => v.validity,
            ColumnView::BigInt(v) => v.validity,
            ColumnView::Double(v) => v.validity,
            ColumnView::String(v) | ColumnView::Binary(v) => v.validity,
            ColumnView::Geometry(v) => v.validity,
            ColumnView::Nested(array) => Validity::of(array.nulls()),
        }
    }

    /// The type's name, for messages about mismatched programs.
    pub fn type_name(&self) -> &'static str {
        match self {
            ColumnView::Boolean(_) => "boolean",
            ColumnView::Int(_) => "int",
            ColumnView::BigInt(_) => "bigint",
            ColumnView::Double(_) => "double",
            ColumnView::String(_) => "string",
            ColumnView::Binary(_) => "binary",
            ColumnView::Geometry(_) => "geometry",
            ColumnView::Nested(_) => "array or struct",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct PrimView<'a, T> {
    pub values: &'a [T],
    pub validity: Validity<'a>,
}

#[derive(Clone, Copy, Debug)]
pub struct BoolView<'a> {
    pub values: Bits<'a>,
    pub validity: Validity<'a>,
}

/// Variable-length values in Arrow's layout: `offsets` has one more entry than there are rows.
#[derive(Clone, Copy, Debug)]
pub struct BytesView<'a> {
    offsets: &'a [i32],
    data: &'a [u8],
    pub validity: Validity<'a>,
}

impl<'a> BytesView<'a> {
    pub fn new(offsets: &'a [i32], data: &'a [u8], validity: Validity<'a>) -> Self {
        BytesView {
            offsets,
            data,
            validity,
        }
    }

    #[inline]
    pub fn value(&self, i: usize) -> &'a [u8] {
        &self.data[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// A value known to be UTF-8: string columns come from Arrow `Utf8` arrays, the JVM's
    /// `UTF8String`s or kernels that write `&str`.
    #[inline]
    pub fn str(&self, i: usize) -> Result<&'a str, std::str::Utf8Error> {
        std::str::from_utf8(self.value(i))
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Geometries in one of their layouts, with their SRIDs.
#[derive(Clone, Copy, Debug)]
pub struct GeomView<'a> {
    pub values: GeomValues<'a>,
    pub validity: Validity<'a>,
    /// Set when several kernels read this column: each value parsed once (see `CachedGeom`).
    pub cache: Option<&'a [Option<CachedGeom<'a>>]>,
}

#[derive(Clone, Copy, Debug)]
pub enum GeomValues<'a> {
    /// Plain WKB (a `BINARY` column); every row has the column's SRID.
    Wkb { bytes: BytesView<'a>, srid: i32 },
    /// A little-endian `i32` SRID before each WKB value: Spark's `GEOMETRY` layout, and the
    /// layout of every geometry Strabo's kernels produce.
    SridWkb(BytesView<'a>),
    /// Points as two coordinate arrays.
    Points {
        x: &'a [f64],
        y: &'a [f64],
        srid: SridView<'a>,
    },
    /// Axis-aligned rectangles as four coordinate arrays.
    Rects {
        min_x: &'a [f64],
        min_y: &'a [f64],
        max_x: &'a [f64],
        max_y: &'a [f64],
        srid: SridView<'a>,
    },
}

/// The SRIDs of a column of points.
#[derive(Clone, Copy, Debug)]
pub enum SridView<'a> {
    Fixed(i32),
    PerRow(&'a [i32]),
}

impl<'a> GeomView<'a> {
    pub fn new(values: GeomValues<'a>, validity: Validity<'a>) -> Self {
        GeomView {
            values,
            validity,
            cache: None,
        }
    }

    pub fn len(&self) -> usize {
        match self.values {
            GeomValues::Wkb { bytes, .. } | GeomValues::SridWkb(bytes) => bytes.len(),
            GeomValues::Points { x, .. } => x.len(),
            GeomValues::Rects { min_x, .. } => min_x.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The WKB of row `i`, without the SRID; `None` for points and rectangles held as
    /// coordinates.
    #[inline]
    pub fn wkb(&self, i: usize) -> Result<Option<&'a [u8]>, GeomError> {
        match self.values {
            GeomValues::Wkb { bytes, .. } => Ok(Some(bytes.value(i))),
            GeomValues::SridWkb(bytes) => split_srid(bytes.value(i)).map(|(_, wkb)| Some(wkb)),
            GeomValues::Points { .. } | GeomValues::Rects { .. } => Ok(None),
        }
    }

    /// Row `i` as a kernel reads it. The row must be valid (not NULL).
    #[inline(always)]
    pub fn geo(&self, i: usize) -> Result<Geo<'a>, GeomError> {
        if let Some(Some(cached)) = self.cache.map(|cache| &cache[i]) {
            return Ok(Geo::Cached(cached));
        }
        match self.values {
            GeomValues::Points { x, y, .. } => Ok(Geo::Point(Coord { x: x[i], y: y[i] })),
            GeomValues::Rects {
                min_x,
                min_y,
                max_x,
                max_y,
                ..
            } => Ok(Geo::Rect(Rect::new(
                Coord {
                    x: min_x[i],
                    y: min_y[i],
                },
                Coord {
                    x: max_x[i],
                    y: max_y[i],
                },
            ))),
            GeomValues::Wkb { bytes, .. } => Geo::read(bytes.value(i)),
            GeomValues::SridWkb(bytes) => Geo::read(split_srid(bytes.value(i))?.1),
        }
    }

    /// The SRID every row has, when it is known without reading the rows.
    pub fn fixed_srid(&self) -> Option<i32> {
        match self.values {
            GeomValues::Wkb { srid, .. }
            | GeomValues::Points {
                srid: SridView::Fixed(srid),
                ..
            }
            | GeomValues::Rects {
                srid: SridView::Fixed(srid),
                ..
            } => Some(srid),
            _ => None,
        }
    }

    /// The SRID of row `i` (0 if its SRID prefix is missing, which [`GeomView::geo`] reports).
    #[inline(always)]
    pub fn srid(&self, i: usize) -> i32 {
        match self.values {
            GeomValues::Wkb { srid, .. } => srid,
            GeomValues::SridWkb(bytes) => split_srid(bytes.value(i)).map_or(0, |(srid, _)| srid),
            GeomValues::Points { srid, .. } | GeomValues::Rects { srid, .. } => match srid {
                SridView::Fixed(srid) => srid,
                SridView::PerRow(srids) => srids[i],
            },
        }
    }

    /// The raw bytes of row `i`, for error messages.
    pub fn raw(&self, i: usize) -> Option<&'a [u8]> {
        match self.values {
            GeomValues::Wkb { bytes, .. } | GeomValues::SridWkb(bytes) => Some(bytes.value(i)),
            GeomValues::Points { .. } | GeomValues::Rects { .. } => None,
        }
    }

    /// Parses every valid row once, for a WKB column that several kernels read; `None` for
    /// points and rectangles, which need no parsing. An error carries the row it happened in.
    #[allow(clippy::type_complexity)]
    pub fn decode_all(&self) -> Result<Option<Vec<Option<CachedGeom<'a>>>>, (usize, GeomError)> {
        if let GeomValues::Points { .. } | GeomValues::Rects { .. } = self.values {
            return Ok(None);
        }
        (0..self.len())
            .map(|i| match self.validity.is_valid(i) {
                false => Ok(None),
                true => match self.wkb(i) {
                    Ok(Some(wkb)) => CachedGeom::read(wkb).map(Some).map_err(|e| (i, e)),
                    Ok(None) => Ok(None),
                    Err(e) => Err((i, e)),
                },
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

/// Splits Spark's geometry layout into its SRID and its WKB.
#[inline]
pub fn split_srid(bytes: &[u8]) -> Result<(i32, &[u8]), GeomError> {
    match bytes.split_first_chunk::<4>() {
        Some((srid, wkb)) => Ok((i32::from_le_bytes(*srid), wkb)),
        None => Err(GeomError::InvalidWkb(format!(
            "a geometry value of {} bytes has no SRID",
            bytes.len()
        ))),
    }
}
