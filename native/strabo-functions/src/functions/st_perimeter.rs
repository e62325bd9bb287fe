use strabo_geom::measure::perimeter;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_perimeter",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: &[GEOM],
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "The planar perimeter of a geometry's polygons, in the units of its coordinates.",
    details: "PostGIS's `ST_Perimeter` for geometry: the lengths of all the rings of the \
              polygons, holes included, in multipolygons and collections too; points, lines \
              (unlike `st_length`, which measures them) and empty geometries measure 0. \
              Cartesian: degrees for SRID 4326 (`st_lengthSpheroid` measures rings in metres). \
              A NaN coordinate gives NaN. Sedona's `ST_Perimeter` takes optional `use_spheroid` \
              and `lenient` arguments, not supported here.",
    examples: &[
        Example {
            sql: "st_perimeter(st_geomFromWKT('POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))'))",
            result: "48.0",
        },
        Example {
            sql: "st_perimeter(st_geomFromWKT('GEOMETRYCOLLECTION(LINESTRING(0 0,3 4),POLYGON((0 0,1 0,1 1,0 1,0 0)))'))",
            result: "4.0",
        },
        Example {
            sql: "st_perimeter(st_geomFromWKT('LINESTRING(0 0,3 4)'))",
            result: "0.0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, |(g,), out| {
        out.push(perimeter(g));
        Ok(())
    })
}
