//! GeoMesa FileSystem data store partition schemes: naming a row's partition and pruning the
//! partitions a query can touch.
//!
//! A scheme string is one name or several joined by commas (`daily,z2-2bits`); a composite's
//! partition names join its parts' names with `/` (`2017/01/03/2`). Options are GeoMesa's
//! (`step`, `z2-resolution`, `xz2-resolution`, `partitioned-attribute`, `allow-list`,
//! `default-partition`), shared by all parts as in GeoMesa's `storage.json`.
//!
//! ```
//! use strabo_curve::{BBox, PartitionPruning, PartitionQuery, PartitionScheme, RowValues};
//!
//! let scheme = PartitionScheme::parse("daily,z2-2bits")?;
//! let row = RowValues {
//!     bbox: Some(BBox::point(-5.0, 5.0)),
//!     dtg_millis: Some(1_451_606_400_000), // 2016-01-01T00:00:00Z
//!     attribute: None,
//! };
//! assert_eq!(scheme.partition_of(&row)?, "2016/01/01/2");
//!
//! let query = PartitionQuery { bbox: Some(BBox::new(-10.0, 1.0, -1.0, 10.0)), ..Default::default() };
//! // Without a time constraint the first level stays open.
//! assert_eq!(scheme.partitions_for(&query), PartitionPruning::All);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
mod attribute;
mod spatial;
mod time;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

pub use attribute::AttributeScheme;
pub use spatial::SpatialScheme;
pub use time::TimeScheme;

use crate::error::{PartitionError, SchemeError};
use crate::{BBox, Xz2Sfc, Z2Sfc};

/// Pruning enumerates at most this many partition names per level, and in total; past it a
/// level is left unpruned (a superset, so still correct).
pub const MAX_ENUMERATED_PARTITIONS: usize = 1 << 16;

/// One level of a partition scheme.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemePart {
    /// By the row's date-time attribute.
    Time(TimeScheme),
    /// By the row's geometry.
    Spatial(SpatialScheme),
    /// By an attribute's value.
    Attribute(AttributeScheme),
}

/// A parsed partition scheme; no parts is GeoMesa's `flat` scheme (one partition, "").
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionScheme {
    name: String,
    parts: Vec<SchemePart>,
}

/// The values of one row a scheme names a partition from.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RowValues<'a> {
    /// Bounding box of the geometry (a point for z2 schemes).
    pub bbox: Option<BBox>,
    /// The date-time attribute, in ms since 1970-01-01 UTC.
    pub dtg_millis: Option<i64>,
    /// The partitioned attribute's value (GeoMesa-lexicoded text for non-strings).
    pub attribute: Option<&'a str>,
}

/// A half-open time interval `[start, end)`, in ms since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    /// First instant included.
    pub start: i64,
    /// First instant excluded.
    pub end: i64,
}

/// What a query constrains, for pruning; `None` fields constrain nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PartitionQuery<'a> {
    /// Rows must intersect this box.
    pub bbox: Option<BBox>,
    /// Rows' date-time must fall in this interval.
    pub time: Option<TimeRange>,
    /// The partitioned attribute must equal one of these values.
    pub attribute_values: Option<&'a [String]>,
}

/// The partitions a query may find rows in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartitionPruning {
    /// Any partition.
    All,
    /// Only these partitions (possibly none).
    Partitions(Vec<String>),
    /// Only partitions whose names start with one of these followed by `/`: the query does
    /// not constrain the scheme's later levels.
    Prefixes(Vec<String>),
}

/// A query's constraints prepared for testing partition names one by one, as a store that
/// lists its partitions does. Unlike [`PartitionPruning`] every level prunes independently, so
/// a bbox alone still narrows a `daily,z2-2bits` store.
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionFilter {
    levels: Vec<(usize, LevelFilter)>,
}

/// What one level's name components must be.
#[derive(Debug, Clone, PartialEq)]
enum LevelFilter {
    Any,
    OneOf(BTreeSet<String>),
    /// Inclusive bounds on the level's name; `None` is open.
    Between(Option<String>, Option<String>),
}

