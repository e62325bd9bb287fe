use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asBinary",
    aliases: &[],
    category: Category::Outputs,
    signatures: &[spark(&[GEOM], SqlType::Binary)],
    nulls: Nulls::Strict(None),
    summary: "The geometry as ISO Well-Known Binary; Spark's built-in function.",
    details: "Spark 4.2+ ships this function, so Strabo leaves it in place. It returns \
              little-endian ISO WKB, which every Strabo function also accepts.",
    examples: &[Example {
        sql: "st_asBinary(st_point(1.0, 2.0))",
        result: "0101000000000000000000F03F0000000000000040",
    }],
};
