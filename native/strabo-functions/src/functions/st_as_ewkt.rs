use strabo_geom::ewkt;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asEWKT",
    aliases: &[],
    category: Category::Outputs,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::String,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry as PostGIS's Extended Well-Known Text: `SRID=<srid>;` then its WKT.",
    details: "As PostGIS's `ST_AsEWKT` writes it: no `SRID=` prefix for SRID 0, and the \
              dimensions spelt as PostGIS spells them, with no `Z` keyword (`POINT(1 2 3)`) and \
              an `M` suffix on the type names of a measured geometry (`POINTM(1 2 3)`). Numbers \
              are printed as `st_asText` prints them, in the shortest form that reads back to \
              the same double, where PostGIS rounds to 15 decimal digits (`0.30000000000000004` \
              against PostGIS's `0.3`). An empty geometry is written as its type and `EMPTY`; \
              as for `st_asText`, a geometry holding an empty ring or an empty member of a \
              multi-geometry raises `IllegalArgumentException`. PostGIS's optional \
              `maxdecimaldigits` is not supported. Sedona's `ST_AsEWKT` writes JTS's WKT, with \
              spaces after commas and ISO's `Z` and `M` keywords (`POINT M(1 1 1)`).",
    examples: &[
        Example {
            sql: "st_asEWKT(st_point(1.0, 2.5, 4326))",
            result: "SRID=4326;POINT(1 2.5)",
        },
        Example {
            sql: "st_asEWKT(st_geomFromWKT('POINT M (1 2 3)'))",
            result: "POINTM(1 2 3)",
        },
        Example {
            sql: "st_asEWKT(st_geomFromEWKT('SRID=3857;LINESTRING Z (0 0 1,1 1 2)'))",
            result: "SRID=3857;LINESTRING(0 0 1,1 1 2)",
        },
        Example {
            sql: "st_asEWKT(st_geomFromWKT('POLYGON EMPTY'))",
            result: "POLYGON EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(GeometryWithSrid,), StringBuf, _>(args, |((g, srid),), out| {
        let text = ewkt::to_string(g, *srid).map_err(KernelError::at(0))?;
        out.push(&text);
        Ok(())
    })
}
