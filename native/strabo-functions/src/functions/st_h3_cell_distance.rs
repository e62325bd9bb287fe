use strabo_h3::cell_distance;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_h3CellDistance",
    aliases: &[],
    category: Category::Grids,
    signatures: &[Signature::new(
        &[
            Param::new("cell1", SqlType::BigInt, "An H3 cell id."),
            Param::new(
                "cell2",
                SqlType::BigInt,
                "Another H3 cell id, of the same resolution.",
            ),
        ],
        SqlType::BigInt,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The number of steps between two H3 cells of the same resolution.",
    details: "Sedona's `ST_H3CellDistance` (H3's `gridDistance`). Where H3 cannot measure it \
              (cells too far apart, or on either side of a pentagon), the length of the path of \
              neighbouring cells drawn between the two cells' centres, less one, as Sedona falls \
              back to the length of its own approximate path (the two can differ by a few \
              steps). Ids that are not H3 cells, or cells of different resolutions, raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_h3CellDistance(614552609325318143, 614552341263155199)",
            result: "78",
        },
        Example {
            sql: "st_h3CellDistance(614552609325318143, 614552609325318143)",
            result: "0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(BigInt, BigInt), PrimBuf<i64>, _>(args, |(from, to), out| {
        // The message names the cell at fault.
        out.push(cell_distance(*from, *to)?);
        Ok(())
    })
}
