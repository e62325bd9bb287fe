//! Transformations between two CRSs, built once and applied to every row.
use std::collections::HashMap;

use geo::{Coord, Geometry, GeometryCollection, MapCoords};
use strabo_geom::GeomError;

use crate::id::parse_code;
use crate::Crs;

/// The transformation from one CRS to another: `st_transform(geom, to)` with the geometry's
/// SRID as source, or `st_transform(geom, from, to)`. Build it once per (source, target) pair
/// and reuse it for every row; it holds both parsed definitions and is `Send + Sync`.
///
/// Coordinates are x = longitude/easting, y = latitude/northing whatever the EPSG axis order
/// (as PostGIS and Sedona treat EPSG:4326). The datum shift is the one the definitions carry
/// (their `+towgs84` Helmert, through WGS 84), as PROJ.4 did; see the crate docs for where that
/// differs from PROJ 9 and PostGIS.
#[derive(Clone, Debug)]
pub struct Transform {
    source: Crs,
    target: Crs,
}

impl Transform {
    /// The transformation from `source` to `target` (the identity if they are the same CRS).
    pub fn new(source: Crs, target: Crs) -> Transform {
        Transform { source, target }
    }

    /// The transformation between two SRIDs, with [`Crs::from_srid`]'s errors.
    pub fn between(source_srid: i32, target_srid: i32) -> Result<Transform, GeomError> {
        Ok(Transform::new(
            Crs::from_srid(source_srid)?,
            Crs::from_srid(target_srid)?,
        ))
    }

    pub fn source(&self) -> &Crs {
        &self.source
    }

    /// The CRS results are in: its [`Crs::srid`] is the result geometry's SRID.
    pub fn target(&self) -> &Crs {
        &self.target
    }

    /// Whether source and target are the same CRS, so that coordinates are returned unchanged
    /// (PostGIS returns the input when the SRIDs are equal, without checking it).
    pub fn is_identity(&self) -> bool {
        self.source == self.target
    }

    /// One coordinate, x/y only. A caller that keeps Z and M passes them through unchanged, as
    /// PROJ does between 2D CRSs (PROJ also uses Z as the height in a datum shift: a few
    /// millimetres per 100 m of height, which this 2D transformation, at height 0, leaves out).
    ///
    /// - Same CRS: returned unchanged, whatever it holds.
    /// - A NaN ordinate: `(NaN NaN)`, as PROJ gives through a projection (where there is a
    ///   datum shift PROJ reports an error instead). A WKB `POINT(NaN NaN)` is `POINT EMPTY`,
    ///   which has no shape to transform: the caller keeps it as it is.
    /// - Latitude ±90° in a Mercator projection: the huge but finite y PROJ gives (about
    ///   ±2.4e8 m in Web Mercator), as PostGIS and GeoPandas have it.
    /// - An infinite ordinate, a point outside the source or target projection's domain (the
    ///   far hemisphere of a polar stereographic projection, |latitude| > 90°), or a result that
    ///   is not finite: a [`GeomError::InvalidParameter`] naming the point and both CRSs.
    ///   PostGIS errors too where PROJ fails; PROJ fails for fewer points.
    /// - Longitudes outside ±180° are taken modulo 360° by projections, as PROJ does.
    pub fn transform_coord(&self, coord: Coord<f64>) -> Result<Coord<f64>, GeomError> {
        if self.is_identity() {
            return Ok(coord);
        }
        if coord.x.is_nan() || coord.y.is_nan() {
            return Ok(Coord {
                x: f64::NAN,
                y: f64::NAN,
            });
        }
        if !coord.x.is_finite() || !coord.y.is_finite() {
            return Err(self.failure(coord, "coordinates must be finite numbers"));
        }
        let mut point = if self.source.is_geographic() {
            (coord.x.to_radians(), coord.y.to_radians(), 0.0)
        } else {
            (coord.x, coord.y, 0.0)
        };
        if let Err(error) =
            proj4rs::transform::transform(self.source.proj(), self.target.proj(), &mut point)
        {
            point = self.mercator_near_pole(coord).ok_or_else(|| {
                self.failure(
                    coord,
                    &format!("the point is outside the projection's domain ({error})"),
                )
            })?;
        }
        let result = if self.target.is_geographic() {
            Coord {
                x: point.0.to_degrees(),
                y: point.1.to_degrees(),
            }
        } else {
            Coord {
                x: point.0,
                y: point.1,
            }
        };
        if result.x.is_finite() && result.y.is_finite() {
            Ok(result)
        } else {
            Err(self.failure(coord, "the point is outside the projection's domain"))
        }
    }

