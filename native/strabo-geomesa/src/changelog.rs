//! The partition change log: entries from `metadata/compacted.{conf,json}` and
//! `metadata/update-*.{conf,json}`, and their replay into the current partitions.
//!
//! Semantics follow GeoMesa 5.4 (`fs/storage/common/metadata/package.scala`,
//! `FileBasedMetadata.scala`): an entry adds files to a partition or removes them; entries of one
//! partition are replayed in timestamp order, ignoring any before the first `Add`. An `Add`
//! appends files, adds counts and unions bounding boxes; a `Remove` drops files by name (once per
//! listed name, keeping the oldest duplicate), lowers the count (not below zero) and keeps the
//! box. Partitions left without files are dropped.

use serde_json::Value;

/// What a change-log entry does to its partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartitionAction {
    /// Adds files (written `A` or `Add`).
    Add,
    /// Removes files (written `R` or `Remove`).
    Remove,
}

/// How a data file's rows apply, for the reader of the data files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAction {
    /// New features (`A`/`Append`); the action of all files in stores from before 3.x.
    Append,
    /// Replacement features for ids in older files (`M`/`Modify`).
    Modify,
    /// Deletions of ids in older files (`D`/`Delete`).
    Delete,
}

/// An axis-aligned bounding box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bbox {
    /// Minimum x.
    pub xmin: f64,
    /// Minimum y.
    pub ymin: f64,
    /// Maximum x.
    pub xmax: f64,
    /// Maximum y.
    pub ymax: f64,
}

impl Bbox {
    /// The smallest box holding both.
    pub fn union(self, other: Bbox) -> Bbox {
        Bbox {
            xmin: self.xmin.min(other.xmin),
            ymin: self.ymin.min(other.ymin),
            xmax: self.xmax.max(other.xmax),
            ymax: self.ymax.max(other.ymax),
        }
    }
}

/// Per-file bounds of one attribute (`[attribute index, lower, upper]`), as GeoMesa records them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileBound {
    /// Index of the attribute in the feature type.
    pub attribute: i32,
    /// Lower bound, as GeoMesa serialised it.
    pub lower: String,
    /// Upper bound, as GeoMesa serialised it.
    pub upper: String,
}

/// A data file as the change log names it (a bare file name, relative to the partition's directory).
#[derive(Debug, Clone, PartialEq)]
pub struct StorageFile {
    /// File name.
    pub name: String,
    /// When it was registered (ms since the epoch; 0 in pre-3.x stores).
    pub timestamp: i64,
    /// How its rows apply.
    pub action: FileAction,
    /// Indices of the attributes the file is sorted by, if recorded.
    pub sort: Vec<i32>,
    /// Attribute bounds, if recorded.
    pub bounds: Vec<FileBound>,
}

/// One change-log entry.
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionEntry {
    /// Partition name, e.g. `2015/06/02`.
    pub partition: String,
    /// Add or remove.
    pub action: PartitionAction,
    /// When the entry was written (ms since the epoch).
    pub timestamp: i64,
    /// Bounding box of the features the entry's files hold, if recorded.
    pub bbox: Option<Bbox>,
    /// Number of features the entry's files hold.
    pub count: u64,
    /// The files.
    pub files: Vec<StorageFile>,
}

/// The state of one partition after replaying its entries.
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionState {
    /// Partition name.
    pub partition: String,
    /// Files, in GeoMesa's merge order.
    pub files: Vec<StorageFile>,
    /// Bounding box of its features, if known.
    pub bbox: Option<Bbox>,
    /// Number of features.
    pub count: u64,
}

