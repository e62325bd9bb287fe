//! Coordinate reference systems for `st_transform`, in pure Rust: no PROJ library, no grid
//! files, no network.
//!
//! - [`srid_of`] turns a CRS argument (`'EPSG:3857'`, `'3857'`, an OGC URN or URL, `'CRS:84'`)
//!   into the SRID the result geometry carries.
//! - [`Crs`] is one CRS, its definition parsed; [`Transform`] goes from one CRS to another and
//!   is built once per (source, target) pair; [`TransformCache`] builds them on demand when the
//!   CRS comes from a column.
//! - [`Transform::transform_geometry`] maps a 2D `geo::Geometry`;
//!   [`Transform::transform_keeping_zm`] maps any `geo-traits` geometry (WKB read in place)
//!   with its Z and M kept, into a `wkt::Wkt` that `strabo_geom::write_wkb` writes.
//!
//! # Definitions and engine
//!
//! Each EPSG code maps to its PROJ.4 string in the `crs-definitions` table (about 6,200 codes,
//! from EPSG through GDAL), run by `proj4rs`, a Rust port of PROJ.4/proj4js whose projections
//! are transcribed from PROJ. `proj4rs` was chosen over `geodesy` (Rust Geodesy), measured
//! against pyproj 3.7.2 / PROJ 9.5.1 on one core (see `tests/make_fixtures.py` for the
//! accuracy fixture):
//!
//! | | proj4rs 0.3 | geodesy 0.15 |
//! |---|---|---|
//! | EPSG codes | ~5,900 through crs-definitions | none built in: each CRS a hand-written pipeline |
//! | datum shifts | `+towgs84` / `+datum` of the definition | hand-written `cart | helmert | cart` |
//! | projections missing for the coverage list | none | Albers (5070), polar stereographic, oblique stereographic (28992) |
//! | error vs pyproj, UTM 31N | 1.1e-9 m | 1.2e-4 m |
//! | error vs pyproj, 2154 / 3035 / 2056 | 4e-9 / 7e-9 / 1e-8 m | 2e-9 / 9e-9 / 1e-8 m |
//! | points/s, 4326 → 3857, one at a time | 6.6 M | 17 M |
//! | points/s, 4326 → 32631, one at a time | 4.9 M | 3.2 M |
//! | points/s, 4326 → 2154 / 3035, one at a time | 13 M / 19 M | 2.7 M / 3.3 M |
//! | points/s, 4326 → 27700 (with Helmert), one at a time | 2.4 M | 1.2 M |
//!
//! # Semantics
//!
//! - Axis order: x = longitude/easting, y = latitude/northing for every CRS, as PostGIS and
//!   Sedona treat EPSG:4326 (pyproj's `always_xy=True`). Geographic coordinates are degrees.
//! - Datum shift: the Helmert (`+towgs84`, or the `+datum`'s) of the definitions, through WGS 84,
//!   the PROJ.4 way. PROJ 9 (and so PostGIS) picks an EPSG operation instead, from a grid file
//!   where one is installed (OSTN15 for 27700, for instance), else a Helmert that may differ
//!   from the definition's. Measured against pyproj without grids (`tests/data/crs.tsv` lists
//!   each CRS's figure): within 1e-8 m for all the projected CRSs tested except 27700 (3.8 mm:
//!   PROJ 9 uses EPSG's rounded OSGB36 parameters) and 28992 (6.4 mm: EPSG's "Amersfoort to WGS
//!   84 (4)" rather than the definition's "(3)"). Over the whole table, 4,496 codes agree with
//!   pyproj's default within 1 mm in their area of use; the others carry another Helmert or none
//!   (old datums: up to hundreds of metres, as GeoTools' lenient mode in Sedona), and about 20
//!   have definitions that disagree with EPSG by kilometres (Krovak 2065/5513 southing/westing
//!   axes, deprecated codes).
//! - Same SRID on both sides: the geometry is returned unchanged, as PostGIS does.
//! - NaN coordinates stay NaN; infinite ones, points outside a projection's domain and results
//!   that are not finite are errors (see [`Transform::transform_coord`]).
//! - 2D: x/y are transformed at height 0 and Z and M are kept unchanged. PROJ keeps Z too
//!   between 2D CRSs, but feeds it to the datum shift as the height: 2 mm apart at 100 m in
//!   27700 (pyproj), a few mm per 100 m where there is a Helmert, nothing where there is none.
//!
//! # Left out
//!
//! 5,746 EPSG codes are supported (plus the 900913 alias). Refused with a
//! [`GeomError::Unsupported`] that says why: codes whose definition needs a grid file (205 NAD27
//! codes, 34 NZGD49 ones), geocentric CRSs (196), Laborde (8441). Also out: identifiers other
//! than EPSG codes (ESRI codes, WKT or PROJ strings as arguments), vertical CRSs, epochs and
//! time-dependent transformations.
mod crs;
mod id;
mod transform;
mod zm;

use strabo_geom::GeomError;

pub use crs::{definition, Crs};
pub use transform::{Transform, TransformCache};

/// The SRID a CRS argument names, checked to be one this crate transforms: `'EPSG:3857'` (any
/// case), a bare integer, `'urn:ogc:def:crs:EPSG::3857'`, `'http://www.opengis.net/def/crs/EPSG/0/3857'`,
/// `'CRS:84'` / `'OGC:CRS84'` (4326, longitude first). 900913 gives 3857.
///
/// Errors: any other text is a [`GeomError::InvalidParameter`] naming it and the accepted forms;
/// unknown and unsupported codes as in [`Crs::from_srid`].
pub fn srid_of(text: &str) -> Result<i32, GeomError> {
    Crs::parse(text).map(|crs| crs.srid())
}