impl PartitionFilter {
    /// Whether rows in `partition` may match the query. A name whose level count doesn't fit
    /// the scheme (an attribute value holding `/`) is kept.
    pub fn matches(&self, partition: &str) -> bool {
        let components: Vec<&str> = partition.split('/').collect();
        let depth: usize = self.levels.iter().map(|(d, _)| d).sum();
        if components.len() != depth {
            return true;
        }
        let mut rest = components.as_slice();
        self.levels.iter().all(|(depth, filter)| {
            let (level, tail) = rest.split_at(*depth);
            rest = tail;
            let name = level.join("/");
            match filter {
                LevelFilter::Any => true,
                LevelFilter::OneOf(names) => names.contains(&name),
                LevelFilter::Between(lo, hi) => {
                    lo.as_ref().is_none_or(|lo| *lo <= name)
                        && hi.as_ref().is_none_or(|hi| name <= *hi)
                }
            }
        })
    }
}

impl PartitionScheme {
    /// Parses a scheme string with no options, e.g. `daily,z2-2bits`.
    pub fn parse(name: &str) -> Result<Self, SchemeError> {
        Self::parse_with_options(name, &BTreeMap::new())
    }

    /// Parses a scheme string with GeoMesa's options, as stored in `storage.json`.
    pub fn parse_with_options(
        name: &str,
        options: &BTreeMap<String, String>,
    ) -> Result<Self, SchemeError> {
        if name.eq_ignore_ascii_case("flat") {
            return Ok(Self {
                name: name.to_owned(),
                parts: Vec::new(),
            });
        }
        let parts = name
            .split(',')
            .map(|part| parse_part(name, part, options))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            name: name.to_owned(),
            parts,
        })
    }

    /// Strabo's default scheme for a new store. GeoMesa has none: its FSDS `createSchema`
    /// fails with "Partition scheme must be specified in the SimpleFeatureType user data",
    /// and its CLI's `--partition-scheme` has no default. Strabo takes daily time bins when
    /// there is a date-time attribute, then 2 bits of z2 for points or of xz2 for other
    /// geometries, as GeoMesa's own examples and tests do (`daily,z2-2bit`): `daily,z2-2bits`,
    /// `daily,xz2-2bits`, `z2-2bits` or `xz2-2bits`.
    pub fn default_for(point_geometry: bool, has_dtg: bool) -> Self {
        let spatial = if point_geometry {
            "z2-2bits"
        } else {
            "xz2-2bits"
        };
        let name = if has_dtg {
            format!("daily,{spatial}")
        } else {
            spatial.to_owned()
        };
        Self::parse(&name).expect("the default schemes are valid scheme strings")
    }

    /// The scheme string it was parsed from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The levels, outermost first; empty for `flat`.
    pub fn parts(&self) -> &[SchemePart] {
        &self.parts
    }

    /// How many `/`-separated levels a partition name has; GeoMesa's leaf storage names files
    /// after the last one.
    pub fn depth(&self) -> usize {
        self.parts
            .iter()
            .map(|part| match part {
                SchemePart::Time(t) => t.depth(),
                SchemePart::Spatial(_) | SchemePart::Attribute(_) => 1,
            })
            .sum()
    }

    /// The partition a row belongs to.
    pub fn partition_of(&self, row: &RowValues<'_>) -> Result<String, PartitionError> {
        let names = self
            .parts
            .iter()
            .map(|part| match part {
                SchemePart::Time(t) => t.partition(
                    row.dtg_millis
                        .ok_or(PartitionError::MissingValue(t.name(), "date-time"))?,
                ),
                SchemePart::Spatial(s) => s.partition(
                    &row.bbox
                        .ok_or(PartitionError::MissingValue("spatial", "geometry"))?,
                ),
                SchemePart::Attribute(a) => Ok(a.partition(row.attribute)),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(names.join("/"))
    }

    /// The query prepared for testing partition names one at a time.
    pub fn filter(&self, query: &PartitionQuery<'_>) -> PartitionFilter {
        let one_of = |names: Option<Vec<String>>| {
            names.map_or(LevelFilter::Any, |n| {
                LevelFilter::OneOf(n.into_iter().collect())
            })
        };
        let levels = self
            .parts
            .iter()
            .map(|part| match part {
                SchemePart::Time(t) => {
                    let filter = match query.time {
                        Some(range) => match t.name_bounds(range.start, range.end) {
                            Some((lo, hi)) => LevelFilter::Between(lo, hi),
                            None => LevelFilter::OneOf(BTreeSet::new()),
                        },
                        None => LevelFilter::Any,
                    };
                    (t.depth(), filter)
                }
                SchemePart::Spatial(s) => (
                    1,
                    one_of(
                        query
                            .bbox
                            .and_then(|b| s.partitions(&b, MAX_ENUMERATED_PARTITIONS)),
                    ),
                ),
                SchemePart::Attribute(a) => (1, one_of(a.partitions(query.attribute_values))),
            })
            .collect();
        PartitionFilter { levels }
    }

    /// The partitions a query may find rows in. Levels are refined outermost first; the first
    /// level the query leaves open ends the refinement (prefixes), and a level with no
    /// candidates means no partition can match.
    pub fn partitions_for(&self, query: &PartitionQuery<'_>) -> PartitionPruning {
        let mut levels = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            let candidates = match part {
                SchemePart::Time(t) => match query.time {
                    Some(range) => t.partitions(range.start, range.end, MAX_ENUMERATED_PARTITIONS),
                    None => None,
                },
                SchemePart::Spatial(s) => match &query.bbox {
                    Some(bbox) => s.partitions(bbox, MAX_ENUMERATED_PARTITIONS),
                    None => None,
                },
                SchemePart::Attribute(a) => a.partitions(query.attribute_values),
            };
            if candidates.as_ref().is_some_and(Vec::is_empty) {
                return PartitionPruning::Partitions(Vec::new());
            }
            levels.push(candidates);
        }
        let mut paths = vec![String::new()];
        for (i, level) in levels.into_iter().enumerate() {
            let Some(names) =
                level.filter(|n| paths.len().saturating_mul(n.len()) <= MAX_ENUMERATED_PARTITIONS)
            else {
                return if i == 0 {
                    PartitionPruning::All
                } else {
                    PartitionPruning::Prefixes(paths)
                };
            };
            paths = paths
                .iter()
                .flat_map(|p| {
                    names.iter().map(move |n| {
                        if p.is_empty() {
                            n.clone()
                        } else {
                            format!("{p}/{n}")
                        }
                    })
                })
                .collect();
        }
        PartitionPruning::Partitions(paths)
    }
}

