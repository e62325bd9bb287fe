//! Reading GeoMesa's own FileSystem data stores (GeoMesa 2.3–5.x), read-only: a feature type
//! without a Strabo log but with GeoMesa's `metadata.json` is read through `strabo-geomesa`'s
//! metadata reader, and its Parquet files are converted as they are read:
//! - column names are decoded (`last_5fseen` is `last_seen`) in files that encode them;
//! - GeoMesa's V1 encoding keeps geometries as x/y structs (`struct<x: double, y: double>` for
//!   a point, lists of them for lines, lists of lists for polygons) and GeoParquet's native
//!   one as lists of `{x, y}` structs; both become WKB (GeoParquet's WKB is read as it is);
//! - dates in milliseconds become UTC microseconds, and 2.3's one-element feature id lists
//!   become strings;
//! - the bounding box columns beside geometries (`__geom_bbox__`) are dropped.
//!
//! Rows merge as GeoMesa merges them, by feature id within a partition: a row is hidden by any
//! newer `Modify` or `Delete` file of its partition that holds its id, and `Delete` files show
//! no rows. Rows labelled in `__vis__` show only to readers whose authorizations
//! (`geomesa.security.auths`) satisfy the label, as GeoMesa's reader decides.
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{BinaryBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Int64Type, TimestampMillisecondType};
use arrow_array::{Array, ArrayRef, RecordBatch, TimestampMicrosecondArray};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use futures::{StreamExt, TryStreamExt};
use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectMeta, ObjectStore, ObjectStoreExt};
use strabo_geomesa::columns::{self, FileEncoding, FID_COLUMN, VISIBILITY_COLUMN};
use strabo_geomesa::{
    AttributeType, Authorizations, Bbox, FeatureTypeSpec, FileAction, FsdsStore, GeometryType,
    MemoryFs, ScalarType,
};

use crate::error::StoreError;
use crate::log::{DataFile, Snapshot};
use crate::schema::{Attribute, AttributeKind, FeatureType, FID, UTC};

/// The key under which GeoMesa's Parquet files hold their feature type spec.
const SPEC_KEY: &str = "geomesa.fs.sft.spec";

/// Which rows of a GeoMesa data file a read keeps.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GeoMesaRows {
    /// The newer `Modify` and `Delete` files of its partition, relative to the feature type's
    /// directory: a row whose feature id one of them holds is hidden.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_by: Vec<String>,
    /// The reader's authorizations, comma-separated (`geomesa.security.auths`); none if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auths: Option<String>,
}

