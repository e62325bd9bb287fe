use strabo_geom::affine::{origin_point, rotate};
use strabo_geom::Coord;

use super::prelude::*;

const ANGLE: Param = Param::new(
    "angle",
    SqlType::Double,
    "The angle to turn by, in radians, counter-clockwise.",
);

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_rotate",
    aliases: &[],
    category: Category::Editing,
    signatures: &[
        Signature::new(
            &[
                GEOM,
                ANGLE,
                Param::new(
                    "origin",
                    SqlType::Geometry,
                    "The point to turn about, with the SRID of the geometry; POINT(0 0) when left out.",
                )
                .optional(),
            ],
            SqlType::Geometry,
            Implementation::Scalar(bind_about_point),
        ),
        Signature::new(
            &[
                GEOM,
                ANGLE,
                Param::new("x0", SqlType::Double, "The X of the point to turn about."),
                Param::new("y0", SqlType::Double, "The Y of the point to turn about."),
            ],
            SqlType::Geometry,
            Implementation::Scalar(bind_about_coordinates),
        ),
    ],
    nulls: Nulls::Strict(Some("the origin is an empty point")),
    summary: "The geometry turned counter-clockwise by an angle in radians about a point, (0, 0) by default.",
    details: "PostGIS's and Sedona's `ST_Rotate` in its three forms: about (0, 0), about a \
              point geometry, or about (`x0`, `y0`). The default origin is (0, 0), not the \
              centre that shapely's `rotate` turns about. Computed with PostGIS's affine \
              coefficients, so a quarter turn leaves ~6e-17 where shapely, which rounds its \
              sine and cosine, leaves 0. Z and M are unchanged; the geometry keeps its type, \
              its parts and its SRID. An origin that is not a point raises \
              `IllegalArgumentException` (as PostGIS refuses it), and so does an origin of \
              another SRID (PostGIS ignores its SRID).",
    examples: &[
        Example {
            sql: "st_rotate(st_geomFromWKT('LINESTRING(1 0,2 0)'), 1.5707963267948966, st_point(1, 1))",
            result: "LINESTRING(2 0.9999999999999999,2 2)",
        },
        Example {
            sql: "st_rotate(st_geomFromWKT('LINESTRING(1 0,2 0)'), 1.5707963267948966, 1, 1)",
            result: "LINESTRING(2 0.9999999999999999,2 2)",
        },
        Example {
            sql: "st_rotate(st_point(1, 0), 1.5707963267948966)",
            result: "POINT(0.00000000000000006123233995736766 1)",
        },
        Example {
            sql: "st_rotate(st_point(1, 0), 1.0, st_geomFromWKT('POINT EMPTY'))",
            result: "NULL",
        },
    ],
};

const ZERO: Coord<f64> = Coord { x: 0.0, y: 0.0 };

fn bind_about_point(args: &BindArgs) -> Bound {
    if args.len() == 2 {
        return map::<(Geometry, Double), GeomBuf, _>(args, |(g, angle), out| {
            out.push_wkb(|wkb| rotate(g, *angle, ZERO, wkb))
                .map_err(KernelError::at(0))
        });
    }
    map::<(Geometry, Double, Geometry), GeomBuf, _>(args, |(g, angle, origin), out| {
        match origin_point(origin).map_err(KernelError::at(2))? {
            Some(origin) => out
                .push_wkb(|wkb| rotate(g, *angle, origin, wkb))
                .map_err(KernelError::at(0)),
            None => {
                out.push_null();
                Ok(())
            }
        }
    })
}

fn bind_about_coordinates(args: &BindArgs) -> Bound {
    map::<(Geometry, Double, Double, Double), GeomBuf, _>(args, |(g, angle, x0, y0), out| {
        let origin = Coord { x: *x0, y: *y0 };
        out.push_wkb(|wkb| rotate(g, *angle, origin, wkb))
            .map_err(KernelError::at(0))
    })
}
