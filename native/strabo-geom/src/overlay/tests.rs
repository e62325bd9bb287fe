use super::*;
use crate::testing::{assert_same_geometry, geo, text_of, wkb};

// Expected results from shapely 2.1.2 (GEOS 3.13.1): for each pair,
// `shapely.to_wkt(f(a, b), rounding_precision=-1)` for f in intersection, union, difference,
// symmetric_difference, then difference(b, a); for UNARY, `shapely.lib.unary_union(g)` (GEOS's
// `GEOSUnaryUnion` on the geometry itself: `shapely.unary_union` wraps it in a collection first).
// Where GEOS 3.13 splits a collection by dimension, the differences expected are the point sets
// GEOS slips on (see `collections_are_overlaid_as_point_sets_where_geos_slips`), from shapely
// too: the union of each dimension's parts (`union_all`), their `difference` or
// `symmetric_difference` dimension by dimension, and lower dimensions less the higher ones.
/// (name, a, b, [intersection, union, difference a − b, symmetric difference, difference b − a])
const PAIRS: &[(&str, &str, &str, [&str; 5])] = &[
    (
        "disjoint squares",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POLYGON((6 6,8 6,8 8,6 8,6 6))",
        [
            "POLYGON EMPTY",
            "MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0)), ((6 6, 8 6, 8 8, 6 8, 6 6)))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0)), ((6 6, 8 6, 8 8, 6 8, 6 6)))",
            "POLYGON ((6 8, 8 8, 8 6, 6 6, 6 8))",
        ],
    ),
    (
        "squares sharing an edge",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POLYGON((4 0,8 0,8 4,4 4,4 0))",
        [
            "LINESTRING (4 0, 4 4)",
            "POLYGON ((0 0, 0 4, 4 4, 8 4, 8 0, 4 0, 0 0))",
            "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))",
            "POLYGON ((0 0, 0 4, 4 4, 8 4, 8 0, 4 0, 0 0))",
            "POLYGON ((8 4, 8 0, 4 0, 4 4, 8 4))",
        ],
    ),
    (
        "squares sharing a corner",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POLYGON((4 4,8 4,8 8,4 8,4 4))",
        [
            "POINT (4 4)",
            "MULTIPOLYGON (((4 0, 0 0, 0 4, 4 4, 4 0)), ((4 8, 8 8, 8 4, 4 4, 4 8)))",
            "POLYGON ((4 0, 0 0, 0 4, 4 4, 4 0))",
            "MULTIPOLYGON (((4 0, 0 0, 0 4, 4 4, 4 0)), ((4 8, 8 8, 8 4, 4 4, 4 8)))",
            "POLYGON ((4 8, 8 8, 8 4, 4 4, 4 8))",
        ],
    ),
    (
        "overlapping squares",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POLYGON((2 2,6 2,6 6,2 6,2 2))",
        [
            "POLYGON ((4 4, 4 2, 2 2, 2 4, 4 4))",
            "POLYGON ((4 0, 0 0, 0 4, 2 4, 2 6, 6 6, 6 2, 4 2, 4 0))",
            "POLYGON ((4 0, 0 0, 0 4, 2 4, 2 2, 4 2, 4 0))",
            "MULTIPOLYGON (((4 0, 0 0, 0 4, 2 4, 2 2, 4 2, 4 0)), ((4 4, 2 4, 2 6, 6 6, 6 2, 4 2, 4 4)))",
            "POLYGON ((2 6, 6 6, 6 2, 4 2, 4 4, 2 4, 2 6))",
        ],
    ),
    (
        "nested squares",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POLYGON((1 1,3 1,3 3,1 3,1 1))",
        [
            "POLYGON ((1 3, 3 3, 3 1, 1 1, 1 3))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4), (3 1, 3 3, 1 3, 1 1, 3 1))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4), (3 1, 3 3, 1 3, 1 1, 3 1))",
            "POLYGON EMPTY",
        ],
    ),
    (
        "equal squares",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        [
            "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))",
            "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))",
            "POLYGON EMPTY",
            "POLYGON EMPTY",
            "POLYGON EMPTY",
        ],
    ),
    (
        "overlap and shared edges",
        "POLYGON((0 0,3 0,3 3,0 3,0 0))",
        "POLYGON((3 0,4 0,4 3,3 3,3 2,2 2,2 1,3 1,3 0))",
        [
            "GEOMETRYCOLLECTION (POLYGON ((3 1, 2 1, 2 2, 3 2, 3 1)), LINESTRING (3 0, 3 1), LINESTRING (3 2, 3 3))",
            "POLYGON ((0 0, 0 3, 3 3, 4 3, 4 0, 3 0, 0 0))",
            "POLYGON ((0 0, 0 3, 3 3, 3 2, 2 2, 2 1, 3 1, 3 0, 0 0))",
            "POLYGON ((0 0, 0 3, 3 3, 4 3, 4 0, 3 0, 0 0), (3 2, 2 2, 2 1, 3 1, 3 2))",
            "POLYGON ((4 3, 4 0, 3 0, 3 1, 3 2, 3 3, 4 3))",
        ],
    ),
    (
        "hole filled exactly",
        "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,3 1,3 3,1 3,1 1))",
        "POLYGON((1 1,3 1,3 3,1 3,1 1))",
        [
            "MULTILINESTRING ((1 1, 3 1), (3 1, 3 3), (3 3, 1 3), (1 3, 1 1))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4), (3 1, 3 3, 1 3, 1 1, 3 1))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((1 1, 1 3, 3 3, 3 1, 1 1))",
        ],
    ),
    (
        "polygon across a hole",
        "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,3 1,3 3,1 3,1 1))",
        "POLYGON((2 -1,5 -1,5 2,2 2,2 -1))",
        [
            "POLYGON ((4 0, 2 0, 2 1, 3 1, 3 2, 4 2, 4 0))",
            "POLYGON ((0 0, 0 4, 4 4, 4 2, 5 2, 5 -1, 2 -1, 2 0, 0 0), (2 1, 2 2, 3 2, 3 3, 1 3, 1 1, 2 1))",
            "POLYGON ((0 0, 0 4, 4 4, 4 2, 3 2, 3 3, 1 3, 1 1, 2 1, 2 0, 0 0))",
            "MULTIPOLYGON (((0 0, 0 4, 4 4, 4 2, 3 2, 3 3, 1 3, 1 1, 2 1, 2 0, 0 0)), ((4 0, 4 2, 5 2, 5 -1, 2 -1, 2 0, 4 0)), ((3 1, 2 1, 2 2, 3 2, 3 1)))",
            "MULTIPOLYGON (((5 2, 5 -1, 2 -1, 2 0, 4 0, 4 2, 5 2)), ((2 2, 3 2, 3 1, 2 1, 2 2)))",
        ],
    ),
    (
        "multipolygon touching at corners",
        "MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((1 1,2 1,2 2,1 2,1 1)))",
        "POLYGON((0 0,2 0,2 2,0 2,0 0))",
        [
            "MULTIPOLYGON (((0 0, 0 1, 1 1, 1 0, 0 0)), ((1 1, 1 2, 2 2, 2 1, 1 1)))",
            "POLYGON ((0 0, 0 1, 0 2, 1 2, 2 2, 2 1, 2 0, 1 0, 0 0))",
            "POLYGON EMPTY",
            "MULTIPOLYGON (((1 1, 2 1, 2 0, 1 0, 1 1)), ((0 1, 0 2, 1 2, 1 1, 0 1)))",
            "MULTIPOLYGON (((2 0, 1 0, 1 1, 2 1, 2 0)), ((0 2, 1 2, 1 1, 0 1, 0 2)))",
        ],
    ),
    (
        "multipolygon touching an edge and a corner",
        "POLYGON((0 0,3 0,3 3,0 3,0 0))",
        "MULTIPOLYGON(((3 0,4 0,4 1,3 1,3 0)),((3 3,4 3,4 4,3 4,3 3)))",
        [
            "GEOMETRYCOLLECTION (LINESTRING (3 0, 3 1), POINT (3 3))",
            "MULTIPOLYGON (((0 0, 0 3, 3 3, 3 1, 4 1, 4 0, 3 0, 0 0)), ((3 4, 4 4, 4 3, 3 3, 3 4)))",
            "POLYGON ((0 0, 0 3, 3 3, 3 1, 3 0, 0 0))",
            "MULTIPOLYGON (((0 0, 0 3, 3 3, 3 1, 4 1, 4 0, 3 0, 0 0)), ((3 4, 4 4, 4 3, 3 3, 3 4)))",
            "MULTIPOLYGON (((4 1, 4 0, 3 0, 3 1, 4 1)), ((3 4, 4 4, 4 3, 3 3, 3 4)))",
        ],
    ),
    (
        "ring touching itself",
        "POLYGON((0 0,4 0,4 4,2 4,3 3,1 3,2 4,0 4,0 0))",
        "POLYGON((1 1,5 1,5 5,1 5,1 1))",
        [
            "MULTIPOLYGON (((4 4, 4 1, 1 1, 1 3, 3 3, 2 4, 4 4)), ((1 3, 1 4, 2 4, 1 3)))",
            "POLYGON ((4 0, 0 0, 0 4, 1 4, 1 5, 5 5, 5 1, 4 1, 4 0))",
            "POLYGON ((4 0, 0 0, 0 4, 1 4, 1 3, 1 1, 4 1, 4 0))",
            "MULTIPOLYGON (((4 0, 0 0, 0 4, 1 4, 1 3, 1 1, 4 1, 4 0)), ((4 4, 2 4, 1 4, 1 5, 5 5, 5 1, 4 1, 4 4)), ((3 3, 1 3, 2 4, 3 3)))",
            "MULTIPOLYGON (((1 5, 5 5, 5 1, 4 1, 4 4, 2 4, 1 4, 1 5)), ((3 3, 1 3, 2 4, 3 3)))",
        ],
    ),
    (
        "crossings off the grid",
        "POLYGON((0.1 0.2,3.3 0.1,3.1 1.7,0.1 0.2))",
        "POLYGON((0 1.9,3.4 0.3,3.4 1.9,0 1.9))",
        [
            "POLYGON ((3.1 1.7, 3.2671875 0.3625, 1.803030303030303 1.0515151515151515, 3.1 1.7))",
            "POLYGON ((3.3 0.1, 0.1 0.2, 1.803030303030303 1.0515151515151515, 0 1.9, 3.4 1.9, 3.4 0.3, 3.2671875 0.3625, 3.3 0.1))",
            "POLYGON ((3.3 0.1, 0.1 0.2, 1.803030303030303 1.0515151515151515, 3.2671875 0.3625, 3.3 0.1))",
            "MULTIPOLYGON (((3.3 0.1, 0.1 0.2, 1.803030303030303 1.0515151515151515, 3.2671875 0.3625, 3.3 0.1)), ((3.1 1.7, 1.803030303030303 1.0515151515151515, 0 1.9, 3.4 1.9, 3.4 0.3, 3.2671875 0.3625, 3.1 1.7)))",
            "POLYGON ((0 1.9, 3.4 1.9, 3.4 0.3, 3.2671875 0.3625, 3.1 1.7, 1.803030303030303 1.0515151515151515, 0 1.9))",
        ],
    ),
    (
        "edge through the corner of a hole",
        "POLYGON((3 0,7 0,7 4,3 4,3 0),(4 1,5 1,5 2,4 2,4 1))",
        "POLYGON((8 1,2 3,3 5,4 6,8 1))",
        [
            "POLYGON ((7 1.3333333333333333, 5 2, 3 2.6666666666666665, 3 4, 5.6 4, 7 2.25, 7 1.3333333333333333))",
            "POLYGON ((7 0, 3 0, 3 2.6666666666666665, 2 3, 3 5, 4 6, 5.6 4, 7 4, 7 2.25, 8 1, 7 1.3333333333333333, 7 0), (5 1, 5 2, 4 2, 4 1, 5 1))",
            "MULTIPOLYGON (((7 0, 3 0, 3 2.6666666666666665, 5 2, 7 1.3333333333333333, 7 0), (4 2, 4 1, 5 1, 5 2, 4 2)), ((7 4, 7 2.25, 5.6 4, 7 4)))",
            "MULTIPOLYGON (((7 0, 3 0, 3 2.6666666666666665, 5 2, 7 1.3333333333333333, 7 0), (4 2, 4 1, 5 1, 5 2, 4 2)), ((7 2.25, 8 1, 7 1.3333333333333333, 7 2.25)), ((7 4, 7 2.25, 5.6 4, 7 4)), ((3 4, 3 2.6666666666666665, 2 3, 3 5, 4 6, 5.6 4, 3 4)))",
            "MULTIPOLYGON (((7 1.3333333333333333, 7 2.25, 8 1, 7 1.3333333333333333)), ((2 3, 3 5, 4 6, 5.6 4, 3 4, 3 2.6666666666666665, 2 3)))",
        ],
    ),
    (
        "far apart and large",
        "POLYGON((0 0,1e16 0,1e16 1e16,0 1e16,0 0))",
        "POLYGON((2e16 0,3e16 0,3e16 1e16,2e16 1e16,2e16 0))",
        [
            "POLYGON EMPTY",
            "MULTIPOLYGON (((0 0, 10000000000000000 0, 10000000000000000 10000000000000000, 0 10000000000000000, 0 0)), ((20000000000000000 0, 30000000000000000 0, 30000000000000000 10000000000000000, 20000000000000000 10000000000000000, 20000000000000000 0)))",
            "POLYGON ((0 10000000000000000, 10000000000000000 10000000000000000, 10000000000000000 0, 0 0, 0 10000000000000000))",
            "MULTIPOLYGON (((0 0, 10000000000000000 0, 10000000000000000 10000000000000000, 0 10000000000000000, 0 0)), ((20000000000000000 0, 30000000000000000 0, 30000000000000000 10000000000000000, 20000000000000000 10000000000000000, 20000000000000000 0)))",
            "POLYGON ((20000000000000000 10000000000000000, 30000000000000000 10000000000000000, 30000000000000000 0, 20000000000000000 0, 20000000000000000 10000000000000000))",
        ],
    ),
    (
        "line across a square",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "LINESTRING(-1 2,5 2)",
        [
            "LINESTRING (0 2, 4 2)",
            "GEOMETRYCOLLECTION (POLYGON ((4 0, 0 0, 0 2, 0 4, 4 4, 4 2, 4 0)), LINESTRING (-1 2, 0 2), LINESTRING (4 2, 5 2))",
            "POLYGON ((4 0, 0 0, 0 2, 0 4, 4 4, 4 2, 4 0))",
            "GEOMETRYCOLLECTION (POLYGON ((4 0, 0 0, 0 2, 0 4, 4 4, 4 2, 4 0)), LINESTRING (-1 2, 0 2), LINESTRING (4 2, 5 2))",
            "MULTILINESTRING ((-1 2, 0 2), (4 2, 5 2))",
        ],
    ),
    (
        "line inside a square",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "LINESTRING(1 1,3 3)",
        [
            "LINESTRING (1 1, 3 3)",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "LINESTRING EMPTY",
        ],
    ),
    (
        "line along an edge",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "LINESTRING(-1 0,5 0)",
        [
            "LINESTRING (0 0, 4 0)",
            "GEOMETRYCOLLECTION (POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0)), LINESTRING (-1 0, 0 0), LINESTRING (4 0, 5 0))",
            "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))",
            "GEOMETRYCOLLECTION (POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0)), LINESTRING (-1 0, 0 0), LINESTRING (4 0, 5 0))",
            "MULTILINESTRING ((-1 0, 0 0), (4 0, 5 0))",
        ],
    ),
    (
        "line touching a corner",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "LINESTRING(-1 5,0 4,1 5)",
        [
            "POINT (0 4)",
            "GEOMETRYCOLLECTION (POLYGON ((4 4, 4 0, 0 0, 0 4, 4 4)), LINESTRING (-1 5, 0 4), LINESTRING (0 4, 1 5))",
            "POLYGON ((4 4, 4 0, 0 0, 0 4, 4 4))",
            "GEOMETRYCOLLECTION (POLYGON ((4 4, 4 0, 0 0, 0 4, 4 4)), LINESTRING (-1 5, 0 4), LINESTRING (0 4, 1 5))",
            "MULTILINESTRING ((-1 5, 0 4), (0 4, 1 5))",
        ],
    ),
    (
        "line apart from a square",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "LINESTRING(5 5,6 7)",
        [
            "LINESTRING EMPTY",
            "GEOMETRYCOLLECTION (POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0)), LINESTRING (5 5, 6 7))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "GEOMETRYCOLLECTION (POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0)), LINESTRING (5 5, 6 7))",
            "LINESTRING (5 5, 6 7)",
        ],
    ),
    (
        "line in and out twice",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "LINESTRING(-1 1,5 1,5 3,-1 3)",
        [
            "MULTILINESTRING ((0 1, 4 1), (4 3, 0 3))",
            "GEOMETRYCOLLECTION (POLYGON ((4 0, 0 0, 0 1, 0 3, 0 4, 4 4, 4 3, 4 1, 4 0)), LINESTRING (-1 1, 0 1), LINESTRING (4 1, 5 1, 5 3, 4 3), LINESTRING (0 3, -1 3))",
            "POLYGON ((4 0, 0 0, 0 1, 0 3, 0 4, 4 4, 4 3, 4 1, 4 0))",
            "GEOMETRYCOLLECTION (POLYGON ((4 0, 0 0, 0 1, 0 3, 0 4, 4 4, 4 3, 4 1, 4 0)), LINESTRING (-1 1, 0 1), LINESTRING (4 1, 5 1, 5 3, 4 3), LINESTRING (0 3, -1 3))",
            "MULTILINESTRING ((-1 1, 0 1), (4 1, 5 1, 5 3, 4 3), (0 3, -1 3))",
        ],
    ),
    (
        "line through a hole",
        "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,3 1,3 3,1 3,1 1))",
        "LINESTRING(-1 2,5 2)",
        [
            "MULTILINESTRING ((0 2, 1 2), (3 2, 4 2))",
            "GEOMETRYCOLLECTION (POLYGON ((4 0, 0 0, 0 2, 0 4, 4 4, 4 2, 4 0), (3 1, 3 2, 3 3, 1 3, 1 2, 1 1, 3 1)), LINESTRING (-1 2, 0 2), LINESTRING (1 2, 3 2), LINESTRING (4 2, 5 2))",
            "POLYGON ((4 0, 0 0, 0 2, 0 4, 4 4, 4 2, 4 0), (3 1, 3 2, 3 3, 1 3, 1 2, 1 1, 3 1))",
            "GEOMETRYCOLLECTION (POLYGON ((4 0, 0 0, 0 2, 0 4, 4 4, 4 2, 4 0), (3 1, 3 2, 3 3, 1 3, 1 2, 1 1, 3 1)), LINESTRING (-1 2, 0 2), LINESTRING (1 2, 3 2), LINESTRING (4 2, 5 2))",
            "MULTILINESTRING ((-1 2, 0 2), (1 2, 3 2), (4 2, 5 2))",
        ],
    ),
    (
        "line in and along",
        "POLYGON((0 0,2 0,2 2,0 2,0 0))",
        "LINESTRING(0 0,2 0,2 2)",
        [
            "MULTILINESTRING ((0 0, 2 0), (2 0, 2 2))",
            "POLYGON ((0 0, 0 2, 2 2, 2 0, 0 0))",
            "POLYGON ((0 0, 0 2, 2 2, 2 0, 0 0))",
            "POLYGON ((0 0, 0 2, 2 2, 2 0, 0 0))",
            "LINESTRING EMPTY",
        ],
    ),
    (
        "multilinestring across a multipolygon",
        "MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((3 3,5 3,5 5,3 5,3 3)))",
        "MULTILINESTRING((-1 0.5,6 0.5),(4 -1,4 6))",
        [
            "MULTILINESTRING ((0 0.5, 1 0.5), (4 3, 4 5))",
            "GEOMETRYCOLLECTION (POLYGON ((1 0, 0 0, 0 0.5, 0 1, 1 1, 1 0.5, 1 0)), POLYGON ((3 3, 3 5, 4 5, 5 5, 5 3, 4 3, 3 3)), LINESTRING (-1 0.5, 0 0.5), LINESTRING (1 0.5, 4 0.5), LINESTRING (4 0.5, 6 0.5), LINESTRING (4 -1, 4 0.5), LINESTRING (4 0.5, 4 3), LINESTRING (4 5, 4 6))",
            "MULTIPOLYGON (((1 0, 0 0, 0 0.5, 0 1, 1 1, 1 0.5, 1 0)), ((3 3, 3 5, 4 5, 5 5, 5 3, 4 3, 3 3)))",
            "GEOMETRYCOLLECTION (POLYGON ((1 0, 0 0, 0 0.5, 0 1, 1 1, 1 0.5, 1 0)), POLYGON ((3 3, 3 5, 4 5, 5 5, 5 3, 4 3, 3 3)), LINESTRING (-1 0.5, 0 0.5), LINESTRING (1 0.5, 4 0.5), LINESTRING (4 0.5, 6 0.5), LINESTRING (4 -1, 4 0.5), LINESTRING (4 0.5, 4 3), LINESTRING (4 5, 4 6))",
            "MULTILINESTRING ((-1 0.5, 0 0.5), (1 0.5, 4 0.5), (4 0.5, 6 0.5), (4 -1, 4 0.5), (4 0.5, 4 3), (4 5, 4 6))",
        ],
    ),
    (
        "overlapping lines",
        "LINESTRING(0 0,2 0)",
        "LINESTRING(1 0,3 0)",
        [
            "LINESTRING (1 0, 2 0)",
            "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (2 0, 3 0))",
            "LINESTRING (0 0, 1 0)",
            "MULTILINESTRING ((0 0, 1 0), (2 0, 3 0))",
            "LINESTRING (2 0, 3 0)",
        ],
    ),
    (
        "crossing lines",
        "LINESTRING(0 0,2 2)",
        "LINESTRING(0 2,2 0)",
        [
            "POINT (1 1)",
            "MULTILINESTRING ((0 0, 1 1), (1 1, 2 2), (0 2, 1 1), (1 1, 2 0))",
            "MULTILINESTRING ((0 0, 1 1), (1 1, 2 2))",
            "MULTILINESTRING ((0 0, 1 1), (1 1, 2 2), (0 2, 1 1), (1 1, 2 0))",
            "MULTILINESTRING ((0 2, 1 1), (1 1, 2 0))",
        ],
    ),
    (
        "lines meeting at ends",
        "LINESTRING(0 0,2 0)",
        "LINESTRING(2 0,2 2)",
        [
            "POINT (2 0)",
            "MULTILINESTRING ((0 0, 2 0), (2 0, 2 2))",
            "LINESTRING (0 0, 2 0)",
            "MULTILINESTRING ((0 0, 2 0), (2 0, 2 2))",
            "LINESTRING (2 0, 2 2)",
        ],
    ),
    (
        "line ending on another",
        "LINESTRING(0 0,2 0)",
        "LINESTRING(1 0,1 2)",
        [
            "POINT (1 0)",
            "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (1 0, 1 2))",
            "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0))",
            "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (1 0, 1 2))",
            "LINESTRING (1 0, 1 2)",
        ],
    ),
    (
        "line containing another",
        "LINESTRING(0 0,4 0)",
        "LINESTRING(1 0,2 0)",
        [
            "LINESTRING (1 0, 2 0)",
            "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (2 0, 4 0))",
            "MULTILINESTRING ((0 0, 1 0), (2 0, 4 0))",
            "MULTILINESTRING ((0 0, 1 0), (2 0, 4 0))",
            "LINESTRING EMPTY",
        ],
    ),
    (
        "disjoint lines",
        "LINESTRING(0 0,2 0)",
        "LINESTRING(3 0,4 0)",
        [
            "LINESTRING EMPTY",
            "MULTILINESTRING ((0 0, 2 0), (3 0, 4 0))",
            "LINESTRING (0 0, 2 0)",
            "MULTILINESTRING ((0 0, 2 0), (3 0, 4 0))",
            "LINESTRING (3 0, 4 0)",
        ],
    ),
    (
        "equal lines with other vertices",
        "LINESTRING(0 0,4 0)",
        "LINESTRING(4 0,2 0,0 0)",
        [
            "MULTILINESTRING ((0 0, 2 0), (2 0, 4 0))",
            "MULTILINESTRING ((0 0, 2 0), (2 0, 4 0))",
            "LINESTRING EMPTY",
            "LINESTRING EMPTY",
            "LINESTRING EMPTY",
        ],
    ),
    (
        "self-crossing line and a line",
        "LINESTRING(0 0,4 4,4 0,0 4)",
        "LINESTRING(2 -1,2 5)",
        [
            "POINT (2 2)",
            "MULTILINESTRING ((0 0, 2 2), (2 2, 4 4, 4 0, 2 2), (2 2, 0 4), (2 -1, 2 2), (2 2, 2 5))",
            "MULTILINESTRING ((0 0, 2 2), (2 2, 4 4, 4 0, 2 2), (2 2, 0 4))",
            "MULTILINESTRING ((0 0, 2 2), (2 2, 4 4, 4 0, 2 2), (2 2, 0 4), (2 -1, 2 2), (2 2, 2 5))",
            "MULTILINESTRING ((2 -1, 2 2), (2 2, 2 5))",
        ],
    ),
    (
        "closed line and a line",
        "LINESTRING(0 0,1 0,1 1,0 1,0 0)",
        "LINESTRING(0.5 -1,0.5 2)",
        [
            "MULTIPOINT ((0.5 1), (0.5 0))",
            "MULTILINESTRING ((0 0, 0.5 0), (0.5 0, 1 0, 1 1, 0.5 1), (0.5 1, 0 1, 0 0), (0.5 -1, 0.5 0), (0.5 0, 0.5 1), (0.5 1, 0.5 2))",
            "MULTILINESTRING ((0 0, 0.5 0), (0.5 0, 1 0, 1 1, 0.5 1), (0.5 1, 0 1, 0 0))",
            "MULTILINESTRING ((0 0, 0.5 0), (0.5 0, 1 0, 1 1, 0.5 1), (0.5 1, 0 1, 0 0), (0.5 -1, 0.5 0), (0.5 0, 0.5 1), (0.5 1, 0.5 2))",
            "MULTILINESTRING ((0.5 -1, 0.5 0), (0.5 0, 0.5 1), (0.5 1, 0.5 2))",
        ],
    ),
    (
        "crossing off the grid",
        "LINESTRING(0 0,3 1)",
        "LINESTRING(0 2,3 0)",
        [
            "POINT (2 0.6666666666666666)",
            "MULTILINESTRING ((0 0, 2 0.6666666666666666), (2 0.6666666666666666, 3 1), (0 2, 2 0.6666666666666666), (2 0.6666666666666666, 3 0))",
            "MULTILINESTRING ((0 0, 2 0.6666666666666666), (2 0.6666666666666666, 3 1))",
            "MULTILINESTRING ((0 0, 2 0.6666666666666666), (2 0.6666666666666666, 3 1), (0 2, 2 0.6666666666666666), (2 0.6666666666666666, 3 0))",
            "MULTILINESTRING ((0 2, 2 0.6666666666666666), (2 0.6666666666666666, 3 0))",
        ],
    ),
    (
        "line with repeated points",
        "LINESTRING(0 0,1 0,1 0,2 0)",
        "LINESTRING(1 -1,1 1)",
        [
            "POINT (1 0)",
            "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (1 -1, 1 0), (1 0, 1 1))",
            "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0))",
            "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (1 -1, 1 0), (1 0, 1 1))",
            "MULTILINESTRING ((1 -1, 1 0), (1 0, 1 1))",
        ],
    ),
    (
        "line of one point",
        "LINESTRING(0 0,0 0)",
        "LINESTRING(0 0,1 0)",
        [
            "LINESTRING EMPTY",
            "LINESTRING (0 0, 1 0)",
            "LINESTRING EMPTY",
            "LINESTRING (0 0, 1 0)",
            "LINESTRING (0 0, 1 0)",
        ],
    ),
    (
        "multilinestrings",
        "MULTILINESTRING((0 0,4 0),(2 -1,2 1))",
        "MULTILINESTRING((1 0,3 0),(2 -2,2 2))",
        [
            "MULTILINESTRING ((1 0, 2 0), (2 0, 3 0), (2 -1, 2 0), (2 0, 2 1))",
            "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (2 0, 3 0), (3 0, 4 0), (2 -1, 2 0), (2 0, 2 1), (2 -2, 2 -1), (2 1, 2 2))",
            "MULTILINESTRING ((0 0, 1 0), (3 0, 4 0))",
            "MULTILINESTRING ((0 0, 1 0), (3 0, 4 0), (2 -2, 2 -1), (2 1, 2 2))",
            "MULTILINESTRING ((2 -2, 2 -1), (2 1, 2 2))",
        ],
    ),
    (
        "point in a square",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POINT(2 2)",
        [
            "POINT (2 2)",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POINT EMPTY",
        ],
    ),
    (
        "point on an edge",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POINT(4 2)",
        [
            "POINT (4 2)",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POINT EMPTY",
        ],
    ),
    (
        "point apart from a square",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POINT(6 6)",
        [
            "POINT EMPTY",
            "GEOMETRYCOLLECTION (POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0)), POINT (6 6))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "GEOMETRYCOLLECTION (POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0)), POINT (6 6))",
            "POINT (6 6)",
        ],
    ),
    (
        "multipoint and a square",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "MULTIPOINT((2 2),(4 1),(6 6),(6 6))",
        [
            "MULTIPOINT ((2 2), (4 1))",
            "GEOMETRYCOLLECTION (POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4)), POINT (6 6))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "GEOMETRYCOLLECTION (POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4)), POINT (6 6))",
            "POINT (6 6)",
        ],
    ),
    (
        "point in a hole",
        "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,3 1,3 3,1 3,1 1))",
        "POINT(2 2)",
        [
            "POINT EMPTY",
            "GEOMETRYCOLLECTION (POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4), (3 1, 3 3, 1 3, 1 1, 3 1)), POINT (2 2))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4), (3 1, 3 3, 1 3, 1 1, 3 1))",
            "GEOMETRYCOLLECTION (POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4), (3 1, 3 3, 1 3, 1 1, 3 1)), POINT (2 2))",
            "POINT (2 2)",
        ],
    ),
    (
        "point on a line",
        "LINESTRING(0 0,2 0)",
        "POINT(1 0)",
        [
            "POINT (1 0)",
            "LINESTRING (0 0, 2 0)",
            "LINESTRING (0 0, 2 0)",
            "LINESTRING (0 0, 2 0)",
            "POINT EMPTY",
        ],
    ),
    (
        "point at a line end",
        "LINESTRING(0 0,2 0)",
        "POINT(2 0)",
        [
            "POINT (2 0)",
            "LINESTRING (0 0, 2 0)",
            "LINESTRING (0 0, 2 0)",
            "LINESTRING (0 0, 2 0)",
            "POINT EMPTY",
        ],
    ),
    (
        "point apart from a line",
        "LINESTRING(0 0,2 0)",
        "POINT(1 1)",
        [
            "POINT EMPTY",
            "GEOMETRYCOLLECTION (LINESTRING (0 0, 2 0), POINT (1 1))",
            "LINESTRING (0 0, 2 0)",
            "GEOMETRYCOLLECTION (LINESTRING (0 0, 2 0), POINT (1 1))",
            "POINT (1 1)",
        ],
    ),
    (
        "multipoint and a self-crossing line",
        "LINESTRING(0 0,2 2,2 0,0 2)",
        "MULTIPOINT((1 1),(3 3))",
        [
            "POINT (1 1)",
            "GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1), LINESTRING (1 1, 2 2, 2 0, 1 1), LINESTRING (1 1, 0 2), POINT (3 3))",
            "MULTILINESTRING ((0 0, 1 1), (1 1, 2 2, 2 0, 1 1), (1 1, 0 2))",
            "GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1), LINESTRING (1 1, 2 2, 2 0, 1 1), LINESTRING (1 1, 0 2), POINT (3 3))",
            "POINT (3 3)",
        ],
    ),
    (
        "equal points",
        "POINT(0 0)",
        "POINT(0 0)",
        [
            "POINT (0 0)",
            "POINT (0 0)",
            "POINT EMPTY",
            "POINT EMPTY",
            "POINT EMPTY",
        ],
    ),
    (
        "different points",
        "POINT(0 0)",
        "POINT(1 0)",
        [
            "POINT EMPTY",
            "MULTIPOINT ((0 0), (1 0))",
            "POINT (0 0)",
            "MULTIPOINT ((0 0), (1 0))",
            "POINT (1 0)",
        ],
    ),
    (
        "multipoints",
        "MULTIPOINT((0 0),(1 1))",
        "MULTIPOINT((1 1),(2 2))",
        [
            "POINT (1 1)",
            "MULTIPOINT ((0 0), (1 1), (2 2))",
            "POINT (0 0)",
            "MULTIPOINT ((0 0), (2 2))",
            "POINT (2 2)",
        ],
    ),
    (
        "multipoint with a repeat, apart",
        "MULTIPOINT((0 0),(0 0))",
        "POINT(5 5)",
        [
            "POINT EMPTY",
            "MULTIPOINT ((0 0), (0 0), (5 5))",
            "POINT (0 0)",
            "MULTIPOINT ((0 0), (0 0), (5 5))",
            "POINT (5 5)",
        ],
    ),
    (
        "collection and a polygon",
        "GEOMETRYCOLLECTION(POLYGON((0 0,2 0,2 2,0 2,0 0)),LINESTRING(1 1,3 1),POINT(5 5))",
        "POLYGON((1 0,3 0,3 2,1 2,1 0))",
        [
            "GEOMETRYCOLLECTION (LINESTRING (2 1, 3 1), POLYGON ((1 0, 1 2, 2 2, 2 0, 1 0)))",
            "GEOMETRYCOLLECTION (POINT (5 5), POLYGON ((1 0, 0 0, 0 2, 1 2, 2 2, 3 2, 3 0, 2 0, 1 0)))",
            "GEOMETRYCOLLECTION (POINT (5 5), POLYGON ((0 0, 0 2, 1 2, 1 0, 0 0)))",
            "GEOMETRYCOLLECTION (POINT (5 5), LINESTRING (1 1, 2 1), POLYGON ((0 0, 0 2, 1 2, 1 0, 0 0)), POLYGON ((2 2, 3 2, 3 0, 2 0, 2 2)))",
            "POLYGON ((3 2, 3 0, 2 0, 2 2, 3 2))",
        ],
    ),
    (
        "collection of overlapping polygons and a line",
        "GEOMETRYCOLLECTION(POLYGON((0 0,2 0,2 2,0 2,0 0)),POLYGON((1 0,3 0,3 2,1 2,1 0)))",
        "LINESTRING(-1 1,4 1)",
        [
            "LINESTRING (0 1, 3 1)",
            "GEOMETRYCOLLECTION (LINESTRING (-1 1, 0 1), LINESTRING (3 1, 4 1), POLYGON ((0 2, 1 2, 2 2, 3 2, 3 0, 2 0, 1 0, 0 0, 0 2)))",
            "POLYGON ((0 2, 1 2, 2 2, 3 2, 3 0, 2 0, 1 0, 0 0, 0 2))",
            "GEOMETRYCOLLECTION (LINESTRING (-1 1, 0 1), LINESTRING (3 1, 4 1), POLYGON ((0 2, 1 2, 2 2, 3 2, 3 0, 2 0, 1 0, 0 0, 0 2)))",
            "MULTILINESTRING ((-1 1, 0 1), (3 1, 4 1))",
        ],
    ),
    (
        "collections of lines and points",
        "GEOMETRYCOLLECTION(LINESTRING(0 0,2 0),POINT(5 5))",
        "GEOMETRYCOLLECTION(LINESTRING(1 0,3 0),POINT(5 5))",
        [
            "GEOMETRYCOLLECTION (POINT (5 5), LINESTRING (1 0, 2 0))",
            "GEOMETRYCOLLECTION (POINT (5 5), LINESTRING (1 0, 2 0), LINESTRING (2 0, 3 0), LINESTRING (0 0, 1 0))",
            "LINESTRING (0 0, 1 0)",
            "MULTILINESTRING ((0 0, 1 0), (2 0, 3 0))",
            "LINESTRING (2 0, 3 0)",
        ],
    ),
    (
        "collection of lines",
        "GEOMETRYCOLLECTION(LINESTRING(0 0,4 4),LINESTRING(0 4,4 0))",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        [
            "MULTILINESTRING ((0 0, 2 2), (2 2, 4 4), (0 4, 2 2), (2 2, 4 0))",
            "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))",
            "LINESTRING EMPTY",
            "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))",
            "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))",
        ],
    ),
    (
        "collection with a point on its line",
        "GEOMETRYCOLLECTION(LINESTRING(0 0,2 0),POINT(1 0))",
        "POINT(1 0)",
        [
            "POINT (1 0)",
            "LINESTRING (0 0, 2 0)",
            "LINESTRING (0 0, 2 0)",
            "LINESTRING (0 0, 2 0)",
            "POINT EMPTY",
        ],
    ),
    (
        "self-crossing line apart from a point",
        "LINESTRING(0 0,2 2,2 0,0 2)",
        "POINT(5 5)",
        [
            "POINT EMPTY",
            "GEOMETRYCOLLECTION (LINESTRING (0 0, 2 2, 2 0, 0 2), POINT (5 5))",
            "MULTILINESTRING ((0 0, 1 1), (1 1, 2 2, 2 0, 1 1), (1 1, 0 2))",
            "GEOMETRYCOLLECTION (LINESTRING (0 0, 2 2, 2 0, 0 2), POINT (5 5))",
            "POINT (5 5)",
        ],
    ),
    (
        "empty point and a square",
        "POINT EMPTY",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        [
            "POINT EMPTY",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POINT EMPTY",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
        ],
    ),
    (
        "empty multipoint and a line",
        "MULTIPOINT EMPTY",
        "LINESTRING(0 0,1 1)",
        [
            "POINT EMPTY",
            "LINESTRING (0 0, 1 1)",
            "POINT EMPTY",
            "LINESTRING (0 0, 1 1)",
            "LINESTRING (0 0, 1 1)",
        ],
    ),
    (
        "empty line and a square",
        "LINESTRING EMPTY",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        [
            "LINESTRING EMPTY",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "LINESTRING EMPTY",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
        ],
    ),
    (
        "empty multilinestring and a point",
        "MULTILINESTRING EMPTY",
        "POINT(1 1)",
        [
            "POINT EMPTY",
            "POINT (1 1)",
            "LINESTRING EMPTY",
            "POINT (1 1)",
            "POINT (1 1)",
        ],
    ),
    (
        "empty polygon and a line",
        "POLYGON EMPTY",
        "LINESTRING(0 0,1 1)",
        [
            "LINESTRING EMPTY",
            "LINESTRING (0 0, 1 1)",
            "POLYGON EMPTY",
            "LINESTRING (0 0, 1 1)",
            "LINESTRING (0 0, 1 1)",
        ],
    ),
    (
        "empty multipolygon and a point",
        "MULTIPOLYGON EMPTY",
        "POINT(1 1)",
        [
            "POINT EMPTY",
            "POINT (1 1)",
            "POLYGON EMPTY",
            "POINT (1 1)",
            "POINT (1 1)",
        ],
    ),
    (
        "empty collection and a square",
        "GEOMETRYCOLLECTION EMPTY",
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        [
            "GEOMETRYCOLLECTION EMPTY",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "GEOMETRYCOLLECTION EMPTY",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
            "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
        ],
    ),
    (
        "empty point and empty polygon",
        "POINT EMPTY",
        "POLYGON EMPTY",
        [
            "POINT EMPTY",
            "POLYGON EMPTY",
            "POINT EMPTY",
            "POLYGON EMPTY",
            "POLYGON EMPTY",
        ],
    ),
    (
        "empty polygon and empty line",
        "POLYGON EMPTY",
        "LINESTRING EMPTY",
        [
            "LINESTRING EMPTY",
            "POLYGON EMPTY",
            "POLYGON EMPTY",
            "POLYGON EMPTY",
            "LINESTRING EMPTY",
        ],
    ),
    (
        "empty collection and empty polygon",
        "GEOMETRYCOLLECTION EMPTY",
        "POLYGON EMPTY",
        [
            "GEOMETRYCOLLECTION EMPTY",
            "POLYGON EMPTY",
            "GEOMETRYCOLLECTION EMPTY",
            "POLYGON EMPTY",
            "POLYGON EMPTY",
        ],
    ),
    (
        "collection with an empty point and a line",
        "GEOMETRYCOLLECTION(POINT EMPTY,LINESTRING(0 0,1 0))",
        "POINT(0 0)",
        [
            "POINT (0 0)",
            "LINESTRING (0 0, 1 0)",
            "LINESTRING (0 0, 1 0)",
            "LINESTRING (0 0, 1 0)",
            "POINT EMPTY",
        ],
    ),
];