impl FromStr for PartitionScheme {
    type Err = SchemeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for PartitionScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

fn parse_part(
    full: &str,
    part: &str,
    options: &BTreeMap<String, String>,
) -> Result<SchemePart, SchemeError> {
    let option = |key: &'static str| options.get(key).map(String::as_str);
    if part.eq_ignore_ascii_case("flat") {
        return Err(SchemeError::FlatInComposite(full.to_owned()));
    }
    if let Some(time) = TimeScheme::named(part) {
        // Like GeoMesa, `step` is read only by time schemes.
        let step = match option("step") {
            Some(value) => value
                .parse::<u32>()
                .ok()
                .filter(|&s| s > 0)
                .ok_or_else(|| SchemeError::BadOption {
                    scheme: full.to_owned(),
                    option: "step",
                    value: value.to_owned(),
                })?,
            None => 1,
        };
        return Ok(SchemePart::Time(time.with_step(step)));
    }
    if let Some(rest) = part.strip_prefix("xz2") {
        let bits = spatial_bits(full, part, rest, option("xz2-resolution"), "xz2-resolution")?;
        return SpatialScheme::xz2(bits)
            .map(SchemePart::Spatial)
            .map_err(|_| SchemeError::BitsOutOfRange {
                scheme: part.to_owned(),
                bits,
                min: 2,
                max: 2 * Xz2Sfc::MAX_RESOLUTION,
            });
    }
    if let Some(rest) = part.strip_prefix("z2") {
        let bits = spatial_bits(full, part, rest, option("z2-resolution"), "z2-resolution")?;
        return SpatialScheme::z2(bits)
            .map(SchemePart::Spatial)
            .map_err(|_| SchemeError::BitsOutOfRange {
                scheme: part.to_owned(),
                bits,
                min: 2,
                max: 2 * Z2Sfc::FULL_PRECISION,
            });
    }
    match part {
        "attribute" => {
            let attribute = option("partitioned-attribute").ok_or(SchemeError::MissingOption {
                scheme: full.to_owned(),
                option: "partitioned-attribute",
            })?;
            AttributeScheme::new(attribute, option("allow-list"), option("default-partition"))
                .map(SchemePart::Attribute)
                .map_err(SchemeError::DefaultNotAllowed)
        }
        "datetime" | "receipt-time" => Err(SchemeError::Unsupported(part.to_owned())),
        _ => Err(SchemeError::Unknown(part.to_owned())),
    }
}

/// The bit count of a spatial scheme: GeoMesa accepts `<curve>`, `<curve>-<n>bit` and
/// `<curve>-<n>bits`, the bare name taking `<curve>-resolution` from the options.
fn spatial_bits(
    full: &str,
    part: &str,
    suffix: &str,
    resolution: Option<&str>,
    option: &'static str,
) -> Result<u32, SchemeError> {
    let bits = if suffix.is_empty() {
        let value = resolution.ok_or(SchemeError::MissingOption {
            scheme: full.to_owned(),
            option,
        })?;
        value.parse().map_err(|_| SchemeError::BadOption {
            scheme: full.to_owned(),
            option,
            value: value.to_owned(),
        })?
    } else {
        let digits = suffix
            .strip_prefix('-')
            .and_then(|s| s.strip_suffix("bits").or_else(|| s.strip_suffix("bit")))
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| SchemeError::Unknown(part.to_owned()))?;
        digits
            .parse()
            .map_err(|_| SchemeError::Unknown(part.to_owned()))?
    };
    if bits % 2 != 0 {
        return Err(SchemeError::OddBits {
            scheme: part.to_owned(),
            bits,
        });
    }
    Ok(bits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn millis(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis()
    }

    fn point_row(x: f64, y: f64, t: &str) -> RowValues<'static> {
        RowValues {
            bbox: Some(BBox::point(x, y)),
            dtg_millis: Some(millis(t)),
            attribute: None,
        }
    }

