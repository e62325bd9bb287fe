use strabo_geom::spherical::aggregate_distance_spheroid;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_aggregateDistanceSpheroid",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: &[AGGREGATED_GEOMETRIES],
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("either of the first two geometries is empty")),
    summary: "The geodesic distance in metres on the WGS84 spheroid between the first vertices of an array's first two geometries, for `collect_list` over a window.",
    details: "GeoMesa's `st_aggregateDistanceSpheroid`, the name `st_aggregateDistanceSphere` had \
              before GeoMesa moved it to a sphere, meant for the array that `collect_list(geom) \
              OVER (ORDER BY t ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)` collects: the geodesic \
              distance on the WGS84 spheroid (GeographicLib's inverse problem; GeoTools' \
              `GeodeticCalculator` in GeoMesa) between the first coordinate of the array's first \
              geometry and the first coordinate of its second (for points, the points). It is \
              not an aggregate and not a distance between geometries: further elements are \
              ignored, and of a line or polygon only the first vertex counts, as in GeoMesa. \
              NULL items are skipped (`collect_list` leaves them out too); fewer than two \
              geometries raise `IllegalArgumentException` (GeoMesa fails too), so filter the \
              first row of each window with `size(l) > 1`. Coordinates are read as \
              longitude/latitude degrees whatever the SRID, which is not checked; longitudes \
              beyond ±180 are wrapped and latitudes beyond a pole reflected back, as PostGIS's \
              geography does; NaN or infinite coordinates raise `IllegalArgumentException`. \
              `st_distanceSpheroid` measures the minimum distance between whole geometries.",
    examples: &[
        Example {
            sql: "st_aggregateDistanceSpheroid(array(st_point(10, 20), st_point(-30, 45)))",
            result: "4597974.6327032475",
        },
        Example {
            sql: "st_aggregateDistanceSpheroid(array(st_geomFromWKT('LINESTRING(10 20,0 0)'), st_point(-30, 45), st_point(0, 0)))",
            result: "4597974.6327032475",
        },
        Example {
            sql: "st_aggregateDistanceSpheroid(array(st_geomFromWKT('POINT EMPTY'), st_point(1, 1)))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(ArrayOf<Geometry>,), PrimBuf<f64>, _>(args, |(items,), out| {
        let (geometries, _) = array_geometries(items, 0)?;
        push_optional(
            out,
            aggregate_distance_spheroid(&geometries).map_err(KernelError::at(0))?,
        );
        Ok(())
    })
}
