//! The commit log of a feature type: `<feature>/_strabo_log/<version>.json`, one file per
//! commit, versions counting from 0 without gaps.
//!
//! A commit is created only if its version does not exist yet (`PutMode::Create`), after every
//! data file it adds is written. So a job that fails or is killed before that put changes
//! nothing a reader sees, a reader sees whole commits only, and of two writers racing for a
//! version one wins and the other replays its operation on the new snapshot. Each entry
//! carries its writer's transaction id, so that a writer whose put failed on the way back can
//! read the entry and tell its own commit from another's.
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::schema::FeatureType;

/// The directory of a feature type's log, inside the feature type's directory.
pub const LOG_DIR: &str = "_strabo_log";

/// A data file as a commit records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataFile {
    /// Path relative to the feature type's directory.
    pub path: String,
    /// The partition, as the scheme names it ("" for `flat`).
    pub partition: String,
    pub rows: u64,
    pub bytes: u64,
    /// The union of the default geometry's boxes, `[xmin, ymin, xmax, ymax]`; `None` when every
    /// geometry is null or empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f64; 4]>,
    /// The least and greatest dtg, epoch microseconds; `None` without dtg values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<[i64; 2]>,
    /// For a file of GeoMesa's own store (never in Strabo's log): which of its rows a read keeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geomesa: Option<crate::geomesa::GeoMesaRows>,
}

/// What a commit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    Create,
    Append,
    Overwrite,
    Compact,
    /// The feature type was dropped: its files are removed, and the next commit creates it
    /// anew.
    Drop,
}

/// One log entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commit {
    pub version: u64,
    /// When it was committed, epoch milliseconds.
    pub timestamp: i64,
    pub operation: Operation,
    /// The id of the transaction that wrote the entry (absent in entries of older versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub txn: Option<String>,
    /// The feature type, in the first commit and in the first after a drop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_type: Option<FeatureType>,
    #[serde(default)]
    pub add: Vec<DataFile>,
    /// Paths of files this commit removes from the snapshot.
    #[serde(default)]
    pub remove: Vec<String>,
}

/// The state of a feature type after a version: its schema and live files.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub version: u64,
    pub feature_type: FeatureType,
    pub files: Vec<DataFile>,
    /// A feature type of GeoMesa's own store: Strabo reads it but does not write to it.
    pub read_only: bool,
    /// The last commit dropped the feature type: it has no files, and readers do not see it.
    pub dropped: bool,
}

impl Snapshot {
    /// Replays commits 0..=n, in version order.
    pub fn replay(
        feature: &str,
        commits: impl IntoIterator<Item = Commit>,
    ) -> Result<Snapshot, StoreError> {
        Snapshot::replay_from(feature, None, commits)
    }

    /// Replays the commits that follow `start` (all from 0 if `None`), in version order.
    pub fn replay_from(
        feature: &str,
        start: Option<Snapshot>,
        commits: impl IntoIterator<Item = Commit>,
    ) -> Result<Snapshot, StoreError> {
        let mut snapshot = start;
        for commit in commits {
            let expected = snapshot.as_ref().map_or(0, |s| s.version + 1);
            if commit.version != expected {
                return Err(StoreError::Corrupt(format!(
                    "feature type '{feature}': log entry {} follows version {}",
                    commit.version,
                    expected.wrapping_sub(1)
                )));
            }
            let state = match (snapshot, commit.feature_type) {
                // A feature type created, or created again after a drop.
                (None, Some(feature_type)) => Snapshot {
                    version: 0,
                    feature_type,
                    files: Vec::new(),
                    read_only: false,
                    dropped: false,
                },
                (Some(state), Some(feature_type)) if state.dropped => Snapshot {
                    feature_type,
                    files: Vec::new(),
                    dropped: false,
                    ..state
                },
                (None, None) => {
                    return Err(StoreError::Corrupt(format!(
                        "feature type '{feature}': the first log entry has no feature type"
                    )))
                }
                (Some(state), None) if state.dropped => {
                    return Err(StoreError::Corrupt(format!(
                        "feature type '{feature}': log entry {} follows a drop but does not \
                         create the feature type",
                        commit.version
                    )))
                }
                (Some(state), Some(feature_type)) => Snapshot {
                    feature_type,
                    ..state
                },
                (Some(state), None) => state,
            };
            let mut files = state.files;
            let removed: std::collections::HashSet<&String> = commit.remove.iter().collect();
            files.retain(|f| !removed.contains(&f.path));
            files.extend(commit.add);
            let dropped = commit.operation == Operation::Drop;
            if dropped {
                files.clear();
            }
            snapshot = Some(Snapshot {
                version: commit.version,
                files,
                dropped,
                ..state
            });
        }
        snapshot.ok_or_else(|| StoreError::Corrupt(format!("feature type '{feature}': empty log")))
    }

    pub fn rows(&self) -> u64 {
        self.files.iter().map(|f| f.rows).sum()
    }

    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).sum()
    }

    /// The union of the files' boxes.
    pub fn bbox(&self) -> Option<[f64; 4]> {
        union_of_boxes(self.files.iter().filter_map(|f| f.bbox))
    }

    /// The least and greatest dtg over the files.
    pub fn time(&self) -> Option<[i64; 2]> {
        span_of_times(self.files.iter().filter_map(|f| f.time))
    }
}

