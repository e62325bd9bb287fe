use strabo_geom::relate::equals;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_equals",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature::new(
        TWO_GEOMETRIES,
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if `a` and `b` are the same set of points, however they are written.",
    details: concat!(
        "Topological equality (`T*F**FFF*`), as PostGIS's `ST_Equals`, GeoMesa's `st_equals` \
         and JTS's `equalsTopo`: types, vertex order, ring starts and repeated or collinear \
         vertices do not matter (a line equals the multiline of its pieces), but the \
         dimensions of the non-empty parts must agree. Two empty geometries are equal, \
         whatever their types, as in GEOS; an empty geometry equals no other. Z and M are \
         ignored. See `st_orderingEquals` for the same representation.",
        relate_doc!()
    ),
    examples: &[
        Example {
            sql: "st_equals(st_geomFromWKT('LINESTRING(0 0,2 0)'), st_geomFromWKT('MULTILINESTRING((2 0,1 0),(1 0,0 0))'))",
            result: "true",
        },
        Example {
            sql: "st_equals(st_makeBBOX(0, 0, 1, 1), st_geomFromWKT('POLYGON((1 1,1 0,0 0,0 1,1 1))'))",
            result: "true",
        },
        Example {
            sql: "st_equals(st_geomFromWKT('POINT EMPTY'), st_geomFromWKT('LINESTRING EMPTY'))",
            result: "true",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_predicate(args, equals)
}