/// Parses one entry, in GeoMesa's compact form `{"<partition>"=[A|R, ts, [bbox], count, [files]]}`
/// or its verbose JSON form `{"name":…, "action":…, "files":[…], "count":…, "envelope":{…}, "timestamp":…}`.
pub fn parse_entry(value: &Value) -> Result<PartitionEntry, String> {
    let object = value
        .as_object()
        .ok_or_else(|| format!("expected a partition entry object, found {}", kind(value)))?;
    if object.contains_key("name") && object.contains_key("files") {
        return parse_verbose_entry(object);
    }
    let mut fields = object.iter();
    let (Some((partition, body)), None) = (fields.next(), fields.next()) else {
        return Err(format!(
            "expected a compact partition entry with exactly one key, found {} keys",
            object.len()
        ));
    };
    let context = |message: String| format!("partition `{partition}`: {message}");
    let items = body
        .as_array()
        .filter(|items| items.len() == 5)
        .ok_or_else(|| context("expected [action, timestamp, bbox, count, files]".into()))?;
    let files = items[4]
        .as_array()
        .ok_or_else(|| {
            context(format!(
                "expected a list of files, found {}",
                kind(&items[4])
            ))
        })?
        .iter()
        .enumerate()
        .map(|(i, file)| {
            parse_compact_file(file).map_err(|e| context(format!("file {}: {e}", i + 1)))
        })
        .collect::<Result<_, _>>()?;
    Ok(PartitionEntry {
        partition: partition.clone(),
        action: parse_partition_action(&items[0]).map_err(context)?,
        timestamp: parse_i64(&items[1], "timestamp").map_err(context)?,
        bbox: parse_bbox_list(&items[2]).map_err(context)?,
        count: parse_count(&items[3]).map_err(context)?,
        files,
    })
}

/// Parses a compaction file's `{partitions: [entry, …]}`.
pub fn parse_compacted(value: &Value) -> Result<Vec<PartitionEntry>, String> {
    let partitions = value
        .get("partitions")
        .and_then(Value::as_array)
        .ok_or("expected a `partitions` list")?;
    partitions
        .iter()
        .enumerate()
        .map(|(i, entry)| parse_entry(entry).map_err(|e| format!("partitions[{i}]: {e}")))
        .collect()
}

fn parse_verbose_entry(object: &serde_json::Map<String, Value>) -> Result<PartitionEntry, String> {
    let partition = object
        .get("name")
        .and_then(Value::as_str)
        .ok_or("`name` must be a string")?
        .to_string();
    let context = |message: String| format!("partition `{partition}`: {message}");
    let field = |key: &str| {
        object
            .get(key)
            .ok_or_else(|| context(format!("missing `{key}`")))
    };
    let files = field("files")?
        .as_array()
        .ok_or_else(|| context("`files` must be a list".into()))?
        .iter()
        .enumerate()
        .map(|(i, file)| {
            parse_verbose_file(file).map_err(|e| context(format!("file {}: {e}", i + 1)))
        })
        .collect::<Result<_, _>>()?;
    let bbox = match object.get("envelope") {
        None => None,
        Some(envelope) => {
            let corner = |key: &str| {
                envelope
                    .get(key)
                    .and_then(Value::as_f64)
                    .ok_or_else(|| context(format!("envelope needs a number `{key}`")))
            };
            Some(Bbox {
                xmin: corner("xmin")?,
                ymin: corner("ymin")?,
                xmax: corner("xmax")?,
                ymax: corner("ymax")?,
            })
        }
    };
    Ok(PartitionEntry {
        action: parse_partition_action(field("action")?).map_err(context)?,
        timestamp: parse_i64(field("timestamp")?, "timestamp").map_err(context)?,
        count: parse_count(field("count")?).map_err(context)?,
        bbox,
        files,
        partition,
    })
}

