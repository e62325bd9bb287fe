use strabo_h3::cells_of;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_h3CellIDs",
    aliases: &[],
    category: Category::Grids,
    signatures: &[Signature::new(
        &[
            Param::new(
                "geom",
                SqlType::Geometry,
                "The geometry to cover, in longitude and latitude.",
            ),
            H3_LEVEL,
            Param::new(
                "fullCover",
                SqlType::Boolean,
                "Whether to take every cell the geometry meets, not only those near its vertices or holding its area.",
            ),
        ],
        SqlType::Array(&SqlType::BigInt),
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The ids of the H3 cells of a resolution that cover a geometry.",
    details: "Sedona's `ST_H3CellIDs`, on the h3o port of H3: the cells, sorted ascending \
              without repeats (Sedona returns them in no set order). A point gives its cell; a \
              line, for each segment the chain of neighbouring cells H3 draws between the cells \
              of its ends (along the great circle; with `fullCover`, also the cells beside it, \
              as Sedona takes them); a polygon, the cells whose centres it holds, or its \
              centroid's cell if none does, and with `fullCover` every cell that meets it \
              (Sedona can miss some along long edges). Parts of multi-geometries and \
              collections are covered one by one; an empty geometry gives an empty array. The \
              coordinates are read as longitude and latitude whatever the SRID; an edge \
              spanning more than 180 degrees of longitude crosses the antimeridian, as in H3. \
              Coordinates that are not finite, latitudes beyond 90 degrees or longitudes beyond \
              360, a level outside 0 to 15, or a cover of more than 4194304 cells raise \
              `IllegalArgumentException` (Sedona has no cap).",
    examples: &[
        Example {
            sql: "st_h3CellIDs(st_point(1, 2), 8, false)",
            result: "[614552609325318143]",
        },
        Example {
            sql: "st_h3CellIDs(st_geomFromWKT('POLYGON((0 0,0.5 0,0.5 0.5,0 0.5,0 0))'), 4, false)",
            result: "[596538805289222143, 596538813879156735]",
        },
        Example {
            sql: "st_h3CellIDs(st_geomFromWKT('POINT EMPTY'), 8, true)",
            result: "[]",
        },
    ],
};

/// An H3 resolution.
pub(super) const H3_LEVEL: Param = Param::new(
    "level",
    SqlType::Int,
    "The H3 resolution, 0 (the coarsest, 122 cells over the Earth) to 15 (about 1 square metre).",
);

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Int, Boolean), ListBuf<PrimBuf<i64>>, _>(args, |(g, level, full), out| {
        // The message says which argument is at fault: the level, a coordinate or the size.
        let cells = cells_of(g, *level, *full)?;
        out.push_with(|items| {
            cells.iter().for_each(|&cell| items.push(cell));
            Ok(())
        })
    })
}
