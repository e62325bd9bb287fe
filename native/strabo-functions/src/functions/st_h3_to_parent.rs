use strabo_h3::parent;

use super::prelude::*;
use super::st_h3_cell_ids::H3_LEVEL;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_h3ToParent",
    aliases: &[],
    category: Category::Grids,
    signatures: &[Signature::new(
        &[
            Param::new("cell", SqlType::BigInt, "An H3 cell id."),
            H3_LEVEL,
        ],
        SqlType::BigInt,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The id of the H3 cell of a coarser resolution that holds a cell.",
    details: "Sedona's `ST_H3ToParent` (H3's `cellToParent`); the cell's own resolution gives \
              the cell itself. An id that is not an H3 cell, or a level outside 0 to the cell's \
              own resolution, raises `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_h3ToParent(614552609325318143, 5)",
            result: "601041811137363967",
        },
        Example {
            sql: "st_h3ToParent(614552609325318143, 8)",
            result: "614552609325318143",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(BigInt, Int), PrimBuf<i64>, _>(args, |(cell, level), out| {
        // The message says which is wrong: the cell or the level.
        out.push(parent(*cell, *level)?);
        Ok(())
    })
}
