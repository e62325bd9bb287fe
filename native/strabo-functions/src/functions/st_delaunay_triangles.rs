use strabo_geom::triangulate::{delaunay_triangles, DelaunayOutput};
use strabo_geom::Geo;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_delaunayTriangles",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new(
                "tolerance",
                SqlType::Double,
                "Vertices nearer than this to one already placed count as one, in the units of the coordinates; 0 by default.",
            )
            .optional(),
            Param::new(
                "flags",
                SqlType::Int,
                "0 (the default) for a collection of triangles, 1 for a multilinestring of their edges.",
            )
            .optional(),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The Delaunay triangulation of the geometry's vertices.",
    details: "PostGIS's `ST_DelaunayTriangles` and Sedona's, as GEOS computes it: every vertex \
              of every part is a site (repeats count once, and with a `tolerance` a vertex that \
              near one already placed, in x then y order, is dropped; GEOS drops it only when \
              its point location meets that vertex, so it may keep some dropped here). The triangles are \
              polygons wound counter-clockwise in a `GEOMETRYCOLLECTION`, or with `flags` 1 \
              their edges, each once, in a `MULTILINESTRING`. Fewer than three sites, or sites \
              on one line, give no triangle: an empty collection, or for edges the segments \
              between consecutive sites. EMPTY gives `GEOMETRYCOLLECTION EMPTY` (or \
              `MULTILINESTRING EMPTY`). The triangulation is `spade`'s: where four or more sites \
              lie on one circle (a grid) it may pick other diagonals than GEOS, and the \
              triangles and edges may come in another order, and start at another vertex, than \
              GEOS's. `flags` 2 (a \
              TIN) is not supported: Strabo's geometries have no TIN type. Z and M are dropped. \
              A negative, NaN or infinite tolerance, other flags, and NaN or infinite \
              coordinates raise `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_numGeometries(st_delaunayTriangles(st_geomFromWKT('POLYGON((0 0,2 0,3 1,0 1,0 0))')))",
            result: "2",
        },
        Example {
            sql: "st_area(st_delaunayTriangles(st_geomFromWKT('POLYGON((0 0,2 0,3 1,0 1,0 0))')))",
            result: "2.5",
        },
        Example {
            sql: "st_numGeometries(st_delaunayTriangles(st_geomFromWKT('MULTIPOINT((0 0),(1 0),(0 1))'), 0.0, 1))",
            result: "3",
        },
        Example {
            sql: "st_delaunayTriangles(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'))",
            result: "GEOMETRYCOLLECTION EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    match args.len() {
        1 => map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
            write(g, 0.0, DelaunayOutput::Triangles, out)
        }),
        2 => map::<(Geometry, Double), GeomBuf, _>(args, |(g, tolerance), out| {
            write(g, *tolerance, DelaunayOutput::Triangles, out)
        }),
        _ => map::<(Geometry, Double, Int), GeomBuf, _>(args, |(g, tolerance, flags), out| {
            let output = DelaunayOutput::from_flags(*flags).map_err(KernelError::at(2))?;
            write(g, *tolerance, output, out)
        }),
    }
}

fn write(
    geometry: &Geo,
    tolerance: f64,
    output: DelaunayOutput,
    out: &mut GeomBuf,
) -> Result<(), KernelError> {
    let triangulation = delaunay_triangles(geometry, tolerance, output)
        .map_err(blame(1, !is_tolerance(tolerance)))?;
    out.push_geometry(&triangulation);
    Ok(())
}