    // PartitionSchemeTest.scala "10/20 bit datetime z2/xz2 partition": a yyyy/DDD scheme
    // (julian-daily) composed with z2/xz2 gives "2017/003/0770" etc.
    #[test]
    fn composite_names_join_with_slashes() {
        let cases = [
            ("julian-daily,z2-10bits", "2017/003/0770", "2017/003/0617"),
            ("julian-daily,xz2-10bits", "2017/003/1030", "2017/003/0825"),
            (
                "julian-daily,z2-20bits",
                "2017/003/0789456",
                "2017/003/0632516",
            ),
            (
                "julian-daily,xz2-20bits",
                "2017/003/1052614",
                "2017/003/0843360",
            ),
        ];
        for (name, a, b) in cases {
            let scheme = PartitionScheme::parse(name).unwrap();
            assert_eq!(
                scheme
                    .partition_of(&point_row(10.0, 10.0, "2017-01-03T10:15:30Z"))
                    .unwrap(),
                a,
                "{name}"
            );
            assert_eq!(
                scheme
                    .partition_of(&point_row(-75.0, 38.0, "2017-01-03T10:15:30Z"))
                    .unwrap(),
                b,
                "{name}"
            );
        }
    }

    // BucketVsLeafStorageTest.scala (geomesa-fs-datastore) "in two schemes": `daily,z2-2bits`
    // writes these points to 2016/01/01/2, 2016/01/02/3, 2016/01/03/1 and 2016/01/04/0.
    #[test]
    fn daily_z2_2bits_paths_match_geomesas_data_store() {
        let scheme = PartitionScheme::parse("daily,z2-2bits").unwrap();
        let cases = [
            ((-5.0, 5.0), "2016-01-01T00:00:00Z", "2016/01/01/2"),
            ((5.0, 5.0), "2016-01-02T00:00:00Z", "2016/01/02/3"),
            ((5.0, -5.0), "2016-01-03T00:00:00Z", "2016/01/03/1"),
            ((-5.0, -5.0), "2016-01-04T00:00:00Z", "2016/01/04/0"),
        ];
        for ((x, y), t, expected) in cases {
            assert_eq!(scheme.partition_of(&point_row(x, y, t)).unwrap(), expected);
        }
    }

