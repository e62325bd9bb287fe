use strabo_geom::accessors::kind;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geometryType",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::String,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The type of a geometry as JTS names it: `Point`, `LineString`, `Polygon`, \
              `MultiPoint`, `MultiLineString`, `MultiPolygon` or `GeometryCollection`.",
    details: "GeoMesa's `st_geometryType`. PostGIS's and Sedona's `ST_GeometryType` answer the \
              same names with an `ST_` prefix (`ST_Point`); SQL names ignore case, so Strabo has \
              one function of this name and it keeps GeoMesa's answer: `concat('ST_', \
              st_geometryType(geom))` gives theirs. Z and M are not named (a `POINT Z` is a \
              `Point`), as in all three; a box from `st_makeBBOX` is a `Polygon`. Read from the \
              WKB header.",
    examples: &[
        Example {
            sql: "st_geometryType(st_point(1, 2))",
            result: "Point",
        },
        Example {
            sql: "st_geometryType(st_geomFromWKT('LINESTRING Z(0 0 1,1 1 2)'))",
            result: "LineString",
        },
        Example {
            sql: "st_geometryType(st_geomFromWKT('MULTIPOLYGON(((0 0,1 0,1 1,0 0)))'))",
            result: "MultiPolygon",
        },
        Example {
            sql: "st_geometryType(st_geomFromWKT('GEOMETRYCOLLECTION EMPTY'))",
            result: "GeometryCollection",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), StringBuf, _>(args, |(g,), out| {
        out.push(kind(g).jts_name());
        Ok(())
    })
}