/// The snapshot of GeoMesa's feature type `feature`, a storage in the directory `storage` of
/// `objects` (on any storage the store serves), or `None` when `storage` holds no GeoMesa
/// metadata. `auths` are the reader's authorizations for visibility labels.
///
/// The storage is listed once, which gives the data files' sizes; its metadata (configuration
/// and change log, small files) is read concurrently and replayed as GeoMesa replays it.
pub(crate) async fn snapshot(
    objects: &Arc<dyn ObjectStore>,
    storage: &ObjectPath,
    feature: &str,
    auths: Option<&str>,
) -> Result<Option<Snapshot>, StoreError> {
    let listed: Vec<ObjectMeta> = objects.list(Some(storage)).try_collect().await?;
    let mut sizes = HashMap::new();
    let mut metadata = Vec::new();
    for meta in listed {
        let Some(relative) = crate::relative_path(storage, &meta.location) else {
            continue;
        };
        if relative == "metadata.json" || relative.starts_with("metadata/") {
            metadata.push((relative.clone(), meta.location));
        }
        sizes.insert(relative, meta.size);
    }
    if !sizes.contains_key("metadata.json") && !sizes.contains_key("metadata/storage.json") {
        return Ok(None);
    }
    // The storage's own path, as messages show it (a local store's is the directory's).
    let dir = Path::new("/").join(storage.as_ref());
    let files: Vec<(PathBuf, Vec<u8>)> = futures::stream::iter(metadata)
        .map(|(relative, location)| {
            let path = dir.join(relative);
            async move {
                let bytes = objects.get(&location).await?.bytes().await?;
                Ok::<_, StoreError>((path, bytes.to_vec()))
            }
        })
        .buffer_unordered(crate::CONCURRENT_READS)
        .try_collect()
        .await?;
    let corrupt = |e: strabo_geomesa::Error| match e {
        refused @ strabo_geomesa::Error::Refused { .. } => {
            StoreError::Unsupported(refused.to_string())
        }
        e => StoreError::Corrupt(format!("GeoMesa feature type '{feature}': {e}")),
    };
    let store = FsdsStore::open_with(&dir, MemoryFs::new(files)).map_err(corrupt)?;
    let geomesa = store.feature_type(feature).map_err(corrupt)?;
    let feature_type = feature_type(feature, &geomesa.spec, geomesa.scheme.dtg_attribute())?;
    let mut files = Vec::new();
    for partition in store.snapshot(feature).map_err(corrupt)? {
        // The partition's name bounds its times and places as its scheme says; the box its
        // writers recorded may be tighter. Were the two disjoint (metadata at odds with the
        // scheme), the recorded box is kept rather than a box that would prune every row.
        let named = geomesa.scheme.bounds(&partition.partition);
        let bbox = match (partition.bbox, named.bbox) {
            (Some(recorded), Some(named)) => intersection(recorded, named).or(Some(recorded)),
            (recorded, named) => recorded.or(named),
        };
        let relative = |path: &Path| {
            path.strip_prefix(&dir)
                .map(|p| p.to_string_lossy().into_owned())
                .map_err(|_| {
                    StoreError::Corrupt(format!("{} is outside {}", path.display(), dir.display()))
                })
        };
        // Files are in GeoMesa's merge order; a change is newer than a file if it comes later.
        let changes = partition
            .files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.action != FileAction::Append)
            .map(|(i, f)| Ok((i, f.timestamp, relative(&f.path)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let shown: Vec<(usize, &strabo_geomesa::DataFile)> = partition
            .files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.action != FileAction::Delete)
            .collect();
        let count = shown.len() as u64;
        for (n, (i, file)) in shown.into_iter().enumerate() {
            let path = relative(&file.path)?;
            let bytes = *sizes.get(&path).ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "GeoMesa feature type '{feature}': data file '{path}', which its change \
                     log lists, is not in the store"
                ))
            })?;
            let hidden_by = changes
                .iter()
                .filter(|(j, timestamp, _)| (*timestamp, *j) > (file.timestamp, i))
                .map(|(_, _, path)| path.clone())
                .collect();
            files.push(DataFile {
                path,
                partition: partition.partition.clone(),
                // GeoMesa counts rows per partition; spread them over its files.
                rows: partition.count / count + u64::from((n as u64) < partition.count % count),
                bytes,
                bbox: bbox.map(|b| [b.xmin, b.ymin, b.xmax, b.ymax]),
                time: named.time,
                geomesa: Some(GeoMesaRows {
                    hidden_by,
                    auths: auths.map(str::to_owned),
                }),
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

/// The box two boxes share, if any.
fn intersection(a: Bbox, b: Bbox) -> Option<Bbox> {
    let shared = Bbox {
        xmin: a.xmin.max(b.xmin),
        ymin: a.ymin.max(b.ymin),
        xmax: a.xmax.min(b.xmax),
        ymax: a.ymax.min(b.ymax),
    };
    (shared.xmin <= shared.xmax && shared.ymin <= shared.ymax).then_some(shared)
}

/// GeoMesa's spec as the store's feature type, whose dtg is the one its partition scheme
/// partitions by (`dtg_attribute`), else the spec's default date. Its scheme is `flat` to the
/// store: GeoMesa's partitions are pruned by the times and boxes their names bound, given to
/// each file, and row groups by their statistics.
fn feature_type(
    name: &str,
    spec: &FeatureTypeSpec,
    dtg_attribute: Option<&str>,
) -> Result<FeatureType, StoreError> {
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
    let dtg = dtg_attribute
        .or_else(|| spec.user_data("geomesa.index.dtg"))
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
/// metadata (GeoMesa 5 and Strabo write it), else, for a file of a GeoMesa store (GeoMesa 2.3
/// wrote none there), from the storage's `metadata/storage.json` in `storage`; `None` for
/// neither.
pub(crate) async fn file_spec(
    metadata: &parquet::file::metadata::FileMetaData,
    geomesa: Option<(&Arc<dyn ObjectStore>, &ObjectPath)>,
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
    let Some((objects, storage)) = geomesa else {
        return Ok(None);
    };
    let location = storage.clone().join("metadata").join("storage.json");
    let bytes = objects.get(&location).await?.bytes().await?;
    let path = Path::new("/").join(location.as_ref());
    let config = strabo_geomesa::metadata::parse_storage(&path, &bytes)
        .map_err(|e| StoreError::Corrupt(format!("GeoMesa feature type '{feature}': {e}")))?;
    Ok(Some(config.spec))
}

/// How a file of a GeoMesa store encodes its columns, from its key-value metadata.
pub(crate) fn file_encoding(
    metadata: &parquet::file::metadata::FileMetaData,
    name: &str,
) -> Result<FileEncoding, StoreError> {
    let pairs = metadata.key_value_metadata();
    FileEncoding::of_metadata(|key| {
        pairs?
            .iter()
            .find(|kv| kv.key == key)
            .and_then(|kv| kv.value.as_deref())
    })
    .ok_or_else(|| {
        StoreError::Corrupt(format!(
            "{name}: '{}' is not an encoding GeoMesa writes",
            columns::GEOMETRIES_KEY
        ))
    })
}

/// The column of attribute `name` in a file of encoding `encoding`.
pub(crate) fn column_name(name: &str, encoding: FileEncoding) -> std::borrow::Cow<'_, str> {
    if encoding.encodes_names() && name != FID_COLUMN && name != VISIBILITY_COLUMN {
        columns::encode_name(name).into()
    } else {
        name.into()
    }
}

/// `batch`, read from a file written with `spec`, in the store's layout: Strabo's files are
/// returned unchanged; a GeoMesa store's file (`encoding`) has its names decoded, its
/// geometries and dates converted, and its bounding box columns dropped.
pub(crate) fn conform(
    spec: Option<&FeatureTypeSpec>,
    encoding: Option<FileEncoding>,
    batch: RecordBatch,
) -> Result<RecordBatch, StoreError> {
    let Some(spec) = spec else {
        return Ok(batch);
    };
    let schema = batch.schema();
    let mut fields = Vec::with_capacity(batch.num_columns());
    let mut columns = Vec::with_capacity(batch.num_columns());
    for (field, column) in schema.fields().iter().zip(batch.columns()) {
        let decoded = match encoding {
            Some(encoding) if encoding.encodes_names() => {
                if columns::is_bbox_column(field.name()) {
                    continue;
                }
                columns::decode_name(field.name())
            }
            _ => None,
        };
        let name = decoded.as_deref().unwrap_or(field.name());
        let kind = spec.attribute(name).map(|a| a.attribute_type);
        let converted: ArrayRef = match (field.data_type(), kind) {
            (DataType::Struct(_), Some(AttributeType::Geometry(geometry))) => {
                Arc::new(wkb_of_xy(name, column, geometry)?)
            }
            (DataType::List(_), Some(AttributeType::Geometry(geometry))) => {
                Arc::new(wkb_of_native(name, column, geometry)?)
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

/// The rows of `batch` (already conformed) that a read keeps: those whose feature id no newer
/// change in `hidden` holds, and whose visibility label `auths` satisfy. The `__vis__` column
/// is dropped.
pub(crate) fn keep_rows(
    batch: RecordBatch,
    hidden: &HashSet<String>,
    auths: &Authorizations,
) -> Result<RecordBatch, StoreError> {
    let schema = batch.schema();
    let ids = schema
        .index_of(FID_COLUMN)
        .ok()
        .map(|i| batch.column(i).as_string_opt::<i32>());
    let labels = schema
        .index_of(VISIBILITY_COLUMN)
        .ok()
        .map(|i| batch.column(i).as_string_opt::<i32>());
    let keep: arrow_array::BooleanArray = (0..batch.num_rows())
        .map(|row| {
            let hidden_id = matches!(ids, Some(Some(ids)) if ids.is_valid(row) && hidden.contains(ids.value(row)));
            let visible = match labels {
                Some(Some(labels)) if labels.is_valid(row) => auths.can_see(labels.value(row)),
                // A label column that is not text is one no reader may trust.
                Some(None) => false,
                _ => true,
            };
            Some(!hidden_id && visible)
        })
        .collect();
    let kept = arrow_select::filter::filter_record_batch(&batch, &keep)?;
    match kept.schema().index_of(VISIBILITY_COLUMN) {
        Ok(i) => {
            let mut kept = kept;
            kept.remove_column(i);
            Ok(kept)
        }
        Err(_) => Ok(kept),
    }
}

fn micros(millis: impl Iterator<Item = Option<i64>>) -> TimestampMicrosecondArray {
    millis
        .map(|m| m.map(|m| m.saturating_mul(1000)))
        .collect::<TimestampMicrosecondArray>()
        .with_timezone(UTC)
}

/// Coordinates as GeoMesa's V1 encoding nests each of x and y: a number, or a list of nested
/// values (a one-field struct around a list is its list).
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

/// A geometry's coordinates as nested lists: the shape both of GeoMesa's layouts give them.
enum Coords {
    Coord(Coord),
    List(Vec<Coords>),
}

/// V1 keeps x and y apart, in two trees of one shape: zipped, they are the coordinates.
fn zip(x: &Nested, y: &Nested) -> Option<Coords> {
    match (x, y) {
        (Nested::Number(x), Nested::Number(y)) => Some(Coords::Coord(Coord { x: *x, y: *y })),
        (Nested::List(xs), Nested::List(ys)) if xs.len() == ys.len() => xs
            .iter()
            .zip(ys)
            .map(|(x, y)| zip(x, y))
            .collect::<Option<_>>()
            .map(Coords::List),
        _ => None,
    }
}

/// GeoParquet's native encoding: `{x, y}` structs in lists.
fn native(array: &dyn Array, row: usize) -> Option<Coords> {
    if array.is_null(row) {
        return None;
    }
    match array.data_type() {
        DataType::List(_) => {
            let items = array.as_list::<i32>().value(row);
            Some(Coords::List(
                (0..items.len())
                    .filter_map(|i| native(items.as_ref(), i))
                    .collect(),
            ))
        }
        DataType::Struct(_) => {
            let xy = array.as_struct();
            let value = |name: &str| {
                xy.column_by_name(name)?
                    .as_primitive_opt::<arrow_array::types::Float64Type>()
                    .map(|c| c.value(row))
            };
            match (value("x"), value("y")) {
                (Some(x), Some(y)) => Some(Coords::Coord(Coord { x, y })),
                // ThreeLevel lists wrap each element in a one-field struct.
                _ if xy.num_columns() == 1 => native(xy.column(0).as_ref(), row),
                _ => None,
            }
        }
        _ => None,
    }
}

fn line(value: &Coords) -> Option<Vec<Coord>> {
    parts(value)?
        .iter()
        .map(|item| match item {
            Coords::Coord(c) => Some(*c),
            Coords::List(_) => None,
        })
        .collect()
}

fn parts(value: &Coords) -> Option<&[Coords]> {
    match value {
        Coords::List(items) => Some(items),
        Coords::Coord(_) => None,
    }
}

fn polygon(value: &Coords) -> Option<Polygon> {
    let mut rings = parts(value)?.iter().map(|r| line(r).map(LineString::new));
    let exterior = rings.next()??;
    Some(Polygon::new(exterior, rings.collect::<Option<Vec<_>>>()?))
}

fn geometry_of(geometry: GeometryType, value: &Coords) -> Option<Geometry> {
    Some(match geometry {
        GeometryType::Point => match value {
            Coords::Coord(c) => Geometry::Point(Point::from(*c)),
            Coords::List(_) => return None,
        },
        GeometryType::LineString => Geometry::LineString(LineString::new(line(value)?)),
        GeometryType::MultiPoint => Geometry::MultiPoint(MultiPoint::new(
            line(value)?.into_iter().map(Point::from).collect(),
        )),
        GeometryType::Polygon => Geometry::Polygon(polygon(value)?),
        GeometryType::MultiLineString => Geometry::MultiLineString(MultiLineString::new(
            parts(value)?
                .iter()
                .map(|part| line(part).map(LineString::new))
                .collect::<Option<_>>()?,
        )),
        GeometryType::MultiPolygon => Geometry::MultiPolygon(MultiPolygon::new(
            parts(value)?.iter().map(polygon).collect::<Option<_>>()?,
        )),
        // GeoMesa writes these as WKB in every encoding.
        GeometryType::Geometry | GeometryType::GeometryCollection => return None,
    })
}

/// A geometry column as WKB, a row at a time: `coordinates(row)` is `None` for a null row and
/// `Some(None)` for coordinates that do not fit together, an error naming `what` they are.
fn wkb_column(
    name: &str,
    rows: usize,
    geometry: GeometryType,
    what: &str,
    coordinates: impl Fn(usize) -> Option<Option<Coords>>,
) -> Result<arrow_array::BinaryArray, StoreError> {
    let mut out = BinaryBuilder::new();
    let mut wkb = Vec::new();
    for row in 0..rows {
        let Some(value) = coordinates(row) else {
            out.append_null();
            continue;
        };
        let value = value
            .and_then(|value| geometry_of(geometry, &value))
            .ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "GeoMesa column '{name}', row {row}: {what} do not make a {geometry:?}"
                ))
            })?;
        wkb.clear();
        strabo_geom::write_wkb(&value, &mut wkb);
        out.append_value(&wkb);
    }
    Ok(out.finish())
}

/// A column of GeoMesa's V1 encoding (x and y structs) as WKB.
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
    wkb_column(name, xy.len(), geometry, "x and y", |row| {
        match (nested(xs.as_ref(), row), nested(ys.as_ref(), row)) {
            (Some(x), Some(y)) => Some(zip(&x, &y)),
            _ => None,
        }
    })
}

/// A column of GeoParquet's native encoding (lists of `{x, y}` structs) as WKB.
fn wkb_of_native(
    name: &str,
    column: &ArrayRef,
    geometry: GeometryType,
) -> Result<arrow_array::BinaryArray, StoreError> {
    wkb_column(name, column.len(), geometry, "its coordinates", |row| {
        native(column.as_ref(), row).map(Some)
    })
}
