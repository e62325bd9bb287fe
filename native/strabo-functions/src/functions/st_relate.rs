use strabo_geom::relate::{relate, IntersectionMatrix, RelatePattern};
use strabo_geom::GeomError;

use super::prelude::*;

/// A DE-9IM pattern parameter.
pub(super) const PATTERN: Param = Param::new(
    "pattern",
    SqlType::String,
    "A DE-9IM pattern: 9 characters of T, F, *, 0, 1 and 2, row by row.",
);

/// The parameters of `st_relate(a, b, pattern)` and `st_relateBool`.
pub(super) const GEOMETRIES_AND_PATTERN: &[Param] = &[GEOM_A, GEOM_B, PATTERN];

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_relate",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[
        Signature::new(
            TWO_GEOMETRIES,
            SqlType::String,
            Implementation::Scalar(bind_matrix),
        ),
        Signature::new(
            GEOMETRIES_AND_PATTERN,
            SqlType::Boolean,
            Implementation::Scalar(bind_pattern),
        ),
    ],
    nulls: Nulls::Strict(None),
    summary: "The DE-9IM matrix of `a` and `b`, or whether it matches `pattern`.",
    details: concat!(
        "PostGIS's `ST_Relate` and GeoMesa's `st_relate`: the matrix as 9 characters row by \
         row (the interior, boundary and exterior of `a` against those of `b`), `F` where they \
         do not meet and `0`, `1` or `2` for the dimension where they do, as GEOS 3.13 \
         computes it; with a `pattern`, whether the matrix matches it (GeoMesa's \
         `st_relateBool`). A pattern of another length or with another character (lower-case \
         `t` and `f` included, which GEOS silently never matches) raises \
         `IllegalArgumentException`; a constant pattern is checked once per task. An empty \
         geometry has only an exterior: its row or column is `FFF`. PostGIS's boundary-node \
         rule argument is not supported (the mod-2 rule always applies).",
        relate_doc!()
    ),
    examples: &[
        Example {
            sql: "st_relate(st_makeBBOX(0, 0, 2, 2), st_makeBBOX(1, 1, 3, 3))",
            result: "212101212",
        },
        Example {
            sql: "st_relate(st_point(1, 1), st_geomFromWKT('LINESTRING(0 0,2 2)'))",
            result: "0FFFFF102",
        },
        Example {
            sql: "st_relate(st_makeBBOX(0, 0, 2, 2), st_point(1, 1), 'T*****FF*')",
            result: "true",
        },
        Example {
            sql: "st_relate(st_geomFromWKT('POINT EMPTY'), st_makeBBOX(0, 0, 1, 1))",
            result: "FFFFFF212",
        },
    ],
};

fn bind_matrix(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), StringBuf, _>(args, |(a, b), out| {
        out.push_display(matrix(a, b)?);
        Ok(())
    })
}

/// Binds `relate(a, b, pattern)`: a constant pattern is parsed (and refused) once.
pub(super) fn bind_pattern(args: &BindArgs) -> Bound {
    if let Some(Scalar::String(text)) = args.constant(2) {
        let pattern: RelatePattern = text
            .parse()
            .map_err(|error| BindError::Constant { arg: 2, error })?;
        return map::<(Geometry, Geometry, Str), BoolBuf, _>(args, move |(a, b, _), out| {
            out.push(matrix(a, b)?.matches_pattern(&pattern));
            Ok(())
        });
    }
    map::<(Geometry, Geometry, Str), BoolBuf, _>(args, |(a, b, pattern), out| {
        let pattern = parse_pattern(pattern, 2)?;
        out.push(matrix(a, b)?.matches_pattern(&pattern));
        Ok(())
    })
}

fn matrix(a: &strabo_geom::Geo, b: &strabo_geom::Geo) -> Result<IntersectionMatrix, KernelError> {
    relate(a, b).map_err(|invalid| KernelError::at(invalid.arg)(invalid.error))
}

/// A pattern argument read per row, blamed on argument `arg` when malformed.
pub(super) fn parse_pattern(text: &str, arg: usize) -> Result<RelatePattern, KernelError> {
    text.parse()
        .map_err(|error: GeomError| KernelError::at(arg)(error))
}
