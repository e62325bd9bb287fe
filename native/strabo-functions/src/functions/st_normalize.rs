use strabo_geom::normalize::normalize;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_normalize",
    aliases: &[],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry in its normalized form, so that equal geometries written differently compare equal.",
    details: "PostGIS's and Sedona's `ST_Normalize`, GEOS's normal form: a polygon's shell \
              starts at its least vertex (by X, then Y) and runs clockwise, its holes \
              counter-clockwise, sorted in descending order; a closed line starts at its least \
              vertex and runs clockwise, an open one from the lesser of its ends; the members \
              of multi-geometries and collections are sorted in descending order, ordered by \
              type, then emptiness, then vertex count and vertices. Z and M stay with their \
              vertices and never decide the order; the SRID is kept. Where GEOS's order is \
              undefined this one is total (NaN ordinates sort after all numbers, equal parts \
              keep their order). As in GEOS, a ring whose least vertex repeats next to its \
              closing vertex loses one of the repeats, but never below 4 vertices (GEOS then \
              writes a ring of 3, which no reader takes back).",
    examples: &[
        Example {
            sql: "st_normalize(st_geomFromWKT('POLYGON((1 1,0 0,1 0,1 1))'))",
            result: "POLYGON((0 0,1 1,1 0,0 0))",
        },
        Example {
            sql: "st_normalize(st_geomFromWKT('MULTIPOINT((0 0),(1 1))'))",
            result: "MULTIPOINT((1 1),(0 0))",
        },
        Example {
            sql: "st_normalize(st_geomFromWKT('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(2 2,0 0))'))",
            result: "GEOMETRYCOLLECTION(LINESTRING(0 0,2 2),POINT(1 1))",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_wkb(|wkb| normalize(g, wkb))
            .map_err(KernelError::at(0))
    })
}
