//! Named pairs of every kind, with GEOS's answers, and the edge cases of the API.
use geo::coordinate_position::CoordPos;

use super::*;
use crate::testing::{geo, wkb};
use crate::Prepared;

type Predicate = fn(&Geo, &Geo) -> Result<bool, Invalid>;

const PREDICATES: [Predicate; 9] = [
    intersects, contains, within, covers, covered_by, crosses, overlaps, touches, equals,
];

/// `a`, `b`, `shapely.relate(a, b)`, and `shapely.intersects`, `contains`, `within`, `covers`,
/// `covered_by`, `crosses`, `overlaps`, `touches`, `equals` as 0/1, from shapely 2.1.2 (GEOS
/// 3.13.1).
#[rustfmt::skip]
const CASES: &[(&str, &str, &str, &str)] = &[
        ("POINT(1 1)", "POINT(1 1)", "0FFFFFFF2", "111110001"),
        ("POINT(1 1)", "MULTIPOINT((1 1),(2 2))", "0FFFFF0F2", "101010000"),
        ("MULTIPOINT((0 0),(1 1))", "MULTIPOINT((1 1),(3 3))", "0F0FFF0F2", "100000100"),
        ("POINT(0 0)", "LINESTRING(0 0,2 0)", "F0FFFF102", "100010010"),
        ("POINT(1 0)", "LINESTRING(0 0,2 0)", "0FFFFF102", "101010000"),
        ("POINT(2 0)", "MULTILINESTRING((0 0,2 0),(2 0,4 0))", "0FFFFF102", "101010000"),
        ("POINT(2 0)", "MULTILINESTRING((0 0,2 0),(2 0,4 0),(2 0,2 2))", "F0FFFF102", "100010010"),
        ("POINT(0 0)", "LINESTRING(0 0,2 0,2 2,0 0)", "0FFFFF1F2", "101010000"),
        ("POINT(1 1)", "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))", "0FFFFF212", "101010000"),
        ("POINT(3 3)", "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))", "FF0FFF212", "000000000"),
        ("POINT(2 3)", "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))", "F0FFFF212", "100010010"),
        ("POINT(10 5)", "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))", "F0FFFF212", "100010010"),
        ("LINESTRING(0 0,2 2)", "LINESTRING(0 2,2 0)", "0F1FF0102", "100001000"),
        ("LINESTRING(0 0,2 0)", "LINESTRING(1 0,3 0)", "1010F0102", "100000100"),
        ("LINESTRING(0 0,2 0)", "LINESTRING(2 0,2 2)", "FF1F00102", "100000010"),
        ("LINESTRING(0 0,2 0)", "LINESTRING(1 0,1 3)", "F01FF0102", "100000010"),
        ("LINESTRING(0 0,2 0)", "LINESTRING(2 0,0 0,1 0)", "10F00FFF2", "111110001"),
        ("LINESTRING(0 0,4 0)", "MULTILINESTRING((0 0,2 0),(2 0,4 0))", "1FFF0FFF2", "111110001"),
        ("MULTILINESTRING((0 0,1 0),(1 0,2 0),(1 0,1 1))", "LINESTRING(1 -1,1 1)", "1F1000102", "100000100"),
        ("LINESTRING(0 0,3 1)", "LINESTRING(0 2,3 0)", "0F1FF0102", "100001000"),
        ("LINESTRING(-1 2,5 2)", "POLYGON((0 0,4 0,4 4,0 4,0 0))", "101FF0212", "100001000"),
        ("LINESTRING(0 0,4 0)", "POLYGON((0 0,4 0,4 4,0 4,0 0))", "F1FF0F212", "100010010"),
        ("LINESTRING(1 1,3 3)", "POLYGON((0 0,4 0,4 4,0 4,0 0))", "1FF0FF212", "101010000"),
        ("LINESTRING(4 4,6 6)", "POLYGON((0 0,4 0,4 4,0 4,0 0))", "FF1F00212", "100000010"),
        ("LINESTRING(1 3,3 3)", "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))", "1010F0212", "100001000"),
        ("LINESTRING(1 1,5 5)", "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))", "1010FF212", "100001000"),
        ("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POLYGON((0 0,4 0,4 4,0 4,0 0))", "2FFF1FFF2", "111110001"),
        ("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POLYGON((0 0,0 4,4 4,4 0,0 0))", "2FFF1FFF2", "111110001"),
        ("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POLYGON((4 0,8 0,8 4,4 4,4 0))", "FF2F11212", "100000010"),
        ("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POLYGON((4 4,8 4,8 8,4 8,4 4))", "FF2F01212", "100000010"),
        ("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POLYGON((2 2,6 2,6 6,2 6,2 2))", "212101212", "100000100"),
        ("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POLYGON((1 1,2 1,2 2,1 2,1 1))", "212FF1FF2", "110100000"),
        ("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POLYGON((0 0,2 0,2 2,0 2,0 0))", "212F11FF2", "110100000"),
        ("POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))", "POLYGON((2 2,4 2,4 4,2 4,2 2))", "FF2F112F2", "100000010"),
        ("POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))", "POLYGON((3 3,5 3,5 5,3 5,3 3))", "212101212", "100000100"),
        ("MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((1 1,2 1,2 2,1 2,1 1)))", "POLYGON((0 0,2 0,2 2,0 2,0 0))", "2FF11F212", "101010000"),
        ("MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((1 1,2 1,2 2,1 2,1 1)))", "LINESTRING(0 0,2 2)", "1F2001FF2", "110100000"),
        ("GEOMETRYCOLLECTION(POLYGON((0 0,2 0,2 2,0 2,0 0)),POLYGON((2 0,4 0,4 2,2 2,2 0)))", "POLYGON((0 0,4 0,4 2,0 2,0 0))", "2FFF1FFF2", "111110001"),
        ("GEOMETRYCOLLECTION(POLYGON((0 0,2 0,2 2,0 2,0 0)),POLYGON((2 0,4 0,4 2,2 2,2 0)))", "LINESTRING(1 1,3 1)", "102FF1FF2", "110100000"),
        ("GEOMETRYCOLLECTION(POLYGON((0 0,3 0,3 3,0 3,0 0)),POLYGON((1 1,4 1,4 4,1 4,1 1)))", "POLYGON((0 0,3 0,3 3,0 3,0 0))", "212F11FF2", "110100000"),
        ("GEOMETRYCOLLECTION(POLYGON((0 0,4 0,4 4,0 4,0 0)),LINESTRING(2 2,6 2))", "LINESTRING(0 2,6 2)", "1F2001FF2", "110100000"),
        ("GEOMETRYCOLLECTION(POLYGON((0 0,4 0,4 4,0 4,0 0)),LINESTRING(2 2,6 2))", "POINT(4 2)", "FF20F1FF2", "100100010"),
        ("GEOMETRYCOLLECTION(POINT(0 0),LINESTRING(0 0,2 0))", "POINT(0 0)", "FF10F0FF2", "100100010"),
        ("GEOMETRYCOLLECTION(LINESTRING(2 10,7 0,10 7.5),POLYGON((9 8,9 10,3 10,3 8,9 8)))", "LINESTRING(3 9,4 9)", "102F01FF2", "110100000"),
        ("POINT EMPTY", "POLYGON((0 0,4 0,4 4,0 4,0 0))", "FFFFFF212", "000000000"),
        ("POLYGON((0 0,4 0,4 4,0 4,0 0))", "LINESTRING EMPTY", "FF2FF1FF2", "000000000"),
        ("GEOMETRYCOLLECTION EMPTY", "POINT(1 1)", "FFFFFF0F2", "000000000"),
        ("POLYGON EMPTY", "MULTIPOINT EMPTY", "FFFFFFFF2", "000000001"),
        ("MULTILINESTRING EMPTY", "MULTILINESTRING((0 0,1 0),(1 0,0 0))", "FFFFFF1F2", "000000000"),
        ("LINESTRING(1 1,1 1)", "POINT(1 1)", "0FFFFFFF2", "111110001"),
        // GEOS's intersects answers 0 here, against its own matrix: its RelateNG misses a
        // line whose coordinates are all equal in that predicate.
        ("LINESTRING(1 1,1 1)", "LINESTRING(0 0,2 2)", "0FFFFF102", "101010000"),
        ("LINESTRING(0 0,1 1)", "GEOMETRYCOLLECTION(LINESTRING(0 1,0.5 0),LINESTRING(1 0,0 0.5))", "0F1FF0102", "100001000"),
        // The line leaves both triangles where their hypotenuses cross, at (1/3 1/3), a corner of
        // their union. GEOS answers 1F2F01102 for the collection, rounding the two crossings
        // apart, but 1F2001102 for shapely.union_all of its polygons, as relate_exact.py does:
        // the line's interior runs from the union's interior to its exterior, so it meets its
        // boundary.
        ("GEOMETRYCOLLECTION(POLYGON((0 0,0.5 0,0 1,0 0)),POLYGON((0 0,1 0,0 0.5,0 0)))", "LINESTRING(0 0,1 1)", "1F2001102", "100001000"),
        ("GEOMETRYCOLLECTION(POLYGON((0 0,0.5 0,0 1,0 0)),POLYGON((0 0,1 0,0 0.5,0 0)))", "POLYGON((0 0,0.5 0,0 1,0 0))", "212F11FF2", "110100000"),
        ("GEOMETRYCOLLECTION(POLYGON((13.4050 52.5200,13.4100 52.5200,13.4100 52.5250,13.4050 52.5250,13.4050 52.5200)),POLYGON((13.4080 52.5230,13.4130 52.5230,13.4130 52.5280,13.4080 52.5280,13.4080 52.5230)))", "POLYGON((13.4050 52.5200,13.4100 52.5200,13.4100 52.5250,13.4050 52.5250,13.4050 52.5200))", "212F11FF2", "110100000"),
];

