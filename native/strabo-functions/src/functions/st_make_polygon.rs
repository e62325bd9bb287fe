use strabo_geom::construct::make_polygon;
use strabo_geom::GeomError;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_makePolygon",
    aliases: &["st_polygon"],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[
            Param::new(
                "shell",
                SqlType::Geometry,
                "The outer ring: a closed line string of at least four points.",
            ),
            Param::new(
                "holes",
                SqlType::Array(&SqlType::Geometry),
                "The inner rings, closed line strings with the SRID of the shell; NULL items are skipped.",
            )
            .optional(),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "A polygon from a closed line string, with holes from an array of closed line strings.",
    details: "PostGIS's `ST_MakePolygon` and Sedona's `ST_MakePolygon(shell, holes)`; \
              `st_polygon` is GeoMesa's name for it. Every ring must be a line string of at \
              least four points whose first and last points have the same X and Y: another \
              type, an open or short line, or an empty one raises `IllegalArgumentException`, \
              as PostGIS refuses it (GeoMesa makes `POLYGON EMPTY` of an empty line). The rings \
              are taken as given: their orientation is kept and the polygon is not checked for \
              validity. Z and M are kept (a ring without them gets 0). Holes of another SRID \
              than the shell's raise `IllegalArgumentException`. PostGIS's and Sedona's \
              `ST_Polygon(line, srid)` is `st_setSRID(st_polygon(line), srid)` here.",
    examples: &[
        Example {
            sql: "st_makePolygon(st_geomFromWKT('LINESTRING(0 0,4 0,4 4,0 4,0 0)'))",
            result: "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        },
        Example {
            sql: "st_makePolygon(st_geomFromWKT('LINESTRING(0 0,4 0,4 4,0 4,0 0)'), array(st_geomFromWKT('LINESTRING(1 1,2 1,2 2,1 1)')))",
            result: "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))",
        },
        Example {
            sql: "st_polygon(st_geomFromWKT('LINESTRING Z(75.15 29.53 1,77 29 1,77.6 29.5 1,75.15 29.53 1)'))",
            result: "POLYGON Z((75.15 29.53 1,77 29 1,77.6 29.5 1,75.15 29.53 1))",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 1 {
        return map::<(Geometry,), GeomBuf, _>(args, |(shell,), out| {
            out.push_wkb(|wkb| make_polygon(shell, &[], wkb))
                .map_err(KernelError::at(0))
        });
    }
    map::<(Geometry, ArrayOf<Geometry>), GeomBuf, _>(args, |(shell, holes), out| {
        let (holes, srid) = array_geometries(holes, 1)?;
        if !holes.is_empty() && srid != out.srid() {
            return Err(KernelError::at(1)(GeomError::MixedSrid(out.srid(), srid)));
        }
        let holes: Vec<_> = holes.iter().collect();
        // The message names the ring at fault: the shell or a hole.
        out.push_wkb(|wkb| make_polygon(shell, &holes, wkb))
            .map_err(KernelError::from)
    })
}