/// (input, its unary union)
const UNARY: &[(&str, &str)] = &[
    (
        "MULTIPOLYGON(((0 0,2 0,2 2,0 2,0 0)),((1 0,3 0,3 2,1 2,1 0)))",
        "POLYGON ((0 0, 0 2, 1 2, 2 2, 3 2, 3 0, 2 0, 1 0, 0 0))",
    ),
    (
        "POLYGON((0 0,2 2,2 0,0 2,0 0))",
        "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))",
    ),
    (
        "LINESTRING(0 0,2 2,2 0,0 2)",
        "MULTILINESTRING ((0 0, 1 1), (1 1, 2 2, 2 0, 1 1), (1 1, 0 2))",
    ),
    (
        "LINESTRING(0 0,2 0,1 0)",
        "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0))",
    ),
    (
        "MULTILINESTRING((0 0,1 0),(1 0,0 0))",
        "LINESTRING (0 0, 1 0)",
    ),
    (
        "MULTILINESTRING((0 0,2 0),(1 0,3 0))",
        "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0), (2 0, 3 0))",
    ),
    (
        "MULTIPOINT((0 0),(0 0),(1 1))",
        "MULTIPOINT ((0 0), (1 1))",
    ),
    (
        "GEOMETRYCOLLECTION(POLYGON((0 0,2 0,2 2,0 2,0 0)),POLYGON((1 0,3 0,3 2,1 2,1 0)),LINESTRING(-1 1,4 1),POINT(1 1),POINT(9 9))",
        "GEOMETRYCOLLECTION (POINT (9 9), POLYGON ((0 1, 0 2, 1 2, 2 2, 3 2, 3 1, 3 0, 2 0, 1 0, 0 0, 0 1)), LINESTRING (-1 1, 0 1), LINESTRING (3 1, 4 1))",
    ),
    (
        "GEOMETRYCOLLECTION(LINESTRING(0 0,1 0),POLYGON((5 5,6 5,6 6,5 5)))",
        "GEOMETRYCOLLECTION (LINESTRING (0 0, 1 0), POLYGON ((5 5, 6 5, 6 6, 5 5)))",
    ),
    (
        "GEOMETRYCOLLECTION(LINESTRING(0 0,6 6),POLYGON((5 5,6 5,6 6,5 5)))",
        "GEOMETRYCOLLECTION (POLYGON ((6 6, 6 5, 5 5, 6 6)), LINESTRING (0 0, 5 5))",
    ),
    (
        "GEOMETRYCOLLECTION(POINT(0.5 0.5),LINESTRING(0 0,1 1),POINT(3 3),POINT(3 3))",
        "GEOMETRYCOLLECTION (POINT (3 3), LINESTRING (0 0, 1 1))",
    ),
    (
        "LINESTRING(0 0,0 0)",
        "LINESTRING EMPTY",
    ),
    (
        "POINT EMPTY",
        "POINT EMPTY",
    ),
    (
        "LINESTRING EMPTY",
        "LINESTRING EMPTY",
    ),
    (
        "POLYGON EMPTY",
        "GEOMETRYCOLLECTION EMPTY",
    ),
    (
        "MULTIPOINT EMPTY",
        "GEOMETRYCOLLECTION EMPTY",
    ),
    (
        "GEOMETRYCOLLECTION EMPTY",
        "GEOMETRYCOLLECTION EMPTY",
    ),
    (
        "GEOMETRYCOLLECTION(POINT EMPTY)",
        "POINT EMPTY",
    ),
    (
        "GEOMETRYCOLLECTION(POLYGON EMPTY,LINESTRING EMPTY)",
        "LINESTRING EMPTY",
    ),
    (
        "GEOMETRYCOLLECTION(POLYGON EMPTY,POINT(1 1))",
        "POINT (1 1)",
    ),
];