fn relate_texts(a: &str, b: &str) -> Result<IntersectionMatrix, Invalid> {
    relate(&geo(&wkb(a)), &geo(&wkb(b)))
}

fn check(f: Predicate, a: &str, b: &str) -> bool {
    f(&geo(&wkb(a)), &geo(&wkb(b))).unwrap()
}

#[test]
fn named_pairs_relate_as_in_geos() {
    for &(a, b, matrix, flags) in CASES {
        assert_eq!(relate_texts(a, b).unwrap().to_string(), matrix, "{a} | {b}");
        for (predicate, flag) in PREDICATES.iter().zip(flags.chars()) {
            assert_eq!(check(*predicate, a, b), flag == '1', "{a} | {b}: {flags}");
        }
    }
}

#[test]
fn matrices_are_read_by_position() {
    let matrix = relate_texts("LINESTRING(-1 2,5 2)", "POLYGON((0 0,4 0,4 4,0 4,0 0))").unwrap();
    assert_eq!(
        matrix.get(CoordPos::Inside, CoordPos::Inside),
        Dimensions::OneDimensional
    );
    assert_eq!(
        matrix.get(CoordPos::OnBoundary, CoordPos::Inside),
        Dimensions::Empty
    );
    assert_eq!(
        matrix.get(CoordPos::Outside, CoordPos::Inside),
        Dimensions::TwoDimensional
    );
    assert!(relate_pattern(&matrix, "1*T***T**").unwrap());
}

