use strabo_geom::relate::ordering_equals;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_orderingEquals",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature::new(
        TWO_GEOMETRIES,
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if `a` and `b` are the same geometry written the same way: type, coordinates and their order.",
    details: "PostGIS's `ST_OrderingEquals`: the same type (a point is not a one-point \
              multipoint), the same coordinate dimensions (XY, XYZ, XYM or XYZM), and the same \
              coordinates in the same order, Z and M included; a line and its reverse are \
              `st_equals` but not ordering-equal. Empty geometries are ordering-equal to empty \
              geometries of the same type and dimensions. NaN equals NaN, and `-0` equals `0` \
              (PostGIS compares the bytes, where they differ). Never raises. Both geometries \
              must have the same SRID.",
    examples: &[
        Example {
            sql: "st_orderingEquals(st_point(1, 2), st_geomFromWKT('POINT(1 2)'))",
            result: "true",
        },
        Example {
            sql: "st_orderingEquals(st_geomFromWKT('LINESTRING(0 0,1 1)'), st_geomFromWKT('LINESTRING(1 1,0 0)'))",
            result: "false",
        },
        Example {
            sql: "st_orderingEquals(st_geomFromWKT('POINT(1 2)'), st_geomFromWKT('MULTIPOINT((1 2))'))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), BoolBuf, _>(args, |(a, b), out| {
        out.push(ordering_equals(a, b));
        Ok(())
    })
}
