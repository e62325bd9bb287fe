use strabo_h3::k_ring;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_h3KRing",
    aliases: &[],
    category: Category::Grids,
    signatures: &[Signature::new(
        &[
            Param::new("cell", SqlType::BigInt, "An H3 cell id."),
            Param::new("k", SqlType::Int, "How many steps from the cell, 0 or more."),
            Param::new(
                "exactRing",
                SqlType::Boolean,
                "Whether to take only the cells exactly `k` steps away, not all within `k`.",
            ),
        ],
        SqlType::Array(&SqlType::BigInt),
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The ids of the H3 cells within `k` steps of a cell, or exactly `k` steps away.",
    details: "Sedona's `ST_H3KRing` (H3's `gridDisk`): the cell first, then ring by ring in H3's \
              order; with `exactRing`, the disk of `k` less the disk of `k - 1`, in the same \
              order, as Sedona computes it. `k` = 0 gives the cell itself, even with \
              `exactRing`. Near a pentagon H3 walks the disk another way, so the order differs \
              from H3-Java's (the cells are the same). An id that is not an H3 cell, a negative \
              `k`, or a `k` above 1181 (whose disk could hold more than 4194304 cells) raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_h3KRing(614552609325318143, 1, false)",
            result: "[614552609325318143, 614552597293957119, 614552609329512447, 614552609316929535, 614552609327415295, 614552609287569407, 614552597289762815]",
        },
        Example {
            sql: "st_h3KRing(614552609325318143, 1, true)",
            result: "[614552597293957119, 614552609329512447, 614552609316929535, 614552609327415295, 614552609287569407, 614552597289762815]",
        },
        Example {
            sql: "st_h3KRing(614552609325318143, 0, true)",
            result: "[614552609325318143]",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(BigInt, Int, Boolean), ListBuf<PrimBuf<i64>>, _>(args, |(cell, k, exact), out| {
        // The message names what is wrong: the cell or `k`.
        let cells = k_ring(*cell, *k, *exact)?;
        out.push_with(|items| {
            cells.iter().for_each(|&cell| items.push(cell));
            Ok(())
        })
    })
}
