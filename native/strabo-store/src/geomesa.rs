//! Reading GeoMesa's own FileSystem data stores (GeoMesa 2.3–5.x), read-only: a feature type
//! without a Strabo log but with GeoMesa's `metadata.json` is read through `strabo-geomesa`'s
//! metadata reader, and its Parquet files are converted as they are read. GeoMesa's V1 Parquet
//! encoding keeps geometries as x/y structs (`struct<x: double, y: double>` for a point, lists
//! of them for lines, lists of lists for polygons), dates as milliseconds, and, in 2.3, the
//! feature id in a one-element list; they become WKB, UTC microseconds and a string.
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{BinaryBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Int64Type, TimestampMillisecondType};
use arrow_array::{Array, ArrayRef, RecordBatch, TimestampMicrosecondArray};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use strabo_geomesa::{AttributeType, FeatureTypeSpec, FsdsStore, GeometryType, ScalarType};

use crate::error::StoreError;
use crate::log::{DataFile, Snapshot};
use crate::schema::{Attribute, AttributeKind, FeatureType, FID, UTC};

/// The key under which GeoMesa's Parquet files hold their feature type spec.
const SPEC_KEY: &str = "geomesa.fs.sft.spec";

/// The snapshot of GeoMesa's feature type `feature` in the store directory `root`, or `None`
/// when `root` holds no GeoMesa feature type of that name.
pub(crate) fn snapshot(root: &Path, feature: &str) -> Result<Option<Snapshot>, StoreError> {
    let dir = root.join(feature);
    if !dir.join("metadata.json").is_file() {
        return Ok(None);
    }
    let corrupt = |e: strabo_geomesa::Error| {
        StoreError::Corrupt(format!("GeoMesa feature type '{feature}': {e}"))
    };
    let store = FsdsStore::open(root).map_err(corrupt)?;
    let geomesa = store.feature_type(feature).map_err(corrupt)?;
    let feature_type = feature_type(feature, &geomesa.spec)?;
    let mut files = Vec::new();
    for partition in store.snapshot(feature).map_err(corrupt)? {
        let count = partition.files.len() as u64;
        for (i, file) in partition.files.iter().enumerate() {
            let bytes = std::fs::metadata(&file.path)
                .map_err(|e| StoreError::Corrupt(format!("{}: {e}", file.path.display())))?
                .len();
            let path = file.path.strip_prefix(&dir).map_err(|_| {
                StoreError::Corrupt(format!(
                    "{} is outside {}",
                    file.path.display(),
                    dir.display()
                ))
            })?;
            files.push(DataFile {
                path: path.to_string_lossy().into_owned(),
                partition: partition.partition.clone(),
                // GeoMesa counts rows per partition; spread them over its files.
                rows: partition.count / count + u64::from((i as u64) < partition.count % count),
                bytes,
                bbox: partition.bbox.map(|b| [b.xmin, b.ymin, b.xmax, b.ymax]),
                time: None,
            });
        }
    }
    Ok(Some(Snapshot {
        version: 0,
        feature_type,
        files,
        read_only: true,
        dropped: false,
    }))
}

