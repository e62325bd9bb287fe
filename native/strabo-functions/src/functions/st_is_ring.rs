use strabo_geom::accessors::is_ring;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_isRing",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if the line string is closed and simple: a ring.",
    details: "As PostGIS's `ST_IsRing` (GEOS's `isRing`): closed in X and Y, and touching or \
              crossing itself nowhere but where its ends meet; repeated vertices are ignored. An \
              empty geometry is not a ring, and a non-empty geometry of another type than a line \
              string raises `IllegalArgumentException`, as PostGIS raises an error. GeoMesa's \
              `st_isRing` answers JTS's `isSimple` for other types (and `isClosed` and `isSimple` \
              for multi line strings); Sedona's answers false for them.",
    examples: &[
        Example {
            sql: "st_isRing(st_geomFromWKT('LINESTRING(0 0,1 0,1 1,0 1,0 0)'))",
            result: "true",
        },
        Example {
            sql: "st_isRing(st_geomFromWKT('LINESTRING(0 0,1 1,1 0,0 1,0 0)'))",
            result: "false",
        },
        Example {
            sql: "st_isRing(st_geomFromWKT('LINESTRING(0 0,1 1)'))",
            result: "false",
        },
        Example {
            sql: "st_isRing(st_geomFromWKT('LINESTRING EMPTY'))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), BoolBuf, _>(args, |(g,), out| {
        out.push(is_ring(g).map_err(KernelError::at(0))?);
        Ok(())
    })
}
