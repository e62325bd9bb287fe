use strabo_geom::ewkb;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomFromEWKB",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "ewkb",
            SqlType::Binary,
            "PostGIS's Extended Well-Known Binary, or ISO WKB.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )
    .srid(ResultSrid::FromValue)],
    nulls: Nulls::Strict(None),
    summary: "Reads PostGIS's Extended Well-Known Binary into a geometry with the SRID it holds.",
    details: "As PostGIS's and Sedona's `ST_GeomFromEWKB`: the SRID is the one after the first \
              type code when its SRID flag is set, or 0 (ISO WKB, which is also read, has none); \
              a negative SRID is 0, as in PostGIS. Either byte order; Z and M are kept, as \
              flags or as ISO type codes. Truncated bytes, unknown type codes, an SRID on a \
              nested part, counts larger than the bytes and trailing bytes raise \
              `IllegalArgumentException` naming the value. Sedona also reads hexadecimal text; \
              here, `unhex` it first.",
    examples: &[
        Example {
            sql: "st_asEWKT(st_geomFromEWKB(X'0101000020E6100000000000000000F03F0000000000000040'))",
            result: "SRID=4326;POINT(1 2)",
        },
        Example {
            sql: "st_geomFromEWKB(X'01010000A0E6100000000000000000F03F00000000000000400000000000000840')",
            result: "POINT Z(1 2 3)",
        },
        Example {
            sql: "st_asEWKT(st_geomFromEWKB(X'0101000000000000000000F03F0000000000000040'))",
            result: "POINT(1 2)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_reader::<Binary, _>(args, |bytes, wkb| ewkb::read(bytes, wkb))
}