/// GeoMesa's spec as the store's feature type. Partitions are not pruned by name (`flat`):
/// files are still pruned by their boxes and row groups by their statistics.
fn feature_type(name: &str, spec: &FeatureTypeSpec) -> Result<FeatureType, StoreError> {
    let attributes = spec
        .attributes
        .iter()
        .map(|a| {
            let kind = match a.attribute_type {
                AttributeType::Geometry(geometry) => AttributeKind::Geometry {
                    srid: a.option("srid").and_then(|s| s.parse().ok()).unwrap_or(4326),
                    points: geometry == GeometryType::Point,
                },
                AttributeType::Scalar(ScalarType::String) => AttributeKind::String,
                AttributeType::Scalar(ScalarType::Integer) => AttributeKind::Int,
                AttributeType::Scalar(ScalarType::Long) => AttributeKind::Long,
                AttributeType::Scalar(ScalarType::Float) => AttributeKind::Float,
                AttributeType::Scalar(ScalarType::Double) => AttributeKind::Double,
                AttributeType::Scalar(ScalarType::Boolean) => AttributeKind::Boolean,
                AttributeType::Scalar(ScalarType::Date | ScalarType::Timestamp) => {
                    AttributeKind::Timestamp
                }
                AttributeType::Scalar(ScalarType::Bytes) => AttributeKind::Binary,
                other => {
                    return Err(StoreError::Schema(format!(
                        "GeoMesa feature type '{name}': attribute '{}' is {other:?}, which Strabo does not read yet",
                        a.name
                    )))
                }
            };
            Ok(Attribute {
                name: a.name.clone(),
                kind,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let dtg = spec
        .user_data("geomesa.index.dtg")
        .map(str::to_owned)
        .or_else(|| {
            attributes
                .iter()
                .find(|a| a.kind == AttributeKind::Timestamp)
                .map(|a| a.name.clone())
        });
    let feature_type = FeatureType {
        name: name.to_owned(),
        attributes,
        dtg,
        scheme: "flat".into(),
    };
    feature_type.validate()?;
    Ok(feature_type)
}

/// The spec a file of feature type `feature` was written with: from the file's key-value
/// metadata (GeoMesa 5 and Strabo write it), else from GeoMesa's `metadata.json` beside it
/// (GeoMesa 2.3 wrote none); `None` for neither.
pub(crate) fn file_spec(
    metadata: &parquet::file::metadata::FileMetaData,
    root: Option<&Path>,
    feature: &str,
) -> Result<Option<FeatureTypeSpec>, StoreError> {
    let written = metadata
        .key_value_metadata()
        .and_then(|kvs| kvs.iter().find(|kv| kv.key == SPEC_KEY))
        .and_then(|kv| kv.value.as_deref());
    if let Some(spec) = written {
        return FeatureTypeSpec::parse(spec).map(Some).map_err(|e| {
            StoreError::Corrupt(format!("feature type '{feature}': a file's spec: {e}"))
        });
    }
    match root {
        Some(root) if root.join(feature).join("metadata.json").is_file() => {
            let corrupt = |e: strabo_geomesa::Error| {
                StoreError::Corrupt(format!("GeoMesa feature type '{feature}': {e}"))
            };
            let store = FsdsStore::open(root).map_err(corrupt)?;
            Ok(Some(
                store.feature_type(feature).map_err(corrupt)?.spec.clone(),
            ))
        }
        _ => Ok(None),
    }
}

/// `batch`, read from a file written with `spec`, in the store's layout: Strabo's files are
/// returned unchanged, GeoMesa's V1 encoding is converted.
pub(crate) fn conform(
    spec: Option<&FeatureTypeSpec>,
    batch: RecordBatch,
) -> Result<RecordBatch, StoreError> {
    let Some(spec) = spec else {
        return Ok(batch);
    };
    let schema = batch.schema();
    let mut fields = Vec::with_capacity(batch.num_columns());
    let mut columns = Vec::with_capacity(batch.num_columns());
    for (field, column) in schema.fields().iter().zip(batch.columns()) {
        let name = field.name();
        let kind = spec.attribute(name).map(|a| a.attribute_type);
        let converted: ArrayRef = match (field.data_type(), kind) {
            (DataType::Struct(_), Some(AttributeType::Geometry(geometry))) => {
                Arc::new(wkb_of_xy(name, column, geometry)?)
            }
            (DataType::Timestamp(TimeUnit::Millisecond, _), _) => Arc::new(micros(
                column.as_primitive::<TimestampMillisecondType>().iter(),
            )),
            (
                DataType::Int64,
                Some(AttributeType::Scalar(ScalarType::Date | ScalarType::Timestamp)),
            ) => Arc::new(micros(column.as_primitive::<Int64Type>().iter())),
            (DataType::List(_), None) if name == FID => {
                let lists = column.as_list::<i32>();
                let mut ids = StringBuilder::new();
                for row in 0..lists.len() {
                    let first = lists.value(row);
                    let first = first.as_string_opt::<i32>().filter(|s| !s.is_empty());
                    ids.append_option(first.map(|s| s.value(0)));
                }
                Arc::new(ids.finish())
            }
            _ => column.clone(),
        };
        fields.push(Field::new(name, converted.data_type().clone(), true));
        columns.push(converted);
    }
    Ok(RecordBatch::try_new(
        Arc::new(Schema::new(fields)),
        columns,
    )?)
}

fn micros(millis: impl Iterator<Item = Option<i64>>) -> TimestampMicrosecondArray {
    millis
        .map(|m| m.map(|m| m.saturating_mul(1000)))
        .collect::<TimestampMicrosecondArray>()
        .with_timezone(UTC)
}

/// Coordinates as GeoMesa nests them: a number, or a list of nested values (a one-field struct
/// around a list is its list).
enum Nested {
    Number(f64),
    List(Vec<Nested>),
}

fn nested(array: &dyn Array, row: usize) -> Option<Nested> {
    if array.is_null(row) {
        return None;
    }
    match array.data_type() {
        DataType::Float64 => Some(Nested::Number(
            array
                .as_primitive::<arrow_array::types::Float64Type>()
                .value(row),
        )),
        DataType::List(_) => {
            let items = array.as_list::<i32>().value(row);
            Some(Nested::List(
                (0..items.len())
                    .filter_map(|i| nested(items.as_ref(), i))
                    .collect(),
            ))
        }
        DataType::Struct(fields) if fields.len() == 1 => {
            nested(array.as_struct().column(0).as_ref(), row)
        }
        _ => None,
    }
}

fn wkb_of_xy(
    name: &str,
    column: &ArrayRef,
    geometry: GeometryType,
) -> Result<arrow_array::BinaryArray, StoreError> {
    let xy = column.as_struct();
    let (Some(xs), Some(ys)) = (xy.column_by_name("x"), xy.column_by_name("y")) else {
        return Err(StoreError::Corrupt(format!(
            "GeoMesa column '{name}' has no x and y"
        )));
    };
    let bad = |row: usize| {
        StoreError::Corrupt(format!(
            "GeoMesa column '{name}', row {row}: x and y do not make a {geometry:?}"
        ))
    };
    let mut out = BinaryBuilder::new();
    let mut wkb = Vec::new();
    for row in 0..xy.len() {
        let (Some(x), Some(y)) = (nested(xs.as_ref(), row), nested(ys.as_ref(), row)) else {
            out.append_null();
            continue;
        };
        let value = geometry_of(geometry, &x, &y).ok_or_else(|| bad(row))?;
        wkb.clear();
        strabo_geom::write_wkb(&value, &mut wkb);
        out.append_value(&wkb);
    }
    Ok(out.finish())
}

fn coords(x: &Nested, y: &Nested) -> Option<Vec<Coord>> {
    match (x, y) {
        (Nested::List(xs), Nested::List(ys)) if xs.len() == ys.len() => xs
            .iter()
            .zip(ys)
            .map(|pair| match pair {
                (Nested::Number(x), Nested::Number(y)) => Some(Coord { x: *x, y: *y }),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

fn lists<'a>(
    x: &'a Nested,
    y: &'a Nested,
) -> Option<impl Iterator<Item = (&'a Nested, &'a Nested)>> {
    match (x, y) {
        (Nested::List(xs), Nested::List(ys)) if xs.len() == ys.len() => Some(xs.iter().zip(ys)),
        _ => None,
    }
}

fn polygon(x: &Nested, y: &Nested) -> Option<Polygon> {
    let mut rings = lists(x, y)?.map(|(x, y)| coords(x, y).map(LineString::new));
    let exterior = rings.next()??;
    let interiors = rings.collect::<Option<Vec<_>>>()?;
    Some(Polygon::new(exterior, interiors))
}

fn geometry_of(geometry: GeometryType, x: &Nested, y: &Nested) -> Option<Geometry> {
    Some(match geometry {
        GeometryType::Point => match (x, y) {
            (Nested::Number(x), Nested::Number(y)) => Geometry::Point(Point::new(*x, *y)),
            _ => return None,
        },
        GeometryType::LineString => Geometry::LineString(LineString::new(coords(x, y)?)),
        GeometryType::MultiPoint => Geometry::MultiPoint(MultiPoint::new(
            coords(x, y)?.into_iter().map(Point::from).collect(),
        )),
        GeometryType::Polygon => Geometry::Polygon(polygon(x, y)?),
        GeometryType::MultiLineString => Geometry::MultiLineString(MultiLineString::new(
            lists(x, y)?
                .map(|(x, y)| coords(x, y).map(LineString::new))
                .collect::<Option<_>>()?,
        )),
        GeometryType::MultiPolygon => Geometry::MultiPolygon(MultiPolygon::new(
            lists(x, y)?
                .map(|(x, y)| polygon(x, y))
                .collect::<Option<_>>()?,
        )),
        // GeoMesa writes these as WKB, not x/y.
        GeometryType::Geometry | GeometryType::GeometryCollection => return None,
    })
}
