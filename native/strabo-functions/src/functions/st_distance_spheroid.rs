use strabo_geom::spherical::distance_spheroid;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_distanceSpheroid",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: TWO_LON_LAT_GEOMETRIES,
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("either geometry is empty")),
    summary: "The minimum distance in metres between two longitude/latitude geometries on the WGS84 spheroid.",
    details: "As PostGIS's `ST_Distance(geography, geography, true)` computes it: between two \
              points the geodesic distance (GeographicLib's inverse problem); otherwise the \
              geodesic distance between the two points found nearest on the sphere, and 0 where \
              the geometries meet or a polygon contains the other. PostGIS's \
              `ST_DistanceSpheroid(geometry, geometry)` agrees for points and lines, but \
              measures a point inside a polygon to its boundary and answers -1 for an empty \
              geometry (NULL here). Always WGS84: the SRID is not checked and coordinates are \
              read as longitude/latitude degrees whatever it says, as PostGIS does here; \
              transform projected data with `st_transform(geom, 4326)` first. Longitudes beyond \
              ±180 are wrapped and latitudes beyond a pole reflected back, as PostGIS does; NaN \
              or infinite coordinates, and an edge between antipodal points, raise \
              `IllegalArgumentException`. Sedona's `ST_DistanceSpheroid` measures between the \
              centroids of non-point geometries.",
    examples: &[
        Example {
            sql: "st_distanceSpheroid(st_point(-71.06, 42.36), st_point(2.35, 48.86))",
            result: "5546322.289287319",
        },
        Example {
            sql: "st_distanceSpheroid(st_point(10, 20), st_geomFromWKT('LINESTRING(0 0,5 5,10 0)'))",
            result: "1745656.818065739",
        },
        Example {
            sql: "st_distanceSpheroid(st_point(1, 1), st_geomFromWKT('LINESTRING EMPTY'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), PrimBuf<f64>, _>(args, |(a, b), out| {
        push_optional(out, distance_spheroid(a, b)?);
        Ok(())
    })
}
