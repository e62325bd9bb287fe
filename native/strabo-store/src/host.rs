//! What a host engine's connector (Spark's data source) needs from the store, in types that
//! cross as JSON: feature types from the host's columns, a description of a feature type, and
//! geometry columns in the host's layout.
use std::sync::Arc;

use arrow_array::builder::BinaryBuilder;
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::log::Snapshot;
use crate::schema::{Attribute, AttributeKind, FeatureType};

/// A column as the host describes it: a name, a type name (Spark's simple names: `string`,
/// `int`, `bigint`, `float`, `double`, `boolean`, `date`, `timestamp`, `binary`, `geometry`)
/// and, for a geometry, its SRID.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostColumn {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(default)]
    pub srid: i32,
}

/// The write options that shape a new feature type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeatureTypeOptions {
    /// The date-time attribute; absent means the first timestamp column, empty means none.
    #[serde(default)]
    pub dtg: Option<String>,
    /// The partition scheme; absent means [`FeatureType::default_scheme`].
    #[serde(default)]
    pub scheme: Option<String>,
    /// Geometry columns that hold points only (GeoMesa's `Point` type), which index exactly
    /// with Z2/Z3 rather than XZ2/XZ3.
    #[serde(default)]
    pub points: Vec<String>,
}

impl FeatureType {
    /// The feature type of data with these columns, validated.
    pub fn from_columns(
        name: &str,
        columns: &[HostColumn],
        options: &FeatureTypeOptions,
    ) -> Result<FeatureType, StoreError> {
        for point in &options.points {
            if !columns
                .iter()
                .any(|c| &c.name == point && c.type_name == "geometry")
            {
                return Err(StoreError::Schema(format!(
                    "feature type '{name}': option points names '{point}', which is not a geometry column"
                )));
            }
        }
        let attributes = columns
            .iter()
            .map(|column| {
                let kind = match column.type_name.as_str() {
                    "geometry" => AttributeKind::Geometry {
                        srid: column.srid,
                        points: options.points.contains(&column.name),
                    },
                    "string" => AttributeKind::String,
                    "int" => AttributeKind::Int,
                    "bigint" => AttributeKind::Long,
                    "float" => AttributeKind::Float,
                    "double" => AttributeKind::Double,
                    "boolean" => AttributeKind::Boolean,
                    "date" => AttributeKind::Date,
                    "timestamp" => AttributeKind::Timestamp,
                    "binary" => AttributeKind::Binary,
                    other => {
                        return Err(StoreError::Schema(format!(
                            "feature type '{name}': column '{}' is {other}; the store takes \
                             geometry, string, int, bigint, float, double, boolean, date, \
                             timestamp and binary columns",
                            column.name
                        )))
                    }
                };
                Ok(Attribute {
                    name: column.name.clone(),
                    kind,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let dtg = match &options.dtg {
            Some(dtg) if dtg.is_empty() => None,
            Some(dtg) => Some(dtg.clone()),
            None => attributes
                .iter()
                .find(|a| a.kind == AttributeKind::Timestamp)
                .map(|a| a.name.clone()),
        };
        let scheme = match &options.scheme {
            Some(scheme) => scheme.clone(),
            None => FeatureType::default_scheme(&attributes, dtg.as_deref()),
        };
        let feature_type = FeatureType {
            name: name.to_owned(),
            attributes,
            dtg,
            scheme,
        };
        feature_type.validate()?;
        Ok(feature_type)
    }
}

/// The feature type a write of `data` uses: the stored one when it exists and the data's
/// columns fit it, else `data`'s. The stored scheme, dtg and point-only columns win, whatever
/// the write's options say; rows are checked against them as they are written.
pub fn feature_type_for_write(
    stored: Option<FeatureType>,
    mut data: FeatureType,
) -> Result<FeatureType, StoreError> {
    let Some(stored) = stored else {
        return Ok(data);
    };
    for attribute in &mut data.attributes {
        if let (
            AttributeKind::Geometry { points, .. },
            Some(AttributeKind::Geometry {
                points: stored_points,
                ..
            }),
        ) = (
            &mut attribute.kind,
            stored.attribute(&attribute.name).map(|a| a.kind),
        ) {
            *points = stored_points;
        }
    }
    stored.check_compatible(&data)?;
    Ok(stored)
}

/// A feature type at a version, with the totals a planner and a `DESCRIBE` need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Description {
    pub feature_type: FeatureType,
    pub version: u64,
    pub rows: u64,
    pub bytes: u64,
    pub files: usize,
    /// The union of the files' boxes of the default geometry, `[xmin, ymin, xmax, ymax]`.
    pub bbox: Option<[f64; 4]>,
    /// The least and greatest dtg, epoch microseconds.
    pub time: Option<[i64; 2]>,
}

impl Description {
    pub fn of(snapshot: &Snapshot) -> Description {
        Description {
            feature_type: snapshot.feature_type.clone(),
            version: snapshot.version,
            rows: snapshot.rows(),
            bytes: snapshot.bytes(),
            files: snapshot.files.len(),
            bbox: snapshot.bbox(),
            time: snapshot.time(),
        }
    }
}

/// `batch` (columns named as `feature_type`'s attributes) with its geometry columns in
/// Spark's layout, as [`crate::Store::write`] takes them with `GeomEncoding::SridWkb`.
pub fn geometries_with_srid(
    feature_type: &FeatureType,
    batch: &RecordBatch,
) -> Result<RecordBatch, StoreError> {
    let schema = batch.schema();
    let columns = schema
        .fields()
        .iter()
        .zip(batch.columns())
        .map(
            |(field, column)| match feature_type.attribute(field.name()).map(|a| a.kind) {
                Some(AttributeKind::Geometry { srid, .. }) => with_srid_prefix(column, srid),
                _ => Ok(column.clone()),
            },
        )
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RecordBatch::try_new(schema, columns)?)
}

/// A WKB column as Spark holds `GEOMETRY`: a little-endian `i32` SRID before each value.
pub fn with_srid_prefix(wkb: &ArrayRef, srid: i32) -> Result<ArrayRef, StoreError> {
    let values = wkb.as_binary_opt::<i32>().ok_or_else(|| {
        StoreError::Corrupt(format!(
            "a geometry column was read as {}, not WKB",
            wkb.data_type()
        ))
    })?;
    let prefix = srid.to_le_bytes();
    let mut out =
        BinaryBuilder::with_capacity(values.len(), values.value_data().len() + 4 * values.len());
    let mut value = Vec::new();
    for row in 0..values.len() {
        if values.is_null(row) {
            out.append_null();
        } else {
            value.clear();
            value.extend_from_slice(&prefix);
            value.extend_from_slice(values.value(row));
            out.append_value(&value);
        }
    }
    Ok(Arc::new(out.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(name: &str, type_name: &str, srid: i32) -> HostColumn {
        HostColumn {
            name: name.into(),
            type_name: type_name.into(),
            srid,
        }
    }

    #[test]
    fn the_first_timestamp_is_the_dtg_unless_told() {
        let columns = [
            column("geom", "geometry", 4326),
            column("seen", "timestamp", 0),
            column("name", "string", 0),
        ];
        let options = FeatureTypeOptions {
            points: vec!["geom".into()],
            ..Default::default()
        };
        let t = FeatureType::from_columns("events", &columns, &options).unwrap();
        assert_eq!(t.dtg.as_deref(), Some("seen"));
        assert_eq!(t.scheme, "daily,z2-2bits");
        let none = FeatureTypeOptions {
            dtg: Some(String::new()),
            ..Default::default()
        };
        let t = FeatureType::from_columns("events", &columns, &none).unwrap();
        assert_eq!((t.dtg, t.scheme.as_str()), (None, "xz2-2bits"));
    }

    #[test]
    fn unsupported_columns_and_options_are_named() {
        let err = FeatureType::from_columns(
            "t",
            &[
                column("geom", "geometry", 0),
                column("m", "map<string,int>", 0),
            ],
            &FeatureTypeOptions::default(),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("column 'm' is map<string,int>"),
            "{err}"
        );
        let err = FeatureType::from_columns(
            "t",
            &[column("geom", "geometry", 0)],
            &FeatureTypeOptions {
                points: vec!["nope".into()],
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("'nope'"), "{err}");
    }

    #[test]
    fn a_write_takes_the_stored_point_columns() {
        let columns = [column("geom", "geometry", 4326), column("n", "int", 0)];
        let points = FeatureTypeOptions {
            points: vec!["geom".into()],
            ..Default::default()
        };
        let stored = FeatureType::from_columns("t", &columns, &points).unwrap();
        let data =
            FeatureType::from_columns("t", &columns, &FeatureTypeOptions::default()).unwrap();
        let used = feature_type_for_write(Some(stored.clone()), data.clone()).unwrap();
        assert_eq!(used, stored);
        let other = FeatureType::from_columns(
            "t",
            &[column("geom", "geometry", 4326), column("n", "string", 0)],
            &FeatureTypeOptions::default(),
        )
        .unwrap();
        assert!(feature_type_for_write(Some(stored), other).is_err());
        assert_eq!(feature_type_for_write(None, data.clone()).unwrap(), data);
    }

    #[test]
    fn geometries_get_their_srid_prefix() {
        let wkb: ArrayRef = Arc::new(arrow_array::BinaryArray::from(vec![
            Some(&[1u8, 2][..]),
            None,
        ]));
        let out = with_srid_prefix(&wkb, 4326).unwrap();
        let out = out.as_binary::<i32>();
        assert_eq!(out.value(0), &[0xE6, 0x10, 0, 0, 1, 2]);
        assert!(out.is_null(1));
    }
}
