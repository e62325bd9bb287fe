use super::*;
use crate::testing::{assert_same_geometry, geo, text_of, wkb};

// Expected results from shapely 2.1.2 (GEOS 3.13.1): `shapely.make_valid(g)` (the 'linework'
// method), made a multi-geometry when `g` is a multi-geometry or collection and the result is
// not, as PostGIS's `lwgeom_make_valid` does after GEOS; then
// `shapely.to_wkt(result, rounding_precision=-1)`.
const CASES: &[(&str, &str, &str)] = &[
    (
        "bow tie",
        "POLYGON((0 0,2 2,2 0,0 2,0 0))",
        "MULTIPOLYGON (((0 2, 1 1, 0 0, 0 2)), ((2 0, 1 1, 2 2, 2 0)))",
    ),
    (
        "hole outside its shell",
        "POLYGON((0 0,4 0,4 4,0 4,0 0),(5 5,6 5,6 6,5 5))",
        "MULTIPOLYGON (((4 4, 4 0, 0 0, 0 4, 4 4)), ((6 5, 5 5, 6 6, 6 5)))",
    ),
    (
        "hole across its shell",
        "POLYGON((0 0,4 0,4 4,0 4,0 0),(2 2,6 2,6 6,2 6,2 2))",
        "MULTIPOLYGON (((0 4, 2 4, 2 2, 4 2, 4 0, 0 0, 0 4)), ((2 6, 6 6, 6 2, 4 2, 4 4, 2 4, 2 6)))",
    ),
    (
        "holes nested",
        "POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,9 1,9 9,1 9,1 1),(2 2,8 2,8 8,2 8,2 2))",
        "MULTIPOLYGON (((10 10, 10 0, 0 0, 0 10, 10 10), (9 9, 1 9, 1 1, 9 1, 9 9)), ((8 8, 8 2, 2 2, 2 8, 8 8)))",
    ),
    (
        "hole equal to its shell",
        "POLYGON((0 0,2 0,2 2,0 2,0 0),(0 0,2 0,2 2,0 2,0 0))",
        "POLYGON ((0 0, 0 2, 2 2, 2 0, 0 0))",
    ),
    (
        "holes overlapping",
        "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,6 2,6 6,2 6,2 2),(4 4,8 4,8 8,4 8,4 4))",
        "MULTIPOLYGON (((0 10, 10 10, 10 0, 0 0, 0 10), (8 4, 8 8, 4 8, 4 6, 2 6, 2 2, 6 2, 6 4, 8 4)), ((6 6, 6 4, 4 4, 4 6, 6 6)))",
    ),
    (
        "interior cut by a hole",
        "POLYGON((0 0,4 0,4 4,0 4,0 0),(0 2,2 0,4 2,2 4,0 2))",
        "MULTIPOLYGON (((2 4, 0 2, 0 4, 2 4)), ((4 4, 4 2, 2 4, 4 4)), ((4 0, 2 0, 4 2, 4 0)), ((0 0, 0 2, 2 0, 0 0)))",
    ),
    (
        "spike",
        "POLYGON((0 0,4 0,4 4,2 4,2 2,2 4,0 4,0 0))",
        "GEOMETRYCOLLECTION (POLYGON ((4 4, 4 0, 0 0, 0 4, 2 4, 4 4)), LINESTRING (2 4, 2 2))",
    ),
    (
        "ring touching itself",
        "POLYGON((0 0,4 0,4 4,2 4,3 3,1 3,2 4,0 4,0 0))",
        "POLYGON ((4 4, 4 0, 0 0, 0 4, 2 4, 4 4), (1 3, 3 3, 2 4, 1 3))",
    ),
    (
        "ring of no area",
        "POLYGON((0 0,2 0,1 0,0 0))",
        "MULTILINESTRING ((0 0, 1 0), (1 0, 2 0))",
    ),
    (
        "ring of one point",
        "POLYGON((0 0,0 0,0 0,0 0))",
        "POINT (0 0)",
    ),
    (
        "overlapping polygons",
        "MULTIPOLYGON(((0 0,2 0,2 2,0 2,0 0)),((1 0,3 0,3 2,1 2,1 0)))",
        "GEOMETRYCOLLECTION (POLYGON ((0 2, 1 2, 2 2, 3 2, 3 0, 2 0, 1 0, 0 0, 0 2)), MULTILINESTRING ((2 0, 2 2), (1 2, 1 0)))",
    ),
    (
        "polygon inside another",
        "MULTIPOLYGON(((0 0,3 0,3 3,0 3,0 0)),((1 1,2 1,2 2,1 2,1 1)))",
        "MULTIPOLYGON (((0 3, 3 3, 3 0, 0 0, 0 3), (2 1, 2 2, 1 2, 1 1, 2 1)))",
    ),
    (
        "polygons overlapping at a corner",
        "MULTIPOLYGON(((0 0,2 0,2 2,0 2,0 0)),((1 1,3 1,3 3,1 3,1 1)))",
        "MULTIPOLYGON (((0 2, 1 2, 1 1, 2 1, 2 0, 0 0, 0 2)), ((1 3, 3 3, 3 1, 2 1, 2 2, 1 2, 1 3)))",
    ),
    (
        "polygons sharing an edge",
        "MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((1 0,2 0,2 1,1 1,1 0)))",
        "GEOMETRYCOLLECTION (POLYGON ((0 1, 1 1, 2 1, 2 0, 1 0, 0 0, 0 1)), LINESTRING (1 0, 1 1))",
    ),
    (
        "equal polygons",
        "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)),((0 0,10 0,10 10,0 10,0 0)))",
        "MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0)))",
    ),
    (
        "polygons collapsed to points",
        "MULTIPOLYGON(((0 0,0 0,0 0,0 0)),((5 5,5 5,5 5,5 5)))",
        "GEOMETRYCOLLECTION (POINT (0 0), POINT (5 5))",
    ),
    (
        "vertices within rounding of other edges",
        "MULTIPOLYGON(((-0.000000004 0.0000000100000002,0.000000002 -0.0000000049999998,0.00000001 0.000000009000000100000001,0.000000006000000200000001 0.00000001,-0.000000004 0.0000000100000002)),((-0.000000007000000000000001 0.0000000050000001,0 0.0000000000000002,0.000000002 -0.0000000069999998000000006,0.000000006000000000000001 -0.0000000039999999,0.0000000020000002 -0.0000000009999998,0.00000001 0.000000007000000200000001,-0.000000007000000000000001 0.0000000050000001)))",
        "MULTIPOLYGON (((-7.000000000000001e-9 5.0000001e-9, -2.224719073652317e-9 5.561797884130792e-9, 0 2e-16, -7.000000000000001e-9 5.0000001e-9)), ((-4e-9 1.00000002e-8, 6.000000200000001e-9 1e-8, 1e-8 9.000000100000001e-9, 8.774774822238455e-9 6.855856054232612e-9, -2.224719073652317e-9 5.561797884130792e-9, -4e-9 1.00000002e-8)), ((1e-8 7.000000200000001e-9, 7.333333333333331e-9 4.333333466666663e-9, 8.774774822238455e-9 6.855856054232612e-9, 1e-8 7.000000200000001e-9)), ((3.6000000280000025e-9 -2.199999770999996e-9, 2.0000002e-9 -9.999998e-10, 7.333333333333331e-9 4.333333466666663e-9, 3.6000000280000025e-9 -2.199999770999996e-9)), ((6.000000000000001e-9 -3.9999999e-9, 2e-9 -6.9999998000000006e-9, 0 2e-16, 2e-9 -4.9999998e-9, 3.6000000280000025e-9 -2.199999770999996e-9, 6.000000000000001e-9 -3.9999999e-9)))",
    ),
    (
        "line of one point",
        "LINESTRING(0 0,0 0)",
        "POINT (0 0)",
    ),
    (
        "lines collapsed and crossing",
        "MULTILINESTRING((0 0,0 0),(0 0,2 2,2 0,0 2),(3 3,3 3))",
        "GEOMETRYCOLLECTION (MULTIPOINT ((0 0), (3 3)), MULTILINESTRING ((0 0, 1 1), (1 1, 2 2, 2 0, 1 1), (1 1, 0 2)))",
    ),
    (
        "collection",
        "GEOMETRYCOLLECTION(POLYGON((0 0,2 2,2 0,0 2,0 0)),LINESTRING(5 5,5 5),POINT(1 1))",
        "GEOMETRYCOLLECTION (MULTIPOLYGON (((0 2, 1 1, 0 0, 0 2)), ((2 0, 1 1, 2 2, 2 0))), POINT (5 5), POINT (1 1))",
    ),
    (
        "valid polygon",
        "POLYGON((0 0,0 2,2 2,2 0,0 0),(0.5 0.5,1 0.5,1 1,0.5 0.5))",
        "POLYGON ((0 0, 0 2, 2 2, 2 0, 0 0), (0.5 0.5, 1 0.5, 1 1, 0.5 0.5))",
    ),
    (
        "valid self-crossing line",
        "LINESTRING(0 0,2 2,2 0,0 2)",
        "LINESTRING (0 0, 2 2, 2 0, 0 2)",
    ),
    (
        "valid line with a repeated point",
        "LINESTRING(0 0,1 1,1 1)",
        "LINESTRING (0 0, 1 1, 1 1)",
    ),
    (
        "valid multipoint with a repeat",
        "MULTIPOINT((0 0),(0 0))",
        "MULTIPOINT ((0 0), (0 0))",
    ),
    (
        "point",
        "POINT(1 2)",
        "POINT (1 2)",
    ),
    (
        "empty point",
        "POINT EMPTY",
        "POINT EMPTY",
    ),
    (
        "empty polygon",
        "POLYGON EMPTY",
        "POLYGON EMPTY",
    ),
    (
        "empty collection",
        "GEOMETRYCOLLECTION EMPTY",
        "GEOMETRYCOLLECTION EMPTY",
    ),
];

