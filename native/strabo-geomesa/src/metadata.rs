//! A storage's configuration files: `<storage>/metadata.json` (which metadata backend) and
//! `<storage>/metadata/storage.json` (feature type, partition scheme, encoding, leaf storage).
//!
//! `storage.json` comes in three shapes (GeoMesa 5.4 `MetadataSerialization` reads them all):
//! current `{feature-type, partition-scheme, config: {encoding, leaf-storage, …}}`; 2.x–3.x
//! `{feature-type, partition-scheme, encoding, leaf-storage}`; and older
//! `{feature-type, partition-scheme, encoding}` with `leaf-storage` among the scheme options
//! (default true).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

use crate::conf;
use crate::error::{Error, Result};
use crate::spec::{Attribute, AttributeType, FeatureTypeSpec};

/// The metadata backend named by `metadata.json`, e.g. `{"name":"file","options":{"render":"compact"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    /// Backend name: `file` for the file-based change log (the only one read here), or `jdbc`.
    pub name: String,
    /// Backend options, e.g. `render` = `compact` (HOCON change log) or `pretty` (JSON).
    pub options: BTreeMap<String, String>,
}

/// A partition scheme: a name such as `daily` or `hourly,z2-2bits`, and its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionScheme {
    /// Scheme name.
    pub name: String,
    /// Scheme options.
    pub options: BTreeMap<String, String>,
}

/// What `storage.json` holds.
#[derive(Debug, Clone, PartialEq)]
pub struct StorageConfig {
    /// Feature type name.
    pub type_name: String,
    /// Attributes and user data.
    pub spec: FeatureTypeSpec,
    /// Partition scheme.
    pub scheme: PartitionScheme,
    /// Data file encoding, e.g. `parquet`.
    pub encoding: String,
    /// Whether data files sit beside their partition's last path part (`2015/06/02_W….parquet`)
    /// rather than inside it (`2015/06/02/W….parquet`).
    pub leaf_storage: bool,
    /// All storage configuration keys (including `encoding` and `leaf-storage`).
    pub config: BTreeMap<String, String>,
}

