use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_srid",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[spark(&[GEOM], SqlType::Int)],
    nulls: Nulls::Strict(None),
    summary: "The SRID of the geometry; Spark's built-in function.",
    details: "Spark 4.2+ ships this function, so Strabo leaves it in place. Strabo's geometry \
              results keep the SRID of their geometry argument; constructors give 0.",
    examples: &[Example {
        sql: "st_srid(st_envelope(st_setSRID(st_point(1.0, 2.0), 4326)))",
        result: "4326",
    }],
};
