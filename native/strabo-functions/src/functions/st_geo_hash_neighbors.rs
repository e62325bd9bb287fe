use strabo_geom::geohash::neighbours;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geoHashNeighbors",
    aliases: &[],
    category: Category::Grids,
    signatures: &[Signature::new(
        &[Param::new(
            "hash",
            SqlType::String,
            "A geohash of 1 to 12 characters; upper case reads as lower case.",
        )],
        SqlType::Array(&SqlType::String),
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geohashes of the eight cells around a geohash's, clockwise from north.",
    details: concat!(
        "Sedona's `ST_GeoHashNeighbors`: the cells of the same length to the N, NE, E, SE, S, \
         SW, W and NW, in that order and in lower case; where there is no cell (north of the \
         northernmost row, south of the southernmost), the item is NULL.",
        neighbour_doc!()
    ),
    examples: &[
        Example {
            sql: "st_geoHashNeighbors('u1pb')",
            result: "[u1pc, u301, u300, u2bp, u0zz, u0zx, u1p8, u1p9]",
        },
        Example {
            sql: "st_geoHashNeighbors('zzzz')",
            result: "[NULL, NULL, bpbp, bpbn, zzzy, zzzw, zzzx, NULL]",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Str,), ListBuf<StringBuf>, _>(args, |(hash,), out| {
        let cells = neighbours(hash).map_err(KernelError::at(0))?;
        out.push_with(|items| {
            for cell in &cells {
                match cell {
                    Some(cell) => items.push(cell),
                    None => items.push_null(),
                }
            }
            Ok(())
        })
    })
}