fn run(op: OverlayOp, a: &str, b: &str) -> Result<Geometry<f64>, GeomError> {
    let (a, b) = (wkb(a), wkb(b));
    overlay(&geo(&a), &geo(&b), op)
}

#[test]
fn every_pairing_matches_geos() {
    for (name, a, b, expected) in PAIRS {
        let ops = [
            OverlayOp::Intersection,
            OverlayOp::Union,
            OverlayOp::Difference,
            OverlayOp::SymDifference,
        ];
        for (op, expected) in ops.into_iter().zip(expected) {
            let got = run(op, a, b).unwrap_or_else(|e| panic!("{name}: {op:?}: {e}"));
            assert_same_geometry(&got, expected, &format!("{name}: {op:?}"));
        }
        let got = run(OverlayOp::Difference, b, a).unwrap();
        assert_same_geometry(&got, expected[4], &format!("{name}: b - a"));
    }
}

#[test]
fn unary_unions_match_geos() {
    for (input, expected) in UNARY {
        let bytes = wkb(input);
        let got = unary_union(&geo(&bytes)).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_same_geometry(&got, expected, input);
    }
}

#[test]
fn empty_results_have_geos_types() {
    // shapely 2.1.2: intersection of disjoint squares, of a square and a disjoint line.
    let square = "POLYGON((0 0,1 0,1 1,0 1,0 0))";
    let text = |g: Geometry<f64>| text_of(&g);
    assert_eq!(
        text(
            run(
                OverlayOp::Intersection,
                square,
                "POLYGON((5 5,6 5,6 6,5 5))"
            )
            .unwrap()
        ),
        "POLYGON EMPTY"
    );
    assert_eq!(
        text(run(OverlayOp::Intersection, square, "LINESTRING(5 5,6 6)").unwrap()),
        "LINESTRING EMPTY"
    );
    assert_eq!(
        text(run(OverlayOp::Difference, "POINT(0.5 0.5)", square).unwrap()),
        "POINT EMPTY"
    );
    assert_eq!(
        text(run(OverlayOp::Intersection, "GEOMETRYCOLLECTION EMPTY", square).unwrap()),
        "GEOMETRYCOLLECTION EMPTY"
    );
}

