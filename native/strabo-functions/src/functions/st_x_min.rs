use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_xMin",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Double,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is empty")),
    summary: "The smallest X of a geometry.",
    details: "From the geometry's 2D bounding box, as PostGIS's `ST_XMin` reads it from the \
              geometry's box: a polygon's holes do not extend it (a valid polygon's shell encloses \
              them). NULL for an empty geometry (Sedona's `ST_XMin` answers `Double.MAX_VALUE`). \
              Read from the coordinates in place.",
    examples: &[
        Example {
            sql: "st_xMin(st_geomFromWKT('LINESTRING(1 2,3 -4)'))",
            result: "1.0",
        },
        Example {
            sql: "st_xMin(st_makeBBOX(-1.5, 0, 2, 1))",
            result: "-1.5",
        },
        Example {
            sql: "st_xMin(st_geomFromWKT('POINT EMPTY'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_box_bound(args, |bbox| bbox.min().x)
}
