use strabo_geom::spherical::length_sphere;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_lengthSphere",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: &[LON_LAT_GEOMETRY],
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary:
        "The length in metres of a longitude/latitude geometry along great circles on a sphere.",
    details: "GeoMesa's `st_lengthSphere`: the haversine distances between consecutive vertices, \
              on GeoMesa's sphere of radius 6371008.7714 m, summed. GeoMesa takes a line only; \
              here multilines and collections add their lines, polygons add the lengths of all \
              their rings (as `st_length` measures perimeters), and points and empty geometries \
              measure 0. Coordinates are read as longitude/latitude degrees whatever the SRID, \
              which is not checked: transform projected data with `st_transform(geom, 4326)` \
              first. Longitudes beyond ±180 are wrapped and latitudes beyond a pole reflected \
              back, as PostGIS's geography does; NaN or infinite coordinates raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_lengthSphere(st_geomFromWKT('LINESTRING(0 0,1 0,1 1)'))",
            result: "222390.1594687375",
        },
        Example {
            sql: "st_lengthSphere(st_geomFromWKT('LINESTRING(179.5 0,-179.5 0)'))",
            result: "111195.07973436905",
        },
        Example {
            sql: "st_lengthSphere(st_point(1, 2))",
            result: "0.0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, |(g,), out| {
        out.push(length_sphere(g)?);
        Ok(())
    })
}