    /// Every vertex of a geometry, its structure kept; fails on the first coordinate
    /// [`transform_coord`](Self::transform_coord) refuses. EMPTY parts stay empty. Edges are
    /// not densified: a straight edge stays straight between its transformed ends, as in
    /// PostGIS. A `Rect` (which cannot stay axis-aligned) becomes the `Polygon` of its
    /// corners, in `geo`'s `Rect::to_polygon` order.
    pub fn transform_geometry(&self, geometry: &Geometry<f64>) -> Result<Geometry<f64>, GeomError> {
        if self.is_identity() {
            return Ok(geometry.clone());
        }
        let transform = |coord| self.transform_coord(coord);
        match geometry {
            Geometry::Rect(rect) => rect
                .to_polygon()
                .try_map_coords(transform)
                .map(Geometry::Polygon),
            Geometry::GeometryCollection(collection) => collection
                .iter()
                .map(|member| self.transform_geometry(member))
                .collect::<Result<Vec<_>, _>>()
                .map(|members| Geometry::GeometryCollection(GeometryCollection(members))),
            other => other.try_map_coords(transform),
        }
    }

    /// Where proj4rs refuses a latitude within 1e-10 radians of a pole in a Mercator projection,
    /// the point PROJ (and so PostGIS and GeoPandas) gives: Mercator's formula, in which
    /// tan(±π/2) is finite in floating point (±1.6e16), so that a pole lands about ±2.4e8 m out
    /// rather than at infinity and Natural Earth's Antarctica can be drawn in Web Mercator. x is
    /// the projection's x at the equator, which Mercator's x does not depend on. `None` for
    /// any other refusal.
    fn mercator_near_pole(&self, coord: Coord<f64>) -> Option<(f64, f64, f64)> {
        let target = self.target.proj();
        let spherical = match target.projname() {
            "merc" => false,
            "webmerc" => true,
            _ => return None,
        };
        if !self.source.is_geographic() || (coord.y.abs() - 90.0).abs() > 1e-8 {
            return None;
        }
        let mut equator = (coord.x.to_radians(), 0.0, 0.0);
        proj4rs::transform::transform(self.source.proj(), target, &mut equator).ok()?;
        let (a, b) = target.ellipse_parameters();
        let e = if spherical {
            0.0
        } else {
            (1.0 - (b / a).powi(2)).sqrt()
        };
        let phi = coord.y.to_radians();
        let y = a * target.scaling_factor() * (phi.tan().asinh() - e * (e * phi.sin()).atanh());
        Some((
            equator.0,
            (target.false_northing() + y) / target.to_meter(),
            0.0,
        ))
    }

    fn failure(&self, coord: Coord<f64>, reason: &str) -> GeomError {
        GeomError::InvalidParameter(format!(
            "cannot transform POINT({} {}) from {} to {}: {reason}",
            coord.x, coord.y, self.source, self.target
        ))
    }
}

/// Transformations by (source SRID, target SRID), for a CRS that comes from a column (one CRS
/// text per row): each pair is built once. Also remembers which SRID each CRS text names. Both
/// maps are cleared when they reach [`TransformCache::CAPACITY`] entries, which bounds memory
/// whatever the data holds. One cache per task (it is not shared between threads).
#[derive(Debug, Default)]
pub struct TransformCache {
    transforms: HashMap<(i32, i32), Transform>,
    srids: HashMap<String, i32>,
}

impl TransformCache {
    /// Entries each map keeps before it is cleared.
    pub const CAPACITY: usize = 256;

    pub fn new() -> TransformCache {
        TransformCache::default()
    }

    /// The transformation between two SRIDs, built on first use ([`Transform::between`]'s
    /// errors, which are not cached).
    pub fn get(&mut self, source_srid: i32, target_srid: i32) -> Result<&Transform, GeomError> {
        let key = (source_srid, target_srid);
        if !self.transforms.contains_key(&key) {
            let transform = Transform::between(source_srid, target_srid)?;
            if self.transforms.len() >= Self::CAPACITY {
                self.transforms.clear();
            }
            self.transforms.insert(key, transform);
        }
        Ok(&self.transforms[&key])
    }

    /// [`srid_of`](crate::srid_of), remembered per text.
    pub fn srid_of(&mut self, text: &str) -> Result<i32, GeomError> {
        if let Some(&srid) = self.srids.get(text) {
            return Ok(srid);
        }
        let srid = Crs::from_srid(parse_code(text)?)?.srid();
        if self.srids.len() >= Self::CAPACITY {
            self.srids.clear();
        }
        self.srids.insert(text.to_owned(), srid);
        Ok(srid)
    }
}
