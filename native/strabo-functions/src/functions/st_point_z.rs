use super::prelude::*;
use super::st_make_point::{bind_xyz, Z};
use super::st_point::{SRID, X, Y};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_pointZ",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[
        Signature::new(
            &[X, Y, Z],
            SqlType::Geometry,
            Implementation::Scalar(bind_xyz),
        ),
        Signature::new(
            &[X, Y, Z, SRID],
            SqlType::Geometry,
            Implementation::Scalar(bind_xyz),
        )
        .srid(ResultSrid::Arg(3)),
    ],
    nulls: Nulls::Strict(None),
    summary: "A `POINT Z` from its X, Y and Z coordinates, with SRID 0 or the one given.",
    details: "PostGIS's and Sedona's `ST_PointZ(x, y, z [, srid])`. Numeric arguments of any \
              type are cast to DOUBLE and kept as given, NaN and infinities too; a point whose \
              ordinates are all NaN is `POINT EMPTY`. A constant `srid` gives the column the \
              type `GEOMETRY(srid)`, a column `GEOMETRY(ANY)`.",
    examples: &[
        Example {
            sql: "st_pointZ(1, 2, 3)",
            result: "POINT Z(1 2 3)",
        },
        Example {
            sql: "st_srid(st_pointZ(1, 2, 3, 4326))",
            result: "4326",
        },
    ],
};
