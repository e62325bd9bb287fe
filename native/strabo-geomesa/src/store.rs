//! A GeoMesa FileSystem data store on disk: its feature types and their current data files.
//!
//! Layout (GeoMesa 5.4 `FileSystemStorageManager`, `FileBasedMetadataFactory`): a data store root
//! holds one directory per feature type (a *storage*, usually named after the type); each storage
//! holds `metadata.json`, `metadata/storage.json`, the change log under `metadata/`, and the data
//! files under partition paths.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::changelog::{self, Bbox, FileAction, FileBound, PartitionEntry};
use crate::error::{Error, Result};
use crate::metadata::{self, Backend, PartitionScheme};
use crate::spec::FeatureTypeSpec;

const BACKEND_FILE: &str = "metadata.json";
const METADATA_DIR: &str = "metadata";
const STORAGE_FILE: &str = "storage.json";
const UPDATE_PREFIX: &str = "update-";
/// Update files named after their partition: `update-$<encoded partition>-<uuid>.<ext>`.
const NAMED_UPDATE_PREFIX: &str = "update-$";
/// `-` + a 36-character UUID + a 5-character extension (`.conf` or `.json`).
const NAMED_UPDATE_SUFFIX_LEN: usize = 42;

/// The file access the store needs; [`LocalFs`] is `std::fs`. Paths are the store's own
/// (root joined with relative names), so another implementation can map them to object keys.
pub trait StoreFs {
    /// Reads a whole file.
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
    /// Lists a directory: each entry's path and whether it is a directory.
    fn list(&self, dir: &Path) -> std::io::Result<Vec<(PathBuf, bool)>>;
    /// Whether `path` is an existing file.
    fn is_file(&self, path: &Path) -> bool;
}

/// [`StoreFs`] on the local file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalFs;

impl StoreFs for LocalFs {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn list(&self, dir: &Path) -> std::io::Result<Vec<(PathBuf, bool)>> {
        std::fs::read_dir(dir)?
            .map(|entry| {
                let entry = entry?;
                Ok((entry.path(), entry.file_type()?.is_dir()))
            })
            .collect()
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// [`StoreFs`] over files read beforehand, e.g. a storage's metadata fetched from an object
/// store at once: each file's path and bytes. Directories are the paths' prefixes.
#[derive(Debug, Clone, Default)]
pub struct MemoryFs {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl MemoryFs {
    /// The files, by path.
    pub fn new(files: impl IntoIterator<Item = (PathBuf, Vec<u8>)>) -> Self {
        MemoryFs {
            files: files.into_iter().collect(),
        }
    }
}

impl StoreFs for MemoryFs {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| std::io::ErrorKind::NotFound.into())
    }

    fn list(&self, dir: &Path) -> std::io::Result<Vec<(PathBuf, bool)>> {
        let mut children: BTreeMap<PathBuf, bool> = BTreeMap::new();
        for path in self.files.keys() {
            let Ok(rest) = path.strip_prefix(dir) else {
                continue;
            };
            let mut parts = rest.components();
            if let Some(first) = parts.next() {
                let is_dir = parts.next().is_some();
                *children.entry(dir.join(first)).or_default() |= is_dir;
            }
        }
        if children.is_empty() {
            return Err(std::io::ErrorKind::NotFound.into());
        }
        Ok(children.into_iter().collect())
    }

    fn is_file(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }
}

/// One feature type of a store.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureType {
    /// Type name (from `storage.json`, not the directory name).
    pub name: String,
    /// The storage directory holding its metadata and data files.
    pub root: PathBuf,
    /// Attributes and user data.
    pub spec: FeatureTypeSpec,
    /// Partition scheme.
    pub scheme: PartitionScheme,
    /// Data file encoding, e.g. `parquet`.
    pub encoding: String,
    /// Whether data files sit beside their partition's last path part (see [`metadata::StorageConfig`]).
    pub leaf_storage: bool,
    /// All storage configuration keys.
    pub config: BTreeMap<String, String>,
    /// The metadata backend (`metadata.json`; stores from before 2.x without one read as `file`).
    pub backend: Backend,
}

/// A data file of a partition, resolved to its path.
#[derive(Debug, Clone, PartialEq)]
pub struct DataFile {
    /// Path of the file (honouring leaf storage).
    pub path: PathBuf,
    /// How its rows apply: newer `Modify`/`Delete` files override rows of older files by id.
    pub action: FileAction,
    /// When it was registered (ms since the epoch; 0 in pre-3.x stores).
    pub timestamp: i64,
    /// Indices of the attributes the file is sorted by, if recorded.
    pub sort: Vec<i32>,
    /// Attribute bounds, if recorded.
    pub bounds: Vec<FileBound>,
}

