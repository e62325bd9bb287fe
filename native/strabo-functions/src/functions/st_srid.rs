use super::kernels::GEOMETRY;
use crate::spec::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_srid",
    aliases: &[],
    category: Category::Accessors,
    params: GEOMETRY,
    returns: Kind::Int,
    null_when: None,
    summary: "The spatial reference identifier of a geometry; Spark's built-in function.",
    details: "Spark 4.2+ ships this function, so Strabo leaves it in place. Strabo's constructors \
              give SRID 0 and its other functions keep the SRID of their geometry argument.",
    examples: &[
        Example {
            sql: "st_srid(st_point(1.0, 2.0))",
            result: "0",
        },
        Example {
            sql: "st_srid(st_envelope(st_setSRID(st_point(1.0, 2.0), 4326)))",
            result: "4326",
        },
    ],
    implementation: Implementation::Spark,
};
