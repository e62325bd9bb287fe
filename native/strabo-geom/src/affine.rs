//! Affine maps of a geometry's coordinates, as PostGIS's `ST_Affine` family computes them:
//! the geometry keeps its type, its parts (empty ones included) and its Z and M. Every function
//! here maps each coordinate on its own, through the one writer [`map_coords`].
//!
//! Coordinates are mapped as they are: NaN and infinite ordinates go through the arithmetic
//! (so a rotation of `POINT(1 inf)` has NaN ordinates), as in PostGIS.
use geo::Coord;

use crate::coords::{write_edited, CoordEdit, Dims, Role, Xyzm};
use crate::{Geo, GeomError};

/// PostGIS's twelve affine coefficients, in `ST_Affine`'s argument order:
///
/// ```text
/// x' = a x + b y + c z + xoff
/// y' = d x + e y + f z + yoff
/// z' = g x + h y + i z + zoff
/// ```
///
/// A geometry without Z is mapped as PostGIS maps it, `x' = a x + b y + xoff` and
/// `y' = d x + e y + yoff` (`c`, `f` and the third row are not used). M is never changed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Affine {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
    pub g: f64,
    pub h: f64,
    pub i: f64,
    pub xoff: f64,
    pub yoff: f64,
    pub zoff: f64,
}

impl Affine {
    /// `ST_Affine(g, a, b, d, e, xoff, yoff)`: a map of the plane that leaves Z as it is.
    pub fn planar(a: f64, b: f64, d: f64, e: f64, xoff: f64, yoff: f64) -> Affine {
        Affine {
            a,
            b,
            c: 0.0,
            d,
            e,
            f: 0.0,
            g: 0.0,
            h: 0.0,
            i: 1.0,
            xoff,
            yoff,
            zoff: 0.0,
        }
    }

    /// `ST_Translate(g, dx, dy, dz)`, which PostGIS computes as this affine map.
    pub fn translation(dx: f64, dy: f64, dz: f64) -> Affine {
        Affine {
            zoff: dz,
            ..Affine::planar(1.0, 0.0, 0.0, 1.0, dx, dy)
        }
    }

    /// `ST_Rotate(g, angle, x0, y0)`: counter-clockwise by `angle` radians about `origin`, with
    /// PostGIS's coefficients (so a quarter turn leaves ~6e-17 where shapely, which rounds
    /// its sine and cosine, leaves 0).
    pub fn rotation(angle: f64, origin: Coord<f64>) -> Affine {
        let (sin, cos) = (angle.sin(), angle.cos());
        let Coord { x: x0, y: y0 } = origin;
        Affine::planar(
            cos,
            -sin,
            sin,
            cos,
            x0 - cos * x0 + sin * y0,
            y0 - sin * x0 - cos * y0,
        )
    }

    fn apply(&self, c: &mut Xyzm, dims: Dims) {
        let Xyzm { x, y, z, .. } = *c;
        if dims.z {
            c.x = self.a * x + self.b * y + self.c * z + self.xoff;
            c.y = self.d * x + self.e * y + self.f * z + self.yoff;
            c.z = self.g * x + self.h * y + self.i * z + self.zoff;
        } else {
            c.x = self.a * x + self.b * y + self.xoff;
            c.y = self.d * x + self.e * y + self.yoff;
        }
    }
}

/// Appends `geometry` mapped by `transform` as ISO WKB (`ST_Affine`).
pub fn affine(geometry: &Geo, transform: &Affine, out: &mut Vec<u8>) -> Result<(), GeomError> {
    map_coords(geometry, |c, dims| transform.apply(c, dims), out)
}

/// Appends `geometry` moved by (`dx`, `dy`, `dz`) as ISO WKB (`ST_Translate`); `dz` moves Z
/// only where the geometry has Z.
pub fn translate(
    geometry: &Geo,
    dx: f64,
    dy: f64,
    dz: f64,
    out: &mut Vec<u8>,
) -> Result<(), GeomError> {
    affine(geometry, &Affine::translation(dx, dy, dz), out)
}

