use crate::spec::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomFromWKB",
    aliases: &[],
    category: Category::Constructors,
    params: &[Param {
        name: "wkb",
        kind: Kind::Binary,
    }],
    returns: Kind::Geometry,
    null_when: None,
    summary: "Parses ISO Well-Known Binary into a geometry; Spark's built-in function.",
    details: "Spark 4.2+ ships this function, so Strabo leaves it in place. An optional second \
              argument sets the SRID (default 0). Spark validates the WKB and refuses EWKB, \
              truncated buffers and unknown type codes with `WKB_PARSE_ERROR`. Strabo's own \
              functions take WKB `BINARY` directly, so the conversion is only needed to obtain \
              a `GEOMETRY` column.",
    examples: &[
        Example {
            sql: "st_geomFromWKB(X'0101000000000000000000F03F0000000000000040')",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_srid(st_geomFromWKB(X'0101000000000000000000F03F0000000000000040', 4326))",
            result: "4326",
        },
    ],
    implementation: Implementation::Spark,
};
