//! From input batches to the files of a feature type: rows are checked, partitioned by the
//! scheme, sorted by a space-filling-curve key within each partition, and written as GeoParquet.
use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::builder::{BinaryBuilder, Float64Builder};
use arrow_array::cast::AsArray;
use arrow_array::types::TimestampMicrosecondType;
use arrow_array::{Array, ArrayRef, RecordBatch, StructArray, UInt32Array};
use arrow_schema::{DataType, TimeUnit};
use geo_traits::{GeometryTrait, GeometryType};
use strabo_columnar::types::GeomEncoding;
use strabo_curve::scheme::SchemePart;
use strabo_curve::{
    BBox, PartitionError, PartitionScheme, RowValues, TimePeriod, Xz2Sfc, Xz3Sfc, Z2Sfc, Z3Sfc,
};
use strabo_geom::{Geo, GeometryVisitor};

use crate::error::StoreError;
use crate::schema::{bbox_type, AttributeKind, FeatureType, BBOX_FIELDS, FID};

/// The partition of rows whose geometry or dtg is null or empty, when the scheme partitions by
/// it. GeoMesa's spatial and time schemes fail on such rows; the store keeps them here. No
/// spatial or time query matches them. Pruning keeps names of the wrong depth, so only a
/// one-level spatial scheme ever drops this partition, for a spatial query, rightly. The name
/// must not start with `_` or `.`: Spark and Hadoop skip such files as hidden.
pub const NULL_PARTITION: &str = "null";

/// The rows of one partition, in file schema and sort order, with what the log records.
pub struct PartitionRows {
    pub partition: String,
    pub batch: RecordBatch,
    pub bbox: Option<[f64; 4]>,
    pub time: Option<[i64; 2]>,
    /// Each row's curve key, ascending.
    pub keys: Vec<(u64, u64)>,
}

/// Feature ids for rows written without one: a random prefix per writer and a counter, as
/// `<16 hex digits>-<n>`. Unique as UUIDs are, but a file of them compresses to a few bytes a
/// row, where random UUIDs take about twenty.
pub struct FidSequence {
    prefix: String,
    next: u64,
}

impl FidSequence {
    pub fn new() -> FidSequence {
        let random = uuid::Uuid::new_v4().as_u64_pair().0;
        FidSequence {
            prefix: format!("{random:016x}-"),
            next: 0,
        }
    }

    fn take(&mut self, rows: usize) -> arrow_array::StringArray {
        let start = self.next;
        self.next += rows as u64;
        (start..self.next)
            .map(|n| Some(format!("{}{n}", self.prefix)))
            .collect()
    }
}

impl Default for FidSequence {
    fn default() -> Self {
        FidSequence::new()
    }
}

/// One row's geometry as the store needs it: its ISO WKB, its box and whether it is a point.
struct RowGeometry {
    wkb: Vec<u8>,
    bbox: Option<BBox>,
    point: bool,
}

