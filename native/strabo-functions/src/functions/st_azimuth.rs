use strabo_geom::distance::azimuth;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_azimuth",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: &[
            Param::new("origin", SqlType::Geometry, "The point to look from."),
            Param::new(
                "target",
                SqlType::Geometry,
                "The point to look at, with the SRID of the first.",
            ),
        ],
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("the points coincide, or either is empty")),
    summary:
        "The direction from one point to another, in radians clockwise from north (+Y), in [0, 2π).",
    details: "PostGIS's `ST_Azimuth` for geometry: planar, north is the +Y axis, east (+X) is \
              π/2; use `degrees` for degrees. Coincident points give NULL, as in PostGIS; an \
              empty point gives NULL too (PostGIS raises an error). Arguments that are not both \
              points, and NaN or infinite coordinates, raise `IllegalArgumentException` \
              (PostGIS refuses other types too, and answers NaN for NaN). Sedona's `ST_Azimuth` \
              takes the first coordinate of any geometry and gives 0 for coincident points. \
              Not the geodesic azimuth of PostGIS's geography version: on longitude/latitude \
              data this is the direction on the plate carrée map.",
    examples: &[
        Example {
            sql: "st_azimuth(st_point(0, 0), st_point(1, 1))",
            result: "0.7853981633974483",
        },
        Example {
            sql: "st_azimuth(st_point(0, 25), st_point(0, 0))",
            result: "3.141592653589793",
        },
        Example {
            sql: "st_azimuth(st_point(0, 0), st_point(-1, 0))",
            result: "4.71238898038469",
        },
        Example {
            sql: "st_azimuth(st_point(1, 1), st_point(1, 1))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), PrimBuf<f64>, _>(args, |(a, b), out| {
        push_optional(out, azimuth(a, b)?);
        Ok(())
    })
}
