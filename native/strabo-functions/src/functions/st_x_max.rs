use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_xMax",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Double,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is empty")),
    summary: "The largest X of a geometry.",
    details: "From the geometry's 2D bounding box, as PostGIS's `ST_XMax` reads it from the \
              geometry's box: a polygon's holes do not extend it (a valid polygon's shell encloses \
              them). NULL for an empty geometry (Sedona's `ST_XMax` answers `-Double.MAX_VALUE`). \
              Read from the coordinates in place.",
    examples: &[
        Example {
            sql: "st_xMax(st_geomFromWKT('LINESTRING(1 2,3 -4)'))",
            result: "3.0",
        },
        Example {
            sql: "st_xMax(st_geomFromWKT('POLYGON((0 0,1 0,1 1,0 0),(5 5,6 5,6 6,5 5))'))",
            result: "1.0",
        },
        Example {
            sql: "st_xMax(st_geomFromWKT('GEOMETRYCOLLECTION EMPTY'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_box_bound(args, |bbox| bbox.max().x)
}
