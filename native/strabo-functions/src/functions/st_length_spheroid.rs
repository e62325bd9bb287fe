use strabo_geom::spherical::length_spheroid;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_lengthSpheroid",
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
        "The geodesic length in metres of a longitude/latitude geometry on the WGS84 spheroid.",
    details: "PostGIS's `ST_LengthSpheroid` with the WGS84 spheroid, and Sedona's \
              `ST_LengthSpheroid`: the geodesic distances between consecutive vertices \
              (GeographicLib's inverse problem) summed; lines add their lengths and polygons the \
              lengths of all their rings, holes included; points and empty geometries measure \
              0. PostGIS's takes the spheroid as a second argument; here it is always WGS84, \
              and Z is ignored (PostGIS adds the Z differences). Coordinates are read as \
              longitude/latitude degrees whatever the SRID, which is not checked (nor does \
              PostGIS check it): transform projected data with `st_transform(geom, 4326)` \
              first. Longitudes beyond ±180 are wrapped and latitudes beyond a pole reflected \
              back, as PostGIS's geography does; NaN or infinite coordinates raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_lengthSpheroid(st_geomFromWKT('LINESTRING(0 0,1 0,1 1)'))",
            result: "221893.87935107236",
        },
        Example {
            sql: "st_lengthSpheroid(st_makeBBOX(0, 0, 1, 1))",
            result: "443770.9172483019",
        },
        Example {
            sql: "st_lengthSpheroid(st_point(1, 2))",
            result: "0.0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, |(g,), out| {
        out.push(length_spheroid(g)?);
        Ok(())
    })
}