/// The current state of one partition.
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionFiles {
    /// Partition name, e.g. `2015/06/02`.
    pub partition: String,
    /// Its data files, in GeoMesa's merge order.
    pub files: Vec<DataFile>,
    /// Bounding box of its features, if recorded.
    pub bbox: Option<Bbox>,
    /// Number of features, as recorded by the writers.
    pub count: u64,
}

/// A GeoMesa FileSystem data store opened for reading its metadata.
#[derive(Debug)]
pub struct FsdsStore<F: StoreFs = LocalFs> {
    root: PathBuf,
    fs: F,
    feature_types: Vec<FeatureType>,
    /// Storages that cannot be read ([`Error::Refused`]), by directory.
    refused: Vec<Error>,
}

impl FsdsStore<LocalFs> {
    /// Opens the store at `root` on the local file system; see [`FsdsStore::open_with`].
    pub fn open(root: &Path) -> Result<Self> {
        Self::open_with(root, LocalFs)
    }
}

impl<F: StoreFs> FsdsStore<F> {
    /// Opens the store at `root`: a data store root whose subdirectories are storages, or a
    /// single storage directory itself (one holding `metadata.json` or `metadata/storage.json`).
    /// Subdirectories without metadata are skipped, as GeoMesa does. Reads each storage's
    /// configuration now; the change log is read by [`FsdsStore::snapshot`]. A storage in
    /// another encoding than Parquet (ORC) or with another metadata backend than files (JDBC)
    /// is refused alone: asking for its type is an [`Error::Refused`] that names it.
    pub fn open_with(root: &Path, fs: F) -> Result<Self> {
        let storage_dirs = if is_storage(&fs, root) {
            vec![root.to_path_buf()]
        } else {
            let mut dirs: Vec<PathBuf> = fs
                .list(root)
                .map_err(|source| Error::Io {
                    path: root.to_path_buf(),
                    source,
                })?
                .into_iter()
                .filter(|(path, is_dir)| *is_dir && is_storage(&fs, path))
                .map(|(path, _)| path)
                .collect();
            dirs.sort();
            dirs
        };
        let mut feature_types: Vec<FeatureType> = Vec::with_capacity(storage_dirs.len());
        let mut refused = Vec::new();
        for dir in storage_dirs {
            let feature_type = match load_storage(&fs, &dir) {
                Err(refusal @ Error::Refused { .. }) => {
                    refused.push(refusal);
                    continue;
                }
                loaded => loaded?,
            };
            if let Some(other) = feature_types.iter().find(|t| t.name == feature_type.name) {
                return Err(Error::metadata(
                    root,
                    format!(
                        "two storages hold feature type `{}`: {} and {}",
                        feature_type.name,
                        other.root.display(),
                        dir.display()
                    ),
                ));
            }
            feature_types.push(feature_type);
        }
        Ok(FsdsStore {
            root: root.to_path_buf(),
            fs,
            feature_types,
            refused,
        })
    }

    /// The path the store was opened at.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The feature types, ordered by storage directory.
    pub fn feature_types(&self) -> &[FeatureType] {
        &self.feature_types
    }

    /// The storages that cannot be read, each an [`Error::Refused`].
    pub fn refused(&self) -> &[Error] {
        &self.refused
    }

    /// The feature type named `name`; for a refused storage of that name, its refusal.
    pub fn feature_type(&self, name: &str) -> Result<&FeatureType> {
        if let Some(found) = self.feature_types.iter().find(|t| t.name == name) {
            return Ok(found);
        }
        match self
            .refused
            .iter()
            .find(|r| matches!(r, Error::Refused { storage, .. } if storage == name))
        {
            Some(Error::Refused {
                storage,
                path,
                reason,
            }) => Err(Error::Refused {
                storage: storage.clone(),
                path: path.clone(),
                reason: reason.clone(),
            }),
            _ => Err(Error::UnknownType {
                name: name.to_string(),
                root: self.root.clone(),
            }),
        }
    }

    /// Reads the change log of feature type `type_name` and replays it into its current
    /// partitions, sorted by partition name, each with its data files resolved to paths.
    /// Unlike GeoMesa, which logs and skips an unreadable change-log file, this fails on it.
    pub fn snapshot(&self, type_name: &str) -> Result<Vec<PartitionFiles>> {
        let feature_type = self.feature_type(type_name)?;
        let entries = self.read_change_log(&feature_type.root.join(METADATA_DIR))?;
        changelog::replay(entries)
            .into_iter()
            .map(|state| {
                let base = partition_base_dir(feature_type, &state.partition)?;
                let files = state
                    .files
                    .into_iter()
                    .map(|file| {
                        check_file_name(&file.name).map_err(|message| {
                            Error::metadata(
                                feature_type.root.join(METADATA_DIR),
                                format!("partition `{}`: {message}", state.partition),
                            )
                        })?;
                        Ok(DataFile {
                            path: base.join(&file.name),
                            action: file.action,
                            timestamp: file.timestamp,
                            sort: file.sort,
                            bounds: file.bounds,
                        })
                    })
                    .collect::<Result<_>>()?;
                Ok(PartitionFiles {
                    partition: state.partition,
                    files,
                    bbox: state.bbox,
                    count: state.count,
                })
            })
            .collect()
    }

