use strabo_geom::wkt_codec;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomFromWKT",
    aliases: &["st_geomFromText"],
    category: Category::Constructors,
    signatures: &[Signature {
        params: &[Param::new(
            "wkt",
            SqlType::String,
            "Well-Known Text, e.g. 'POINT(1 2)'.",
        )],
        returns: SqlType::Geometry,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "Parses Well-Known Text into a geometry with SRID 0.",
    details: "Z and M coordinates are kept. Text after the geometry, an unknown type name or \
              unbalanced parentheses raise `IllegalArgumentException` naming the text.",
    examples: &[
        Example {
            sql: "st_geomFromWKT('POINT(1 2)')",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_geomFromText('LINESTRING (0 0, 3 4)')",
            result: "LINESTRING(0 0,3 4)",
        },
        Example {
            sql: "st_geomFromWKT('POINT Z (1 2 3)')",
            result: "POINT Z(1 2 3)",
        },
        Example {
            sql: "st_geomFromWKT('POLYGON EMPTY')",
            result: "POLYGON EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Str,), GeomBuf, _>(args, |(text,), out| {
        let parsed = wkt_codec::parse(text).map_err(KernelError::at(0))?;
        out.push_geometry(&parsed);
        Ok(())
    })
}
