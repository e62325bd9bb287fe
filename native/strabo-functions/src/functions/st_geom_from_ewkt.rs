use strabo_geom::ewkt;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomFromEWKT",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "ewkt",
            SqlType::String,
            "Extended Well-Known Text, e.g. 'SRID=4326;POINT(1 2)', or plain WKT.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )
    .srid(ResultSrid::FromValue)],
    nulls: Nulls::Strict(None),
    summary: "Parses PostGIS's Extended Well-Known Text into a geometry with the SRID it names.",
    details: "As PostGIS's and Sedona's `ST_GeomFromEWKT`: the SRID is the `SRID=<n>;` \
              prefix's (its letters in any case), or 0 without one; a negative SRID is 0, as in \
              PostGIS. Both spellings of dimensions are read: PostGIS's (`POINT(1 2 3)` is Z, \
              `POINTM(1 2 3)` is M, `POINT(1 2 3 4)` is ZM) and ISO's (`POINT Z (1 2 3)`). A \
              prefix without `;` or with a number that is not an integer, text after the \
              geometry, unclosed rings, one-point lines and mixed dimensions raise \
              `IllegalArgumentException` naming the text.",
    examples: &[
        Example {
            sql: "st_asEWKT(st_geomFromEWKT('SRID=4326;POINT(1 2)'))",
            result: "SRID=4326;POINT(1 2)",
        },
        Example {
            sql: "st_geomFromEWKT('POINTM(1 2 3)')",
            result: "POINT M(1 2 3)",
        },
        Example {
            sql: "st_asEWKT(st_geomFromEWKT('SRID=3857;LINESTRING(0 0 1,1 1 2)'))",
            result: "SRID=3857;LINESTRING(0 0 1,1 1 2)",
        },
        Example {
            sql: "st_geomFromEWKT('SRID=4326;POLYGON EMPTY')",
            result: "POLYGON EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_reader::<Str, _>(args, |text, wkb| ewkt::read(text, wkb))
}