/// Splits `batch` (columns named and typed as `feature_type`'s attributes, geometries in
/// `encoding`, and optionally a `__fid__` string column, else ids come from `fids`) into
/// per-partition batches in file schema, each sorted by its curve key. Fails on the first row the store cannot take, naming
/// the column, the row and the value; nothing is written then.
pub fn partition_rows(
    feature_type: &FeatureType,
    batch: &RecordBatch,
    encoding: GeomEncoding,
    fids: &mut FidSequence,
) -> Result<Vec<PartitionRows>, StoreError> {
    let scheme = feature_type.partition_scheme()?;
    let rows = batch.num_rows();
    let column = |name: &str| {
        batch.column_by_name(name).ok_or_else(|| {
            StoreError::Schema(format!(
                "feature type '{}': the data has no column '{name}'",
                feature_type.name
            ))
        })
    };
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(feature_type.attributes.len() + 2);
    let mut geometry_boxes: Vec<Vec<Option<BBox>>> = Vec::new();
    let mut default_boxes: Vec<Option<BBox>> = Vec::new();
    for attribute in &feature_type.attributes {
        let array = column(&attribute.name)?;
        match attribute.kind {
            AttributeKind::Geometry { srid, points } => {
                let geometries =
                    read_geometries(&feature_type.name, &attribute.name, array, encoding, srid)?;
                if points {
                    if let Some(row) = geometries
                        .iter()
                        .position(|g| g.as_ref().is_some_and(|g| !g.point))
                    {
                        return Err(StoreError::Data(format!(
                            "feature type '{}': '{}' holds points only, but row {row} is not a point",
                            feature_type.name, attribute.name
                        )));
                    }
                }
                let boxes: Vec<Option<BBox>> = geometries
                    .iter()
                    .map(|g| g.as_ref().and_then(|g| g.bbox))
                    .collect();
                let mut wkb = BinaryBuilder::with_capacity(rows, 0);
                for geometry in &geometries {
                    wkb.append_option(geometry.as_ref().map(|g| &g.wkb));
                }
                if default_boxes.is_empty() && geometry_boxes.is_empty() {
                    default_boxes.clone_from(&boxes);
                }
                geometry_boxes.push(boxes);
                columns.push(Arc::new(wkb.finish()));
            }
            kind => columns.push(conform(&feature_type.name, &attribute.name, array, kind)?),
        }
    }
    columns.push(match batch.column_by_name(FID) {
        Some(fids) if fids.data_type() == &DataType::Utf8 && fids.null_count() == 0 => fids.clone(),
        Some(_) => {
            return Err(StoreError::Schema(format!(
                "feature type '{}': a '{FID}' column must be non-null strings",
                feature_type.name
            )))
        }
        None => Arc::new(fids.take(rows)),
    });
    for boxes in &geometry_boxes {
        columns.push(Arc::new(bbox_array(boxes)));
    }
    let dtg: Option<Vec<Option<i64>>> = feature_type.dtg.as_ref().map(|name| {
        let index = feature_type
            .attributes
            .iter()
            .position(|a| &a.name == name)
            .expect("validated dtg");
        let values = columns[index].as_primitive::<TimestampMicrosecondType>();
        (0..rows)
            .map(|r| values.is_valid(r).then(|| values.value(r)))
            .collect()
    });
    let attribute = partition_attribute(&scheme, feature_type, &columns)?;

    let key = SortKey::new(feature_type, &scheme, &default_boxes)?;
    // Lon/lat geometries that reach past the world (Natural Earth's Fiji and Russia cross 180°
    // east, as world-atlas unwraps them) are partitioned by their box clamped to the world:
    // the part inside places them. Scans of boxes reaching outside prune no spatial partition.
    let lon_lat = matches!(
        feature_type.default_geometry().kind,
        AttributeKind::Geometry { srid: 4326, .. }
    );
    let mut partitions: BTreeMap<String, Vec<(u64, u64, u32)>> = BTreeMap::new();
    for row in 0..rows {
        let bbox = default_boxes[row];
        let micros = dtg.as_ref().and_then(|d| d[row]);
        let values = RowValues {
            bbox: bbox.map(|b| if lon_lat { clamp_to_world(b) } else { b }),
            dtg_millis: micros.map(|m| m.div_euclid(1000)),
            attribute: attribute.as_ref().and_then(|a| a[row].as_deref()),
        };
        let partition = match scheme.partition_of(&values) {
            Ok(partition) => partition,
            Err(PartitionError::MissingValue(..)) => NULL_PARTITION.to_owned(),
            Err(e) => {
                return Err(StoreError::Data(format!(
                    "feature type '{}': row {row} has no partition in scheme '{}': {e}",
                    feature_type.name,
                    scheme.name()
                )))
            }
        };
        let (major, minor) = key.of(bbox, micros);
        partitions
            .entry(partition)
            .or_default()
            .push((major, minor, row as u32));
    }

    let file_schema = feature_type.file_schema();
    let all = RecordBatch::try_new(file_schema, columns)?;
    partitions
        .into_iter()
        .map(|(partition, mut keyed)| {
            keyed.sort_unstable();
            let indices = UInt32Array::from_iter_values(keyed.iter().map(|k| k.2));
            let batch = arrow_select::take::take_record_batch(&all, &indices)?;
            let bbox = indices
                .values()
                .iter()
                .filter_map(|&r| default_boxes[r as usize])
                .reduce(|a, b| a.union(&b))
                .map(|b| [b.xmin, b.ymin, b.xmax, b.ymax]);
            let time = dtg.as_ref().and_then(|d| {
                let times = indices.values().iter().filter_map(|&r| d[r as usize]);
                times.fold(None, |acc: Option<[i64; 2]>, t| {
                    Some(acc.map_or([t, t], |[lo, hi]| [lo.min(t), hi.max(t)]))
                })
            });
            Ok(PartitionRows {
                partition,
                batch,
                bbox,
                time,
                keys: keyed.iter().map(|k| (k.0, k.1)).collect(),
            })
        })
        .collect()
}

