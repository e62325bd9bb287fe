use strabo_geom::antimeridian::antimeridian_safe;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_antimeridianSafeGeom",
    aliases: &["st_idlSafeGeom"],
    category: Category::Processing,
    signatures: &[Signature::new(
        &[Param::new(
            "geom",
            SqlType::Geometry,
            "A geometry in longitude/latitude.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "A longitude/latitude geometry that crosses the antimeridian, split into parts on either side of it.",
    details: "GeoMesa's `st_antimeridianSafeGeom` (and its alias `st_idlSafeGeom`), step by \
              step: if the geometry reaches beyond longitude ±180 every longitude is wrapped \
              into [-180, 180); an edge whose ends are more than 180° of longitude apart is \
              taken to cross the antimeridian, so each line and ring is unwrapped to run on \
              continuously; what then reaches beyond ±180 is cut at the antimeridian and \
              shifted back, one piece staying a line or polygon and several making a \
              multi-geometry. Lines are cut at their exact crossings, their vertices kept; \
              polygons are cut by `geo`'s overlay, which snaps their vertices to a grid of \
              about 2^-30 of their extent, and whose pieces may come in another order, and \
              start at another vertex, than GeoMesa's. A geometry within [-180, 180] and crossing nothing \
              is returned unchanged, and so is an empty one. Where GeoMesa differs: it fails on \
              a crossing polygon with holes and on collections, handled here (a collection \
              part by part); it refuses invalid polygons and latitudes beyond ±90, which pass \
              here unchecked; and its final union dissolves lines that retrace themselves. A \
              ring that encircles a pole cannot be unwrapped into a closed ring and raises \
              `IllegalArgumentException`, as GeoMesa fails on it; so do NaN or infinite \
              coordinates. Z and M are dropped.",
    examples: &[
        Example {
            sql: "st_antimeridianSafeGeom(st_geomFromWKT('LINESTRING(170 0,-170 0)'))",
            result: "MULTILINESTRING((170 0,180 0),(-180 0,-170 0))",
        },
        Example {
            sql: "st_numGeometries(st_antimeridianSafeGeom(st_geomFromWKT('POLYGON((-190 50,-190 60,-170 60,-170 50,-190 50))')))",
            result: "2",
        },
        Example {
            sql: "st_area(st_antimeridianSafeGeom(st_geomFromWKT('POLYGON((-190 50,-190 60,-170 60,-170 50,-190 50))')))",
            result: "200.0",
        },
        Example {
            sql: "st_idlSafeGeom(st_geomFromWKT('LINESTRING(0 0,10 10)'))",
            result: "LINESTRING(0 0,10 10)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        match antimeridian_safe(g).map_err(KernelError::at(0))? {
            Some(safe) => out.push_geometry(&safe),
            None => out.push(g),
        }
        Ok(())
    })
}
