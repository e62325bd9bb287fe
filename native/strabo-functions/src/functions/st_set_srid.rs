use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_setSRID",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[spark(
        &[
            GEOM,
            Param::new("srid", SqlType::Int, "The SRID to label the geometry with."),
        ],
        SqlType::Geometry,
    )],
    nulls: Nulls::Strict(None),
    summary: "The same geometry labelled with another SRID; Spark's built-in function.",
    details: "Spark 4.2+ ships this function, so Strabo leaves it in place. It does not transform \
              coordinates. Spark accepts only SRIDs it knows (such as 0, 4326 and 3857) and \
              raises `ST_INVALID_SRID_VALUE` for others. Use it to align SRIDs before a \
              predicate: Strabo refuses to relate geometries whose SRIDs differ.",
    examples: &[Example {
        sql: "st_srid(st_setSRID(st_point(1.0, 2.0), 4326))",
        result: "4326",
    }],
};
