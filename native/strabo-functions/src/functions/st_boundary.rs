use strabo_geom::boundary::boundary;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_boundary",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("a GEOMETRYCOLLECTION has no boundary, as in GEOS")),
    summary: "The boundary of the geometry: the endpoints of its lines, the rings of its polygons.",
    details: "GeoMesa's `st_boundary` (JTS), as GEOS and Sedona compute it: a point or \
              multipoint has none (`GEOMETRYCOLLECTION EMPTY`); a line gives its two endpoints \
              as a `MULTIPOINT`, or `MULTIPOINT EMPTY` if it is closed; a multilinestring the \
              endpoints that end an odd number of its lines (the mod-2 rule), in x-then-y \
              order; a polygon its shell as a `LINESTRING` if it has no holes, else all its \
              rings as a `MULTILINESTRING`, and a multipolygon all its rings. An empty input \
              gives the empty form of what its type would give (`POLYGON EMPTY` gives \
              `MULTILINESTRING EMPTY`). A `GEOMETRYCOLLECTION` gives NULL, as GEOS (shapely) \
              answers and PostGIS documents (JTS, so GeoMesa and Sedona, raise an error). \
              Rings are not checked for validity. Z and M are dropped. NaN or infinite \
              coordinates raise `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_boundary(st_geomFromWKT('LINESTRING(0 0,1 1,2 0)'))",
            result: "MULTIPOINT((0 0),(2 0))",
        },
        Example {
            sql: "st_boundary(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))'))",
            result: "MULTILINESTRING((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))",
        },
        Example {
            sql: "st_boundary(st_geomFromWKT('MULTILINESTRING((0 0,1 1),(1 1,2 0))'))",
            result: "MULTIPOINT((0 0),(2 0))",
        },
        Example {
            sql: "st_boundary(st_point(1, 1))",
            result: "GEOMETRYCOLLECTION EMPTY",
        },
        Example {
            sql:
                "st_boundary(st_geomFromWKT('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 0))'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        push_or_null(out, boundary(g).map_err(KernelError::at(0))?);
        Ok(())
    })
}
