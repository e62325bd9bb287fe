use strabo_geom::snap::snap;
use strabo_geom::GeomError;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_snap",
    aliases: &[],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[
            Param::new("input", SqlType::Geometry, "The geometry whose vertices move."),
            Param::new(
                "reference",
                SqlType::Geometry,
                "The geometry whose vertices it snaps to, with the SRID of the input.",
            ),
            Param::new(
                "tolerance",
                SqlType::Double,
                "How far a vertex or segment may be from a reference vertex to snap to it, in the units of the coordinates.",
            ),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The input with its vertices and segments snapped to the vertices of a reference geometry within a tolerance.",
    details: "PostGIS's and Sedona's `ST_Snap`, as GEOS's `GeometrySnapper` snaps: for each \
              distinct vertex of the reference in turn, the nearest vertex of each line, ring \
              or point of the input closer than `tolerance` moves onto it; then the nearest \
              segment closer than `tolerance` gets it as a new vertex. Rings stay closed; \
              snapping never removes vertices and may make polygons invalid, as in GEOS. \
              Moved and inserted vertices take the reference's Z and M where it has them; \
              otherwise a moved vertex keeps its own and an inserted one gets them \
              interpolated (GEOS gives it a NaN Z and drops M). The result keeps the input's \
              type, dimensions and parts, empty ones included (GEOS unwraps a one-member \
              multi-geometry and drops empty members), and its SRID. A negative tolerance \
              snaps nothing, as in GEOS; a NaN one raises `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_snap(st_geomFromWKT('LINESTRING(0 0,10 0.1,20 0)'), st_point(10, 0), 0.5)",
            result: "LINESTRING(0 0,10 0,20 0)",
        },
        Example {
            sql: "st_snap(st_geomFromWKT('LINESTRING(0 0,20 0)'), st_point(10, 0.2), 0.5)",
            result: "LINESTRING(0 0,10 0.2,20 0)",
        },
        Example {
            sql: "st_snap(st_geomFromWKT('POLYGON((0 0,10 0,10 10,0 10,0 0))'), st_geomFromWKT('LINESTRING(0.1 0.1,10.2 9.9)'), 0.5)",
            result: "POLYGON((0.1 0.1,10 0,10.2 9.9,0 10,0.1 0.1))",
        },
        Example {
            sql: "st_snap(st_geomFromWKT('LINESTRING(0 0,20 0)'), st_point(10, 0.2), 0.1)",
            result: "LINESTRING(0 0,20 0)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry, Double), GeomBuf, _>(args, |(input, reference, tolerance), out| {
        out.push_wkb(|wkb| snap(input, reference, *tolerance, wkb))
            .map_err(|error| match error {
                GeomError::InvalidParameter(_) => KernelError::at(2)(error),
                _ => KernelError::at(0)(error),
            })
    })
}
