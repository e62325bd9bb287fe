use super::prelude::*;
use super::st_make_point::{bind_xym, M};
use super::st_point::{X, Y};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_makePointM",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[X, Y, M],
        SqlType::Geometry,
        Implementation::Scalar(bind_xym),
    )],
    nulls: Nulls::Strict(None),
    summary: "A `POINT M` from its X and Y coordinates and a measure, with SRID 0.",
    details: "PostGIS's and Sedona's `ST_MakePointM`: the measure is an M ordinate. GeoMesa's \
              `st_makePointM` differs: it reads `POINT(x y m)` as WKT, which makes the measure \
              a Z (`POINT Z(x y m)`); `st_makePoint(x, y, m)` gives that point here. Numeric \
              arguments of any type are cast to DOUBLE and kept as given, NaN and infinities \
              too; a point whose ordinates are all NaN is `POINT EMPTY`. For an SRID, see \
              `st_pointM`.",
    examples: &[Example {
        sql: "st_makePointM(-71.1043443253471, 42.3150676015829, 10)",
        result: "POINT M(-71.1043443253471 42.3150676015829 10)",
    }],
};
