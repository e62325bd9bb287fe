use strabo_geom::simplify::simplify_preserve_topology;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_simplifyPreserveTopology",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new(
                "tolerance",
                SqlType::Double,
                "How far from the simplified line a vertex may be dropped, in the units of the coordinates.",
            ),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry simplified by Douglas-Peucker without changing its topology.",
    details: "GEOS's `TopologyPreservingSimplifier`, as PostGIS's and Sedona's \
              `ST_SimplifyPreserveTopology` call it: Douglas-Peucker over every line and ring, \
              where a stretch is replaced by the segment between its ends only if that segment \
              crosses or touches no other segment and moves no other part (a hole, an island) \
              to its other side. Lines keep at least 2 points, closed lines and rings at least \
              4, and a ring may lose its start point, as in GEOS 3.12 and later; so the result \
              has the parts and rings of the input and is valid whenever the input is. Points \
              and EMPTY are returned as they are. Z and M are dropped (PostGIS keeps them). A \
              negative, NaN or infinite tolerance and NaN or infinite coordinates raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_simplifyPreserveTopology(st_geomFromWKT('LINESTRING(0 0,1 0.1,2 0,3 2)'), 0.5)",
            result: "LINESTRING(0 0,2 0,3 2)",
        },
        Example {
            sql: "st_simplifyPreserveTopology(st_geomFromWKT('POLYGON((0 0,5 0.5,10 0,10 10,5 11,0 10,0 0),(4 10.2,6 10.2,5 10.5,4 10.2))'), 2.0)",
            result: "POLYGON((0 0,10 0,10 10,5 11,0 10,0 0),(4 10.2,6 10.2,5 10.5,4 10.2))",
        },
        Example {
            sql: "st_simplifyPreserveTopology(st_geomFromWKT('POLYGON((0 0,10 0,10 10,0 10,0 0))'), 20.0)",
            result: "POLYGON((0 10,10 0,10 10,0 10))",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Double), GeomBuf, _>(args, |(g, tolerance), out| {
        let simplified = simplify_preserve_topology(g, *tolerance)
            .map_err(blame(1, !is_tolerance(*tolerance)))?;
        out.push_geometry(&simplified);
        Ok(())
    })
}
