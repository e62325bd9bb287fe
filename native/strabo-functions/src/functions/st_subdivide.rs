use strabo_geom::subdivide::{subdivide, MIN_MAX_VERTICES};
use strabo_geom::Geo;

use super::prelude::*;

/// PostGIS's default `max_vertices`.
const DEFAULT_MAX_VERTICES: i32 = 256;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_subdivide",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new(
                "maxVertices",
                SqlType::Int,
                "The most vertices a part may have, 5 or more; 256 by default.",
            )
            .optional(),
        ],
        SqlType::Array(&SqlType::Geometry),
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry cut into parts of at most `maxVertices` vertices each, as an array.",
    details: "PostGIS's `ST_Subdivide` (which returns a set of rows; use `explode` for that) \
              and Sedona's `ST_SubDivide`: a part with too many vertices (closing points of \
              rings counted) is cut in two across the longer side of its box, at the vertex \
              nearest the middle for a polygon, and each half is cut again, at most 50 times \
              deep; the parts cover the geometry. Collections are cut part by part, and only \
              parts of the input's highest dimension are returned (the points of a collection \
              of points and polygons are dropped, as in PostGIS); a cut drops the vertices left \
              lying straight between their neighbours. EMPTY gives an empty array. Polygons are \
              cut with `geo`'s overlay, which snaps vertices to a grid of about 2^-30 of their \
              extent, and where it splits a polygon differently from GEOS the parts differ \
              though they cover the same area. Z and M are dropped. A `maxVertices` below 5 \
              raises `IllegalArgumentException`, as in PostGIS (Sedona returns an empty array); \
              so do NaN or infinite coordinates.",
    examples: &[
        Example {
            sql: "st_subdivide(st_geomFromWKT('LINESTRING(0 0,0 1,0 2,0 3,0 4,0 5,0 6)'), 5)",
            result: "[LINESTRING(0 0,0 3), LINESTRING(0 3,0 6)]",
        },
        Example {
            sql: "st_subdivide(st_geomFromWKT('POLYGON((0 0,10 0,10 10,0 10,0 0))'))",
            result: "[POLYGON((0 0,10 0,10 10,0 10,0 0))]",
        },
        Example {
            sql: "st_subdivide(st_geomFromWKT('POLYGON EMPTY'), 5)",
            result: "[]",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 1 {
        return map::<(Geometry,), ListBuf<GeomBuf>, _>(args, |(g,), out| {
            write(g, DEFAULT_MAX_VERTICES, out)
        });
    }
    map::<(Geometry, Int), ListBuf<GeomBuf>, _>(args, |(g, max_vertices), out| {
        write(g, *max_vertices, out)
    })
}

fn write(geometry: &Geo, max_vertices: i32, out: &mut ListBuf<GeomBuf>) -> Result<(), KernelError> {
    // A negative count is refused as any count below the minimum is.
    let max = usize::try_from(max_vertices).unwrap_or(0);
    let parts = subdivide(geometry, max).map_err(blame(1, max < MIN_MAX_VERTICES))?;
    out.push_with(|items| {
        parts.iter().for_each(|part| items.push_geometry(part));
        Ok(())
    })
}
