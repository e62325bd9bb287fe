use strabo_geom::precision::reduce_precision;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_reducePrecision",
    aliases: &[],
    category: Category::Overlay,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new(
                "gridSize",
                SqlType::Double,
                "The grid the coordinates are rounded to, in the units of the coordinates.",
            ),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry with its coordinates rounded to a grid of `gridSize`, kept valid.",
    details: "PostGIS's `ST_ReducePrecision` (GEOS's precision reducer): points are rounded (a \
              multipoint keeps points that round together); lines are rounded and lose \
              repeated points, one that collapses to a point becomes empty (and is dropped \
              from a multiline); polygons are rounded and unioned on the grid, so one narrower \
              than the grid vanishes, polygons rounding onto each other merge, and crossings \
              of edges are placed on the grid too. A collection is reduced member by member, \
              empty results dropped. Coordinates are rounded half up, as GEOS rounds them. A \
              grid size of 0 returns the geometry as it is; a negative one counts as its \
              absolute value; NaN or infinite raises `IllegalArgumentException`, as do \
              invalid polygons (where GEOS fails with a `TopologyException`), NaN or infinite \
              coordinates, and a polygon spanning more than 2^30 grid steps. The result is 2D \
              (PostGIS keeps Z), and its polygons are written as the overlays write them \
              (shells counter-clockwise, where GEOS writes them clockwise). Sedona's `ST_ReducePrecision(geom, decimals)` takes a number \
              of decimal places instead: `gridSize` is `10^-decimals`.",
    examples: &[
        Example {
            sql: "st_reducePrecision(st_point(1.234, 5.678), 0.1)",
            result: "POINT(1.2 5.7)",
        },
        Example {
            sql: "st_equals(st_reducePrecision(st_geomFromWKT('POLYGON((0.2 0.1,9.8 0.1,9.8 2.9,0.2 2.9,0.2 0.1))'), 1.0), st_makeBBOX(0, 0, 10, 3))",
            result: "true",
        },
        Example {
            sql: "st_reducePrecision(st_geomFromWKT('LINESTRING(0 0,0.4 0.4)'), 1.0)",
            result: "LINESTRING EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Double), GeomBuf, _>(args, |(g, grid_size), out| {
        if *grid_size == 0.0 {
            // Unchanged, Z and M included.
            out.push(g);
            return Ok(());
        }
        let blamed = if grid_size.is_finite() { 0 } else { 1 };
        out.push_geometry(&reduce_precision(g, *grid_size).map_err(KernelError::at(blamed))?);
        Ok(())
    })
}