/// Parses a metadata file's text (HOCON or JSON), naming `path` in errors.
pub fn parse_conf(path: &Path, bytes: &[u8]) -> Result<Value> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::metadata(path, format!("not UTF-8 text: {e}")))?;
    conf::parse(text).map_err(|e| Error::Syntax {
        path: path.to_path_buf(),
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

/// Parses `metadata.json`.
pub fn parse_backend(path: &Path, bytes: &[u8]) -> Result<Backend> {
    let value = parse_conf(path, bytes)?;
    let object = value
        .as_object()
        .ok_or_else(|| Error::metadata(path, "expected an object"))?;
    let Some(name) = object.get("name") else {
        // GeoMesa before 2.x kept everything in one metadata.json without `name`.
        return Err(Error::metadata(
            path,
            "no backend `name`: this is the pre-2.0 single-file metadata format, which is not supported",
        ));
    };
    let name = name
        .as_str()
        .ok_or_else(|| Error::metadata(path, "`name` must be a string"))?
        .to_string();
    let options = match object.get("options") {
        None => BTreeMap::new(),
        Some(options) => {
            string_map(options).map_err(|e| Error::metadata(path, format!("options: {e}")))?
        }
    };
    Ok(Backend { name, options })
}

/// Parses `storage.json`.
pub fn parse_storage(path: &Path, bytes: &[u8]) -> Result<StorageConfig> {
    let value = parse_conf(path, bytes)?;
    let fail = |message: String| Error::metadata(path, message);
    let root = value
        .as_object()
        .ok_or_else(|| fail("expected an object".into()))?;
    let feature_type = root
        .get("feature-type")
        .and_then(Value::as_object)
        .ok_or_else(|| fail("missing `feature-type` object".into()))?;
    let (type_name, spec) =
        parse_feature_type(feature_type).map_err(|e| fail(format!("feature-type: {e}")))?;
    let scheme = root
        .get("partition-scheme")
        .ok_or_else(|| fail("missing `partition-scheme`".into()))
        .and_then(|s| parse_scheme(s).map_err(|e| fail(format!("partition-scheme: {e}"))))?;

    let config = if let Some(config) = root.get("config") {
        string_map(config).map_err(|e| fail(format!("config: {e}")))?
    } else {
        let encoding = root
            .get("encoding")
            .and_then(scalar_string)
            .ok_or_else(|| fail("missing `config` (or `encoding`)".into()))?;
        let leaf = match root.get("leaf-storage") {
            Some(leaf) => scalar_string(leaf)
                .ok_or_else(|| fail("`leaf-storage` must be a boolean".into()))?,
            None => scheme
                .options
                .get("leaf-storage")
                .cloned()
                .unwrap_or_else(|| "true".into()),
        };
        BTreeMap::from([
            ("encoding".to_string(), encoding),
            ("leaf-storage".to_string(), leaf),
        ])
    };
    let encoding = config
        .get("encoding")
        .cloned()
        .ok_or_else(|| fail("config has no `encoding`".into()))?;
    let leaf_text = config
        .get("leaf-storage")
        .ok_or_else(|| fail("config has no `leaf-storage`".into()))?;
    let leaf_storage = parse_bool(leaf_text).ok_or_else(|| {
        fail(format!(
            "`leaf-storage` must be true or false, found `{leaf_text}`"
        ))
    })?;
    Ok(StorageConfig {
        type_name,
        spec,
        scheme,
        encoding,
        leaf_storage,
        config,
    })
}

/// `{type-name, attributes: [{name, type, <option>…}], user-data: {…}}`. A geometry's `default`
/// entry becomes [`Attribute::default_geometry`]; every other entry is an attribute option.
fn parse_feature_type(object: &Map<String, Value>) -> Result<(String, FeatureTypeSpec), String> {
    let type_name = object
        .get("type-name")
        .and_then(Value::as_str)
        .ok_or("missing `type-name` string")?
        .to_string();
    // GeoMesa also accepts `fields` for `attributes`.
    let attributes = object
        .get("attributes")
        .or_else(|| object.get("fields"))
        .and_then(Value::as_array)
        .ok_or("missing `attributes` list")?
        .iter()
        .enumerate()
        .map(|(i, a)| parse_attribute(a).map_err(|e| format!("attribute {}: {e}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    let user_data = match object.get("user-data") {
        None => Vec::new(),
        Some(user_data) => string_map(user_data)
            .map_err(|e| format!("user-data: {e}"))?
            .into_iter()
            .collect(),
    };
    Ok((
        type_name,
        FeatureTypeSpec {
            attributes,
            user_data,
        },
    ))
}

fn parse_attribute(value: &Value) -> Result<Attribute, String> {
    let mut options = string_map(value)?;
    let name = options.remove("name").ok_or("missing `name`")?;
    let type_text = options
        .remove("type")
        .ok_or_else(|| format!("`{name}`: missing `type`"))?;
    let attribute_type =
        AttributeType::parse(&type_text).map_err(|e| format!("`{name}`: {}", e.message))?;
    let default_geometry = if matches!(attribute_type, AttributeType::Geometry(_)) {
        match options.remove("default") {
            None => false,
            Some(flag) => parse_bool(&flag).ok_or_else(|| {
                format!("`{name}`: `default` must be true or false, found `{flag}`")
            })?,
        }
    } else {
        false
    };
    Ok(Attribute {
        name,
        attribute_type,
        default_geometry,
        options: options.into_iter().collect(),
    })
}

fn parse_scheme(value: &Value) -> Result<PartitionScheme, String> {
    let name = value
        .get("scheme")
        .and_then(Value::as_str)
        .ok_or("missing `scheme` string")?
        .to_string();
    let options = match value.get("options") {
        None => BTreeMap::new(),
        Some(options) => string_map(options).map_err(|e| format!("options: {e}"))?,
    };
    Ok(PartitionScheme { name, options })
}

/// Case-insensitive `true`/`false`, as Scala's `toBoolean`.
fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A string, number or boolean as text (Typesafe Config reads all three as strings).
fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An object as a string map the way GeoMesa's `toStringMap` reads it: nested objects become
/// dotted keys, lists of scalars are joined with `,`.
fn string_map(value: &Value) -> Result<BTreeMap<String, String>, String> {
    let object = value.as_object().ok_or("expected an object")?;
    let mut out = BTreeMap::new();
    flatten_into(&mut out, "", object)?;
    Ok(out)
}

fn flatten_into(
    out: &mut BTreeMap<String, String>,
    prefix: &str,
    object: &Map<String, Value>,
) -> Result<(), String> {
    for (key, value) in object {
        let key = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(inner) => flatten_into(out, &key, inner)?,
            Value::Array(items) => {
                let items = items
                    .iter()
                    .map(scalar_string)
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        format!("`{key}`: a list may hold only strings, numbers and booleans")
                    })?;
                out.insert(key, items.join(","));
            }
            Value::Null => {}
            scalar => {
                out.insert(key, scalar_string(scalar).unwrap_or_default());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{GeometryType, ScalarType};

    fn storage(text: &str) -> Result<StorageConfig> {
        parse_storage(Path::new("t/metadata/storage.json"), text.as_bytes())
    }

    const FEATURE_TYPE: &str = r#""feature-type": {
        "attributes": [
            {"index": "true", "name": "name", "type": "String"},
            {"default": "true", "index": "false", "name": "dtg", "type": "Date"},
            {"default": "true", "name": "geom", "srid": "4326", "type": "LineString"}
        ],
        "type-name": "lines",
        "user-data": {"geomesa.index.dtg": "dtg"}
    }"#;

    #[test]
    fn current_shape() {
        let text = format!(
            r#"{{"config": {{"encoding": "parquet", "leaf-storage": "true"}}, {FEATURE_TYPE},
                "partition-scheme": {{"options": {{}}, "scheme": "daily"}}}}"#
        );
        let parsed = storage(&text).unwrap();
        assert_eq!(parsed.type_name, "lines");
        assert_eq!(parsed.encoding, "parquet");
        assert!(parsed.leaf_storage);
        assert_eq!(parsed.scheme.name, "daily");
        assert_eq!(
            parsed.spec.to_string(),
            "name:String:index=true,dtg:Date:default=true:index=false,*geom:LineString:srid=4326;\
             geomesa.index.dtg='dtg'"
        );
        let geom = &parsed.spec.attributes[2];
        assert_eq!(
            geom.attribute_type,
            AttributeType::Geometry(GeometryType::LineString)
        );
        assert_eq!(
            parsed.spec.attributes[1].attribute_type,
            AttributeType::Scalar(ScalarType::Date)
        );
    }

    #[test]
    fn v2_shape_with_boolean_leaf_storage() {
        let text = format!(
            r#"{{"encoding": "orc", {FEATURE_TYPE}, "leaf-storage": false,
                "partition-scheme": {{"options": {{}}, "scheme": "monthly"}}}}"#
        );
        let parsed = storage(&text).unwrap();
        assert_eq!(parsed.encoding, "orc");
        assert!(!parsed.leaf_storage);
        assert_eq!(
            parsed.config.get("leaf-storage").map(String::as_str),
            Some("false")
        );
    }

    #[test]
    fn v1_shape_takes_leaf_storage_from_scheme_options() {
        let text = format!(
            r#"{{"encoding": "parquet", {FEATURE_TYPE},
                "partition-scheme": {{"options": {{"leaf-storage": "false"}}, "scheme": "daily"}}}}"#
        );
        assert!(!storage(&text).unwrap().leaf_storage);
        let text = format!(
            r#"{{"encoding": "parquet", {FEATURE_TYPE}, "partition-scheme": {{"scheme": "daily"}}}}"#
        );
        assert!(storage(&text).unwrap().leaf_storage);
    }

    #[test]
    fn malformed_storage_names_the_file_and_problem() {
        let cases = [
            ("{", "t/metadata/storage.json: syntax error at line 1, column 1: unclosed `{`"),
            ("[]", "t/metadata/storage.json: expected an object"),
            ("{}", "t/metadata/storage.json: missing `feature-type` object"),
            (
                r#"{"feature-type": {"type-name": "x", "attributes": [{"name": "a", "type": "Strin"}]}}"#,
                "t/metadata/storage.json: feature-type: attribute 1: `a`: unknown attribute type `Strin`",
            ),
            (
                r#"{"feature-type": {"type-name": "x", "attributes": []}, "partition-scheme": {"scheme": "daily"}}"#,
                "t/metadata/storage.json: missing `config` (or `encoding`)",
            ),
            (
                r#"{"feature-type": {"type-name": "x", "attributes": []}, "partition-scheme": {"scheme": "daily"},
                   "config": {"encoding": "parquet", "leaf-storage": "yes"}}"#,
                "t/metadata/storage.json: `leaf-storage` must be true or false, found `yes`",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(storage(text).unwrap_err().to_string(), expected, "{text}");
        }
    }

    #[test]
    fn backend() {
        let path = Path::new("m.json");
        let parsed = parse_backend(
            path,
            br#"{"name": "file", "options": {"render": "compact"}}"#,
        )
        .unwrap();
        assert_eq!(parsed.name, "file");
        assert_eq!(
            parsed.options.get("render").map(String::as_str),
            Some("compact")
        );
        let error = parse_backend(path, br#"{"featureType": {}}"#).unwrap_err();
        assert!(error
            .to_string()
            .contains("pre-2.0 single-file metadata format"));
        let error = parse_backend(path, b"\xff").unwrap_err();
        assert!(error.to_string().starts_with("m.json: not UTF-8 text"));
    }

    #[test]
    fn string_maps_flatten_like_geomesa() {
        let value = serde_json::json!({"a": {"b": 1, "c": true}, "k": ["x", "y"], "n": null});
        let map = string_map(&value).unwrap();
        assert_eq!(
            map.into_iter().collect::<Vec<_>>(),
            vec![
                ("a.b".to_string(), "1".to_string()),
                ("a.c".to_string(), "true".to_string()),
                ("k".to_string(), "x,y".to_string()),
            ]
        );
        assert!(string_map(&serde_json::json!({"k": [{}]})).is_err());
    }
}
