use strabo_geom::measure::area;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_area",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: &[GEOM],
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "The planar area of a geometry, in the squared units of its coordinates.",
    details: "Holes are subtracted and the parts of a multi-geometry or collection are summed. \
              Points, lines and empty geometries have area 0. The computation is Cartesian: \
              for longitude/latitude data (SRID 4326) the result is in square degrees. An \
              invalid (self-intersecting) polygon is measured as GEOS does, lobe by lobe with \
              their winding signs, and one whose holes are larger than its shell measures \
              negative (|shell| − Σ|holes|, as GEOS, JTS, Sedona and PostGIS compute it). \
              Computed from the WKB's coordinates in place.",
    examples: &[
        Example { sql: "st_area(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0))'))", result: "16.0" },
        Example {
            sql: "st_area(st_geomFromWKT('POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 1,2 2,1 2,1 1))'))",
            result: "99.0",
        },
        Example { sql: "st_area(st_point(1, 2))", result: "0.0" },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, |(g,), out| {
        out.push(area(g));
        Ok(())
    })
}
