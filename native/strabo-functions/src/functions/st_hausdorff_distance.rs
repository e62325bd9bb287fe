use strabo_geom::similarity::hausdorff_distance;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_hausdorffDistance",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: &[
            Param::new("a", SqlType::Geometry, "The first geometry."),
            Param::new(
                "b",
                SqlType::Geometry,
                "The second geometry, with the SRID of the first.",
            ),
            Param::new(
                "densifyFrac",
                SqlType::Double,
                "A fraction in (0, 1]: each segment is also sampled at this fraction of its length.",
            )
            .optional(),
        ],
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("either geometry is empty")),
    summary: "The discrete Hausdorff distance between two geometries: how far apart their farthest parts are.",
    details: "PostGIS's `ST_HausdorffDistance` (GEOS's `DiscreteHausdorffDistance`): the largest \
              distance from a vertex of either geometry to the other geometry, planar, in the \
              units of the coordinates. Only vertices are measured from, so the result can be \
              less than the true Hausdorff distance; `densifyFrac` f adds the points that split \
              each segment into round(1/f) equal parts, bringing it nearer. A vertex inside a \
              polygon is measured to its rings, as GEOS does. A fraction outside (0, 1] and NaN \
              or infinite coordinates raise `IllegalArgumentException` (as in PostGIS and \
              Sedona). Empty geometries give NULL, as in PostGIS (Sedona answers 0).",
    examples: &[
        Example {
            sql: "st_hausdorffDistance(st_geomFromWKT('LINESTRING(0 0,2 0)'), st_geomFromWKT('MULTIPOINT(0 1,1 0,2 1)'))",
            result: "1.0",
        },
        Example {
            sql: "st_hausdorffDistance(st_geomFromWKT('LINESTRING(130 0,0 0,0 150)'), st_geomFromWKT('LINESTRING(10 10,10 150,130 10)'))",
            result: "14.142135623730951",
        },
        Example {
            sql: "st_hausdorffDistance(st_geomFromWKT('LINESTRING(130 0,0 0,0 150)'), st_geomFromWKT('LINESTRING(10 10,10 150,130 10)'), 0.5)",
            result: "70.0",
        },
        Example {
            sql: "st_hausdorffDistance(st_geomFromWKT('POINT EMPTY'), st_point(1, 1))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 2 {
        return map::<(Geometry, Geometry), PrimBuf<f64>, _>(args, |(a, b), out| {
            push_optional(out, hausdorff_distance(a, b, None)?);
            Ok(())
        });
    }
    map::<(Geometry, Geometry, Double), PrimBuf<f64>, _>(args, |(a, b, fraction), out| {
        push_optional(out, hausdorff_distance(a, b, Some(*fraction))?);
        Ok(())
    })
}
