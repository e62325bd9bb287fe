//! Reading a snapshot with a filter, in stages: partitions from the scheme, files from the
//! boxes and time ranges in the log, row groups from their statistics, and rows from an exact
//! evaluation of the filter in Rust.
use std::borrow::Cow;
use std::collections::HashMap;

use parquet::arrow::arrow_reader::{RowSelection, RowSelector};
use parquet::basic::{LogicalType, TimeUnit as ParquetTimeUnit};
use parquet::data_type::ByteArray;
use parquet::file::metadata::{ParquetMetaData, RowGroupMetaData};
use parquet::file::page_index::column_index::ColumnIndexMetaData;
use parquet::file::statistics::Statistics;
use parquet::schema::types::SchemaDescriptor;
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

/// Plans the files of `snapshot` that may hold rows matching `filter`. `footers` reads the
/// Parquet footers of the files left after partition and file pruning, in their order, for
/// row-group pruning: the caller may read them concurrently.
pub fn plan<'a, I>(
    snapshot: &'a Snapshot,
    filter: &Filter,
    footers: impl FnOnce(Vec<&'a DataFile>) -> I,
) -> Result<ScanPlan, StoreError>
where
    I: Iterator<Item = Result<ParquetMetaData, StoreError>>,
{
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
    for (file, metadata) in candidates.clone().into_iter().zip(footers(candidates)) {
        let metadata = metadata?;
        let schema = metadata.file_metadata().schema_descr();
        let leaves = leaf_paths(schema);
        let groups = metadata.row_groups();
        counts.row_groups += groups.len();
        let kept: Vec<usize> = (0..groups.len())
            .filter(|&i| {
                let stats = ParquetStats {
                    feature_type,
                    schema,
                    leaves: &leaves,
                    rows: groups[i].num_rows() as u64,
                    source: &groups[i],
                };
                may_match(filter, &stats)
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

/// The rows of `row_groups` (in order) that `filter` may match by the file's page index, or
/// `None` when the file has no page index or it rules nothing out. The pages of the columns
/// the filter reads (and the coverings of its geometries) cut each row group into runs of rows
/// that lie within one page of each; a run is skipped when those pages' statistics rule it out.
pub fn page_selection(
    feature_type: &FeatureType,
    filter: &Filter,
    metadata: &ParquetMetaData,
    row_groups: &[usize],
) -> Option<RowSelection> {
    let (column_index, offset_index) = (metadata.column_index()?, metadata.offset_index()?);
    let schema = metadata.file_metadata().schema_descr();
    let leaves = leaf_paths(schema);
    let roots: Vec<String> = filter
        .properties()
        .into_iter()
        .flat_map(|p| [p.to_owned(), bbox_column(p)])
        .collect();
    let tracked: Vec<usize> = (0..schema.num_columns())
        .filter(|&i| {
            roots
                .iter()
                .any(|r| schema.column(i).path().parts()[0] == *r)
        })
        .collect();
    let mut selectors: Vec<RowSelector> = Vec::new();
    let mut skipped = false;
    for &group in row_groups {
        // Row counts are checked when the footer is read (`ObjectFile::metadata`).
        let rows = metadata.row_group(group).num_rows() as u64;
        let (index, offsets) = (column_index.get(group)?, offset_index.get(group)?);
        if tracked
            .iter()
            .any(|&leaf| leaf >= index.len() || leaf >= offsets.len())
        {
            return None;
        }
        // Where any tracked column starts a page: the runs' boundaries. A page said to start
        // outside the row group (a corrupt index) bounds no run.
        let mut starts: Vec<u64> = tracked
            .iter()
            .flat_map(|&leaf| offsets[leaf].page_locations().iter())
            .filter_map(|page| u64::try_from(page.first_row_index).ok())
            .filter(|&start| start < rows)
            .chain([0])
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let mut pages: Vec<Option<usize>> = vec![None; schema.num_columns()];
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(rows);
            for &leaf in &tracked {
                let locations = offsets[leaf].page_locations();
                let page = locations.partition_point(|p| p.first_row_index as u64 <= start);
                pages[leaf] = page.checked_sub(1);
            }
            let run = ParquetStats {
                feature_type,
                schema,
                leaves: &leaves,
                rows: end - start,
                source: PageRun {
                    index,
                    pages: &pages,
                },
            };
            let length = (end - start) as usize;
            if may_match(filter, &run) {
                selectors.push(RowSelector::select(length));
            } else {
                selectors.push(RowSelector::skip(length));
                skipped = true;
            }
        }
    }
    skipped.then(|| RowSelection::from(selectors))
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

/// A chunk's statistics from a Parquet file: the covering columns' ranges for boxes, and
/// min/max of attribute columns. The chunk is a row group (its footer statistics) or a run of
/// rows within one (the page index's statistics of the pages holding them).
struct ParquetStats<'a, S> {
    feature_type: &'a FeatureType,
    schema: &'a SchemaDescriptor,
    /// Leaf column index by dotted path.
    leaves: &'a HashMap<String, usize>,
    rows: u64,
    source: S,
}

/// Where a chunk's statistics of a leaf column come from.
trait LeafStatistics {
    /// The statistics of `leaf` over the chunk's `rows` rows.
    fn leaf(&self, leaf: usize, rows: u64) -> Option<Cow<'_, Statistics>>;
}

impl LeafStatistics for &RowGroupMetaData {
    fn leaf(&self, leaf: usize, _rows: u64) -> Option<Cow<'_, Statistics>> {
        self.column(leaf).statistics().map(Cow::Borrowed)
    }
}

/// Rows of a row group that lie within one page of every column the filter reads.
struct PageRun<'a> {
    /// The row group's page index, by leaf.
    index: &'a [ColumnIndexMetaData],
    /// The page of each leaf holding the run; `None` for leaves not tracked.
    pages: &'a [Option<usize>],
}

impl LeafStatistics for PageRun<'_> {
    fn leaf(&self, leaf: usize, rows: u64) -> Option<Cow<'_, Statistics>> {
        let page = (*self.pages.get(leaf)?)?;
        let index = self.index.get(leaf)?;
        // `NONE` (a column written without statistics) answers no per-page question.
        if matches!(index, ColumnIndexMetaData::NONE) || page as u64 >= index.num_pages() {
            return None;
        }
        // A page's null count holds for the run only when the page has none or is all nulls.
        let nulls = match index.null_count(page) {
            Some(0) => Some(0),
            _ if index.is_null_page(page) => Some(rows),
            _ => None,
        };
        Some(Cow::Owned(match index {
            ColumnIndexMetaData::INT32(i) => Statistics::int32(
                i.min_value(page).copied(),
                i.max_value(page).copied(),
                None,
                nulls,
                false,
            ),
            ColumnIndexMetaData::INT64(i) => Statistics::int64(
                i.min_value(page).copied(),
                i.max_value(page).copied(),
                None,
                nulls,
                false,
            ),
            ColumnIndexMetaData::FLOAT(i) => Statistics::float(
                i.min_value(page).copied(),
                i.max_value(page).copied(),
                None,
                nulls,
                false,
            ),
            ColumnIndexMetaData::DOUBLE(i) => Statistics::double(
                i.min_value(page).copied(),
                i.max_value(page).copied(),
                None,
                nulls,
                false,
            ),
            ColumnIndexMetaData::BYTE_ARRAY(i) => Statistics::byte_array(
                i.min_value(page).map(|v| ByteArray::from(v.to_vec())),
                i.max_value(page).map(|v| ByteArray::from(v.to_vec())),
                None,
                nulls,
                false,
            ),
            _ => return None,
        }))
    }
}

impl<'a, S: LeafStatistics> ParquetStats<'a, S> {
    fn statistics(&self, path: &str) -> Option<Cow<'_, Statistics>> {
        self.source.leaf(*self.leaves.get(path)?, self.rows)
    }

    fn double(&self, path: &str, max: bool) -> Option<f64> {
        match self.statistics(path)?.as_ref() {
            Statistics::Double(s) if max => s.max_opt().copied(),
            Statistics::Double(s) => s.min_opt().copied(),
            _ => None,
        }
    }
}

/// Leaf column indexes of a file by dotted path (`__geom_bbox__.xmin`).
fn leaf_paths(schema: &SchemaDescriptor) -> HashMap<String, usize> {
    (0..schema.num_columns())
        .map(|i| (schema.column(i).path().string(), i))
        .collect()
}

impl<S: LeafStatistics> ChunkStats for ParquetStats<'_, S> {
    fn row_count(&self) -> u64 {
        self.rows
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
        let leaf = self.schema.column(*self.leaves.get(column)?);
        Some(match (kind, statistics.as_ref()) {
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
                let scale = match leaf.logical_type_ref() {
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
