use strabo_geom::relate::{IntersectionMatrix, RelatePattern};
use strabo_geom::GeomError;

use super::prelude::*;
use super::st_relate::{parse_pattern, PATTERN};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_relateMatch",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature::new(
        &[
            Param::new(
                "matrix",
                SqlType::String,
                "A DE-9IM matrix as `st_relate` returns it: 9 characters of F, 0, 1 and 2.",
            ),
            PATTERN,
        ],
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if the DE-9IM `matrix` matches `pattern`.",
    details: "PostGIS's `ST_RelateMatch`: `T` matches any intersection, `F` none, `*` anything, \
              `0`, `1` and `2` an intersection of that dimension. A matrix with another \
              character raises `IllegalArgumentException`, as does a malformed pattern \
              (lower-case `t` and `f` included, which GEOS silently never matches); PostGIS \
              also takes `T` and `*` in the matrix, which no relation gives. A constant \
              pattern is checked once per task.",
    examples: &[
        Example {
            sql: "st_relateMatch('101202FFF', 'TTTTTTFFF')",
            result: "true",
        },
        Example {
            sql: "st_relateMatch('212101212', 'T*F**FFF*')",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if let Some(Scalar::String(text)) = args.constant(1) {
        let pattern: RelatePattern = text
            .parse()
            .map_err(|error| BindError::Constant { arg: 1, error })?;
        return map::<(Str, Str), BoolBuf, _>(args, move |(matrix, _), out| {
            out.push(parse_matrix(matrix)?.matches_pattern(&pattern));
            Ok(())
        });
    }
    map::<(Str, Str), BoolBuf, _>(args, |(matrix, pattern), out| {
        let matrix = parse_matrix(matrix)?;
        out.push(matrix.matches_pattern(&parse_pattern(pattern, 1)?));
        Ok(())
    })
}

fn parse_matrix(text: &str) -> Result<IntersectionMatrix, KernelError> {
    text.parse()
        .map_err(|error: GeomError| KernelError::at(0)(error))
}