    /// All entries under the metadata directory (recursively, as GeoMesa lists it): compacted
    /// files first, then update files, each group in path order.
    fn read_change_log(&self, dir: &Path) -> Result<Vec<PartitionEntry>> {
        let mut compacted = Vec::new();
        let mut updates = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(dir) = pending.pop() {
            let listing = self.fs.list(&dir).map_err(|source| Error::Io {
                path: dir.clone(),
                source,
            })?;
            for (path, is_dir) in listing {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if is_dir {
                    pending.push(path);
                } else if name == "compacted.conf" || name == "compacted.json" {
                    compacted.push(path);
                } else if name.starts_with(NAMED_UPDATE_PREFIX)
                    || (name.starts_with(UPDATE_PREFIX) && name.ends_with(".json"))
                {
                    updates.push(path);
                }
            }
        }
        compacted.sort();
        updates.sort();

        let mut entries = Vec::new();
        for path in compacted {
            let value = self.read_conf(&path)?;
            let parsed =
                changelog::parse_compacted(&value).map_err(|e| Error::metadata(&path, e))?;
            entries.extend(parsed);
        }
        for path in updates {
            let value = self.read_conf(&path)?;
            let entry = changelog::parse_entry(&value).map_err(|e| Error::metadata(&path, e))?;
            check_update_file_name(&path, &entry.partition)?;
            entries.push(entry);
        }
        Ok(entries)
    }

    fn read_conf(&self, path: &Path) -> Result<serde_json::Value> {
        let bytes = self.fs.read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        metadata::parse_conf(path, &bytes)
    }
}

fn is_storage(fs: &impl StoreFs, dir: &Path) -> bool {
    fs.is_file(&dir.join(BACKEND_FILE)) || fs.is_file(&dir.join(METADATA_DIR).join(STORAGE_FILE))
}

fn load_storage(fs: &impl StoreFs, dir: &Path) -> Result<FeatureType> {
    let read = |path: PathBuf| {
        fs.read(&path)
            .map(|bytes| (bytes, path.clone()))
            .map_err(|source| Error::Io { path, source })
    };
    let backend_path = dir.join(BACKEND_FILE);
    let backend = if fs.is_file(&backend_path) {
        let (bytes, path) = read(backend_path)?;
        metadata::parse_backend(&path, &bytes)?
    } else {
        // A storage.json without metadata.json: GeoMesa reads it as the `file` backend.
        Backend {
            name: "file".into(),
            options: BTreeMap::new(),
        }
    };
    let refuse = |reason: String| Error::Refused {
        storage: dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        path: dir.to_path_buf(),
        reason,
    };
    if !backend.name.eq_ignore_ascii_case("file") {
        return Err(refuse(format!(
            "its metadata is kept by the `{}` backend, and Strabo reads only GeoMesa's \
             file-based metadata (`metadata.json` naming `file`); export it with GeoMesa's \
             `manage-metadata` or read it through GeoMesa",
            backend.name
        )));
    }
    let (bytes, path) = read(dir.join(METADATA_DIR).join(STORAGE_FILE))?;
    let storage = metadata::parse_storage(&path, &bytes)?;
    if !storage.encoding.eq_ignore_ascii_case("parquet") {
        return Err(refuse(format!(
            "its files are encoded as `{}`, and Strabo reads GeoMesa's Parquet storages only",
            storage.encoding
        )));
    }
    Ok(FeatureType {
        name: storage.type_name,
        root: dir.to_path_buf(),
        spec: storage.spec,
        scheme: storage.scheme,
        encoding: storage.encoding,
        leaf_storage: storage.leaf_storage,
        config: storage.config,
        backend,
    })
}

/// The directory holding a partition's files: the partition path itself, or with leaf storage
/// its parent (the files then carry the last part as a name prefix).
fn partition_base_dir(feature_type: &FeatureType, partition: &str) -> Result<PathBuf> {
    let relative = Path::new(partition);
    let safe = !partition.is_empty()
        && !partition.contains('\\')
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !safe {
        return Err(Error::metadata(
            feature_type.root.join(METADATA_DIR),
            format!("partition name `{partition}` is not a relative path inside the store"),
        ));
    }
    let path = feature_type.root.join(relative);
    Ok(if feature_type.leaf_storage {
        path.parent()
            .map_or_else(|| feature_type.root.clone(), Path::to_path_buf)
    } else {
        path
    })
}

