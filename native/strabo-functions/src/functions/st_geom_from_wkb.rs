use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomFromWKB",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[spark(
        &[Param::new("wkb", SqlType::Binary, "Well-Known Binary.")],
        SqlType::Geometry,
    )],
    nulls: Nulls::Strict(None),
    summary: "Reads Well-Known Binary into a geometry; Spark's built-in function.",
    details: "Spark 4.2+ ships this function, so Strabo leaves it in place. Its result is Spark's \
              `GEOMETRY(0)`, which every Strabo function accepts. Strabo's functions also take \
              WKB in a `BINARY` column directly.",
    examples: &[Example {
        sql: "st_geomFromWKB(X'0101000000000000000000F03F0000000000000040')",
        result: "POINT(1 2)",
    }],
};
