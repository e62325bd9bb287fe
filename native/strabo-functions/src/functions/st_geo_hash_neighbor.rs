use strabo_geom::geohash::{neighbour, Direction};

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geoHashNeighbor",
    aliases: &[],
    category: Category::Grids,
    signatures: &[Signature::new(
        &[
            Param::new(
                "hash",
                SqlType::String,
                "A geohash of 1 to 12 characters; upper case reads as lower case.",
            ),
            Param::new(
                "direction",
                SqlType::String,
                "Where the neighbour is: 'n', 'ne', 'e', 'se', 's', 'sw', 'w' or 'nw', in any case.",
            ),
        ],
        SqlType::String,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some(
        "there is no cell in that direction (north of the northernmost row, south of the southernmost)",
    )),
    summary: "The geohash of the cell next to a geohash's in a compass direction.",
    details: concat!(
        "Sedona's `ST_GeoHashNeighbor`: the cell of the same length, in lower case. An \
         unknown direction raises `IllegalArgumentException`.",
        neighbour_doc!()
    ),
    examples: &[
        Example {
            sql: "st_geoHashNeighbor('u1pb', 'n')",
            result: "u1pc",
        },
        Example {
            sql: "st_geoHashNeighbor('u1pb', 'SW')",
            result: "u0zx",
        },
        Example {
            sql: "st_geoHashNeighbor('zzzz', 'e')",
            result: "bpbp",
        },
        Example {
            sql: "st_geoHashNeighbor('zzzz', 'n')",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Str, Str), StringBuf, _>(args, |(hash, direction), out| {
        let direction: Direction = direction.parse().map_err(KernelError::at(1))?;
        match neighbour(hash, direction).map_err(KernelError::at(0))? {
            Some(cell) => out.push(&cell),
            None => out.push_null(),
        }
        Ok(())
    })
}
