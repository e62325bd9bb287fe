use strabo_geom::accessors::exterior_ring;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_exteriorRing",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is not a polygon")),
    summary: "The shell of a polygon, as a line string.",
    details: "Z and M are kept. An empty polygon gives `LINESTRING EMPTY`. Any other type, a \
              multipolygon included, gives NULL, as in PostGIS and GeoMesa.",
    examples: &[
        Example {
            sql: "st_exteriorRing(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))'))",
            result: "LINESTRING(0 0,4 0,4 4,0 4,0 0)",
        },
        Example {
            sql: "st_exteriorRing(st_geomFromWKT('POLYGON EMPTY'))",
            result: "LINESTRING EMPTY",
        },
        Example {
            sql: "st_exteriorRing(st_geomFromWKT('MULTIPOLYGON(((0 0,1 0,1 1,0 0)))'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_wkb_or_null(|wkb| Ok(exterior_ring(g, wkb)))
    })
}