/// Where GEOS 3.13 slips, the point-set answer. Expected values from shapely 2.1.2 calls
/// without the slip: for a symmetric difference with a collection, the union of the symmetric
/// differences of each dimension, `union(symmetric_difference(LINESTRING(0 0,1 0),
/// LINESTRING(2 0,3 0)), POINT(5 5))`; for the difference, `difference(POINT(1 0),
/// LINESTRING(0 0,2 0))` joined with the polygon.
#[test]
fn collections_are_overlaid_as_point_sets_where_geos_slips() {
    // GEOS gives GEOMETRYCOLLECTION (POINT (5 5), LINESTRING (0 0, 1 0)): no second line.
    let got = run(
        OverlayOp::SymDifference,
        "GEOMETRYCOLLECTION(LINESTRING(0 0,1 0),POINT(5 5))",
        "LINESTRING(2 0,3 0)",
    )
    .unwrap();
    assert_same_geometry(
        &got,
        "GEOMETRYCOLLECTION (POINT (5 5), LINESTRING (0 0, 1 0), LINESTRING (2 0, 3 0))",
        "symmetric difference",
    );
    // GEOS keeps the point that lies on the line.
    let got = run(
        OverlayOp::Difference,
        "GEOMETRYCOLLECTION(POINT(1 0),POLYGON((10 10,11 10,11 11,10 10)))",
        "LINESTRING(0 0,2 0)",
    )
    .unwrap();
    assert_same_geometry(&got, "POLYGON ((10 10, 11 10, 11 11, 10 10))", "difference");
}

