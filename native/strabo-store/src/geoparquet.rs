//! One data file: GeoParquet 1.1 with the Parquet `GEOMETRY` logical type, a covering bbox
//! struct per geometry, GeoMesa's key-value metadata, ZSTD compression.
//!
//! The `parquet` crate is pinned to 59.3: from 60 it writes float columns with the
//! `IEEE_754_TOTAL_ORDER` column order, which parquet-java (Spark) and pyarrow do not know, so
//! they ignore the covering columns' statistics and stop pruning.
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;
use serde_json::{json, Map, Value};

use crate::error::StoreError;
use crate::schema::{bbox_column, AttributeKind, FeatureType, BBOX_FIELDS, FID};
use crate::write::PartitionRows;

/// Rows per row group unless the caller says otherwise: small enough that the covering
/// statistics prune, large enough that a scan reads long runs.
pub const DEFAULT_ROW_GROUP_ROWS: usize = 64 * 1024;

/// Rows per data page unless the caller says otherwise. Each page's statistics go to the
/// file's page index, so a scan skips the pages of a row group that its filter rules out:
/// the rows are sorted by curve key, so a page of a few thousand holds a small box.
pub const DEFAULT_PAGE_ROWS: usize = 1024;

/// Bytes of rows a task writer holds before it writes its largest partitions early.
pub const DEFAULT_BUFFER_BYTES: usize = 256 << 20;

/// How files are written.
#[derive(Debug, Clone, Copy)]
pub struct FileOptions {
    pub row_group_rows: usize,
    pub page_rows: usize,
    /// What a [`crate::TaskWriter`] buffers; larger makes fewer, larger files.
    pub buffer_bytes: usize,
}

impl Default for FileOptions {
    fn default() -> Self {
        FileOptions {
            row_group_rows: DEFAULT_ROW_GROUP_ROWS,
            page_rows: DEFAULT_PAGE_ROWS,
            buffer_bytes: DEFAULT_BUFFER_BYTES,
        }
    }
}

/// Encodes one partition's rows as a Parquet file.
pub fn encode(
    feature_type: &FeatureType,
    rows: &PartitionRows,
    options: FileOptions,
) -> Result<Vec<u8>, StoreError> {
    let metadata = vec![
        KeyValue::new("geo".into(), geo_metadata(feature_type, rows).to_string()),
        KeyValue::new("geomesa.fs.sft.name".into(), feature_type.name.clone()),
        KeyValue::new("geomesa.fs.sft.spec".into(), geomesa_spec(feature_type)),
        KeyValue::new(
            "geomesa.parquet.geometries".into(),
            "GeoParquetWkb".to_owned(),
        ),
    ];
    let mut properties = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?))
        .set_max_row_group_row_count(Some(options.row_group_rows.max(1)))
        .set_data_page_row_count_limit(options.page_rows.max(1))
        .set_write_batch_size(options.page_rows.clamp(1, 1024))
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_key_value_metadata(Some(metadata));
    // Geometries, their coverings, ids and times are nearly all distinct: a dictionary would
    // hold every value, and a scan that skips pages would still read all of it.
    let mut distinct: Vec<ColumnPath> = vec![ColumnPath::from(FID)];
    for attribute in feature_type.geometries() {
        distinct.push(ColumnPath::from(attribute.name.as_str()));
        let covering = bbox_column(&attribute.name);
        for field in BBOX_FIELDS {
            distinct.push(ColumnPath::new(vec![covering.clone(), field.to_owned()]));
        }
    }
    distinct.extend(feature_type.dtg.as_deref().map(ColumnPath::from));
    for column in distinct {
        properties = properties.set_column_dictionary_enabled(column, false);
    }
    let properties = properties.build();
    let mut out = Vec::new();
    let mut writer = ArrowWriter::try_new(&mut out, rows.batch.schema(), Some(properties))?;
    writer.write(&rows.batch)?;
    writer.close()?;
    Ok(out)
}

/// GeoParquet 1.1's `geo` metadata. Only the default geometry has the file's bbox (the log
/// keeps no other); every geometry names its covering column.
fn geo_metadata(feature_type: &FeatureType, rows: &PartitionRows) -> Value {
    let mut columns = Map::new();
    for (i, attribute) in feature_type.geometries().enumerate() {
        let AttributeKind::Geometry { srid, points } = attribute.kind else {
            unreachable!()
        };
        let covering = bbox_column(&attribute.name);
        let mut column = json!({
            "encoding": "WKB",
            "geometry_types": if points { json!(["Point"]) } else { json!([]) },
            "covering": {"bbox": {
                "xmin": [covering, "xmin"], "ymin": [covering, "ymin"],
                "xmax": [covering, "xmax"], "ymax": [covering, "ymax"],
            }},
        });
        // An omitted crs means OGC:CRS84. GeoParquet wants any other as full PROJJSON, which
        // takes a CRS database to write (a bare `id` makes pyproj and geopandas fail), so it
        // is null, "unknown", here; the GEOMETRY logical type still names `EPSG:<srid>`.
        if srid != 4326 {
            column["crs"] = Value::Null;
        }
        if let (0, Some(bbox)) = (i, rows.bbox) {
            column["bbox"] = json!(bbox);
        }
        columns.insert(attribute.name.clone(), column);
    }
    json!({
        "version": "1.1.0",
        "primary_column": feature_type.default_geometry().name,
        "columns": columns,
    })
}

/// The feature type as a GeoMesa `SimpleFeatureType` spec, e.g.
/// `name:String,dtg:Date,*geom:Point:srid=4326;geomesa.index.dtg='dtg'`, so that GeoMesa's
/// tools recognise the files.
pub fn geomesa_spec(feature_type: &FeatureType) -> String {
    let default = &feature_type.default_geometry().name;
    let attributes: Vec<String> = feature_type
        .attributes
        .iter()
        .map(|a| match a.kind {
            AttributeKind::Geometry { srid, points } => {
                let star = if &a.name == default { "*" } else { "" };
                let kind = if points { "Point" } else { "Geometry" };
                format!("{star}{}:{kind}:srid={srid}", a.name)
            }
            kind => {
                let name = match kind {
                    AttributeKind::String => "String",
                    AttributeKind::Int => "Integer",
                    AttributeKind::Long => "Long",
                    AttributeKind::Float => "Float",
                    AttributeKind::Double => "Double",
                    AttributeKind::Boolean => "Boolean",
                    AttributeKind::Date | AttributeKind::Timestamp => "Date",
                    AttributeKind::Binary => "Bytes",
                    AttributeKind::Geometry { .. } => unreachable!(),
                };
                format!("{}:{name}", a.name)
            }
        })
        .collect();
    let user_data = feature_type
        .dtg
        .as_ref()
        .map(|dtg| format!(";geomesa.index.dtg='{dtg}'"))
        .unwrap_or_default();
    attributes.join(",") + &user_data
}
