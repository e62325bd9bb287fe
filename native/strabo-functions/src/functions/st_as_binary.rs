use super::kernels::GEOMETRY;
use crate::spec::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asBinary",
    aliases: &[],
    category: Category::Outputs,
    params: GEOMETRY,
    returns: Kind::Binary,
    null_when: None,
    summary: "The geometry as ISO Well-Known Binary (little-endian); Spark's built-in function.",
    details: "Spark 4.2+ ships this function for `GEOMETRY` values, so Strabo leaves it in place. \
              Geometries made by Strabo's functions are ordinary `GEOMETRY` values and work with it.",
    examples: &[Example {
        sql: "st_asBinary(st_point(1.0, 2.0))",
        result: "0101000000000000000000F03F0000000000000040",
    }],
    implementation: Implementation::Spark,
};
