use strabo_geom::spherical::distance_sphere;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_distanceSphere",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: TWO_LON_LAT_GEOMETRIES,
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("either geometry is empty")),
    summary:
        "The minimum distance in metres between two longitude/latitude geometries on a sphere.",
    details: "PostGIS's `ST_DistanceSphere` (= `ST_Distance(geography, geography, false)`) for \
              every pairing of types: edges are great-circle arcs on a sphere of radius \
              6371008.771415059 m (WGS84's mean radius), and the distance is 0 where the \
              geometries meet or a polygon contains the other. Coordinates are read as \
              longitude/latitude degrees whatever the SRID, which is not checked (PostGIS \
              refuses a projected SRID here, through its cast to geography): transform projected \
              data with `st_transform(geom, 4326)` first. Longitudes beyond ±180 are wrapped and \
              latitudes beyond a pole reflected back, as PostGIS does; NaN or infinite \
              coordinates, and an edge between antipodal points (which no single great circle \
              joins; PostGIS measures 0 to it), raise `IllegalArgumentException`. GeoMesa's \
              `st_distanceSphere` measures between the first coordinate of each geometry only \
              (the same for two points, on a radius 2e-12 smaller, relatively); Sedona's \
              `ST_DistanceSphere` measures between the centroids of non-point geometries on a \
              radius of 6371008 m, and its optional radius argument is not supported.",
    examples: &[
        Example {
            sql: "st_distanceSphere(st_point(-71.06, 42.36), st_point(2.35, 48.86))",
            result: "5531029.051619608",
        },
        Example {
            sql: "st_distanceSphere(st_point(10, 20), st_geomFromWKT('LINESTRING(0 0,5 5,10 0)'))",
            result: "1753471.5789095866",
        },
        Example {
            sql: "st_distanceSphere(st_point(1, 1), st_makeBBOX(0, 0, 2, 2))",
            result: "0.0",
        },
        Example {
            sql: "st_distanceSphere(st_geomFromWKT('POINT EMPTY'), st_point(1, 1))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), PrimBuf<f64>, _>(args, |(a, b), out| {
        push_optional(out, distance_sphere(a, b)?);
        Ok(())
    })
}
