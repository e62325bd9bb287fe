use strabo_geom::simplify::{simplify, Simplified};
use strabo_geom::Geo;

use super::prelude::*;

const TOLERANCE: Param = Param::new(
    "tolerance",
    SqlType::Double,
    "How far from the simplified line a vertex may be dropped, in the units of the coordinates.",
);

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_simplify",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature::new(
        &[
            GEOM,
            TOLERANCE,
            Param::new(
                "preserveCollapsed",
                SqlType::Boolean,
                "Keep the lines and polygon shells that would collapse; false by default.",
            )
            .optional(),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("every part collapses, as in PostGIS")),
    summary: "The geometry with its lines and rings simplified by Douglas-Peucker.",
    details: "PostGIS's `ST_Simplify` (its own Douglas-Peucker, not GEOS's): every line and \
              ring keeps its ends and the vertices farther than `tolerance` from the simplified \
              line. A line whose two remaining points coincide is dropped, and so is a ring left \
              with fewer than 4 points, with its polygon if it is the shell; \
              `preserveCollapsed` keeps such lines, and keeps 4 points of a shell (holes that \
              collapse are dropped still). Points and multipoints are returned unchanged, empty \
              parts of collections are dropped, and a geometry from which no vertex was removed \
              is returned as it is (Z, M and empty members included, as in PostGIS). Polygons \
              are not repaired, so the result may be invalid (rings may cross), as in PostGIS; \
              `st_simplifyPreserveTopology` keeps them valid. GEOS's \
              `DouglasPeuckerSimplifier` (shapely's `simplify(g, tol, preserve_topology=False)`) \
              differs: it keeps collapsed lines, returns `POLYGON EMPTY` rather than NULL, and \
              repairs polygons. A simplified result has no Z or M (PostGIS keeps them). A \
              negative, NaN or infinite tolerance and NaN or infinite coordinates raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_simplify(st_geomFromWKT('LINESTRING(0 0,1 0.1,2 0)'), 1.0)",
            result: "LINESTRING(0 0,2 0)",
        },
        Example {
            sql: "st_simplify(st_geomFromWKT('POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,1.1 1,1.1 1.1,1 1))'), 1.0)",
            result: "POLYGON((0 0,10 0,10 10,0 10,0 0))",
        },
        Example {
            sql: "st_simplify(st_geomFromWKT('POLYGON((0 0,1 0,1 1,0 1,0 0))'), 2.0)",
            result: "NULL",
        },
        Example {
            sql: "st_simplify(st_geomFromWKT('POLYGON((0 0,1 0,1 1,0 1,0 0))'), 2.0, true)",
            result: "POLYGON((0 0,1 0,1 1,0 0))",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 2 {
        return map::<(Geometry, Double), GeomBuf, _>(args, |(g, tolerance), out| {
            write(g, *tolerance, false, out)
        });
    }
    map::<(Geometry, Double, Boolean), GeomBuf, _>(args, |(g, tolerance, keep), out| {
        write(g, *tolerance, *keep, out)
    })
}

fn write(
    geometry: &Geo,
    tolerance: f64,
    preserve_collapsed: bool,
    out: &mut GeomBuf,
) -> Result<(), KernelError> {
    match simplify(geometry, tolerance, preserve_collapsed)
        .map_err(blame(1, !is_tolerance(tolerance)))?
    {
        Simplified::Unchanged => out.push(geometry),
        Simplified::Shape(shape) => push_or_null(out, shape),
    }
    Ok(())
}
