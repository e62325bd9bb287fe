use std::cell::RefCell;

use strabo_geom::ewkb;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asEWKB",
    aliases: &[],
    category: Category::Outputs,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Binary,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry as PostGIS's Extended Well-Known Binary, which carries its SRID.",
    details: "As PostGIS's `ST_AsEWKB` and Sedona's `ST_AsEWKB` write it, little-endian: Z and \
              M as flags in the high bits of every type code, and the SRID flag and the SRID \
              after the first type code unless the SRID is 0 (the bytes are then ISO WKB's for \
              a 2D geometry). An empty point has NaN coordinates, as in WKB. PostGIS's optional \
              byte order (`'XDR'` for big-endian) is not supported. `st_geomFromEWKB` reads it \
              back with its SRID.",
    examples: &[
        Example {
            sql: "st_asEWKB(st_point(1.0, 2.0, 4326))",
            result: "0101000020E6100000000000000000F03F0000000000000040",
        },
        Example {
            sql: "st_asEWKB(st_geomFromEWKT('SRID=4326;POINTM(1 2 3)'))",
            result: "0101000060E6100000000000000000F03F00000000000000400000000000000840",
        },
        Example {
            sql: "st_asEWKB(st_point(1.0, 2.0))",
            result: "0101000000000000000000F03F0000000000000040",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    // Each row's bytes are written here first: a BINARY buffer takes whole values.
    let scratch = RefCell::new(Vec::new());
    map::<(GeometryWithSrid,), BinaryBuf, _>(args, move |((g, srid),), out| {
        let mut bytes = scratch.borrow_mut();
        bytes.clear();
        ewkb::write(g, *srid, &mut bytes);
        out.push(&bytes);
        Ok(())
    })
}