/// A data file name must be a plain name, so that metadata cannot point outside the store.
fn check_file_name(name: &str) -> std::result::Result<(), String> {
    if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\']) {
        Err(format!("data file name `{name}` is not a plain file name"))
    } else {
        Ok(())
    }
}

/// An `update-$<partition>-<uuid>.<ext>` file must hold an entry for the partition it names.
fn check_update_file_name(path: &Path, partition: &str) -> Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let Some(rest) = name.strip_prefix(NAMED_UPDATE_PREFIX) else {
        return Ok(()); // an older `update-<uuid>.json`: the partition is only inside
    };
    let encoded = rest
        .len()
        .checked_sub(NAMED_UPDATE_SUFFIX_LEN)
        .and_then(|end| rest.get(..end));
    match encoded.and_then(changelog::decode_partition_name) {
        Some(named) if named == partition => Ok(()),
        Some(named) => Err(Error::metadata(
            path,
            format!("file name names partition `{named}` but the entry is for `{partition}`"),
        )),
        None => Err(Error::metadata(
            path,
            "update file name is not `update-$<hex-escaped partition>-<uuid>.<conf|json>`",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature_type(leaf_storage: bool) -> FeatureType {
        FeatureType {
            name: "t".into(),
            root: PathBuf::from("/store/t"),
            spec: FeatureTypeSpec::default(),
            scheme: PartitionScheme {
                name: "daily".into(),
                options: BTreeMap::new(),
            },
            encoding: "parquet".into(),
            leaf_storage,
            config: BTreeMap::new(),
            backend: Backend {
                name: "file".into(),
                options: BTreeMap::new(),
            },
        }
    }

    #[test]
    fn memory_fs_lists_files_and_directories() {
        let fs = MemoryFs::new([
            (PathBuf::from("/s/t/metadata.json"), b"{}".to_vec()),
            (PathBuf::from("/s/t/metadata/storage.json"), b"{}".to_vec()),
            (
                PathBuf::from("/s/t/metadata/2015/update.json"),
                b"{}".to_vec(),
            ),
        ]);
        assert_eq!(
            fs.list(Path::new("/s/t")).unwrap(),
            [
                (PathBuf::from("/s/t/metadata"), true),
                (PathBuf::from("/s/t/metadata.json"), false)
            ]
        );
        assert!(fs.is_file(Path::new("/s/t/metadata/storage.json")));
        assert!(!fs.is_file(Path::new("/s/t/metadata")));
        assert_eq!(fs.read(Path::new("/s/t/metadata.json")).unwrap(), b"{}");
        assert!(fs.list(Path::new("/s/x")).is_err());
        assert!(fs.read(Path::new("/s/x")).is_err());
    }

    #[test]
    fn leaf_storage_puts_files_beside_the_last_part() {
        assert_eq!(
            partition_base_dir(&feature_type(true), "2015/06/02").unwrap(),
            PathBuf::from("/store/t/2015/06")
        );
        assert_eq!(
            partition_base_dir(&feature_type(true), "0042").unwrap(),
            PathBuf::from("/store/t")
        );
        assert_eq!(
            partition_base_dir(&feature_type(false), "2015/06/02").unwrap(),
            PathBuf::from("/store/t/2015/06/02")
        );
    }

    #[test]
    fn partition_names_cannot_escape_the_store() {
        for bad in ["", "../x", "2015/../../x", "/etc", "a\\b", "./a"] {
            let error = partition_base_dir(&feature_type(false), bad).unwrap_err();
            assert!(
                error
                    .to_string()
                    .contains("is not a relative path inside the store"),
                "{bad}"
            );
        }
    }

    #[test]
    fn data_file_names_must_be_plain() {
        assert!(check_file_name("02_Wb43f.parquet").is_ok());
        for bad in ["", ".", "..", "../x.parquet", "a/b", "a\\b"] {
            assert!(check_file_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn update_file_names_must_match_their_entry() {
        let uuid = "0b5d6ef2-4a1f-4c3e-9d1e-123456789abc";
        let path = PathBuf::from(format!("m/update-$2015_2f06_2f02-{uuid}.conf"));
        assert!(check_update_file_name(&path, "2015/06/02").is_ok());
        let error = check_update_file_name(&path, "2015/06/03").unwrap_err();
        assert!(error
            .to_string()
            .ends_with("file name names partition `2015/06/02` but the entry is for `2015/06/03`"));
        let short = PathBuf::from("m/update-$x.conf");
        assert!(check_update_file_name(&short, "x").is_err());
        assert!(check_update_file_name(Path::new("m/update-abc.json"), "any").is_ok());
    }
}
