use strabo_geom::buffer::{buffer, BufferParams};
use strabo_geom::Geo;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_buffer",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature {
        params: &[
            GEOM,
            Param::new(
                "distance",
                SqlType::Double,
                "How far from the geometry, in the units of its coordinates; negative shrinks polygons.",
            ),
            Param::new(
                "params",
                SqlType::String,
                "PostGIS's buffer parameters, e.g. 'quad_segs=8 endcap=round join=round mitre_limit=5'.",
            )
            .optional()
            .constant(),
        ],
        returns: SqlType::Geometry,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "The polygon of all points within `distance` of the geometry.",
    details: "Planar, in the units of the coordinates, with the geometry's SRID. `params` takes \
              PostGIS's space-separated `key=value` pairs: `quad_segs` (segments per quarter \
              circle, default 8), `endcap` (`round`, `flat` or `square`), `join` (`round`, \
              `mitre` or `bevel`) and `mitre_limit` (default 5); it must be a constant and is \
              parsed once per task, and an unknown key or value raises \
              `IllegalArgumentException`. `side=left|right` is not supported. The result is a \
              polygon, a multipolygon when the buffer falls apart, or `POLYGON EMPTY` (an empty \
              input, or a point or line buffered by 0 or less). Buffers are computed with \
              `geo`'s i_overlay offsetting, which places arc vertices as GEOS does for points \
              and may differ slightly for joins.",
    examples: &[
        Example { sql: "st_numPoints(st_buffer(st_point(0, 0), 1.0))", result: "33" },
        Example { sql: "st_numPoints(st_buffer(st_point(0, 0), 1.0, 'quad_segs=2'))", result: "9" },
        Example {
            sql: "st_area(st_buffer(st_geomFromWKT('LINESTRING(0 0,10 0)'), 1.0, 'endcap=flat'))",
            result: "20.0",
        },
        Example { sql: "st_buffer(st_point(0, 0), 0.0)", result: "POLYGON EMPTY" },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 2 {
        let params = BufferParams::default();
        return map::<(Geometry, Double), GeomBuf, _>(args, move |(g, d), out| {
            write(g, *d, &params, out)
        });
    }
    // A NULL parameter string makes every row NULL, as the loop's constant handling does.
    let params = match args.constant(2) {
        Some(Scalar::String(text)) => text
            .parse()
            .map_err(|error| BindError::Constant { arg: 2, error })?,
        _ => BufferParams::default(),
    };
    map::<(Geometry, Double, Str), GeomBuf, _>(args, move |(g, d, _), out| {
        write(g, *d, &params, out)
    })
}

fn write(
    geometry: &Geo,
    distance: f64,
    params: &BufferParams,
    out: &mut GeomBuf,
) -> Result<(), KernelError> {
    let mut polygons = buffer(geometry, distance, params).map_err(KernelError::at(1))?;
    match polygons.0.len() {
        0 => out.push_geometry(&geo::Polygon::new(
            geo::LineString::new(Vec::new()),
            Vec::new(),
        )),
        1 => out.push_geometry(&polygons.0.remove(0)),
        _ => out.push_geometry(&polygons),
    }
    Ok(())
}
