use strabo_geom::buffer::buffer_point;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_bufferPoint",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature::new(
        &[
            Param::new("point", SqlType::Geometry, "A longitude/latitude point."),
            Param::new(
                "metres",
                SqlType::Double,
                "The radius in metres, more than 0.",
            ),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "A polygon of 100 vertices around a longitude/latitude point, `metres` from it.",
    details: "GeoMesa's `st_bufferPoint`, built as GeoMesa builds it: the radius in degrees of \
              arc on a sphere of radius 6371.0087714 km, the width in longitude of spatial4j's \
              box around that spherical circle, then a circle of that diameter in degree space \
              (vertex i of 100 at angle i·2π/100 counter-clockwise from east) made \
              antimeridian-safe as `st_antimeridianSafeGeom` does. So it is a true circle only \
              at the equator: away from it the polygon spans as many degrees north–south as \
              east–west, about 1/cos(latitude) times the requested radius. Across the \
              antimeridian it is a multipolygon; where it reaches beyond latitude ±90 it is cut \
              there (GeoMesa returns latitudes up to 270), so with a pole inside its box it \
              covers nearly the whole band. Any longitude is wrapped. An empty point gives \
              `POLYGON EMPTY`. A radius of 0 or less, NaN or infinite (GeoMesa fails on 0 \
              too), a latitude beyond ±90, NaN or infinite coordinates, and geometries other \
              than points raise `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_numPoints(st_bufferPoint(st_point(0, 0), 1000.0))",
            result: "101",
        },
        Example {
            sql: "st_numGeometries(st_bufferPoint(st_point(179.99, 0), 10000.0))",
            result: "2",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Double), GeomBuf, _>(args, |(point, metres), out| {
        let refused = !(metres.is_finite() && *metres > 0.0);
        match buffer_point(point, *metres).map_err(blame(1, refused))? {
            Some(circle) => out.push_geometry(&circle),
            None => out.push_geometry(&geo::Polygon::new(
                geo::LineString::new(Vec::new()),
                Vec::new(),
            )),
        }
        Ok(())
    })
}
