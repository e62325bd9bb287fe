use strabo_geom::spherical::area_spheroid;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_areaSpheroid",
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
        "The geodesic area in square metres of a longitude/latitude geometry on the WGS84 spheroid.",
    details: "Sedona's `ST_AreaSpheroid`, and PostGIS's `ST_Area(geography, true)`: computed \
              with GeographicLib's geodesic polygon area; each ring bounds the smaller of the \
              two regions it divides the Earth into, whatever its orientation, and holes are \
              subtracted from their shell (so an invalid polygon whose holes are larger than \
              its shell measures negative, as in PostGIS); multipolygons and collections add \
              their polygons; points, lines and empty geometries measure 0. Edges are \
              geodesics, as in PostGIS and pyproj, which use GeographicLib too. Coordinates are \
              read as longitude/latitude degrees whatever the SRID, which is not checked \
              (PostGIS's cast to geography refuses a projected SRID): transform projected data \
              with `st_transform(geom, 4326)` first. Longitudes beyond ±180 are wrapped and \
              latitudes beyond a pole reflected back, as PostGIS does; NaN or infinite \
              coordinates raise `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_areaSpheroid(st_geomFromWKT('POLYGON((34 35,28 30,25 34,34 35))'))",
            result: "201824850811.7622",
        },
        Example {
            sql: "st_areaSpheroid(st_makeBBOX(0, 0, 1, 1))",
            result: "12308778361.469452",
        },
        Example {
            sql: "st_areaSpheroid(st_geomFromWKT('LINESTRING(0 0,1 1)'))",
            result: "0.0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, |(g,), out| {
        out.push(area_spheroid(g)?);
        Ok(())
    })
}