#[test]
fn invalid_polygons_are_refused_where_overlaid() {
    let bow_tie = "POLYGON((0 0,2 2,2 0,0 2,0 0))";
    let square = "POLYGON((1 0,3 0,3 1,1 0))";
    let err = run(OverlayOp::Union, bow_tie, square).unwrap_err();
    assert_eq!(
        err,
        GeomError::InvalidGeometry(
            "the first geometry is not valid (Self-intersection[1 1]); st_makeValid repairs it"
                .into()
        )
    );
    let outside = "POLYGON((0 0,4 0,4 4,0 4,0 0),(5 5,6 5,6 6,5 5))";
    let err = run(OverlayOp::Intersection, square, outside).unwrap_err();
    assert!(err.to_string().contains("the second geometry"), "{err}");
    assert!(
        err.to_string().contains("Hole lies outside shell[5 5]"),
        "{err}"
    );
    let in_collection = "GEOMETRYCOLLECTION(POINT(9 9),POLYGON((0 0,2 2,2 0,0 2,0 0)))";
    assert!(run(OverlayOp::Intersection, in_collection, square).is_err());
    // Located only, as GEOS locates it (shapely 2.1.2: POINT (1.5 1)), and joined apart.
    let got = run(OverlayOp::Intersection, bow_tie, "POINT(1.5 1)").unwrap();
    assert_same_geometry(&got, "POINT (1.5 1)", "point in a bow tie");
    let got = run(OverlayOp::Union, bow_tie, "POINT(5 5)").unwrap();
    assert_same_geometry(
        &got,
        "GEOMETRYCOLLECTION (POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0)), POINT (5 5))",
        "bow tie and a point apart",
    );
}

