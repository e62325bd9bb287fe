//! A feature type: the schema of one table of the store, and the Arrow schema of its files.
//!
//! The file layout is GeoMesa's FileSystem store's: the attributes in order (geometries as
//! ISO WKB with the Parquet `GEOMETRY` logical type), then `__fid__`, then a bbox covering
//! struct `__<geom>_bbox__` per geometry.
use std::collections::HashMap;
use std::sync::Arc;

use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use serde::{Deserialize, Serialize};
use strabo_curve::PartitionScheme;

use crate::error::StoreError;

/// The feature-id column GeoMesa writes into every file.
pub const FID: &str = "__fid__";

/// The covering column of a geometry attribute, named as GeoMesa names it.
pub fn bbox_column(geometry: &str) -> String {
    format!("__{geometry}_bbox__")
}

/// The fields of a covering column, as GeoParquet 1.1 names them.
pub const BBOX_FIELDS: [&str; 4] = ["xmin", "ymin", "xmax", "ymax"];

/// The timezone the store writes timestamps in, as Spark's `TIMESTAMP` reaches Arrow.
pub const UTC: &str = "UTC";

/// A feature type: its name, attributes, date-time attribute and partition scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureType {
    pub name: String,
    pub attributes: Vec<Attribute>,
    /// The date-time attribute that time partitions and the Z3 sort key use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dtg: Option<String>,
    /// The partition scheme as GeoMesa spells it, e.g. `daily,z2-2bits`.
    pub scheme: String,
}

/// One attribute (column) of a feature type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribute {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: AttributeKind,
}

/// The type of an attribute: Spark's basic types and geometries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AttributeKind {
    /// A geometry column with one SRID. `points` is true when every geometry must be a point,
    /// which is what lets Z2/Z3 keys and `z2` partitions index it exactly.
    Geometry {
        srid: i32,
        points: bool,
    },
    String,
    Int,
    Long,
    Float,
    Double,
    Boolean,
    Date,
    Timestamp,
    Binary,
}

impl AttributeKind {
    /// The Arrow type of the column in files and in batches read back (geometries as WKB).
    pub fn arrow_type(self) -> DataType {
        match self {
            AttributeKind::Geometry { .. } | AttributeKind::Binary => DataType::Binary,
            AttributeKind::String => DataType::Utf8,
            AttributeKind::Int => DataType::Int32,
            AttributeKind::Long => DataType::Int64,
            AttributeKind::Float => DataType::Float32,
            AttributeKind::Double => DataType::Float64,
            AttributeKind::Boolean => DataType::Boolean,
            AttributeKind::Date => DataType::Date32,
            AttributeKind::Timestamp => {
                DataType::Timestamp(TimeUnit::Microsecond, Some(UTC.into()))
            }
        }
    }
}

