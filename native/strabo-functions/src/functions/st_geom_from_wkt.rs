use strabo_geom::accessors::{kind_of, Kind};
use strabo_geom::{wkt_codec, GeomError};

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomFromWKT",
    aliases: &["st_geomFromText", "st_geometryFromText"],
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
              unbalanced parentheses raise `IllegalArgumentException` naming the text. \
              `st_geomFromText` and `st_geometryFromText` are GeoMesa's other names for it; \
              `st_pointFromText`, `st_lineFromText` and the like accept one type only.",
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
        Example {
            sql: "st_geometryFromText('MULTIPOINT((0 0),(1 1))')",
            result: "MULTIPOINT((0 0),(1 1))",
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

/// Binds a reader of Well-Known Text of one geometry type, `expected`: GeoMesa's
/// `st_pointFromText` and the like.
pub(super) fn bind_typed(args: &BindArgs, expected: Kind) -> Bound {
    map::<(Str,), GeomBuf, _>(args, move |(text,), out| {
        let parsed = wkt_codec::parse(text).map_err(KernelError::at(0))?;
        expect_kind(kind_of(&parsed), expected).map_err(KernelError::at(0))?;
        out.push_geometry(&parsed);
        Ok(())
    })
}

/// Refuses a geometry of another type than `expected`, naming both. GeoMesa's typed readers
/// throw a `ClassCastException` there; PostGIS's and Sedona's return NULL.
pub(super) fn expect_kind(found: Kind, expected: Kind) -> Result<(), GeomError> {
    if found == expected {
        return Ok(());
    }
    Err(GeomError::Unsupported(format!(
        "expected a {}, got a {}",
        expected.wkt_name(),
        found.wkt_name()
    )))
}