#[test]
fn prepared_polygons_agree_with_plain_ones() {
    let holed = "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))";
    let bytes = wkb(holed);
    let prepared = Prepared::new(&bytes).unwrap();
    for (x, y) in [
        (1., 1.),
        (3., 3.),
        (2., 3.),
        (10., 5.),
        (11., 5.),
        (9.99, 9.99),
        (0., 0.),
    ] {
        let point = Geo::Point(geo::Coord { x, y });
        assert_eq!(
            contains(&prepared.as_geo(), &point).unwrap(),
            contains(&geo(&bytes), &point).unwrap(),
            "({x} {y})"
        );
    }
}

#[test]
fn holes_wound_like_their_shell_are_holes() {
    // shapely: relate gives FF2FF10F2 and 0F2FF1FF2.
    let lake = "MULTIPOLYGON(((0 0,6 0,6 6,0 6,0 0),(1 1,5 1,5 5,1 5,1 1)))";
    assert!(!check(contains, lake, "MULTIPOINT((3 3))"));
    assert!(check(contains, lake, "MULTIPOINT((0.5 0.5),(5.5 3))"));
}

#[test]
fn multi_line_boundaries_follow_the_mod_2_rule() {
    // shapely: relate(joined, POINT(4 0)) is FF10F0FF2; covers is true.
    let joined = "MULTILINESTRING((0 0,2 0),(2 0,4 0))";
    assert!(check(contains, joined, "POINT(2 0)"));
    assert!(!check(contains, joined, "POINT(4 0)"));
    assert!(check(covers, joined, "POINT(4 0)"));
    assert!(check(contains, joined, "LINESTRING(1 0,3 0)"));
}