fn clamp_to_world(b: BBox) -> BBox {
    let world = BBox::WORLD;
    let x = |v: f64| v.clamp(world.xmin, world.xmax);
    let y = |v: f64| v.clamp(world.ymin, world.ymax);
    BBox::new(x(b.xmin), y(b.ymin), x(b.xmax), y(b.ymax))
}

/// Reads a geometry column: each value's SRID must be the column's, its WKB valid, its
/// coordinates finite (a box or a curve key of NaN places nothing).
fn read_geometries(
    feature: &str,
    column: &str,
    array: &ArrayRef,
    encoding: GeomEncoding,
    srid: i32,
) -> Result<Vec<Option<RowGeometry>>, StoreError> {
    let bad = |row: usize, why: String| {
        StoreError::Data(format!(
            "feature type '{feature}': column '{column}', row {row}: {why}"
        ))
    };
    let values = match array.data_type() {
        DataType::Binary => array.as_binary::<i32>(),
        other => {
            return Err(StoreError::Schema(format!(
                "feature type '{feature}': column '{column}' must be a geometry (binary WKB), not {other}"
            )))
        }
    };
    (0..values.len())
        .map(|row| {
            if values.is_null(row) {
                return Ok(None);
            }
            let value = values.value(row);
            let wkb = match encoding {
                GeomEncoding::SridWkb => {
                    let (prefix, wkb) = value
                        .split_first_chunk::<4>()
                        .ok_or_else(|| bad(row, "a geometry value shorter than its SRID".into()))?;
                    let value_srid = i32::from_le_bytes(*prefix);
                    if value_srid != srid {
                        return Err(bad(
                            row,
                            format!("SRID {value_srid}, but the column's SRID is {srid}"),
                        ));
                    }
                    wkb
                }
                GeomEncoding::Wkb { srid: given } if given == srid => value,
                GeomEncoding::Wkb { srid: given } => {
                    return Err(bad(
                        row,
                        format!("SRID {given}, but the column's SRID is {srid}"),
                    ))
                }
            };
            let geo = Geo::read(wkb)
                .map_err(|e| bad(row, format!("{e}; value = {}", hex_preview(wkb))))?;
            let bbox = geo
                .bbox()
                .map(|r| BBox::new(r.min().x, r.min().y, r.max().x, r.max().y));
            if let Some(b) = bbox {
                if ![b.xmin, b.ymin, b.xmax, b.ymax]
                    .iter()
                    .all(|v| v.is_finite())
                {
                    return Err(bad(row, "coordinates must be finite".into()));
                }
            }
            let mut iso = Vec::with_capacity(wkb.len());
            geo.write_wkb(&mut iso);
            Ok(Some(RowGeometry {
                wkb: iso,
                bbox,
                point: geo.visit(IsPoint),
            }))
        })
        .collect()
}

/// Whether a geometry is a point (an empty one included).
struct IsPoint;

impl GeometryVisitor for IsPoint {
    type Output = bool;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> bool {
        matches!(geometry.as_type(), GeometryType::Point(_))
    }
}

fn hex_preview(bytes: &[u8]) -> String {
    const SHOWN: usize = 32;
    let hex: String = bytes
        .iter()
        .take(SHOWN)
        .map(|b| format!("{b:02X}"))
        .collect();
    let more = if bytes.len() > SHOWN { "…" } else { "" };
    format!("X'{hex}{more}'")
}

/// A covering column: each row's box, null exactly where the geometry is null or empty.
/// `-0.0` is written as `0.0`: readers that compare statistics with the type-defined order
/// need the two to be one value.
fn bbox_array(boxes: &[Option<BBox>]) -> StructArray {
    let mut fields: [Float64Builder; 4] =
        std::array::from_fn(|_| Float64Builder::with_capacity(boxes.len()));
    for bbox in boxes {
        let values = bbox.map_or([0.0; 4], |b| [b.xmin, b.ymin, b.xmax, b.ymax]);
        for (builder, value) in fields.iter_mut().zip(values) {
            builder.append_value(value + 0.0);
        }
    }
    let DataType::Struct(struct_fields) = bbox_type() else {
        unreachable!()
    };
    let arrays: Vec<ArrayRef> = fields
        .iter_mut()
        .map(|b| Arc::new(b.finish()) as ArrayRef)
        .collect();
    let nulls = arrow_buffer::NullBuffer::from_iter(boxes.iter().map(Option::is_some));
    debug_assert_eq!(struct_fields.len(), BBOX_FIELDS.len());
    StructArray::new(struct_fields, arrays, Some(nulls))
}

