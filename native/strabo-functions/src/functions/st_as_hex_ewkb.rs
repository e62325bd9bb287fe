use strabo_geom::ewkb;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asHexEWKB",
    aliases: &[],
    category: Category::Outputs,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::String,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry's Extended Well-Known Binary as upper-case hexadecimal text.",
    details: "The bytes of `st_asEWKB` (little-endian, the SRID after the first type code \
              unless it is 0), as PostGIS's `ST_AsHexEWKB` and Sedona's `ST_AsHEXEWKB` write \
              them with their default byte order; PostGIS and shapely \
              (`to_wkb(g, hex=True, flavor='extended', include_srid=True)`) give the same text. \
              The optional byte order of PostGIS and Sedona (`'XDR'` for big-endian) is not \
              supported. PostGIS reads the text back as a geometry literal.",
    examples: &[
        Example {
            sql: "st_asHexEWKB(st_geomFromEWKT('SRID=4326;POINT(1 2 3)'))",
            result: "01010000A0E6100000000000000000F03F00000000000000400000000000000840",
        },
        Example {
            sql: "st_asHexEWKB(st_geomFromWKT('LINESTRING(0 0,1 1)'))",
            result:
                "01020000000200000000000000000000000000000000000000000000000000F03F000000000000F03F",
        },
        Example {
            sql: "st_asHexEWKB(st_geomFromEWKT('SRID=3857;POINT EMPTY'))",
            result: "0101000020110F0000000000000000F87F000000000000F87F",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(GeometryWithSrid,), StringBuf, _>(args, |((g, srid),), out| {
        out.push(&ewkb::to_hex(g, *srid));
        Ok(())
    })
}
