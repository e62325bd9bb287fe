use strabo_geom::hull::concave_hull;
use strabo_geom::Geo;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_concaveHull",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new(
                "pctconvex",
                SqlType::Double,
                "From 0 (the tightest hull) to 1 (the convex hull): the shortest outer edge removed, as a fraction of the range of the triangulation's edge lengths.",
            ),
            Param::new(
                "allowHoles",
                SqlType::Boolean,
                "Whether the hull may have holes; false by default.",
            )
            .optional(),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "A concave polygon that holds every vertex of the geometry.",
    details: "GEOS's `ConcaveHull` of the vertices (shapely's `concave_hull`; PostGIS 3.3's \
              `ST_ConcaveHull` for points and lines): the Delaunay triangulation of the \
              vertices, eroded from its border by removing the triangles whose outer edge is at \
              least `pctconvex · (longest − shortest) + shortest` of its edge lengths, while \
              one polygon holding every vertex is left. With `allowHoles` holes are opened the \
              same way at inner edges that long. Fewer than three distinct vertices, or \
              collinear ones, give the convex hull (a point or a line); EMPTY gives `POLYGON \
              EMPTY`. Differences: PostGIS hulls polygons with `ConcaveHullOfPolygons`, which \
              keeps them whole, while here (as in GEOS's `concave_hull`) polygons are hulled by \
              their vertices and the hull need not contain them; where four or more vertices \
              lie on one circle (a grid) the triangulation is not unique and the hull may \
              differ from GEOS's; and the ring may start at another vertex, and run the other \
              way, than GEOS's. Z and M are dropped. A `pctconvex` outside [0, 1] and NaN or \
              infinite coordinates raise `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_area(st_concaveHull(st_geomFromWKT('MULTIPOINT((0 0),(2 0.5),(4 0),(4.5 2),(4 4),(3 3.5),(2.75 1.25),(1.25 1.5),(1 4),(0 3.75),(-0.5 2))'), 0.0))",
            result: "11.90625",
        },
        Example {
            sql: "st_numPoints(st_concaveHull(st_geomFromWKT('MULTIPOINT((0 0),(2 0.5),(4 0),(4.5 2),(4 4),(3 3.5),(2.75 1.25),(1.25 1.5),(1 4),(0 3.75),(-0.5 2))'), 0.5))",
            result: "10",
        },
        Example {
            sql: "st_area(st_concaveHull(st_geomFromWKT('MULTIPOINT((0 0),(2 0.5),(4 0),(4.5 2),(4 4),(3 3.5),(2.75 1.25),(1.25 1.5),(1 4),(0 3.75),(-0.5 2))'), 1.0))",
            result: "17.8125",
        },
        Example {
            sql: "st_concaveHull(st_geomFromWKT('MULTIPOINT((0 0),(1 1))'), 0.5, true)",
            result: "LINESTRING(0 0,1 1)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 2 {
        return map::<(Geometry, Double), GeomBuf, _>(args, |(g, ratio), out| {
            write(g, *ratio, false, out)
        });
    }
    map::<(Geometry, Double, Boolean), GeomBuf, _>(args, |(g, ratio, holes), out| {
        write(g, *ratio, *holes, out)
    })
}

fn write(
    geometry: &Geo,
    ratio: f64,
    allow_holes: bool,
    out: &mut GeomBuf,
) -> Result<(), KernelError> {
    let hull = concave_hull(geometry, ratio, allow_holes)
        .map_err(blame(1, !(0.0..=1.0).contains(&ratio)))?;
    out.push_geometry(&hull);
    Ok(())
}
