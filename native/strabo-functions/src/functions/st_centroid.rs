use strabo_geom::centroid::centroid;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_centroid",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature::new(&[GEOM], SqlType::Geometry, Implementation::Scalar(bind))],
    nulls: Nulls::Strict(None),
    summary: "The geometric centre of the geometry, as a point.",
    details: "As GEOS and JTS compute it (PostGIS's `ST_Centroid`, GeoMesa's and Sedona's): the \
              centroid of the polygons' area when they have one, else of the lines' length \
              (polygon rings included), else the mean of the points; so in a collection only \
              the parts of the highest dimension with a measure count. A polygon of no area has \
              the centroid of its ring, a line of no length its first point. The point may lie \
              outside the geometry (see `st_pointOnSurface`). Invalid polygons are not refused: \
              the lobes of a self-intersecting ring count with their signs, as in GEOS. EMPTY \
              gives `POINT EMPTY`. Planar: PostGIS's spheroidal centroid of geography is not \
              offered. Z and M are dropped. NaN or infinite coordinates raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_centroid(st_geomFromWKT('POLYGON((0 0,3 0,3 1,1 1,1 2,3 2,3 3,0 3,0 0))'))",
            result: "POINT(1.3571428571428572 1.5)",
        },
        Example {
            sql: "st_centroid(st_geomFromWKT('GEOMETRYCOLLECTION(POINT(10 10),POLYGON((0 0,2 0,2 2,0 2,0 0)))'))",
            result: "POINT(1 1)",
        },
        Example {
            sql: "st_centroid(st_geomFromWKT('LINESTRING(0 0,3 0,3 4)'))",
            result: "POINT(2.357142857142857 1.1428571428571428)",
        },
        Example {
            sql: "st_centroid(st_geomFromWKT('POLYGON EMPTY'))",
            result: "POINT EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_geometry(&centroid(g).map_err(KernelError::at(0))?);
        Ok(())
    })
}
