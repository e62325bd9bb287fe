use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_yMin",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Double,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is empty")),
    summary: "The smallest Y of a geometry.",
    details: "From the geometry's 2D bounding box, as PostGIS's `ST_YMin` reads it from the \
              geometry's box: a polygon's holes do not extend it (a valid polygon's shell encloses \
              them). NULL for an empty geometry (Sedona's `ST_YMin` answers `Double.MAX_VALUE`). \
              Read from the coordinates in place.",
    examples: &[
        Example {
            sql: "st_yMin(st_geomFromWKT('LINESTRING(1 2,3 -4)'))",
            result: "-4.0",
        },
        Example {
            sql: "st_yMin(st_point(1, 2))",
            result: "2.0",
        },
        Example {
            sql: "st_yMin(st_geomFromWKT('LINESTRING EMPTY'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_box_bound(args, |bbox| bbox.min().y)
}
