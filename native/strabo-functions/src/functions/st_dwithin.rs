use strabo_geom::distance::distance;
use strabo_geom::GeomError;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_dwithin",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature {
        params: &[
            Param::new("a", SqlType::Geometry, "The first geometry."),
            Param::new(
                "b",
                SqlType::Geometry,
                "The second geometry, with the SRID of the first.",
            ),
            Param::new(
                "distance",
                SqlType::Double,
                "The greatest distance, in the units of the coordinates.",
            ),
        ],
        returns: SqlType::Boolean,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "True if the geometries are within `distance` of each other, limits included.",
    details: "Planar, as `st_distance(a, b) <= distance`, in the units of the coordinates \
              (degrees for SRID 4326). Empty geometries are within no distance of anything. A \
              negative or NaN distance raises `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_dwithin(st_point(0, 0), st_point(3, 4), 5)",
            result: "true",
        },
        Example {
            sql: "st_dwithin(st_point(0, 0), st_point(3, 4), 4.9)",
            result: "false",
        },
        Example {
            sql: "st_dwithin(st_makeBBOX(0, 0, 1, 1), st_point(2, 0.5), 1.0)",
            result: "true",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry, Double), BoolBuf, _>(args, |(a, b, limit), out| {
        if limit.is_nan() || *limit < 0.0 {
            return Err(KernelError::at(2)(GeomError::InvalidParameter(format!(
                "the distance must be 0 or more, got {limit}"
            ))));
        }
        out.push(distance(a, b).is_some_and(|d| d <= *limit));
        Ok(())
    })
}