#[test]
fn collections_are_the_union_of_their_members() {
    // shapely: relate(SQUARE, the collections) is 1020F1FF2 and 212101FF2.
    let square = "POLYGON((0 0,4 0,4 4,0 4,0 0))";
    assert!(check(
        contains,
        square,
        "GEOMETRYCOLLECTION(POINT(0 0),LINESTRING(1 1,2 2))"
    ));
    assert!(check(
        covers,
        square,
        "GEOMETRYCOLLECTION(LINESTRING(4 4,4 2),POLYGON((1 1,2 1,2 2,1 2,1 1)))"
    ));
    // A line crossing the polygon of its collection. shapely: relate with POINT(3 8) (on the
    // line and the polygon's boundary, which comes first) is FF20F1FF2; with POINT(6 9) and
    // POINT(4.5 5) 0F2FF1FF2; the square of side 11 contains the collection (2120F1FF2).
    let crossing =
        "GEOMETRYCOLLECTION(LINESTRING(2 10,7 0,10 7.5),POLYGON((9 8,9 10,3 10,3 8,9 8)))";
    assert!(!check(contains, crossing, "POINT(3 8)"));
    assert!(check(covers, crossing, "POINT(3 8)"));
    assert!(check(contains, crossing, "POINT(6 9)"));
    assert!(check(contains, crossing, "POINT(4.5 5)"));
    assert!(check(
        contains,
        "POLYGON((0 0,11 0,11 11,0 11,0 0))",
        crossing
    ));
}

#[test]
fn empty_geometries_relate_to_nothing() {
    let square = "POLYGON((0 0,4 0,4 4,0 4,0 0))";
    for empty in [
        "POINT EMPTY",
        "LINESTRING EMPTY",
        "POLYGON EMPTY",
        "MULTIPOINT EMPTY",
        "MULTILINESTRING EMPTY",
        "MULTIPOLYGON EMPTY",
        "GEOMETRYCOLLECTION EMPTY",
        "GEOMETRYCOLLECTION(POINT EMPTY,POLYGON EMPTY)",
    ] {
        for (a, b) in [(empty, square), (square, empty)] {
            for (i, predicate) in PREDICATES.iter().enumerate() {
                assert!(!check(*predicate, a, b), "predicate {i}: {a} | {b}");
            }
            assert!(check(disjoint, a, b));
        }
        // shapely: relate(POINT EMPTY, SQUARE) is FFFFFF212; GEOS finds two empty geometries
        // equal, whatever their types.
        assert_eq!(
            relate_texts(empty, square).unwrap().to_string(),
            "FFFFFF212"
        );
        assert_eq!(
            relate_texts(square, empty).unwrap().to_string(),
            "FF2FF1FF2"
        );
        assert_eq!(
            relate_texts(empty, "POINT EMPTY").unwrap().to_string(),
            "FFFFFFFF2"
        );
        assert!(check(equals, empty, "LINESTRING EMPTY"));
    }
}

