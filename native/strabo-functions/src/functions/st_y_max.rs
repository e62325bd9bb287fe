use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_yMax",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Double,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is empty")),
    summary: "The largest Y of a geometry.",
    details: "From the geometry's 2D bounding box, as PostGIS's `ST_YMax` reads it from the \
              geometry's box: a polygon's holes do not extend it (a valid polygon's shell encloses \
              them). NULL for an empty geometry (Sedona's `ST_YMax` answers `-Double.MAX_VALUE`). \
              Read from the coordinates in place.",
    examples: &[
        Example {
            sql: "st_yMax(st_geomFromWKT('LINESTRING(1 2,3 -4)'))",
            result: "2.0",
        },
        Example {
            sql: "st_yMax(st_geomFromWKT('MULTIPOINT((0 0.5),(3 0.25))'))",
            result: "0.5",
        },
        Example {
            sql: "st_yMax(st_geomFromWKT('POLYGON EMPTY'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_box_bound(args, |bbox| bbox.max().y)
}