/// An attribute column as the file stores it: the same type, or a timestamp in another unit or
/// timezone converted to UTC microseconds.
fn conform(
    feature: &str,
    name: &str,
    array: &ArrayRef,
    kind: AttributeKind,
) -> Result<ArrayRef, StoreError> {
    let wanted = kind.arrow_type();
    match (array.data_type(), &wanted) {
        (have, want) if have == want => Ok(array.clone()),
        (DataType::Timestamp(TimeUnit::Microsecond, _), DataType::Timestamp(..)) => {
            Ok(Arc::new(array.as_primitive::<TimestampMicrosecondType>().clone().with_timezone("UTC")))
        }
        (have, _) => Err(StoreError::Schema(format!(
            "feature type '{feature}': column '{name}' is {have}, but the feature type stores {wanted}"
        ))),
    }
}

/// The partition attribute's values as GeoMesa's attribute scheme names them, if the scheme
/// has an attribute level.
fn partition_attribute(
    scheme: &PartitionScheme,
    feature_type: &FeatureType,
    columns: &[ArrayRef],
) -> Result<Option<Vec<Option<String>>>, StoreError> {
    let Some(name) = scheme.parts().iter().find_map(|p| match p {
        SchemePart::Attribute(a) => Some(a.attribute()),
        _ => None,
    }) else {
        return Ok(None);
    };
    let index = feature_type
        .attributes
        .iter()
        .position(|a| a.name == name)
        .expect("validated scheme");
    let array = &columns[index];
    let text = |r: usize| -> Option<String> {
        if array.is_null(r) {
            return None;
        }
        Some(match array.data_type() {
            DataType::Utf8 => array.as_string::<i32>().value(r).to_owned(),
            DataType::Int32 => array
                .as_primitive::<arrow_array::types::Int32Type>()
                .value(r)
                .to_string(),
            DataType::Int64 => array
                .as_primitive::<arrow_array::types::Int64Type>()
                .value(r)
                .to_string(),
            DataType::Boolean => array.as_boolean().value(r).to_string(),
            _ => return None,
        })
    };
    if !matches!(
        array.data_type(),
        DataType::Utf8 | DataType::Int32 | DataType::Int64 | DataType::Boolean
    ) {
        return Err(StoreError::Schema(format!(
            "feature type '{}': the attribute scheme cannot partition by '{name}', a {} column",
            feature_type.name,
            array.data_type()
        )));
    }
    Ok(Some((0..array.len()).map(text).collect()))
}

/// The order of rows within a file, so that row groups cover compact areas and times: GeoMesa's
/// Z2 (points) or XZ2 (extents), or with a dtg its time bin then Z3 or XZ3.
struct SortKey {
    curve: Curve,
    /// For SRIDs other than lon/lat, the extent of the batch, which is stretched over the
    /// curves' lon/lat domain: the order only has to be compact within a file, and clamping
    /// projected coordinates to lon/lat would give every row the same key.
    domain: Option<BBox>,
}

enum Curve {
    Z2(Z2Sfc),
    Xz2(Xz2Sfc),
    Z3(Z3Sfc),
    Xz3(Xz3Sfc, TimePeriod),
}

