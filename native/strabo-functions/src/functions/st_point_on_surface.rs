use strabo_geom::centroid::point_on_surface;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_pointOnSurface",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature::new(&[GEOM], SqlType::Geometry, Implementation::Scalar(bind))],
    nulls: Nulls::Strict(None),
    summary: "A point that lies on the geometry.",
    details: "PostGIS's `ST_PointOnSurface` and Sedona's, as GEOS's `InteriorPoint` picks it \
              from the parts of the highest dimension: for polygons, the middle of the widest \
              stretch inside them of a horizontal line drawn between the two vertex heights \
              nearest the middle of each polygon's box; for lines, the inner vertex nearest the \
              centroid (an endpoint if no line has inner vertices); for points, the point \
              nearest the centroid. Ties go to the first. The point lies in the interior of a \
              valid polygon; for an invalid one it is the point GEOS picks, which may lie \
              outside. EMPTY gives `POINT EMPTY`. Z and M are dropped. NaN or infinite \
              coordinates raise `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_pointOnSurface(st_geomFromWKT('POLYGON((0 0,3 0,3 1,1 1,1 2,3 2,3 3,0 3,0 0))'))",
            result: "POINT(0.5 1.5)",
        },
        Example {
            sql: "st_pointOnSurface(st_geomFromWKT('LINESTRING(0 0,1 1,5 0)'))",
            result: "POINT(1 1)",
        },
        Example {
            sql: "st_pointOnSurface(st_geomFromWKT('POLYGON EMPTY'))",
            result: "POINT EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_geometry(&point_on_surface(g).map_err(KernelError::at(0))?);
        Ok(())
    })
}
