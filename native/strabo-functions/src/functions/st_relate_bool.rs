use super::prelude::*;
use super::st_relate::{bind_pattern, GEOMETRIES_AND_PATTERN};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_relateBool",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature::new(
        GEOMETRIES_AND_PATTERN,
        SqlType::Boolean,
        Implementation::Scalar(bind_pattern),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if the DE-9IM matrix of `a` and `b` matches `pattern`.",
    details: concat!(
        "GeoMesa's name for the three-argument `st_relate` (PostGIS's `ST_Relate(a, b, \
         pattern)`), which it is: `T` matches any intersection, `F` none, `*` anything, `0`, \
         `1` and `2` an intersection of that dimension. A pattern of another length or with \
         another character (lower-case `t` and `f` included, which GEOS silently never \
         matches) raises `IllegalArgumentException`; a constant pattern is checked once per \
         task.",
        relate_doc!()
    ),
    examples: &[
        Example {
            sql: "st_relateBool(st_makeBBOX(0, 0, 2, 2), st_point(2, 1), 'T*****FF*')",
            result: "false",
        },
        Example {
            sql: "st_relateBool(st_makeBBOX(0, 0, 2, 2), st_point(2, 1), 'FF*0F****')",
            result: "true",
        },
    ],
};
