use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_knn",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature::new(
        &[
            Param::new(
                "query",
                SqlType::Geometry,
                "The geometry of a row of the query side.",
            ),
            Param::new(
                "object",
                SqlType::Geometry,
                "The geometry of a row of the object side, with the SRID of the query's.",
            ),
            Param::new(
                "k",
                SqlType::Int,
                "How many nearest objects each query keeps, 1 or more.",
            ),
            Param::new(
                "useSpheroid",
                SqlType::Boolean,
                "Measure in metres on the WGS84 spheroid (longitude/latitude) rather than in the \
                 plane; false when left out.",
            )
            .optional(),
        ],
        SqlType::Boolean,
        Implementation::Join,
    )],
    nulls: Nulls::Strict(None),
    summary: "A join condition: true for the `k` objects nearest to each query.",
    details: "Only in the condition of a join, as Sedona's `ST_KNN`: `queries q JOIN objects o \
              ON st_knn(q.geom, o.geom, k)` pairs each query row with the `k` rows of the object \
              side nearest to it, planar (`st_distance`) or, with `useSpheroid`, in metres on \
              the spheroid (`st_distanceSpheroid`). Objects as near as the k-th nearest are all \
              kept, so a query can get more than `k` rows where distances tie, and the answer \
              does not depend on the order of the rows. `k` and `useSpheroid` must be constants; \
              the object side is indexed and broadcast (see docs/joins.md). Other conditions of \
              the join filter the nearest objects found; they do not look further. Evaluated on \
              its own, outside a join, it raises `IllegalArgumentException`.",
    examples: &[Example {
        sql: "sum(v) FROM VALUES (st_point(0, 0)) AS q(g) JOIN VALUES (st_point(1, 1), 1), \
              (st_point(2, 2), 10), (st_point(3, 0), 100) AS o(h, v) ON st_knn(g, h, 2)",
        result: "11",
    }],
};