/// `[name, A|M|D, timestamp, (sort), (bounds)]`
fn parse_compact_file(value: &Value) -> Result<StorageFile, String> {
    let items = value
        .as_array()
        .filter(|items| (3..=5).contains(&items.len()))
        .ok_or("expected [name, action, timestamp, (sort), (bounds)]")?;
    Ok(StorageFile {
        name: items[0]
            .as_str()
            .ok_or("file name must be a string")?
            .to_string(),
        action: parse_file_action(&items[1])?,
        timestamp: parse_i64(&items[2], "timestamp")?,
        sort: items
            .get(3)
            .map(parse_sort)
            .transpose()?
            .unwrap_or_default(),
        bounds: items
            .get(4)
            .map(parse_bounds)
            .transpose()?
            .unwrap_or_default(),
    })
}

/// `{"name":…, "timestamp":…, "action":…, "sort":[…], "bounds":[…]}`, or a bare name
/// (pre-3.x stores), which GeoMesa reads as an `Append` at timestamp 0.
fn parse_verbose_file(value: &Value) -> Result<StorageFile, String> {
    if let Some(name) = value.as_str() {
        return Ok(StorageFile {
            name: name.to_string(),
            timestamp: 0,
            action: FileAction::Append,
            sort: Vec::new(),
            bounds: Vec::new(),
        });
    }
    let field = |key: &str| value.get(key).ok_or_else(|| format!("missing `{key}`"));
    Ok(StorageFile {
        name: field("name")?
            .as_str()
            .ok_or("`name` must be a string")?
            .to_string(),
        timestamp: parse_i64(field("timestamp")?, "timestamp")?,
        action: parse_file_action(field("action")?)?,
        sort: value
            .get("sort")
            .map(parse_sort)
            .transpose()?
            .unwrap_or_default(),
        bounds: value
            .get("bounds")
            .map(parse_bounds)
            .transpose()?
            .unwrap_or_default(),
    })
}

fn parse_sort(value: &Value) -> Result<Vec<i32>, String> {
    value
        .as_array()
        .ok_or("`sort` must be a list of attribute indices")?
        .iter()
        .map(|v| parse_i32(v, "sort index"))
        .collect()
}

fn parse_bounds(value: &Value) -> Result<Vec<FileBound>, String> {
    value
        .as_array()
        .ok_or("`bounds` must be a list")?
        .iter()
        .map(|bound| match bound.as_array().map(Vec::as_slice) {
            Some([attribute, lower, upper]) => Ok(FileBound {
                attribute: parse_i32(attribute, "bound attribute")?,
                lower: lower
                    .as_str()
                    .ok_or("bound lower must be a string")?
                    .to_string(),
                upper: upper
                    .as_str()
                    .ok_or("bound upper must be a string")?
                    .to_string(),
            }),
            _ => Err("each bound must be [attribute, lower, upper]".to_string()),
        })
        .collect()
}

/// `[]` or `[xmin, ymin, xmax, ymax]`.
fn parse_bbox_list(value: &Value) -> Result<Option<Bbox>, String> {
    let numbers: Option<Vec<f64>> = value
        .as_array()
        .map(|items| items.iter().map(Value::as_f64).collect())
        .and_then(|numbers| numbers);
    match numbers.as_deref() {
        Some([]) => Ok(None),
        Some(&[xmin, ymin, xmax, ymax]) => Ok(Some(Bbox {
            xmin,
            ymin,
            xmax,
            ymax,
        })),
        _ => Err(format!(
            "bbox must be [] or [xmin, ymin, xmax, ymax], found {value}"
        )),
    }
}

/// GeoMesa matches an action by prefix of its enum name (`A`, `Add`; `R`, `Remove`).
fn parse_partition_action(value: &Value) -> Result<PartitionAction, String> {
    match value.as_str() {
        Some(s) if !s.is_empty() && "Add".starts_with(s) => Ok(PartitionAction::Add),
        Some(s) if !s.is_empty() && "Remove".starts_with(s) => Ok(PartitionAction::Remove),
        _ => Err(format!(
            "unknown partition action {value} (expected A or R)"
        )),
    }
}

