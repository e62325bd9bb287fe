use strabo_geom::editing::segmentize;
use strabo_geom::GeomError;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_segmentize",
    aliases: &[],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new(
                "maxSegmentLength",
                SqlType::Double,
                "The longest a segment may be, in the units of the coordinates; positive.",
            ),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry with vertices added so that no segment is longer than a length.",
    details: "PostGIS's and Sedona's `ST_Segmentize` for geometries (planar, in the units of \
              the coordinates): a segment of length `l` is split into `ceil(l / \
              maxSegmentLength)` equal parts, whose new vertices have Z and M interpolated; \
              points are unchanged and the SRID is kept. As in PostGIS, a line or ring of more \
              than 2 vertices loses vertices that repeat the one before, and the vertices are \
              placed with PostGIS's arithmetic (GEOS's densify, `shapely.segmentize`, may \
              differ in the last bit and rebuilds invalid polygons). A `maxSegmentLength` that \
              is not positive (NaN included, which PostGIS lets through), a line or ring left \
              too short without its repeated vertices (PostGIS writes one no reader takes \
              back), and a result of more than 1,000,000 coordinates raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_segmentize(st_geomFromWKT('LINESTRING(0 0,10 0)'), 3)",
            result: "LINESTRING(0 0,2.5 0,5 0,7.5 0,10 0)",
        },
        Example {
            sql: "st_segmentize(st_geomFromWKT('LINESTRING Z(0 0 0,10 0 10)'), 3)",
            result: "LINESTRING Z(0 0 0,2.5 0 2.5,5 0 5,7.5 0 7.5,10 0 10)",
        },
        Example {
            sql: "st_numPoints(st_segmentize(st_makeBBOX(0, 0, 10, 10), 1))",
            result: "41",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Double), GeomBuf, _>(args, |(g, max), out| {
        out.push_wkb(|wkb| segmentize(g, *max, wkb))
            .map_err(|error| match error {
                // A bad length, or one too small for the geometry.
                GeomError::InvalidParameter(_) => KernelError::at(1)(error),
                _ => KernelError::at(0)(error),
            })
    })
}