impl FeatureType {
    /// Checks the names and the scheme: unique attribute names, none reserved, a `dtg` that
    /// names a timestamp attribute, at least one geometry, a scheme that parses.
    pub fn validate(&self) -> Result<(), StoreError> {
        let bad = |why: String| {
            Err(StoreError::Schema(format!(
                "feature type '{}': {why}",
                self.name
            )))
        };
        if self.name.is_empty()
            || self.name.contains(['/', '\\'])
            || self.name.starts_with(['.', '_'])
        {
            return bad("a feature type's name must be non-empty, without '/', and not start with '.' or '_'".into());
        }
        let mut seen = HashMap::new();
        for attribute in &self.attributes {
            if attribute.name.starts_with("__") {
                return bad(format!(
                    "attribute '{}': names starting with '__' are reserved",
                    attribute.name
                ));
            }
            if seen
                .insert(attribute.name.to_ascii_lowercase(), ())
                .is_some()
            {
                return bad(format!("attribute '{}' appears twice", attribute.name));
            }
        }
        if self.geometries().next().is_none() {
            return bad("it has no geometry attribute".into());
        }
        if let Some(dtg) = &self.dtg {
            match self.attribute(dtg) {
                Some(a) if a.kind == AttributeKind::Timestamp => {}
                Some(_) => return bad(format!("dtg '{dtg}' is not a timestamp attribute")),
                None => return bad(format!("dtg '{dtg}' is not an attribute")),
            }
        }
        self.partition_scheme().map(|_| ())
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The geometry attributes, the default one (which partitions and sorts) first.
    pub fn geometries(&self) -> impl Iterator<Item = &Attribute> {
        self.attributes
            .iter()
            .filter(|a| matches!(a.kind, AttributeKind::Geometry { .. }))
    }

    /// The geometry that partitions and sort keys use: the first.
    pub fn default_geometry(&self) -> &Attribute {
        self.geometries()
            .next()
            .expect("a validated feature type has a geometry")
    }

    pub fn partition_scheme(&self) -> Result<PartitionScheme, StoreError> {
        let scheme = PartitionScheme::parse(&self.scheme).map_err(|e| {
            StoreError::Schema(format!(
                "feature type '{}': scheme '{}': {e}",
                self.name, self.scheme
            ))
        })?;
        let attribute_part = scheme.parts().iter().find_map(|part| match part {
            strabo_curve::scheme::SchemePart::Attribute(a) => Some(a.attribute().to_owned()),
            _ => None,
        });
        if let Some(name) = attribute_part {
            if self.attribute(&name).is_none() {
                return Err(StoreError::Schema(format!(
                    "feature type '{}': scheme '{}' partitions by '{name}', which is not an attribute",
                    self.name, self.scheme
                )));
            }
        }
        let needs_dtg = scheme
            .parts()
            .iter()
            .any(|p| matches!(p, strabo_curve::scheme::SchemePart::Time(_)));
        if needs_dtg && self.dtg.is_none() {
            return Err(StoreError::Schema(format!(
                "feature type '{}': scheme '{}' has time partitions but no dtg attribute is set",
                self.name, self.scheme
            )));
        }
        Ok(scheme)
    }

    /// The scheme a new feature type gets when none is given: GeoMesa's usual `daily,z2-2bits`
    /// family for lon/lat data, and no spatial level for other SRIDs, whose coordinates the
    /// lon/lat curves cannot place.
    pub fn default_scheme(attributes: &[Attribute], dtg: Option<&str>) -> String {
        let geometry = attributes.iter().find_map(|a| match a.kind {
            AttributeKind::Geometry { srid, points } => Some((srid, points)),
            _ => None,
        });
        match geometry {
            Some((4326, points)) => PartitionScheme::default_for(points, dtg.is_some())
                .name()
                .to_owned(),
            _ if dtg.is_some() => "daily".into(),
            _ => "flat".into(),
        }
    }

    /// Whether data of `other` may be appended to this feature type: the same attributes, in
    /// the same order, with the same types. The scheme and dtg of the stored type win.
    pub fn check_compatible(&self, other: &FeatureType) -> Result<(), StoreError> {
        let describe = |t: &FeatureType| {
            t.attributes
                .iter()
                .map(|a| format!("{} {}", a.name, a.kind.describe()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if self.attributes.len() != other.attributes.len()
            || self
                .attributes
                .iter()
                .zip(&other.attributes)
                .any(|(a, b)| a.name != b.name || !a.kind.accepts(b.kind))
        {
            return Err(StoreError::Schema(format!(
                "feature type '{}' has attributes ({}); the data has ({}); nothing was written",
                self.name,
                describe(self),
                describe(other)
            )));
        }
        Ok(())
    }

    /// The Arrow schema of the files: attributes, `__fid__`, then a covering struct per
    /// geometry. Geometry fields carry the `geoarrow.wkb` extension, which parquet turns into
    /// the `GEOMETRY` logical type with its CRS.
    pub fn file_schema(&self) -> SchemaRef {
        let mut fields: Vec<Field> = self.attributes.iter().map(Attribute::file_field).collect();
        fields.push(Field::new(FID, DataType::Utf8, false));
        for geometry in self.geometries() {
            fields.push(Field::new(bbox_column(&geometry.name), bbox_type(), true));
        }
        Arc::new(Schema::new(fields))
    }
}

/// The struct type of a covering column.
pub fn bbox_type() -> DataType {
    DataType::Struct(Fields::from(
        BBOX_FIELDS
            .map(|name| Field::new(name, DataType::Float64, false))
            .to_vec(),
    ))
}

impl AttributeKind {
    fn describe(self) -> String {
        match self {
            AttributeKind::Geometry { srid, points: true } => {
                format!("point geometry (SRID {srid})")
            }
            AttributeKind::Geometry {
                srid,
                points: false,
            } => format!("geometry (SRID {srid})"),
            other => format!("{other:?}").to_ascii_lowercase(),
        }
    }

    /// Whether data of kind `other` fits a column of this kind; points fit any geometry of
    /// the same SRID.
    fn accepts(self, other: AttributeKind) -> bool {
        match (self, other) {
            (
                AttributeKind::Geometry { srid, points },
                AttributeKind::Geometry { srid: s, points: p },
            ) => srid == s && (!points || p),
            (a, b) => a == b,
        }
    }
}

impl Attribute {
    fn file_field(&self) -> Field {
        let field = Field::new(&self.name, self.kind.arrow_type(), true);
        match self.kind {
            AttributeKind::Geometry { srid, .. } => field.with_metadata(HashMap::from([
                ("ARROW:extension:name".to_owned(), "geoarrow.wkb".to_owned()),
                ("ARROW:extension:metadata".to_owned(), crs_metadata(srid)),
            ])),
            _ => field,
        }
    }
}

/// The CRS of an SRID as parquet's `geoarrow.wkb` extension metadata. 4326 is lon/lat, which
/// the `GEOMETRY` type writes as an omitted CRS. Other SRIDs are written as `EPSG:<srid>`, and
/// 0 as `SRID:0`, the spellings Spark's reader accepts (it refuses parquet's `srid:0`).
pub fn crs_metadata(srid: i32) -> String {
    match srid {
        4326 => r#"{"crs":"OGC:CRS84"}"#.into(),
        0 => r#"{"crs":"SRID:0"}"#.into(),
        srid => format!(r#"{{"crs":"EPSG:{srid}"}}"#),
    }
}

/// The SRID of a geometry column from the CRS in its `geoarrow.wkb` metadata, as files written
/// by Strabo, Spark or GeoMesa spell it; `None` for a CRS with no SRID.
pub fn srid_of_crs(crs: Option<&serde_json::Value>) -> Option<i32> {
    let Some(crs) = crs else { return Some(4326) };
    if let Some(text) = crs.as_str() {
        let upper = text.to_ascii_uppercase();
        return match upper.as_str() {
            "OGC:CRS84" | "EPSG:4326" => Some(4326),
            _ => upper
                .strip_prefix("EPSG:")
                .or_else(|| upper.strip_prefix("SRID:"))
                .and_then(|code| code.parse().ok()),
        };
    }
    // PROJJSON: its id.
    let id = &crs["id"];
    match (id["authority"].as_str(), &id["code"]) {
        (Some("OGC"), code) if code.as_str() == Some("CRS84") => Some(4326),
        (Some("EPSG"), code) => code
            .as_i64()
            .or_else(|| code.as_str()?.parse().ok())
            .map(|c| c as i32),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn events() -> FeatureType {
        FeatureType {
            name: "events".into(),
            attributes: vec![
                Attribute {
                    name: "name".into(),
                    kind: AttributeKind::String,
                },
                Attribute {
                    name: "dtg".into(),
                    kind: AttributeKind::Timestamp,
                },
                Attribute {
                    name: "geom".into(),
                    kind: AttributeKind::Geometry {
                        srid: 4326,
                        points: true,
                    },
                },
            ],
            dtg: Some("dtg".into()),
            scheme: "daily,z2-2bits".into(),
        }
    }

    #[test]
    fn file_schema_follows_geomesa() {
        let schema = events().file_schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(names, ["name", "dtg", "geom", "__fid__", "__geom_bbox__"]);
        assert_eq!(
            schema
                .field(2)
                .metadata()
                .get("ARROW:extension:name")
                .map(String::as_str),
            Some("geoarrow.wkb")
        );
    }

    #[test]
    fn validation_refuses_what_cannot_be_stored() {
        let mut t = events();
        t.dtg = Some("name".into());
        assert!(t
            .validate()
            .unwrap_err()
            .to_string()
            .contains("dtg 'name' is not a timestamp"));
        let mut t = events();
        t.dtg = None;
        assert!(t.validate().unwrap_err().to_string().contains("no dtg"));
        let mut t = events();
        t.attributes.push(Attribute {
            name: "NAME".into(),
            kind: AttributeKind::Int,
        });
        assert!(t
            .validate()
            .unwrap_err()
            .to_string()
            .contains("appears twice"));
        let mut t = events();
        t.scheme = "daily,z9".into();
        assert!(t.validate().is_err());
        let mut t = events();
        t.attributes.retain(|a| a.name != "geom");
        assert!(t
            .validate()
            .unwrap_err()
            .to_string()
            .contains("no geometry"));
        events().validate().unwrap();
    }

    #[test]
    fn compatibility_names_both_schemas() {
        let stored = events();
        let mut other = events();
        other.attributes[0].kind = AttributeKind::Int;
        let error = stored.check_compatible(&other).unwrap_err().to_string();
        assert!(
            error.contains("name string") && error.contains("name int"),
            "{error}"
        );
        // Points fit a general geometry column, not the other way round.
        let mut general = events();
        general.attributes[2].kind = AttributeKind::Geometry {
            srid: 4326,
            points: false,
        };
        general.check_compatible(&events()).unwrap();
        assert!(events().check_compatible(&general).is_err());
    }

    #[test]
    fn srids_round_trip_through_crs_spellings() {
        for srid in [4326, 0, 3857, 32632] {
            let metadata: serde_json::Value = serde_json::from_str(&crs_metadata(srid)).unwrap();
            assert_eq!(srid_of_crs(Some(&metadata["crs"])), Some(srid));
        }
        assert_eq!(srid_of_crs(None), Some(4326));
        let projjson = serde_json::json!({"id": {"authority": "EPSG", "code": 3857}});
        assert_eq!(srid_of_crs(Some(&projjson)), Some(3857));
    }

    #[test]
    fn default_schemes() {
        let t = events();
        assert_eq!(
            FeatureType::default_scheme(&t.attributes, Some("dtg")),
            "daily,z2-2bits"
        );
        assert_eq!(FeatureType::default_scheme(&t.attributes, None), "z2-2bits");
        let projected = [Attribute {
            name: "g".into(),
            kind: AttributeKind::Geometry {
                srid: 3857,
                points: false,
            },
        }];
        assert_eq!(FeatureType::default_scheme(&projected, None), "flat");
        assert_eq!(FeatureType::default_scheme(&projected, Some("t")), "daily");
    }
}
