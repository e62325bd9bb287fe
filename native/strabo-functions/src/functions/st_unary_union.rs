use strabo_geom::overlay::unary_union;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_unaryUnion",
    aliases: &[],
    category: Category::Overlay,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The union of the parts of one geometry.",
    details: concat!(
        "PostGIS's and Sedona's `ST_UnaryUnion`, as GEOS computes it: polygons merge, lines \
         are cut where they cross or touch and overlapping stretches kept once, repeated \
         points kept once, then lines inside polygons and points on lines or polygons \
         dropped. A single polygon comes back as it is, even invalid, as in GEOS; several \
         must each be valid (they may overlap). A line of one distinct point is dropped. An \
         empty input gives `POINT EMPTY` or `LINESTRING EMPTY` when it has an empty point or \
         line, else `GEOMETRYCOLLECTION EMPTY`, as in GEOS (PostGIS returns an empty input as \
         it is).",
        overlay_doc!()
    ),
    examples: &[
        Example {
            sql: "st_area(st_unaryUnion(st_geomFromWKT('MULTIPOLYGON(((0 0,2 0,2 1,0 1,0 0)),((1 0,3 0,3 1,1 1,1 0)))')))",
            result: "3.0",
        },
        Example {
            sql: "st_unaryUnion(st_geomFromWKT('MULTILINESTRING((0 0,2 2),(0 2,2 0))'))",
            result: "MULTILINESTRING((0 0,1 1),(1 1,2 2),(0 2,1 1),(1 1,2 0))",
        },
        Example {
            sql: "st_unaryUnion(st_geomFromWKT('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,2 2),POINT(5 5))'))",
            result: "GEOMETRYCOLLECTION(POINT(5 5),LINESTRING(0 0,2 2))",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_geometry(&unary_union(g).map_err(KernelError::at(0))?);
        Ok(())
    })
}
