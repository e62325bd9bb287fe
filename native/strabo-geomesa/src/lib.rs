//! Reads the metadata of GeoMesa FileSystem data stores (FSDS) written by GeoMesa 2.3–5.x:
//! SimpleFeatureType spec strings ([`spec`]), each storage's `metadata.json` and
//! `metadata/storage.json` ([`metadata`]), and the partition change log replayed into the
//! current data files ([`changelog`], [`store`]). Data files themselves are not read here.
//!
//! ```no_run
//! use strabo_geomesa::FsdsStore;
//!
//! let store = FsdsStore::open(std::path::Path::new("/data/fsds"))?;
//! for feature_type in store.feature_types() {
//!     for partition in store.snapshot(&feature_type.name)? {
//!         println!("{} {} rows in {} files", partition.partition, partition.count, partition.files.len());
//!     }
//! }
//! # Ok::<(), strabo_geomesa::Error>(())
//! ```

pub mod changelog;
pub mod columns;
pub mod conf;
pub mod error;
pub mod metadata;
pub mod scheme;
pub mod spec;
pub mod store;
pub mod visibility;

pub use changelog::{Bbox, FileAction, FileBound};
pub use error::{Error, Result, SpecError};
pub use metadata::{Backend, PartitionScheme};
pub use scheme::PartitionBounds;
pub use spec::{Attribute, AttributeType, FeatureTypeSpec, GeometryType, ScalarType};
pub use store::{DataFile, FeatureType, FsdsStore, LocalFs, MemoryFs, PartitionFiles, StoreFs};
pub use visibility::Authorizations;