/// Appends `geometry` with its X, Y and Z multiplied by `sx`, `sy` and `sz` as ISO WKB
/// (`ST_Scale`, which multiplies rather than going through the affine map, so a factor of -1
/// turns 0 into -0). M is not scaled, as PostGIS's numeric forms leave it.
pub fn scale(
    geometry: &Geo,
    sx: f64,
    sy: f64,
    sz: f64,
    out: &mut Vec<u8>,
) -> Result<(), GeomError> {
    map_coords(
        geometry,
        |c, dims| {
            c.x *= sx;
            c.y *= sy;
            if dims.z {
                c.z *= sz;
            }
        },
        out,
    )
}

/// Appends `geometry` rotated counter-clockwise by `angle` radians about `origin` as ISO WKB
/// (`ST_Rotate`; PostGIS's default origin is (0, 0), not the centre shapely uses). Z and M
/// are unchanged.
pub fn rotate(
    geometry: &Geo,
    angle: f64,
    origin: Coord<f64>,
    out: &mut Vec<u8>,
) -> Result<(), GeomError> {
    affine(geometry, &Affine::rotation(angle, origin), out)
}

/// The rotation origin given as a geometry (`ST_Rotate(g, angle, point)`): its X and Y, or
/// `None` for an empty point (PostGIS then returns NULL); any other type is refused, as
/// PostGIS refuses it.
pub fn origin_point(point: &Geo) -> Result<Option<Coord<f64>>, GeomError> {
    match crate::coords::point(point) {
        Some((coord, _)) => Ok(coord.map(|c| Coord { x: c.x, y: c.y })),
        None => Err(GeomError::InvalidParameter(
            "the rotation origin must be a point".into(),
        )),
    }
}

/// Appends `geometry` with X and Y swapped as ISO WKB (`ST_FlipCoordinates`); Z and M stay.
pub fn flip_coordinates(geometry: &Geo, out: &mut Vec<u8>) -> Result<(), GeomError> {
    map_coords(geometry, |c, _| std::mem::swap(&mut c.x, &mut c.y), out)
}

/// Appends `geometry` without its Z and M as ISO WKB (`ST_Force2D`); its type and parts stay.
pub fn force_2d(geometry: &Geo, out: &mut Vec<u8>) -> Result<(), GeomError> {
    struct Force2d;
    impl CoordEdit for Force2d {
        fn dims(&self, _: Dims) -> Dims {
            Dims::XY
        }
        fn edit(&mut self, _: Role, _: Dims, _: &mut Vec<Xyzm>) -> Result<(), GeomError> {
            Ok(())
        }
    }
    write_edited(geometry, &mut Force2d, out)
}

