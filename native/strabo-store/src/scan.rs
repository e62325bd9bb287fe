//! Reading a snapshot with a filter, in stages: partitions from the scheme, files from the
//! boxes and time ranges in the log, row groups from their statistics, and rows from an exact
//! evaluation of the filter in Rust.
use std::collections::HashMap;

use parquet::basic::{LogicalType, TimeUnit as ParquetTimeUnit};
use parquet::file::metadata::{ParquetMetaData, RowGroupMetaData};
use parquet::file::statistics::Statistics;
use strabo_curve::{BBox, PartitionQuery, TimeRange};
use strabo_filter::Filter;
use strabo_query::{bounds, may_match, ChunkStats, ColumnRange};

use crate::error::StoreError;
use crate::log::{DataFile, Snapshot};
use crate::schema::{bbox_column, AttributeKind, FeatureType, FID};

/// The files and row groups a filter needs, and how much each stage pruned.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanPlan {
    pub files: Vec<FileScan>,
    pub counts: PruneCounts,
}

/// One file to read, and which of its row groups (all if `None`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FileScan {
    pub file: DataFile,
    pub row_groups: Option<Vec<usize>>,
}

/// What each stage of planning left, for `explain` and for tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct PruneCounts {
    pub files: usize,
    pub after_partitions: usize,
    pub after_file_stats: usize,
    pub row_groups: usize,
    pub after_row_group_stats: usize,
}

/// The filter's constraints as the partition scheme takes them.
pub fn partition_query<'a>(
    feature_type: &FeatureType,
    filter: &Filter,
    values: &'a mut Option<Vec<String>>,
) -> Option<PartitionQuery<'a>> {
    let scheme = feature_type.partition_scheme().ok()?;
    let attribute = scheme.parts().iter().find_map(|p| match p {
        strabo_curve::scheme::SchemePart::Attribute(a) => Some(a.attribute().to_owned()),
        _ => None,
    });
    let found = bounds(
        filter,
        &feature_type.default_geometry().name,
        feature_type.dtg.as_deref(),
        attribute.as_deref(),
    );
    if found.empty {
        return None;
    }
    *values = found.attribute_values;
    Some(PartitionQuery {
        // Rows reaching outside the world are partitioned by their part inside it (see
        // `write`), so only a query box inside the world can rule spatial partitions out.
        bbox: found.bbox.filter(|b| {
            let world = BBox::WORLD;
            b.xmin >= world.xmin
                && b.ymin >= world.ymin
                && b.xmax <= world.xmax
                && b.ymax <= world.ymax
        }),
        // Inclusive microseconds to the scheme's half-open milliseconds.
        time: found.time.map(|(start, end)| TimeRange {
            start: start.div_euclid(1000),
            end: end.div_euclid(1000).saturating_add(1),
        }),
        attribute_values: values.as_deref(),
    })
}

/// The filter with the layer's SRID for geometry literals written without one, as ECQL writes
/// them, so that they compare with the column's geometries.
pub fn with_layer_srid(feature_type: &FeatureType, filter: &Filter) -> Filter {
    match feature_type.default_geometry().kind {
        AttributeKind::Geometry { srid, .. } => strabo_query::with_default_srid(filter, srid),
        _ => filter.clone(),
    }
}

/// Plans the files of `snapshot` that may hold rows matching `filter`. `footer` reads a file's
/// Parquet footer, for row-group pruning.
pub fn plan(
    snapshot: &Snapshot,
    filter: &Filter,
    mut footer: impl FnMut(&DataFile) -> Result<ParquetMetaData, StoreError>,
) -> Result<ScanPlan, StoreError> {
    let feature_type = &snapshot.feature_type;
    let filter = &with_layer_srid(feature_type, filter);
    let mut counts = PruneCounts {
        files: snapshot.files.len(),
        ..PruneCounts::default()
    };
    let mut values = None;
    let Some(query) = partition_query(feature_type, filter, &mut values) else {
        return Ok(ScanPlan {
            files: Vec::new(),
            counts,
        });
    };
    let partitions = feature_type.partition_scheme()?.filter(&query);
    let in_partitions: Vec<&DataFile> = snapshot
        .files
        .iter()
        .filter(|f| partitions.matches(&f.partition))
        .collect();
    counts.after_partitions = in_partitions.len();
    let candidates: Vec<&DataFile> = in_partitions
        .into_iter()
        .filter(|file| may_match(filter, &FileStats { feature_type, file }))
        .collect();
    counts.after_file_stats = candidates.len();
    let mut files = Vec::with_capacity(candidates.len());
    for file in candidates {
        let metadata = footer(file)?;
        let groups = metadata.row_groups();
        counts.row_groups += groups.len();
        let kept: Vec<usize> = (0..groups.len())
            .filter(|&i| {
                may_match(
                    filter,
                    &RowGroupStats::new(feature_type, &metadata, &groups[i]),
                )
            })
            .collect();
        counts.after_row_group_stats += kept.len();
        if kept.is_empty() {
            continue;
        }
        let row_groups = (kept.len() < groups.len()).then_some(kept);
        files.push(FileScan {
            file: file.clone(),
            row_groups,
        });
    }
    Ok(ScanPlan { files, counts })
}