    // FileSystemDataStoreTest.scala: `daily` rows at 2017-06-0{5,6,7}T04:03:02.0001Z make the
    // partitions 2017/06/05, 2017/06/06 and 2017/06/07, and its query
    // `dtg DURING 2017-06-05T04:03:00Z/2017-06-07T04:04:00Z` reads all three.
    #[test]
    fn daily_partitions_match_geomesas_data_store() {
        let scheme = PartitionScheme::parse("daily").unwrap();
        for (day, expected) in [
            ("05", "2017/06/05"),
            ("06", "2017/06/06"),
            ("07", "2017/06/07"),
        ] {
            let row = point_row(0.0, 0.0, &format!("2017-06-{day}T04:03:02.0001Z"));
            assert_eq!(scheme.partition_of(&row).unwrap(), expected);
        }
        let time = TimeRange {
            start: millis("2017-06-05T04:03:00Z"),
            end: millis("2017-06-07T04:04:00Z"),
        };
        let query = PartitionQuery {
            time: Some(time),
            ..Default::default()
        };
        let expected = ["2017/06/05", "2017/06/06", "2017/06/07"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            scheme.partitions_for(&query),
            PartitionPruning::Partitions(expected)
        );
    }

    // Cells from BucketVsLeafStorageTest.scala: POINT (-5 5) is z2-2bits cell 2, POINT (5 5)
    // cell 3. Days from FileSystemDataStoreTest.scala's DURING query.
    #[test]
    fn filters_prune_every_level_independently() {
        let scheme = PartitionScheme::parse("daily,z2-2bits").unwrap();
        let bbox_only = scheme.filter(&PartitionQuery {
            bbox: Some(BBox::new(-10.0, 1.0, -1.0, 10.0)),
            ..Default::default()
        });
        assert!(bbox_only.matches("2016/01/01/2"));
        assert!(!bbox_only.matches("2016/01/02/3"));

        let time = TimeRange {
            start: millis("2017-06-05T04:03:00Z"),
            end: millis("2017-06-07T04:04:00Z"),
        };
        let time_only = scheme.filter(&PartitionQuery {
            time: Some(time),
            ..Default::default()
        });
        for (partition, expected) in [
            ("2017/06/04/2", false),
            ("2017/06/05/0", true),
            ("2017/06/07/3", true),
            ("2017/06/08/1", false),
            ("2017/06", true),
        ] {
            assert_eq!(time_only.matches(partition), expected, "{partition}");
        }
        let empty = scheme.filter(&PartitionQuery {
            time: Some(TimeRange { start: 5, end: 5 }),
            ..Default::default()
        });
        assert!(!empty.matches("2017/06/05/0"));
        assert!(scheme
            .filter(&PartitionQuery::default())
            .matches("2017/06/05/0"));
    }