#[test]
fn lines_whose_coordinates_are_all_equal_are_points() {
    // GEOS 3.13 gives LINESTRING(1 1,1 1) a 1-dimensional interior outside another geometry
    // (FFFFFF1F2 against POINT EMPTY, FF1FFF0F2 against a line elsewhere), though it counts
    // it as a point everywhere else; this is the matrix of the point, from shapely:
    // relate(POINT EMPTY, POINT(1 1)) is FFFFFF0F2, relate(POINT(1 1), LINESTRING(3 0,4 0))
    // FF0FFF102.
    for line in ["LINESTRING(1 1,1 1)", "LINESTRING(1 1,1 1,1 1)"] {
        assert_eq!(
            relate_texts("POINT EMPTY", line).unwrap().to_string(),
            "FFFFFF0F2"
        );
        assert_eq!(
            relate_texts(line, "LINESTRING(3 0,4 0)")
                .unwrap()
                .to_string(),
            "FF0FFF102"
        );
        assert!(check(equals, line, "POINT(1 1)"));
    }
}

#[test]
fn invalid_polygons_are_refused_when_related_to_lines_or_areas() {
    let bowtie = "POLYGON((0 0,2 2,2 0,0 2,0 0))";
    // A point is still located, by the parity of the rings: shapely gives 0F2FF1FF2.
    assert!(check(contains, bowtie, "POINT(1.5 1)"));
    let (line, bowtie) = (wkb("LINESTRING(0.5 0.2,1.5 0.2)"), wkb(bowtie));
    let err = within(&geo(&line), &geo(&bowtie)).unwrap_err();
    assert_eq!(err.arg, 1);
    assert!(
        matches!(err.error, GeomError::InvalidGeometry(_)),
        "{err:?}"
    );
    // shapely.is_valid_reason: Self-intersection, Hole lies outside shell, Holes are nested,
    // Self-intersection (a hole along its shell, a ring without area).
    for (invalid, reason) in [
        ("POLYGON((0 0,2 2,2 0,0 2,0 0))", "cross or run along"),
        (
            "POLYGON((0 0,4 0,4 4,0 4,0 0),(5 5,6 5,6 6,5 5))",
            "outside its shell",
        ),
        (
            "POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,9 1,9 9,1 9,1 1),(2 2,3 2,3 3,2 2))",
            "inside another hole",
        ),
        (
            "POLYGON((0 0,4 0,4 4,0 4,0 0),(0 0,2 0,2 2,0 0))",
            "cross or run along",
        ),
        ("POLYGON((0 0,1 0,2 0,0 0))", "cross or run along"),
        ("POLYGON((0 0,1 0,0 0,0 0))", "fewer than 3 distinct points"),
    ] {
        let err = relate_texts("LINESTRING(-1 -1,3 3)", invalid).unwrap_err();
        assert_eq!(err.arg, 1, "{invalid}");
        assert!(
            matches!(&err.error, GeomError::InvalidGeometry(message) if message.contains(reason)),
            "{invalid}: {err:?}"
        );
    }
    // Rings may touch at points (shapely: a hole at a corner of its shell is valid).
    relate_texts(
        "LINESTRING(-1 -1,3 3)",
        "POLYGON((0 0,4 0,4 4,0 4,0 0),(0 0,2 1,2 2,0 0))",
    )
    .unwrap();
    // Overlapping parts of a multipolygon are its union, as the polygons of a collection are:
    // shapely.relate(shapely.union_all(parts), LINESTRING(0 0,3 3)) is 1F2F01FF2 (GEOS
    // answers 1F20011F2 for the invalid multipolygon itself).
    let overlapping = "MULTIPOLYGON(((0 0,2 0,2 2,0 2,0 0)),((1 1,3 1,3 3,1 3,1 1)))";
    let collection =
        "GEOMETRYCOLLECTION(POLYGON((0 0,2 0,2 2,0 2,0 0)),POLYGON((1 1,3 1,3 3,1 3,1 1)))";
    for union in [overlapping, collection] {
        let matrix = relate_texts(union, "LINESTRING(0 0,3 3)").unwrap();
        assert_eq!(matrix.to_string(), "1F2F01FF2", "{union}");
    }
    // shapely: 212F11FF2.
    assert_eq!(
        relate_texts(collection, "POLYGON((0 0,2 0,2 2,0 2,0 0))")
            .unwrap()
            .to_string(),
        "212F11FF2"
    );
}

