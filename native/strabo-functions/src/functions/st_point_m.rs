use super::prelude::*;
use super::st_make_point::{bind_xym, M};
use super::st_point::{SRID, X, Y};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_pointM",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[
        Signature::new(
            &[X, Y, M],
            SqlType::Geometry,
            Implementation::Scalar(bind_xym),
        ),
        Signature::new(
            &[X, Y, M, SRID],
            SqlType::Geometry,
            Implementation::Scalar(bind_xym),
        )
        .srid(ResultSrid::Arg(3)),
    ],
    nulls: Nulls::Strict(None),
    summary:
        "A `POINT M` from its X and Y coordinates and a measure, with SRID 0 or the one given.",
    details: "PostGIS's and Sedona's `ST_PointM(x, y, m [, srid])`: the measure is an M \
              ordinate, not a Z. Numeric arguments of any type are cast to DOUBLE and kept as \
              given, NaN and infinities too; a point whose ordinates are all NaN is `POINT \
              EMPTY`. A constant `srid` gives the column the type `GEOMETRY(srid)`, a column \
              `GEOMETRY(ANY)`.",
    examples: &[
        Example {
            sql: "st_pointM(-71.104, 42.315, 3.4)",
            result: "POINT M(-71.104 42.315 3.4)",
        },
        Example {
            sql: "st_srid(st_pointM(-71.104, 42.315, 3.4, 4326))",
            result: "4326",
        },
    ],
};