#[test]
fn coordinates_that_are_not_finite_are_refused() {
    let mut nan = wkb("LINESTRING(0 0,1 1)");
    let at = nan.len() - 8;
    nan[at..].copy_from_slice(&f64::NAN.to_le_bytes());
    let square = wkb("POLYGON((0 0,1 0,1 1,0 0))");
    for op in [OverlayOp::Intersection, OverlayOp::Union] {
        let err = overlay(&geo(&nan), &geo(&square), op).unwrap_err();
        assert!(matches!(err, GeomError::InvalidParameter(_)), "{err}");
    }
    assert!(unary_union(&geo(&nan)).is_err());
}

#[test]
fn polygons_too_small_for_the_overlay_grid_are_refused() {
    // shapely 2.1.2 gives the square with a hole; the overlay's grid has steps of about 1e7.
    let err = run(
        OverlayOp::Difference,
        "POLYGON((0 0,1e16 0,1e16 1e16,0 1e16,0 0))",
        "POLYGON((1 1,2 1,2 2,1 2,1 1))",
    )
    .unwrap_err();
    assert!(err.to_string().contains("below the precision"), "{err}");
    // An intersection overlays only the boxes' common part, so it is exact (shapely 2.1.2).
    let got = run(
        OverlayOp::Intersection,
        "POLYGON((0 0,1e16 0,1e16 1e16,0 1e16,0 0))",
        "POLYGON((1 1,2 1,2 2,1 2,1 1))",
    )
    .unwrap();
    assert_same_geometry(
        &got,
        "POLYGON ((1 2, 2 2, 2 1, 1 1, 1 2))",
        "small in large",
    );
}