#[test]
fn coordinates_that_are_not_finite_are_refused() {
    let square = wkb("POLYGON((0 0,4 0,4 4,0 4,0 0))");
    let square = geo(&square);
    for point in [f64::INFINITY, f64::NAN] {
        let point = Geo::Point(geo::Coord { x: point, y: 1.0 });
        let err = relate(&square, &point).unwrap_err();
        assert_eq!(err.arg, 1);
        assert!(
            matches!(err.error, GeomError::InvalidParameter(_)),
            "{err:?}"
        );
    }
}

#[test]
fn crosses_overlaps_and_touches_need_the_right_dimensions() {
    // shapely: crosses(LINESTRING(0 0,2 2), LINESTRING(0 2,2 0)) (0F1FF0102) is true; two
    // polygons never cross, two point sets never touch.
    assert!(check(crosses, "LINESTRING(0 0,2 2)", "LINESTRING(0 2,2 0)"));
    assert!(!check(
        crosses,
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POLYGON((2 2,6 2,6 6,2 6,2 2))"
    ));
    assert!(check(
        overlaps,
        "POLYGON((0 0,4 0,4 4,0 4,0 0))",
        "POLYGON((2 2,6 2,6 6,2 6,2 2))"
    ));
    assert!(!check(touches, "POINT(1 1)", "MULTIPOINT((1 1),(2 2))"));
    assert!(check(touches, "POINT(0 0)", "LINESTRING(0 0,2 0)"));
}

#[test]
fn ordering_equality_needs_the_same_representation() {
    // shapely 2.1.2 (GEOS 3.13.1): shapely.equals_identical(a, b), which has PostGIS's
    // ST_OrderingEquals semantics (type, Z and M, structure, coordinates in order).
    for (a, b, expected) in [
        ("LINESTRING(0 0,1 1)", "LINESTRING(0 0,1 1)", true),
        ("LINESTRING(0 0,1 1)", "LINESTRING(1 1,0 0)", false),
        ("POINT EMPTY", "POINT EMPTY", true),
        ("POINT EMPTY", "MULTIPOINT EMPTY", false),
        ("LINESTRING Z(0 0 1,1 1 1)", "LINESTRING(0 0,1 1)", false),
        (
            "LINESTRING Z(0 0 1,1 1 1)",
            "LINESTRING Z(0 0 1,1 1 2)",
            false,
        ),
        (
            "LINESTRING Z(0 0 1,1 1 1)",
            "LINESTRING Z(0 0 1,1 1 1)",
            true,
        ),
        (
            "LINESTRING M(0 0 1,1 1 1)",
            "LINESTRING Z(0 0 1,1 1 1)",
            false,
        ),
        ("MULTIPOINT((0 0),(1 1))", "MULTIPOINT((1 1),(0 0))", false),
        (
            "POLYGON((0 0,1 0,1 1,0 0))",
            "POLYGON((1 0,1 1,0 0,1 0))",
            false,
        ),
        (
            "POLYGON((0 0,1 0,1 1,0 0),(0.1 0.1,0.2 0.1,0.2 0.2,0.1 0.1))",
            "POLYGON((0 0,1 0,1 1,0 0))",
            false,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(0 0))",
            "GEOMETRYCOLLECTION(POINT(0 0))",
            true,
        ),
        ("GEOMETRYCOLLECTION(POINT(0 0))", "POINT(0 0)", false),
        (
            "GEOMETRYCOLLECTION(POINT EMPTY)",
            "GEOMETRYCOLLECTION EMPTY",
            false,
        ),
        (
            "MULTILINESTRING((0 0,1 1),(2 2,3 3))",
            "MULTILINESTRING((2 2,3 3),(0 0,1 1))",
            false,
        ),
        ("POINT(0 0)", "POINT(-0 0)", true),
    ] {
        let (a_bytes, b_bytes) = (wkb(a), wkb(b));
        assert_eq!(
            ordering_equals(&geo(&a_bytes), &geo(&b_bytes)),
            expected,
            "{a} | {b}"
        );
    }
    // A point held as two f64s equals the same point read from WKB.
    let point = wkb("POINT(1 2)");
    let held = Geo::Point(geo::Coord { x: 1.0, y: 2.0 });
    assert!(ordering_equals(&held, &geo(&point)));
}
