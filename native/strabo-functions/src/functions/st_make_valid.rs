use strabo_geom::make_valid::make_valid;
use strabo_geom::validity::is_valid;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_makeValid",
    aliases: &[],
    category: Category::Overlay,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "A valid geometry covering the same points, repaired as PostGIS's `ST_MakeValid` repairs it.",
    details: "PostGIS's `ST_MakeValid` with its default 'linework' method (GEOS's `MakeValid`), \
              after PostGIS's clean-up of the input: NaN coordinates are dropped and rings \
              closed. A valid geometry comes back as it is, Z and M included. A line of one \
              distinct point becomes that point. Polygons are rebuilt from their rings' \
              linework, the faces of which are kept in alternation: a bow tie becomes its two \
              triangles, a hole outside its shell a polygon of its own, and overlapping \
              polygons of a multipolygon merge; linework bounding no area (a spike) is kept as \
              lines, and rings collapsed to a point as points, in a collection with the \
              polygons. A collection is repaired member by member, and a multi-geometry stays \
              one. Repaired geometries are 2D (PostGIS keeps Z), and their polygons are written \
              as the overlays write them (shells counter-clockwise, where GEOS writes them \
              clockwise): compare them with `st_equals`. Infinite coordinates raise \
              `IllegalArgumentException`. PostGIS's `params` ('method=structure', \
              'keepcollapsed') and Sedona's `keepCollapsed` are not supported.",
    examples: &[
        Example {
            sql: "st_equals(st_makeValid(st_geomFromWKT('POLYGON((0 0,2 2,2 0,0 2,0 0))')), st_geomFromWKT('MULTIPOLYGON(((0 0,1 1,0 2,0 0)),((1 1,2 0,2 2,1 1)))'))",
            result: "true",
        },
        Example {
            sql: "st_makeValid(st_geomFromWKT('LINESTRING(1 1,1 1)'))",
            result: "POINT(1 1)",
        },
        Example {
            sql: "st_makeValid(st_geomFromWKT('POINT Z(1 2 3)'))",
            result: "POINT Z(1 2 3)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        // A valid geometry is returned as it is, which keeps its Z and M.
        if is_valid(g) {
            out.push(g);
        } else {
            out.push_geometry(&make_valid(g).map_err(KernelError::at(0))?);
        }
        Ok(())
    })
}
