use strabo_geom::envelope::envelope;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_envelope",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature {
        params: &[GEOM],
        returns: SqlType::Geometry,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "The bounding box of a geometry, as a geometry with the same SRID.",
    details: "As in PostGIS and JTS, the box of a point is the point and a box with no width or \
              no height is a line; otherwise a polygon (xmin ymin, xmin ymax, xmax ymax, xmax \
              ymin, xmin ymin). The envelope of an empty geometry is that empty geometry. The \
              box is read from the coordinates in place.",
    examples: &[
        Example {
            sql: "st_envelope(st_geomFromWKT('LINESTRING(0 0,4 2)'))",
            result: "POLYGON((0 0,0 2,4 2,4 0,0 0))",
        },
        Example {
            sql: "st_envelope(st_point(1, 2))",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_envelope(st_geomFromWKT('LINESTRING(1 0,1 5)'))",
            result: "LINESTRING(1 0,1 5)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        match envelope(g) {
            Some(bbox) => out.push_geometry(&bbox),
            None => out.push(g),
        }
        Ok(())
    })
}