#[test]
fn repairs_match_geos() {
    for (name, input, expected) in CASES {
        let bytes = wkb(input);
        let got = make_valid(&geo(&bytes)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same_geometry(&got, expected, name);
        let again = make_valid(&geo(&{
            let mut out = Vec::new();
            crate::write_wkb(&got, &mut out);
            out
        }))
        .unwrap();
        assert!(
            crate::validity::check(&again, Rules::Ogc).is_none(),
            "{name}: {}",
            text_of(&again)
        );
    }
}

#[test]
fn valid_geometries_come_back_unchanged() {
    for text in [
        "POLYGON((0 0,0 2,2 2,2 0,0 0),(0.5 0.5,1 0.5,1 1,0.5 0.5))",
        "LINESTRING(0 0,2 2,2 0,0 2)",
        "MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((2 2,3 2,3 3,2 2)))",
        "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))",
    ] {
        let bytes = wkb(text);
        assert_eq!(text_of(&make_valid(&geo(&bytes)).unwrap()), text, "{text}");
    }
}

/// PostGIS drops NaN coordinates before GEOS sees them. Expected values from shapely 2.1.2:
/// `make_valid` of the geometry without its NaN coordinates (`LINESTRING(0 0,1 1)`; for the
/// ring, `POLYGON((0 0,2 0,0 2,0 0))`, which is valid; the point of NaNs is empty).
#[test]
fn nan_coordinates_are_dropped_and_infinite_ones_refused() {
    let with = |text: &str, at: usize, value: f64| {
        let mut bytes = wkb(text);
        bytes[at..at + 8].copy_from_slice(&value.to_le_bytes());
        bytes
    };
    // LINESTRING header (1 + 4 + 4 bytes), then x0 y0 x1 y1 x2 y2: x1 becomes NaN.
    let line = with("LINESTRING(0 0,5 5,1 1)", 9 + 16, f64::NAN);
    assert_same_geometry(
        &make_valid(&geo(&line)).unwrap(),
        "LINESTRING (0 0, 1 1)",
        "line",
    );
    // POLYGON header, ring count, point count, then the ring: x1 becomes NaN.
    let ring = with("POLYGON((0 0,5 5,2 0,0 2,0 0))", 13 + 16, f64::NAN);
    assert_same_geometry(
        &make_valid(&geo(&ring)).unwrap(),
        "POLYGON ((0 0, 2 0, 0 2, 0 0))",
        "ring",
    );
    let point = with("POINT(1 2)", 5, f64::NAN);
    assert_eq!(text_of(&make_valid(&geo(&point)).unwrap()), "POINT EMPTY");
    let infinite = with("LINESTRING(0 0,5 5,1 1)", 9 + 16, f64::INFINITY);
    assert!(matches!(
        make_valid(&geo(&infinite)),
        Err(GeomError::InvalidParameter(_))
    ));
}

/// GEOS 3.13.1 fails on a polygon whose shell collapses to a point but whose hole does not
/// ("Overlay input is mixed-dimension"); here the hole's area and the point are kept.
#[test]
fn a_shell_collapsed_to_a_point_leaves_its_hole_and_the_point() {
    let bytes = wkb("POLYGON((0 0,0 0,0 0,0 0),(1 1,2 1,2 2,1 1))");
    let got = make_valid(&geo(&bytes)).unwrap();
    assert_eq!(
        text_of(&got),
        "GEOMETRYCOLLECTION(POLYGON((1 1,2 1,2 2,1 1)),POINT(0 0))"
    );
}
