use strabo_geom::envelope::expand;
use strabo_geom::Geo;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_expand",
    aliases: &[],
    category: Category::Processing,
    signatures: &[
        Signature::new(
            &[
                GEOM,
                Param::new(
                    "d",
                    SqlType::Double,
                    "How far to grow the box on every side, in the units of the coordinates.",
                ),
            ],
            SqlType::Geometry,
            Implementation::Scalar(bind_uniform),
        ),
        Signature::new(
            &[
                GEOM,
                Param::new(
                    "dx",
                    SqlType::Double,
                    "How far to grow the box to the left and to the right.",
                ),
                Param::new(
                    "dy",
                    SqlType::Double,
                    "How far to grow the box below and above.",
                ),
            ],
            SqlType::Geometry,
            Implementation::Scalar(bind_per_axis),
        ),
    ],
    nulls: Nulls::Strict(None),
    summary: "The bounding box of the geometry grown by a distance on each side, as a polygon.",
    details: "PostGIS's `ST_Expand(geom, d)` and `ST_Expand(geom, dx, dy)`, and Sedona's: the \
              result is always a polygon (xmin ymin, xmin ymax, xmax ymax, xmax ymin, xmin \
              ymin), even with no area (a point grown by 0 is a polygon of five equal \
              vertices, unlike `st_envelope`). Negative distances shrink the box, and past its \
              middle the box turns inside out, as in PostGIS. The box is 2D: PostGIS's `dz` and \
              `dm` are not offered. An empty geometry is returned as it is, as in PostGIS. NaN \
              or infinite distances raise `IllegalArgumentException` (PostGIS returns a polygon \
              of NaNs); so do NaN or infinite coordinates.",
    examples: &[
        Example {
            sql: "st_expand(st_point(1, 2), 1.0)",
            result: "POLYGON((0 1,0 3,2 3,2 1,0 1))",
        },
        Example {
            sql: "st_expand(st_geomFromWKT('LINESTRING(0 0,4 2)'), 1.0, 2.0)",
            result: "POLYGON((-1 -2,-1 4,5 4,5 -2,-1 -2))",
        },
        Example {
            sql: "st_expand(st_geomFromWKT('LINESTRING(0 0,4 2)'), -1.0, -1.5)",
            result: "POLYGON((1 1.5,1 0.5,3 0.5,3 1.5,1 1.5))",
        },
        Example {
            sql: "st_expand(st_geomFromWKT('LINESTRING EMPTY'), 1.0)",
            result: "LINESTRING EMPTY",
        },
    ],
};

fn bind_uniform(args: &BindArgs) -> Bound {
    map::<(Geometry, Double), GeomBuf, _>(args, |(g, d), out| write(g, *d, *d, out))
}

fn bind_per_axis(args: &BindArgs) -> Bound {
    map::<(Geometry, Double, Double), GeomBuf, _>(args, |(g, dx, dy), out| write(g, *dx, *dy, out))
}

fn write(geometry: &Geo, dx: f64, dy: f64, out: &mut GeomBuf) -> Result<(), KernelError> {
    // A uniform `d` is both distances, so argument 2 is blamed only when it exists.
    let blamed = if !dx.is_finite() {
        1
    } else if !dy.is_finite() {
        2
    } else {
        0
    };
    match expand(geometry, dx, dy).map_err(KernelError::at(blamed))? {
        Some(grown) => out.push_geometry(&grown),
        None => out.push(geometry),
    }
    Ok(())
}