/// The union of `[xmin, ymin, xmax, ymax]` boxes, as files and commits record them.
pub(crate) fn union_of_boxes(boxes: impl Iterator<Item = [f64; 4]>) -> Option<[f64; 4]> {
    boxes.reduce(|a, b| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    })
}

/// The least and greatest of `[start, end]` time ranges.
pub(crate) fn span_of_times(times: impl Iterator<Item = [i64; 2]>) -> Option<[i64; 2]> {
    times.reduce(|a, b| [a[0].min(b[0]), a[1].max(b[1])])
}

/// A checkpoint is written after every this many commits, so that a reader that has no
/// snapshot cached reads at most this many log entries after it.
pub const CHECKPOINT_INTERVAL: u64 = 10;

/// A snapshot as a checkpoint file holds it: `<version>.checkpoint.json` beside the log
/// entries. It only saves reading the entries up to its version; they stay the truth, and a
/// checkpoint that cannot be read is passed over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub version: u64,
    pub feature_type: FeatureType,
    pub files: Vec<DataFile>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dropped: bool,
}

impl From<&Snapshot> for Checkpoint {
    fn from(snapshot: &Snapshot) -> Self {
        Checkpoint {
            version: snapshot.version,
            feature_type: snapshot.feature_type.clone(),
            files: snapshot.files.clone(),
            dropped: snapshot.dropped,
        }
    }
}

impl From<Checkpoint> for Snapshot {
    fn from(checkpoint: Checkpoint) -> Self {
        Snapshot {
            version: checkpoint.version,
            feature_type: checkpoint.feature_type,
            files: checkpoint.files,
            read_only: false,
            dropped: checkpoint.dropped,
        }
    }
}

/// The name of a version's log file, zero-padded so that names sort as versions do.
pub fn entry_name(version: u64) -> String {
    format!("{version:020}.json")
}

/// The name of the checkpoint of a version.
pub fn checkpoint_name(version: u64) -> String {
    format!("{version:020}.checkpoint.json")
}

/// The version a log entry's name holds; `None` for other files (checkpoints, temporary files
/// of a put).
pub fn version_of(name: &str) -> Option<u64> {
    zero_padded(name.strip_suffix(".json")?)
}

/// The version a checkpoint's name holds.
pub fn checkpoint_of(name: &str) -> Option<u64> {
    zero_padded(name.strip_suffix(".checkpoint.json")?)
}

fn zero_padded(digits: &str) -> Option<u64> {
    (digits.len() == 20).then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::tests::events;

    fn file(path: &str) -> DataFile {
        DataFile {
            path: path.into(),
            partition: String::new(),
            rows: 2,
            bytes: 10,
            bbox: Some([0.0, 0.0, 1.0, 1.0]),
            time: Some([5, 9]),
            geomesa: None,
        }
    }

    fn commit(version: u64, operation: Operation, add: &[&str], remove: &[&str]) -> Commit {
        Commit {
            version,
            timestamp: 0,
            operation,
            txn: None,
            feature_type: (version == 0).then(events),
            add: add.iter().map(|p| file(p)).collect(),
            remove: remove.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn replay_adds_and_removes() {
        let snapshot = Snapshot::replay(
            "events",
            [
                commit(0, Operation::Create, &[], &[]),
                commit(1, Operation::Append, &["a", "b"], &[]),
                commit(2, Operation::Overwrite, &["c"], &["a", "b"]),
                commit(3, Operation::Append, &["d"], &[]),
            ],
        )
        .unwrap();
        assert_eq!(snapshot.version, 3);
        let paths: Vec<&str> = snapshot.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["c", "d"]);
        assert_eq!(snapshot.rows(), 4);
        assert_eq!(snapshot.time(), Some([5, 9]));
    }

    #[test]
    fn replay_refuses_gaps_and_a_headless_log() {
        let gap = Snapshot::replay(
            "events",
            [
                commit(0, Operation::Create, &[], &[]),
                commit(2, Operation::Append, &[], &[]),
            ],
        );
        assert!(gap
            .unwrap_err()
            .to_string()
            .contains("log entry 2 follows version 0"));
        let mut headless = commit(0, Operation::Append, &[], &[]);
        headless.feature_type = None;
        assert!(Snapshot::replay("events", [headless]).is_err());
        assert!(Snapshot::replay("events", []).is_err());
    }

    #[test]
    fn entry_names_sort_as_versions() {
        assert_eq!(entry_name(7), "00000000000000000007.json");
        assert_eq!(version_of(&entry_name(123)), Some(123));
        assert_eq!(version_of("00000000000000000007.json.tmp"), None);
        assert_eq!(version_of("7.json"), None);
    }

    #[test]
    fn commits_round_trip_as_json() {
        let c = commit(0, Operation::Create, &["x"], &[]);
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Commit>(&text).unwrap(), c);
    }
}