/// Writes `geometry` with `map` applied to each of its coordinates (given the geometry's
/// dimensions): the writer of every function of this module.
fn map_coords(
    geometry: &Geo,
    map: impl Fn(&mut Xyzm, Dims),
    out: &mut Vec<u8>,
) -> Result<(), GeomError> {
    struct EachCoord<F>(F);
    impl<F: Fn(&mut Xyzm, Dims)> CoordEdit for EachCoord<F> {
        fn edit(&mut self, _: Role, dims: Dims, coords: &mut Vec<Xyzm>) -> Result<(), GeomError> {
            coords.iter_mut().for_each(|c| (self.0)(c, dims));
            Ok(())
        }
    }
    write_edited(geometry, &mut EachCoord(map), out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    /// Runs `f` on the WKT `input` and checks its WKB, bit for bit, against the WKT `expected`.
    fn check(input: &str, expected: &str, f: impl Fn(&Geo, &mut Vec<u8>) -> Result<(), GeomError>) {
        let bytes = wkb(input);
        let mut out = Vec::new();
        f(&geo(&bytes), &mut out).unwrap();
        assert_eq!(
            out,
            wkb(expected),
            "{input}: got {}",
            crate::wkt_codec::to_string(&geo(&out))
        );
    }

    #[test]
    fn translates_as_postgis() {
        // PostGIS 3.3.2: ST_AsBinary(ST_Translate(input, dx, dy, dz)), dz = 0 for the 2-offset form.
        for (input, (dx, dy, dz), expected) in [
            ("POINT ZM(1 2 3 4)", (2., 3., 0.), "POINT ZM(3 5 3 4)"),
            ("POINT ZM(1 2 3 4)", (2., 3., 5.), "POINT ZM(3 5 8 4)"),
            ("LINESTRING M(0 0 1,1 1 2)", (0.1, 0.2, 5.), "LINESTRING M(0.1 0.2 1,1.1 1.2 2)"),
            (
                "POLYGON Z((0 0 1,4 0 2,4 4 3,0 0 1),(1 1 5,2 1 5,2 2 5,1 1 5))",
                (-1.5, 2.25, 0.5),
                "POLYGON Z((-1.5 2.25 1.5,2.5 2.25 2.5,2.5 6.25 3.5,-1.5 2.25 1.5),(-0.5 3.25 5.5,0.5 3.25 5.5,0.5 4.25 5.5,-0.5 3.25 5.5))",
            ),
            (
                "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,0.1 0.7))",
                (0.1, 0.2, 0.),
                "GEOMETRYCOLLECTION(POINT(1.1 1.2),LINESTRING(0.1 0.2,0.2 0.8999999999999999))",
            ),
            ("POINT EMPTY", (1., 1., 0.), "POINT EMPTY"),
        ] {
            check(input, expected, |g, out| translate(g, dx, dy, dz, out));
        }
    }

    #[test]
    fn scales_as_postgis() {
        // PostGIS 3.3.2: ST_AsBinary(ST_Scale(input, sx, sy, sz)), sz = 1 for the 2-factor form.
        for (input, (sx, sy, sz), expected) in [
            ("POINT ZM(1 2 3 4)", (2., 3., 1.), "POINT ZM(2 6 3 4)"),
            ("POINT ZM(1 2 3 4)", (2., 3., 5.), "POINT ZM(2 6 15 4)"),
            (
                "LINESTRING(0 0.1,1 0.3)",
                (-1., 0.1, 1.),
                "LINESTRING(-0 0.010000000000000002,-1 0.03)",
            ),
            (
                "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))",
                (0.5, 3., 1.),
                "MULTIPOLYGON(((0 0,0.5 0,0.5 3,0 0)),((1 6,1.5 6,1.5 9,1 6)))",
            ),
        ] {
            check(input, expected, |g, out| scale(g, sx, sy, sz, out));
        }
    }

    #[test]
    fn rotates_counter_clockwise_as_postgis() {
        let quarter = std::f64::consts::FRAC_PI_2;
        let origin = |x, y| Coord { x, y };
        // PostGIS 3.3.2: ST_AsBinary(ST_Rotate(input, angle, x0, y0)), (0, 0) for the 2-argument
        // form.
        for (input, angle, center, expected) in [
            (
                "LINESTRING Z(1 0 5,2 0 6)",
                quarter,
                origin(0., 0.),
                "LINESTRING Z(6.123233995736766e-17 1 5,1.2246467991473532e-16 2 6)",
            ),
            (
                "LINESTRING(1 0,2 0)",
                quarter,
                origin(1., 1.),
                "LINESTRING(2 0.9999999999999999,2 2)",
            ),
            (
                "POLYGON M((0 0 1,4 0 2,4 4 3,0 0 1))",
                0.3,
                origin(1.5, -2.),
                "POLYGON M((-0.5240451470110882 -0.5326073317407976 1,3.2973008094913356 0.6494734949045606 2,2.1152199828459772 4.470819451406985 3,-0.5240451470110882 -0.5326073317407976 1))",
            ),
            (
                "POINT(1 2)",
                -1.,
                origin(0., 0.),
                "POINT(2.2232442754839328 0.23913362692838303)",
            ),
        ] {
            check(input, expected, |g, out| rotate(g, angle, center, out));
        }
    }

    #[test]
    fn the_rotation_origin_is_a_point() {
        let point = wkb("POINT Z(1 2 3)");
        assert_eq!(origin_point(&geo(&point)), Ok(Some(Coord { x: 1., y: 2. })));
        let empty = wkb("POINT EMPTY");
        assert_eq!(origin_point(&geo(&empty)), Ok(None));
        let line = wkb("LINESTRING(0 0,1 1)");
        assert!(matches!(
            origin_point(&geo(&line)),
            Err(GeomError::InvalidParameter(_))
        ));
    }

    #[test]
    fn affine_maps_as_postgis() {
        // PostGIS 3.3.2: ST_AsBinary(ST_Affine(input, a, b, c, d, e, f, g, h, i, xoff, yoff, zoff)).
        let full = Affine {
            a: 1.,
            b: 2.,
            c: 3.,
            d: 4.,
            e: 5.,
            f: 6.,
            g: 7.,
            h: 8.,
            i: 9.,
            xoff: 10.,
            yoff: 11.,
            zoff: 12.,
        };
        let tenths = Affine {
            a: 0.1,
            b: 0.2,
            c: 0.3,
            d: 0.4,
            e: 0.5,
            f: 0.6,
            g: 0.7,
            h: 0.8,
            i: 0.9,
            xoff: 1.1,
            yoff: 1.2,
            zoff: 1.3,
        };
        for (input, transform, expected) in [
            ("POINT ZM(1 2 3 4)", full, "POINT ZM(24 43 62 4)"),
            ("LINESTRING(1 2,0.1 0.2)", full, "LINESTRING(15 25,10.5 12.4)"),
            (
                "GEOMETRYCOLLECTION Z(POINT Z(1 2 3),POLYGON Z((0 0 0,1 0 0,1 1 1,0 0 0)))",
                tenths,
                "GEOMETRYCOLLECTION Z(POINT Z(2.5 4.3999999999999995 6.3),POLYGON Z((1.1 1.2 1.3,1.2000000000000002 1.6 2,1.7000000000000002 2.7 3.7,1.1 1.2 1.3)))",
            ),
            // PostGIS 3.3.2: ST_Affine(input, a, b, d, e, xoff, yoff), the 6-coefficient form.
            (
                "POINT Z(1 2 3)",
                Affine::planar(1., 2., 4., 5., 10., 11.),
                "POINT Z(15 25 3)",
            ),
            (
                "MULTILINESTRING M((1 2 3,0.5 0.25 4))",
                Affine::planar(0.1, 0.2, 0.3, 0.4, 0.5, 0.6),
                "MULTILINESTRING M((1 1.7000000000000002 3,0.6 0.85 4))",
            ),
        ] {
            check(input, expected, |g, out| affine(g, &transform, out));
        }
    }

    #[test]
    fn flips_and_drops_dimensions_as_postgis() {
        // PostGIS 3.3.2: ST_AsBinary(ST_FlipCoordinates(input)).
        for (input, expected) in [
            ("POINT ZM(1 2 3 4)", "POINT ZM(2 1 3 4)"),
            (
                "POLYGON((0 0,4 0,4 3,0 0),(1 1,2 1,2 2,1 1))",
                "POLYGON((0 0,0 4,3 4,0 0),(1 1,1 2,2 2,1 1))",
            ),
        ] {
            check(input, expected, flip_coordinates);
        }
        // PostGIS 3.3.2: ST_AsBinary(ST_Force2D(input)).
        for (input, expected) in [
            (
                "POLYGON ZM((0 0 1 2,1 0 1 2,1 1 1 2,0 0 1 2))",
                "POLYGON((0 0,1 0,1 1,0 0))",
            ),
            (
                "GEOMETRYCOLLECTION M(POINT M(1 2 3),LINESTRING M EMPTY)",
                "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING EMPTY)",
            ),
            ("POINT Z EMPTY", "POINT EMPTY"),
        ] {
            check(input, expected, force_2d);
        }
    }

    #[test]
    fn empty_members_stay_empty() {
        // PostGIS 3.3.2: ST_Translate(g, 1, 1), ST_Rotate(g, pi()), ST_FlipCoordinates(g) of
        // 'MULTIPOINT(EMPTY,(1 0))'. WKT cannot spell the empty member, so it is built here.
        let members = |second: crate::coords::Xyzm| {
            let mut out = Vec::new();
            crate::coords::Shape::MultiPoint(vec![
                crate::coords::Shape::Point(None),
                crate::coords::Shape::Point(Some(second)),
            ])
            .write(Dims::XY, &mut out);
            out
        };
        let xy = |x, y| crate::coords::Xyzm {
            x,
            y,
            ..Default::default()
        };
        let input = members(xy(1., 0.));
        for (f, expected) in [
            (
                &(|g: &Geo, out: &mut Vec<u8>| translate(g, 1., 1., 0., out))
                    as &dyn Fn(&Geo, &mut Vec<u8>) -> Result<(), GeomError>,
                xy(2., 1.),
            ),
            (
                &|g: &Geo, out: &mut Vec<u8>| {
                    rotate(g, std::f64::consts::PI, Coord { x: 0., y: 0. }, out)
                },
                xy(-1., 1.2246467991473532e-16),
            ),
            (&flip_coordinates, xy(0., 1.)),
        ] {
            let mut out = Vec::new();
            f(&geo(&input), &mut out).unwrap();
            assert_eq!(out, members(expected));
        }
    }
}