/// A file's statistics as the log records them: rows, the default geometry's box, the dtg range.
struct FileStats<'a> {
    feature_type: &'a FeatureType,
    file: &'a DataFile,
}

impl ChunkStats for FileStats<'_> {
    fn row_count(&self) -> u64 {
        self.file.rows
    }

    fn null_count(&self, _column: &str) -> Option<u64> {
        None
    }

    fn range(&self, column: &str) -> Option<ColumnRange> {
        let [min, max] = self.file.time?;
        (self.feature_type.dtg.as_deref() == Some(column)).then_some(ColumnRange::Time { min, max })
    }

    fn bbox(&self, geometry: &str) -> Option<BBox> {
        let [xmin, ymin, xmax, ymax] = self.file.bbox?;
        (self.feature_type.default_geometry().name == geometry)
            .then(|| BBox::new(xmin, ymin, xmax, ymax))
    }
}

/// A row group's statistics from the Parquet footer: the covering columns' ranges for boxes,
/// and min/max of attribute columns.
struct RowGroupStats<'a> {
    feature_type: &'a FeatureType,
    group: &'a RowGroupMetaData,
    /// Leaf column index by dotted path.
    leaves: HashMap<String, usize>,
}

impl<'a> RowGroupStats<'a> {
    fn new(
        feature_type: &'a FeatureType,
        metadata: &ParquetMetaData,
        group: &'a RowGroupMetaData,
    ) -> Self {
        let schema = metadata.file_metadata().schema_descr();
        let leaves = (0..schema.num_columns())
            .map(|i| (schema.column(i).path().string(), i))
            .collect();
        RowGroupStats {
            feature_type,
            group,
            leaves,
        }
    }

    fn statistics(&self, path: &str) -> Option<&Statistics> {
        self.group.column(*self.leaves.get(path)?).statistics()
    }

    fn double(&self, path: &str, max: bool) -> Option<f64> {
        match self.statistics(path)? {
            Statistics::Double(s) if max => s.max_opt().copied(),
            Statistics::Double(s) => s.min_opt().copied(),
            _ => None,
        }
    }
}

impl ChunkStats for RowGroupStats<'_> {
    fn row_count(&self) -> u64 {
        self.group.num_rows() as u64
    }

    fn null_count(&self, column: &str) -> Option<u64> {
        self.statistics(column)?.null_count_opt()
    }

    fn range(&self, column: &str) -> Option<ColumnRange> {
        let kind = if column == FID {
            AttributeKind::String
        } else {
            self.feature_type.attribute(column)?.kind
        };
        let statistics = self.statistics(column)?;
        let leaf = self.group.column(*self.leaves.get(column)?);
        Some(match (kind, statistics) {
            (AttributeKind::Int, Statistics::Int32(s)) => ColumnRange::Integer {
                min: (*s.min_opt()?).into(),
                max: (*s.max_opt()?).into(),
            },
            (AttributeKind::Long, Statistics::Int64(s)) => ColumnRange::Integer {
                min: *s.min_opt()?,
                max: *s.max_opt()?,
            },
            (AttributeKind::Float, Statistics::Float(s)) => ColumnRange::Float {
                min: (*s.min_opt()?).into(),
                max: (*s.max_opt()?).into(),
                may_hold_nan: true,
            },
            (AttributeKind::Double, Statistics::Double(s)) => ColumnRange::Float {
                min: *s.min_opt()?,
                max: *s.max_opt()?,
                may_hold_nan: true,
            },
            (AttributeKind::Date, Statistics::Int32(s)) => {
                let day = 86_400_000_000i64;
                ColumnRange::Time {
                    min: i64::from(*s.min_opt()?) * day,
                    max: i64::from(*s.max_opt()?) * day,
                }
            }
            (AttributeKind::Timestamp, Statistics::Int64(s)) => {
                // The store writes microseconds; a file from elsewhere may use another unit.
                let scale = match leaf.column_descr().logical_type_ref() {
                    Some(LogicalType::Timestamp(t)) if t.unit == ParquetTimeUnit::MILLIS => 1000,
                    Some(LogicalType::Timestamp(t)) if t.unit == ParquetTimeUnit::MICROS => 1,
                    _ => return None,
                };
                ColumnRange::Time {
                    min: s.min_opt()?.checked_mul(scale)?,
                    max: s.max_opt()?.checked_mul(scale)?,
                }
            }
            (AttributeKind::String, Statistics::ByteArray(s)) => ColumnRange::Text {
                min: String::from_utf8(s.min_opt()?.data().to_vec()).ok()?,
                max: String::from_utf8(s.max_opt()?.data().to_vec()).ok()?,
            },
            _ => return None,
        })
    }

    fn bbox(&self, geometry: &str) -> Option<BBox> {
        let covering = bbox_column(geometry);
        let field = |name: &str, max: bool| self.double(&format!("{covering}.{name}"), max);
        Some(BBox::new(
            field("xmin", false)?,
            field("ymin", false)?,
            field("xmax", true)?,
            field("ymax", true)?,
        ))
    }
}
