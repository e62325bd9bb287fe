use strabo_h3::cell_polygon;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_h3ToGeom",
    aliases: &[],
    category: Category::Grids,
    signatures: &[Signature::new(
        &[Param::new(
            "cells",
            SqlType::Array(&SqlType::BigInt),
            "H3 cell ids.",
        )],
        SqlType::Array(&SqlType::Geometry),
        Implementation::Scalar(bind),
    )
    .srid(ResultSrid::Fixed(4326))],
    nulls: Nulls::Strict(None),
    summary: "The boundaries of H3 cells as polygons in longitude and latitude, with SRID 4326.",
    details: "Sedona's `ST_H3ToGeom`: one polygon per cell, in the order of the cells, with SRID \
              4326 (Sedona gives SRID 0). A ring has the vertices H3 gives, counter-clockwise, \
              closed by the first (Sedona's may start at another vertex). A cell across the \
              antimeridian is split into a multipolygon of its east and west parts, and a cell \
              around a pole is closed along the pole's latitude, so that every shape is valid \
              with longitudes in [-180, 180] (Sedona draws such cells as bands around the \
              world). A NULL item gives a NULL geometry; an id that is not an H3 cell raises \
              `IllegalArgumentException`.",
    examples: &[
        // Not the coordinates: h3o's differ from H3's in the last digits.
        Example {
            sql: "st_numPoints(st_collect(st_h3ToGeom(st_h3CellIDs(st_point(1, 2), 8, false))))",
            result: "7",
        },
        Example {
            sql: "st_numGeometries(st_collect(st_h3ToGeom(st_h3KRing(614552609325318143, 1, false))))",
            result: "7",
        },
        Example {
            sql: "size(st_h3ToGeom(array(614552609325318143, NULL)))",
            result: "2",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(ArrayOf<BigInt>,), ListBuf<GeomBuf>, _>(args, |(cells,), out| {
        out.push_with(|polygons| {
            for cell in cells.iter() {
                match cell {
                    Some(cell) => {
                        let cell = cell.map_err(KernelError::at(0))?;
                        polygons.push_geometry(&cell_polygon(cell).map_err(KernelError::at(0))?);
                    }
                    None => polygons.push_null(),
                }
            }
            Ok(())
        })
    })
}