#[test]
fn an_aggregate_folds_shapes() {
    // shapely 2.1.2: intersection_all of the three squares.
    let squares = [
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POLYGON((1 1,5 1,5 5,1 5,1 1))",
        "POLYGON((2 0,6 0,6 3,2 3,2 0))",
    ];
    let mut acc: Option<Geometry<f64>> = None;
    for text in squares {
        let bytes = wkb(text);
        let shape = geo(&bytes).shape().unwrap().into_owned();
        acc = Some(match acc {
            None => shape,
            Some(acc) => overlay_shapes(&acc, &shape, OverlayOp::Intersection).unwrap(),
        });
    }
    assert_same_geometry(
        &acc.unwrap(),
        "POLYGON ((4 3, 4 1, 2 1, 2 3, 4 3))",
        "intersection aggregate",
    );
    let empty_point = overlay_shapes(&empty(0), &empty(2), OverlayOp::Union).unwrap();
    assert_eq!(text_of(&empty_point), "POLYGON EMPTY");
}

#[test]
fn inputs_are_checked_and_typed_whatever_the_other_argument() {
    // Dimensions from shapely 2.1.2: shapely.get_dimensions(g) (GEOS's getDimension).
    for (text, dimension) in [
        ("GEOMETRYCOLLECTION EMPTY", -1),
        ("GEOMETRYCOLLECTION(POINT EMPTY)", 0),
        ("POLYGON EMPTY", 2),
        ("GEOMETRYCOLLECTION(POINT(1 1),MULTIPOLYGON EMPTY)", 2),
        ("MULTILINESTRING((0 0,1 1))", 1),
    ] {
        assert_eq!(input_dimension(&geo(&wkb(text))), Ok(dimension), "{text}");
    }
    // A bow tie is refused by an overlay only where it is overlaid (here with a polygon whose
    // box meets it), and by `input_dimension` always.
    let bow_tie = "POLYGON((0 0,2 2,2 0,0 2,0 0))";
    assert!(run(
        OverlayOp::Intersection,
        bow_tie,
        "POLYGON((5 5,6 5,6 6,5 5))"
    )
    .is_ok());
    assert!(run(
        OverlayOp::Intersection,
        bow_tie,
        "POLYGON((1 0,3 0,3 1,1 0))"
    )
    .is_err());
    let err = input_dimension(&geo(&wkb(bow_tie))).unwrap_err();
    assert!(err.to_string().contains("Self-intersection[1 1]"), "{err}");
    // A collection's polygons may overlap, a multipolygon's may not.
    let overlapping = "((0 0,2 0,2 2,0 2,0 0)),((1 1,3 1,3 3,1 3,1 1))";
    let collection = format!(
        "GEOMETRYCOLLECTION({})",
        overlapping
            .replace("((0", "POLYGON((0")
            .replace("((1", "POLYGON((1")
    );
    assert_eq!(input_dimension(&geo(&wkb(&collection))), Ok(2));
    let multi = format!("MULTIPOLYGON({overlapping})");
    assert!(input_dimension(&geo(&wkb(&multi))).is_err());
    let in_collection = "GEOMETRYCOLLECTION(POINT(9 9),POLYGON((0 0,2 2,2 0,0 2,0 0)))";
    assert!(input_dimension(&geo(&wkb(in_collection))).is_err());
    let mut nan = wkb("LINESTRING(0 0,1 1)");
    let at = nan.len() - 8;
    nan[at..].copy_from_slice(&f64::NAN.to_le_bytes());
    assert!(matches!(
        input_dimension(&geo(&nan)),
        Err(GeomError::InvalidParameter(_))
    ));
}

