use strabo_geom::accessors::{kind, Kind};
use strabo_geom::Geo;

use super::prelude::*;
use super::st_geom_from_wkt::expect_kind;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_pointFromWKB",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "wkb",
            SqlType::Binary,
            "Well-Known Binary of a point (ISO WKB or EWKB).",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "Reads Well-Known Binary of a point into a geometry with SRID 0.",
    details: "GeoMesa's `st_pointFromWKB`: Z and M are kept, and the empty point (NaN \
              coordinates) is read as `POINT EMPTY`; an EWKB SRID is ignored (the result has \
              SRID 0: use `st_setSRID`). Malformed WKB, or WKB of another type than a point, \
              raises `IllegalArgumentException` naming it (GeoMesa throws a \
              `ClassCastException`; PostGIS's and Sedona's `ST_PointFromWKB` return NULL).",
    examples: &[
        Example {
            sql: "st_pointFromWKB(X'0101000000000000000000F03F0000000000000040')",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_pointFromWKB(X'01E9030000000000000000F03F00000000000000400000000000000840')",
            result: "POINT Z(1 2 3)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Binary,), GeomBuf, _>(args, |(wkb,), out| {
        let point = Geo::read(wkb).map_err(KernelError::at(0))?;
        expect_kind(kind(&point), Kind::Point).map_err(KernelError::at(0))?;
        out.push(&point);
        Ok(())
    })
}