fn parse_file_action(value: &Value) -> Result<FileAction, String> {
    match value.as_str() {
        Some(s) if !s.is_empty() && "Append".starts_with(s) => Ok(FileAction::Append),
        Some(s) if !s.is_empty() && "Modify".starts_with(s) => Ok(FileAction::Modify),
        Some(s) if !s.is_empty() && "Delete".starts_with(s) => Ok(FileAction::Delete),
        _ => Err(format!("unknown file action {value} (expected A, M or D)")),
    }
}

/// An integer, also accepting an integral float or a numeric string (Typesafe Config converts both).
fn parse_i64(value: &Value, what: &str) -> Result<i64, String> {
    let parsed = match value {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    parsed.ok_or_else(|| format!("{what} must be an integer, found {value}"))
}

fn parse_i32(value: &Value, what: &str) -> Result<i32, String> {
    parse_i64(value, what)?
        .try_into()
        .map_err(|_| format!("{what} out of range: {value}"))
}

fn parse_count(value: &Value) -> Result<u64, String> {
    let count = parse_i64(value, "count")?;
    u64::try_from(count).map_err(|_| format!("count must not be negative, found {count}"))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Replays entries into per-partition state, sorted by partition name. Entries with equal
/// timestamps apply in the order given.
pub fn replay(entries: Vec<PartitionEntry>) -> Vec<PartitionState> {
    let mut by_partition: std::collections::BTreeMap<String, Vec<PartitionEntry>> =
        std::collections::BTreeMap::new();
    for entry in entries {
        by_partition
            .entry(entry.partition.clone())
            .or_default()
            .push(entry);
    }
    by_partition
        .into_values()
        .filter_map(replay_partition)
        .collect()
}

fn replay_partition(mut entries: Vec<PartitionEntry>) -> Option<PartitionState> {
    entries.sort_by_key(|e| e.timestamp); // stable
    let mut entries = entries
        .into_iter()
        .skip_while(|e| e.action != PartitionAction::Add);
    let first = entries.next()?;
    let mut state = PartitionState {
        partition: first.partition,
        files: first.files,
        bbox: first.bbox,
        count: first.count,
    };
    for entry in entries {
        match entry.action {
            PartitionAction::Add => {
                state.files.extend(entry.files);
                state.count = state.count.saturating_add(entry.count);
                state.bbox = match (state.bbox, entry.bbox) {
                    (Some(a), Some(b)) => Some(a.union(b)),
                    (a, b) => a.or(b),
                };
            }
            PartitionAction::Remove => {
                let mut to_remove: std::collections::HashMap<&str, usize> =
                    std::collections::HashMap::new();
                for file in &entry.files {
                    *to_remove.entry(file.name.as_str()).or_default() += 1;
                }
                // Newest first, so the newest duplicates go and the oldest stay (as GeoMesa does).
                state
                    .files
                    .sort_by_key(|file| std::cmp::Reverse(file.timestamp));
                state
                    .files
                    .retain(|file| match to_remove.get_mut(file.name.as_str()) {
                        Some(left) if *left > 0 => {
                            *left -= 1;
                            false
                        }
                        _ => true,
                    });
                state.count = state.count.saturating_sub(entry.count);
            }
        }
    }
    (!state.files.is_empty()).then_some(state)
}

/// Decodes GeoMesa's alphanumeric-safe encoding of a partition name (`_2f` for `/`, each
/// non-alphanumeric UTF-8 byte as `_xx`), as used in update file names.
pub fn decode_partition_name(encoded: &str) -> Option<String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'_' {
            let hex = encoded
                .get(i + 1..i + 3)
                .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn file(name: &str, timestamp: i64) -> StorageFile {
        StorageFile {
            name: name.into(),
            timestamp,
            action: FileAction::Append,
            sort: vec![],
            bounds: vec![],
        }
    }

    fn entry(
        action: PartitionAction,
        timestamp: i64,
        count: u64,
        bbox: Option<Bbox>,
        files: &[(&str, i64)],
    ) -> PartitionEntry {
        PartitionEntry {
            partition: "p".into(),
            action,
            timestamp,
            bbox,
            count,
            files: files.iter().map(|(n, t)| file(n, *t)).collect(),
        }
    }

    fn bbox(xmin: f64, ymin: f64, xmax: f64, ymax: f64) -> Option<Bbox> {
        Some(Bbox {
            xmin,
            ymin,
            xmax,
            ymax,
        })
    }

    #[test]
    fn parses_compact_entry_with_sort_and_bounds() {
        let value = json!({"2015/06/02": ["A", 1745333818131i64, [20.0, 10.0, 50.0, 40.0], 2,
            [["a.parquet", "M", 7, [0, 2], [[1, "x", "y"]]], ["b.parquet", "D", 8]]]});
        let parsed = parse_entry(&value).unwrap();
        assert_eq!(parsed.partition, "2015/06/02");
        assert_eq!(parsed.action, PartitionAction::Add);
        assert_eq!(parsed.timestamp, 1745333818131);
        assert_eq!(parsed.bbox, bbox(20.0, 10.0, 50.0, 40.0));
        assert_eq!(parsed.count, 2);
        assert_eq!(parsed.files[0].action, FileAction::Modify);
        assert_eq!(parsed.files[0].sort, vec![0, 2]);
        assert_eq!(
            parsed.files[0].bounds,
            vec![FileBound {
                attribute: 1,
                lower: "x".into(),
                upper: "y".into()
            }]
        );
        assert_eq!(parsed.files[1].action, FileAction::Delete);
        assert_eq!(parsed.files[1].timestamp, 8);
    }

    #[test]
    fn parses_verbose_entries_old_and_new() {
        let old = json!({"action": "Add", "count": 1, "envelope": {"xmax": 3.0, "xmin": 3.0,
            "ymax": -62.23, "ymin": -62.23}, "files": ["10_W0.parquet"], "name": "2015/10",
            "timestamp": 1556195540207i64});
        let parsed = parse_entry(&old).unwrap();
        assert_eq!(parsed.bbox, bbox(3.0, -62.23, 3.0, -62.23));
        assert_eq!(parsed.files, vec![file("10_W0.parquet", 0)]);
        let new = json!({"action": "Remove", "count": 1, "files": [{"action": "Append",
            "name": "x.parquet", "timestamp": 5}], "name": "2015/10", "timestamp": 6});
        let parsed = parse_entry(&new).unwrap();
        assert_eq!(parsed.action, PartitionAction::Remove);
        assert_eq!(parsed.bbox, None);
        assert_eq!(parsed.files, vec![file("x.parquet", 5)]);
    }

    #[test]
    fn malformed_entries_are_errors() {
        let cases = [
            (
                json!([1]),
                "expected a partition entry object, found a list",
            ),
            (
                json!({"a": [], "b": []}),
                "expected a compact partition entry with exactly one key, found 2 keys",
            ),
            (
                json!({"p": ["A", 1, [], 1]}),
                "partition `p`: expected [action, timestamp, bbox, count, files]",
            ),
            (
                json!({"p": ["X", 1, [], 1, []]}),
                "partition `p`: unknown partition action \"X\" (expected A or R)",
            ),
            (
                json!({"p": ["C", 1, [], 1, []]}),
                "partition `p`: unknown partition action \"C\" (expected A or R)",
            ),
            (
                json!({"p": ["A", "x", [], 1, []]}),
                "partition `p`: timestamp must be an integer, found \"x\"",
            ),
            (
                json!({"p": ["A", 1, [1, 2], 1, []]}),
                "partition `p`: bbox must be [] or [xmin, ymin, xmax, ymax], found [1,2]",
            ),
            (
                json!({"p": ["A", 1, [], -1, []]}),
                "partition `p`: count must not be negative, found -1",
            ),
            (
                json!({"p": ["A", 1, [], 1, [["f", "Z", 1]]]}),
                "partition `p`: file 1: unknown file action \"Z\" (expected A, M or D)",
            ),
            (
                json!({"p": ["A", 1, [], 1, [["f", "A"]]]}),
                "partition `p`: file 1: expected [name, action, timestamp, (sort), (bounds)]",
            ),
            (
                json!({"name": "p", "files": [], "count": 1, "timestamp": 1}),
                "partition `p`: missing `action`",
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_entry(&value).unwrap_err(), expected, "{value}");
        }
        assert_eq!(
            parse_compacted(&json!({"x": 1})).unwrap_err(),
            "expected a `partitions` list"
        );
        assert_eq!(
            parse_compacted(&json!({"partitions": [{"p": 1}]})).unwrap_err(),
            "partitions[0]: partition `p`: expected [action, timestamp, bbox, count, files]"
        );
    }

    #[test]
    fn adds_merge_in_timestamp_order() {
        let merged = replay(vec![
            entry(
                PartitionAction::Add,
                20,
                2,
                bbox(5.0, 5.0, 6.0, 6.0),
                &[("b", 20)],
            ),
            entry(
                PartitionAction::Add,
                10,
                1,
                bbox(0.0, 1.0, 2.0, 3.0),
                &[("a", 10)],
            ),
            entry(PartitionAction::Add, 30, 4, None, &[("c", 30)]),
        ]);
        assert_eq!(
            merged,
            vec![PartitionState {
                partition: "p".into(),
                files: vec![file("a", 10), file("b", 20), file("c", 30)],
                bbox: bbox(0.0, 1.0, 6.0, 6.0),
                count: 7,
            }]
        );
    }

    #[test]
    fn removes_before_the_first_add_are_ignored() {
        let merged = replay(vec![
            entry(PartitionAction::Remove, 1, 5, None, &[("a", 0)]),
            entry(PartitionAction::Add, 2, 3, None, &[("a", 2)]),
        ]);
        assert_eq!(merged[0].files, vec![file("a", 2)]);
        assert_eq!(merged[0].count, 3);
    }

    #[test]
    fn remove_drops_newest_duplicate_and_floors_count() {
        let merged = replay(vec![
            entry(
                PartitionAction::Add,
                1,
                1,
                bbox(0.0, 0.0, 1.0, 1.0),
                &[("a", 1), ("b", 2)],
            ),
            entry(PartitionAction::Add, 3, 1, None, &[("a", 3)]),
            entry(
                PartitionAction::Remove,
                4,
                9,
                bbox(9.0, 9.0, 9.0, 9.0),
                &[("a", 0)],
            ),
        ]);
        assert_eq!(merged[0].files, vec![file("b", 2), file("a", 1)]);
        assert_eq!(merged[0].count, 0);
        assert_eq!(merged[0].bbox, bbox(0.0, 0.0, 1.0, 1.0));
    }

    #[test]
    fn partitions_without_files_disappear() {
        let merged = replay(vec![
            entry(PartitionAction::Add, 1, 1, None, &[("a", 1)]),
            entry(PartitionAction::Remove, 2, 1, None, &[("a", 1)]),
        ]);
        assert!(merged.is_empty());
    }

    #[test]
    fn decodes_partition_names() {
        assert_eq!(
            decode_partition_name("2015_2f06_2f02").as_deref(),
            Some("2015/06/02")
        );
        assert_eq!(decode_partition_name("abc").as_deref(), Some("abc"));
        assert_eq!(decode_partition_name("_c3_a9").as_deref(), Some("é"));
        assert_eq!(decode_partition_name("a_2"), None);
        assert_eq!(decode_partition_name("a_zz"), None);
        assert_eq!(decode_partition_name("_ff"), None);
        assert_eq!(decode_partition_name("_+f"), None);
    }
}
