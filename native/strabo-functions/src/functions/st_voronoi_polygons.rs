use geo::CoordsIter;
use strabo_geom::triangulate::voronoi_polygons;
use strabo_geom::Geo;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_voronoiPolygons",
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
                "extendTo",
                SqlType::Geometry,
                "A geometry whose bounding box the diagram is extended to cover, with the SRID of the first.",
            )
            .optional(),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The Voronoi diagram of the geometry's vertices: a collection of one polygon per vertex.",
    details: "PostGIS's `ST_VoronoiPolygons` and Sedona's, as GEOS computes them: every vertex \
              of every part is a site (repeats count once, and with a `tolerance` a vertex that \
              near one already placed, in x then y order, is dropped; GEOS drops it only when \
              its point location meets that vertex, so it may keep some dropped here). A site's \
              cell is the part of the plane nearer to it than to any other site, cut to the \
              bounding box of all the vertices grown on every side by its larger side, and \
              grown further to take in the box of `extendTo`. The cells come in x-then-y order \
              of their sites, as in GEOS, though their rings may start at another vertex and \
              run the other way. Fewer than two distinct vertices (a point, EMPTY) give \
              `GEOMETRYCOLLECTION EMPTY`. An empty `extendTo` is ignored, and one whose box has \
              no area is taken in like any other (PostGIS's documentation says it then returns \
              an empty collection). Z and M are dropped. A negative, NaN or infinite tolerance \
              and NaN or infinite coordinates raise `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_numGeometries(st_voronoiPolygons(st_geomFromWKT('MULTIPOINT((0 0),(2 0),(1 2))')))",
            result: "3",
        },
        Example {
            sql: "st_envelope(st_voronoiPolygons(st_geomFromWKT('MULTIPOINT((0 0),(2 0),(1 2))')))",
            result: "POLYGON((-2 -2,-2 4,4 4,4 -2,-2 -2))",
        },
        Example {
            sql: "st_envelope(st_voronoiPolygons(st_geomFromWKT('MULTIPOINT((0 0),(2 0))'), 0.0, st_makeBBOX(-10, -10, 10, 10)))",
            result: "POLYGON((-10 -10,-10 10,10 10,10 -10,-10 -10))",
        },
        Example {
            sql: "st_voronoiPolygons(st_point(1, 1))",
            result: "GEOMETRYCOLLECTION EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    match args.len() {
        1 => map::<(Geometry,), GeomBuf, _>(args, |(g,), out| write(g, 0.0, None, out)),
        2 => map::<(Geometry, Double), GeomBuf, _>(args, |(g, tolerance), out| {
            write(g, *tolerance, None, out)
        }),
        _ => {
            map::<(Geometry, Double, Geometry), GeomBuf, _>(args, |(g, tolerance, extend), out| {
                write(g, *tolerance, Some(extend), out)
            })
        }
    }
}

fn write(
    geometry: &Geo,
    tolerance: f64,
    extend_to: Option<&Geo>,
    out: &mut GeomBuf,
) -> Result<(), KernelError> {
    let cells = voronoi_polygons(geometry, tolerance, extend_to).map_err(|error| {
        let arg = if !is_tolerance(tolerance) {
            1
        } else if !has_non_finite_coordinates(geometry)
            && extend_to.is_some_and(has_non_finite_coordinates)
        {
            2
        } else {
            0
        };
        KernelError::at(arg)(error)
    })?;
    out.push_geometry(&cells);
    Ok(())
}

/// Whether `voronoi_polygons` refuses the geometry's coordinates: it reads the sites, then
/// `extendTo`.
fn has_non_finite_coordinates(geometry: &Geo) -> bool {
    geometry.shape().is_some_and(|shape| {
        shape
            .coords_iter()
            .any(|c| !c.x.is_finite() || !c.y.is_finite())
    })
}