/// A small deterministic generator, so the property test needs no dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    fn coord(&mut self) -> (f64, f64) {
        (self.below(7) as f64, self.below(7) as f64)
    }

    /// A valid polygonal geometry with corners on a grid of 7 by 7, so that edges and
    /// vertices of two of them often coincide.
    fn polygon(&mut self) -> String {
        let rect = |r: &mut Random| {
            let (x, y) = r.coord();
            let (w, h) = (1 + r.below(4), 1 + r.below(4));
            format!(
                "({x} {y},{} {y},{} {},{x} {},{x} {y})",
                x + w as f64,
                x + w as f64,
                y + h as f64,
                y + h as f64
            )
        };
        match self.below(4) {
            0 => format!("POLYGON({})", rect(self)),
            1 => loop {
                let (a, b, c) = (self.coord(), self.coord(), self.coord());
                let cross = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
                if cross != 0.0 {
                    break format!(
                        "POLYGON(({} {},{} {},{} {},{} {}))",
                        a.0, a.1, b.0, b.1, c.0, c.1, a.0, a.1
                    );
                }
            },
            2 => {
                let (x, y) = self.coord();
                format!(
                    "POLYGON(({x} {y},{} {y},{} {},{x} {},{x} {y}),({} {},{} {},{} {},{} {}))",
                    x + 4.0,
                    x + 4.0,
                    y + 4.0,
                    y + 4.0,
                    x + 1.0,
                    y + 1.0,
                    x + 3.0,
                    y + 1.0,
                    x + 2.0,
                    y + 3.0,
                    x + 1.0,
                    y + 1.0
                )
            }
            _ => {
                // Two rectangles unioned: one polygon, or two apart.
                let both = format!("MULTIPOLYGON(({}),({}))", rect(self), rect(self));
                let bytes = wkb(&both);
                let polygons = crate::union::polygons(&geo(&bytes)).unwrap();
                text_of(&Geometry::MultiPolygon(
                    crate::union::union(&polygons).unwrap(),
                ))
            }
        }
    }
}

#[test]
fn areas_of_random_overlays_add_up() {
    use geo::Area;
    let area = |g: &Geometry<f64>| g.unsigned_area();
    let mut random = Random(0x5eed_1234_abcd_9876);
    for _ in 0..500 {
        let (a, b) = (random.polygon(), random.polygon());
        let (wa, wb) = (wkb(&a), wkb(&b));
        let (ga, gb) = (geo(&wa), geo(&wb));
        let of = |op| overlay(&ga, &gb, op).unwrap_or_else(|e| panic!("{a} {b} {op:?}: {e}"));
        let inter = area(&of(OverlayOp::Intersection));
        let union = area(&of(OverlayOp::Union));
        let diff = area(&of(OverlayOp::Difference));
        let sym = area(&of(OverlayOp::SymDifference));
        let whole = area(&ga.shape().unwrap());
        let close = |p: f64, q: f64| (p - q).abs() <= 1e-9 * p.abs().max(q.abs()).max(1.0);
        assert!(
            close(inter + sym, union),
            "{a} {b}: {inter} + {sym} != {union}"
        );
        assert!(
            close(diff + inter, whole),
            "{a} {b}: {diff} + {inter} != {whole}"
        );
    }
}