    // PartitionSchemeTest.scala "2 bit z2 with date": `hourly,z2-2bit` and a one-day filter
    // gives 24 partial (prefix) partitions.
    #[test]
    fn a_time_only_query_prunes_to_prefixes() {
        let scheme = PartitionScheme::parse("hourly,z2-2bit").unwrap();
        let time = TimeRange {
            start: millis("2016-08-03T00:00:00Z"),
            end: millis("2016-08-04T00:00:00Z"),
        };
        let pruned = scheme.partitions_for(&PartitionQuery {
            time: Some(time),
            ..Default::default()
        });
        let PartitionPruning::Prefixes(prefixes) = pruned else {
            panic!("expected prefixes, got {pruned:?}")
        };
        assert_eq!(prefixes.len(), 24);
        assert_eq!(prefixes[0], "2016/08/03/00");
        assert_eq!(prefixes[23], "2016/08/03/23");
    }

    // PartitionSchemeTest.scala "2 bit datetime z2 partition": a temporal filter can't prune
    // z2-2bits, a near-world bbox touches its 4 partitions.
    #[test]
    fn spatial_schemes_prune_by_bbox_only() {
        let scheme = PartitionScheme::parse("z2-2bits").unwrap();
        let time = TimeRange {
            start: millis("2016-08-03T00:00:00Z"),
            end: millis("2016-08-04T00:00:00Z"),
        };
        assert_eq!(
            scheme.partitions_for(&PartitionQuery {
                time: Some(time),
                ..Default::default()
            }),
            PartitionPruning::All
        );
        let bbox = BBox::new(-179.0, -89.0, 179.0, 89.0);
        let pruned = scheme.partitions_for(&PartitionQuery {
            bbox: Some(bbox),
            ..Default::default()
        });
        assert_eq!(
            pruned,
            PartitionPruning::Partitions(vec!["0".into(), "1".into(), "2".into(), "3".into()])
        );
    }

    #[test]
    fn time_and_bbox_prune_to_full_paths() {
        let scheme = PartitionScheme::parse("daily,z2-2bits").unwrap();
        let query = PartitionQuery {
            bbox: Some(BBox::new(10.0, 10.0, 20.0, 20.0)),
            time: Some(TimeRange {
                start: millis("2018-01-01T12:00:00Z"),
                end: millis("2018-01-03T00:00:00Z"),
            }),
            attribute_values: None,
        };
        // (10..20, 10..20) lies in z2-2bits cell 3 (PartitionSchemeTest: "3" is bbox(0,0,180,90)).
        let expected = vec!["2018/01/01/3".to_owned(), "2018/01/02/3".to_owned()];
        assert_eq!(
            scheme.partitions_for(&query),
            PartitionPruning::Partitions(expected)
        );
        let disjoint = PartitionQuery {
            time: Some(TimeRange { start: 5, end: 5 }),
            ..query
        };
        assert_eq!(
            scheme.partitions_for(&disjoint),
            PartitionPruning::Partitions(Vec::new())
        );
    }

