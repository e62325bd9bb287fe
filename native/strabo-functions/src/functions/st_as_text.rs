use strabo_geom::wkt_codec::Writer;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asText",
    aliases: &[],
    category: Category::Outputs,
    signatures: &[Signature {
        params: &[GEOM],
        returns: SqlType::String,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "The geometry as Well-Known Text, in PostGIS's compact form.",
    details: "Coordinates print in the shortest form that reads back to the same double \
              (`1` rather than `1.0`). Z and M are kept (`POINT Z(1 2 3)`); the SRID is not \
              written.",
    examples: &[
        Example {
            sql: "st_asText(st_point(1.0, 2.5))",
            result: "POINT(1 2.5)",
        },
        Example {
            sql: "st_asText(st_geomFromWKB(X'0101000000000000000000F03F0000000000000040'))",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_asText(X'0101000000000000000000F03F0000000000000040')",
            result: "POINT(1 2)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), StringBuf, _>(args, |(g,), out| {
        out.push_with(|text| g.visit(Writer { out: text }))
            .map_err(KernelError::at(0))
    })
}
