use strabo_geom::construct::make_line;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_makeLine",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[
        Signature::new(
            &[Param::new(
                "geoms",
                SqlType::Array(&SqlType::Geometry),
                "Points, multipoints or lines, in the order the line visits them; NULL items are skipped.",
            )],
            SqlType::Geometry,
            Implementation::Scalar(bind_array),
        ),
        Signature::new(
            &[
                Param::new("a", SqlType::Geometry, "The first point, multipoint or line."),
                Param::new("b", SqlType::Geometry, "The second, with the SRID of the first."),
            ],
            SqlType::Geometry,
            Implementation::Scalar(bind_pair),
        ),
    ],
    nulls: Nulls::Strict(None),
    summary: "A line through the vertices of points, multipoints and lines, in order.",
    details: "PostGIS's `ST_MakeLine`, and GeoMesa's `st_makeLine(array)`: a line's first vertex \
              is dropped where it repeats the vertex before it, so lines that meet end to end \
              join without a doubled vertex. Z and M are kept (a part without them gets 0). \
              The result has the SRID its parts share; parts of different SRIDs, polygons, and \
              fewer than two vertices in all raise `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_makeLine(st_point(1, 2), st_point(3, 4))",
            result: "LINESTRING(1 2,3 4)",
        },
        Example {
            sql: "st_makeLine(st_geomFromWKT('LINESTRING(0 0,1 1)'), st_geomFromWKT('LINESTRING(1 1,2 0)'))",
            result: "LINESTRING(0 0,1 1,2 0)",
        },
        Example {
            sql: "st_makeLine(array(st_point(0, 0), st_point(1, 1), st_point(2, 0)))",
            result: "LINESTRING(0 0,1 1,2 0)",
        },
    ],
};

fn bind_array(args: &BindArgs) -> Bound {
    map::<(ArrayOf<Geometry>,), GeomBuf, _>(args, |(items,), out| {
        let (parts, srid) = array_geometries(items, 0)?;
        out.set_srid(srid);
        let parts: Vec<_> = parts.iter().collect();
        out.push_wkb(|wkb| make_line(&parts, wkb))
            .map_err(KernelError::at(0))
    })
}

fn bind_pair(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), GeomBuf, _>(args, |(a, b), out| {
        out.push_wkb(|wkb| make_line(&[a, b], wkb))
            .map_err(KernelError::from)
    })
}