    // PartitionSchemeConfTest.scala "load from conf": `datetime,z2` with options is a composite
    // of a datetime and a z2 scheme; Strabo reports the custom datetime scheme as unsupported.
    // Its "load dtg, geom, and step defaults" case also reads `z2-resolution` for a bare `z2`.
    #[test]
    fn reads_resolution_and_step_options() {
        let options: BTreeMap<String, String> = [("z2-resolution", "10"), ("step", "2")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let scheme = PartitionScheme::parse_with_options("hourly,z2", &options).unwrap();
        let [SchemePart::Time(t), SchemePart::Spatial(s)] = scheme.parts() else {
            panic!("{scheme:?}")
        };
        assert_eq!((t.step(), s.bits()), (2, 10));
        assert_eq!(
            PartitionScheme::parse_with_options("datetime,z2", &options),
            Err(SchemeError::Unsupported("datetime".into()))
        );
        assert_eq!(
            PartitionScheme::parse("daily,z2"),
            Err(SchemeError::MissingOption {
                scheme: "daily,z2".into(),
                option: "z2-resolution"
            })
        );
    }

    // PartitionSchemeConfTest.scala "load, serialize, deserialize": "daily,z2-2bit" is a composite.
    #[test]
    fn parses_geomesa_scheme_names() {
        let scheme: PartitionScheme = "daily,z2-2bit".parse().unwrap();
        assert_eq!(scheme.parts().len(), 2);
        assert_eq!(scheme.depth(), 4);
        assert_eq!(scheme.to_string(), "daily,z2-2bit");
        assert!(
            PartitionScheme::parse("DAILY").is_ok(),
            "time names are case-insensitive in GeoMesa"
        );
        assert!(PartitionScheme::parse("flat").unwrap().parts().is_empty());
        assert_eq!(
            PartitionScheme::parse("flat")
                .unwrap()
                .partition_of(&RowValues::default()),
            Ok(String::new())
        );
    }

    #[test]
    fn bad_scheme_strings_name_the_bad_text() {
        let cases = [
            (
                "z2-3bits",
                SchemeError::OddBits {
                    scheme: "z2-3bits".into(),
                    bits: 3,
                },
            ),
            (
                "daily,xz2-5bit",
                SchemeError::OddBits {
                    scheme: "xz2-5bit".into(),
                    bits: 5,
                },
            ),
            (
                "daily,fortnightly",
                SchemeError::Unknown("fortnightly".into()),
            ),
            ("z2-bits", SchemeError::Unknown("z2-bits".into())),
            ("z2-2bitz", SchemeError::Unknown("z2-2bitz".into())),
            ("daily, z2-2bits", SchemeError::Unknown(" z2-2bits".into())),
            (
                "z2-64bits",
                SchemeError::BitsOutOfRange {
                    scheme: "z2-64bits".into(),
                    bits: 64,
                    min: 2,
                    max: 62,
                },
            ),
            (
                "xz2-0bits",
                SchemeError::BitsOutOfRange {
                    scheme: "xz2-0bits".into(),
                    bits: 0,
                    min: 2,
                    max: 60,
                },
            ),
            (
                "daily,flat",
                SchemeError::FlatInComposite("daily,flat".into()),
            ),
            (
                "attribute",
                SchemeError::MissingOption {
                    scheme: "attribute".into(),
                    option: "partitioned-attribute",
                },
            ),
        ];
        for (name, expected) in cases {
            let err = PartitionScheme::parse(name).unwrap_err();
            assert_eq!(err, expected, "{name}");
            let text = err.to_string();
            let bad = name.rsplit(',').next().unwrap();
            assert!(
                text.contains(bad) || text.contains(name),
                "{text:?} should name {bad:?}"
            );
        }
    }

    #[test]
    fn attribute_schemes_prune_by_equality() {
        let options: BTreeMap<String, String> =
            [("partitioned-attribute".to_owned(), "name".to_owned())]
                .into_iter()
                .collect();
        let scheme = PartitionScheme::parse_with_options("attribute,daily", &options).unwrap();
        let row = RowValues {
            attribute: Some("test"),
            ..point_row(10.0, 10.0, "2017-02-03T10:15:30Z")
        };
        assert_eq!(scheme.partition_of(&row).unwrap(), "test/2017/02/03");
        let values = ["foo".to_owned()];
        let query = PartitionQuery {
            attribute_values: Some(&values),
            ..Default::default()
        };
        assert_eq!(
            scheme.partitions_for(&query),
            PartitionPruning::Prefixes(vec!["foo".into()])
        );
    }

    #[test]
    fn rows_missing_a_value_are_errors() {
        let scheme = PartitionScheme::parse("daily,z2-2bits").unwrap();
        let no_time = RowValues {
            bbox: Some(BBox::point(0.0, 0.0)),
            ..Default::default()
        };
        assert_eq!(
            scheme.partition_of(&no_time),
            Err(PartitionError::MissingValue("daily", "date-time"))
        );
    }

    #[test]
    fn the_default_scheme_is_daily_then_two_bits_of_space() {
        assert_eq!(
            PartitionScheme::default_for(true, true).name(),
            "daily,z2-2bits"
        );
        assert_eq!(
            PartitionScheme::default_for(false, true).name(),
            "daily,xz2-2bits"
        );
        assert_eq!(PartitionScheme::default_for(true, false).name(), "z2-2bits");
        assert_eq!(PartitionScheme::default_for(false, true).parts().len(), 2);
    }
}
