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
//! Each EPSG code maps to its PROJ.4 string in the `crs-definitions` table (6,184 codes, from
//! the crs-csv project), run by `proj4rs`, a Rust port of PROJ.4/proj4js whose projections are
//! transcribed from PROJ. `proj4rs` was chosen over `geodesy` (Rust Geodesy) for its coverage;
//! raw library calls, measured against pyproj 3.7.2 / PROJ 9.5.1 on the same points, one core:
//!
//! | | proj4rs 0.3 | geodesy 0.15 |
//! |---|---|---|
//! | EPSG codes | 5,746 through crs-definitions | none built in: each CRS a hand-written pipeline |
//! | datum shifts | `+towgs84` / `+datum` of the definition | a hand-written cart, helmert, inverse cart pipeline |
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
//!   the PROJ.4 way (table below). PROJ 9, and so PostGIS, picks an EPSG operation instead: a
//!   grid where one is installed (OSTN15 for 27700, for instance), else a Helmert that may
//!   differ from the definition's.
//! - Same SRID on both sides: the geometry is returned unchanged, as PostGIS does.
//! - NaN coordinates stay NaN; infinite ones, points outside a projection's domain and results
//!   that are not finite are errors (see [`Transform::transform_coord`]).
//! - 2D: x/y are transformed at height 0 and Z and M are kept unchanged. PROJ keeps Z too
//!   between 2D CRSs, but feeds it to the datum shift as the height: 2 mm apart at 100 m in
//!   27700 (pyproj), a few mm per 100 m where there is a Helmert, nothing where there is none.
//!
//! # Accuracy
//!
//! Against pyproj 3.7.2 / PROJ 9.5.1 given the same definitions (`tests/make_fixtures.py`, the
//! `pyproj` test): every CRS below and the 120 WGS 84 UTM zones within 1e-6 m forward (the
//! fixture's rounding; 1e-8 m before rounding) and 1e-9 degrees inverse. The one exception is
//! PROJ's, not ours: PROJ before 9.7 inverts the authalic latitude of Lambert azimuthal
//! equal-area (3035) with a short series, 1.4e-8 degrees off its own forward; proj4rs has
//! PROJ 9.7's exact one. Over the whole table (25 points in each code's area of use, a
//! throw-away sweep), 5,730 of the 5,744 supported codes that have an area of use match PROJ
//! on their definition within 1 mm (1e-9 degrees); the other 14 are deprecated codes whose area
//! of use PROJ gives as unknown.
//!
//! Against pyproj's own choice for the EPSG code (no grids), the last column below. Over the
//! whole table, 3,661 projected codes agree within 1 mm, 349 within 1 m, 629 within 10 m, 168
//! within 100 m, 157 within 1 km and 20 beyond (definitions that disagree with EPSG: Krovak
//! 2065/5513 with southing/westing axes, deprecated codes); the others carry another Helmert or
//! none (old datums without `+towgs84` get no shift, as in GeoTools' lenient mode in Sedona).
//!
//! | EPSG | datum shift of the definition | PROJ 9.5's default operation (no grids) | distance from it |
//! |---|---|---|---|
//! | 3857 | none (`+nadgrids=@null`) | Popular Visualisation Pseudo-Mercator | 0 |
//! | 3395 | none (WGS 84) | World Mercator | 0 |
//! | 4258 | `+towgs84=0,0,0,0,0,0,0` | ETRS89 to WGS 84 (1) | 0 |
//! | 4269 | none (`+datum=NAD83`) | NAD83 to WGS 84 (1), others locally | 6.9e-6° (0.8 m) |
//! | 27700 | `+datum=OSGB36`: `446.448,-125.157,542.060,0.1502,0.2470,0.8421,-20.4894` | OSGB36 to WGS 84 (6), same Helmert rounded (OSTN15 if installed) | 3.9 mm |
//! | 2154 | `+towgs84=0,0,0,0,0,0,0` | RGF93 v1 to WGS 84 (1) + Lambert-93 | 0 |
//! | 3035 | `+towgs84=0,0,0,0,0,0,0` | ETRS89 to WGS 84 (1) + Europe Equal Area 2001 | 0 |
//! | 5070 | none (`+datum=NAD83`) | NAD83 to WGS 84 (1) + Conus Albers | 0 |
//! | 2056 | `+towgs84=674.374,15.056,405.346` | CH1903+ to WGS 84 (1) + Swiss Oblique Mercator 1995 | 0 |
//! | 28992 | `+towgs84=565.2369,50.0087,465.658,-0.406857,0.350733,-1.87035,4.0812` (EPSG's "(3)") | Amersfoort to WGS 84 (4) + RD New | 6.6 mm |
//! | 3067 | `+towgs84=0,0,0,0,0,0,0` | ETRS89 to WGS 84 (1) + TM35FIN | 0 |
//! | 25832, 25833 | `+towgs84=0,0,0,0,0,0,0` | ETRS89 to WGS 84 (1) + UTM zone 32N/33N | 0 |
//! | 2193 | `+towgs84=0,0,0,0,0,0,0` | NZGD2000 to WGS 84 (1) + NZTM2000 | 0 |
//! | 3413, 3031 | none (WGS 84) | NSIDC / Antarctic polar stereographic | 0 |
//! | 31370 | `+towgs84=-106.8686,52.2978,-103.7239,0.3366,-0.457,1.8422,-1.2747` | BD72 to WGS 84 (3) + Belgian Lambert 72 | 0 |
//! | 5514 | `+towgs84=589,76,480` | S-JTSK to WGS 84 (3) + Krovak East North | 15 m |
//! | 3577 | `+towgs84=0,0,0,0,0,0,0` | GDA94 to WGS 84 (1) + Australian Albers | 0 |
//! | 2180, 3006 | `+towgs84=0,0,0,0,0,0,0` | ETRF2000-PL / SWEREF99 to WGS 84 (1) + CS92 / SWEREF99 TM | 0 |
//! | 326xx, 327xx | none (WGS 84) | UTM zone | 0 |
//!
//! Throughput (one core, shared machine): 3.4 M points/s to 3857, 3.2 M to UTM, 6 to 7 M to
//! 2154 and 3035, 1.1 to 1.8 M to 27700 (a Helmert on both sides of the projection); building a
//! [`Transform`] takes 1.5 to 5 microseconds.
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