impl SortKey {
    fn new(
        feature_type: &FeatureType,
        scheme: &PartitionScheme,
        boxes: &[Option<BBox>],
    ) -> Result<SortKey, StoreError> {
        let AttributeKind::Geometry { srid, points } = feature_type.default_geometry().kind else {
            unreachable!("the default geometry is a geometry")
        };
        // The Z3 key's period is one level coarser than the scheme's time bins, so that the
        // time of a file's rows spans a small part of the period and its top bits are fixed:
        // the curve then orders the file by space first, and pages and row groups cover small
        // boxes. (With the period equal to the bin, time takes the top bits of the curve and
        // every page spans the partition's whole area.) Without time partitions, GeoMesa's
        // default week.
        let period = scheme
            .parts()
            .iter()
            .find_map(|p| match p {
                SchemePart::Time(t) => Some(match t.name() {
                    "hourly" => TimePeriod::Day,
                    "daily" => TimePeriod::Month,
                    _ => TimePeriod::Year,
                }),
                _ => None,
            })
            .unwrap_or(TimePeriod::Week);
        let curve_error = |e: strabo_curve::CurveError| StoreError::Schema(e.to_string());
        let curve = match (points, feature_type.dtg.is_some()) {
            (true, false) => Curve::Z2(Z2Sfc::new(Z2Sfc::FULL_PRECISION).map_err(curve_error)?),
            (false, false) => {
                Curve::Xz2(Xz2Sfc::new(Xz2Sfc::DEFAULT_RESOLUTION).map_err(curve_error)?)
            }
            (true, true) => {
                Curve::Z3(Z3Sfc::new(period, Z3Sfc::FULL_PRECISION).map_err(curve_error)?)
            }
            (false, true) => Curve::Xz3(
                Xz3Sfc::new(Xz2Sfc::DEFAULT_RESOLUTION, period).map_err(curve_error)?,
                period,
            ),
        };
        let domain = (srid != 4326)
            .then(|| boxes.iter().flatten().copied().reduce(|a, b| a.union(&b)))
            .flatten();
        Ok(SortKey { curve, domain })
    }

    /// `bbox` in the curves' lon/lat domain.
    fn place(&self, bbox: BBox) -> BBox {
        let Some(d) = self.domain else { return bbox };
        let scale = |v: f64, lo: f64, hi: f64, half: f64| {
            if hi > lo {
                (v - lo) / (hi - lo) * 2.0 * half - half
            } else {
                0.0
            }
        };
        BBox::new(
            scale(bbox.xmin, d.xmin, d.xmax, 180.0),
            scale(bbox.ymin, d.ymin, d.ymax, 90.0),
            scale(bbox.xmax, d.xmin, d.xmax, 180.0),
            scale(bbox.ymax, d.ymin, d.ymax, 90.0),
        )
    }

    /// The key of a row: (time bin, curve index). Rows without a geometry or time sort first;
    /// lon/lat coordinates outside the world are clamped to it.
    fn of(&self, bbox: Option<BBox>, micros: Option<i64>) -> (u64, u64) {
        let Some(bbox) = bbox else { return (0, 0) };
        let bbox = self.place(bbox);
        let clamped = BBox::new(
            bbox.xmin.clamp(-180.0, 180.0),
            bbox.ymin.clamp(-90.0, 90.0),
            bbox.xmax.clamp(-180.0, 180.0),
            bbox.ymax.clamp(-90.0, 90.0),
        );
        let (cx, cy) = (
            (clamped.xmin + clamped.xmax) / 2.0,
            (clamped.ymin + clamped.ymax) / 2.0,
        );
        let millis = micros.map(|m| m.div_euclid(1000));
        match &self.curve {
            Curve::Z2(z2) => (0, z2.index_lenient(cx, cy)),
            Curve::Xz2(xz2) => (0, xz2.index_lenient(&clamped).unwrap_or(0)),
            Curve::Z3(z3) => match millis.and_then(|m| z3.index_time(cx, cy, m).ok()) {
                Some((bin, z)) => (bin_order(bin), z),
                None => (0, 0),
            },
            Curve::Xz3(xz3, period) => match millis.and_then(|m| period.binned_time(m).ok()) {
                Some(time) => {
                    let offset = time.offset as f64;
                    (
                        bin_order(time.bin),
                        xz3.index(&clamped, offset, offset).unwrap_or(0),
                    )
                }
                None => (0, 0),
            },
        }
    }
}

/// A signed time bin as an unsigned key that sorts the same way, after rows without a time.
fn bin_order(bin: i16) -> u64 {
    (i32::from(bin) - i32::from(i16::MIN) + 1) as u64
}

trait Union {
    fn union(&self, other: &BBox) -> BBox;
}

impl Union for BBox {
    fn union(&self, other: &BBox) -> BBox {
        BBox::new(
            self.xmin.min(other.xmin),
            self.ymin.min(other.ymin),
            self.xmax.max(other.xmax),
            self.ymax.max(other.ymax),
        )
    }
}
