use super::*;
use crate::testing::{assert_same_geometry, geo, text_of, wkb};

// Expected results from shapely 2.1.2 (GEOS 3.13.1): `shapely.set_precision(g, grid_size)`
// (GEOS's `GEOSGeom_setPrecision` with no flags, as PostGIS's `ST_ReducePrecision` calls it),
// read back through WKB (GEOS writes WKT of a fixed-precision geometry with only as many
// decimals as the grid has, 0.75 as 0.8 on a grid of 0.25), then
// `shapely.to_wkt(result, rounding_precision=-1)`.
const CASES: &[(&str, &str, f64, &str)] = &[
    (
        "square on the grid",
        "POLYGON((0 0,10 0,10 10,0 10,0 0))",
        1.0,
        "POLYGON ((0 10, 10 10, 10 0, 0 0, 0 10))",
    ),
    (
        "polygon narrower than the grid",
        "POLYGON((0 0,0.4 0,0.4 0.4,0 0.4,0 0))",
        1.0,
        "POLYGON EMPTY",
    ),
    (
        "multipolygon narrower than the grid",
        "MULTIPOLYGON(((0 0,0.4 0,0.4 0.4,0 0.4,0 0)))",
        1.0,
        "MULTIPOLYGON EMPTY",
    ),
    (
        "hole narrower than the grid",
        "POLYGON((0.2 0.2,3.7 0.1,3.9 4.2,0.1 3.6,0.2 0.2),(1.2 1.2,1.4 1.2,1.4 1.4,1.2 1.2))",
        1.0,
        "POLYGON ((0 4, 4 4, 4 0, 0 0, 0 4))",
    ),
    (
        "hole rounded onto its shell",
        "POLYGON((0 0,10 0,10 10,0 10,0 0),(0.2 0.2,9.8 0.2,9.8 9.8,0.2 9.8,0.2 0.2))",
        1.0,
        "POLYGON EMPTY",
    ),
    (
        "polygons rounded together",
        "MULTIPOLYGON(((0 0,4 0,4 4,0 4,0 0)),((4.4 0,8 0,8 4,4.4 4,4.4 0)))",
        1.0,
        "MULTIPOLYGON (((0 0, 0 4, 4 4, 8 4, 8 0, 4 0, 0 0)))",
    ),
    (
        "one polygon of two vanishing",
        "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)),((0.1 20,0.3 20,0.3 20.3,0.1 20)))",
        1.0,
        "MULTIPOLYGON (((0 10, 10 10, 10 0, 0 0, 0 10)))",
    ),
    (
        "grid of 0.5",
        "POLYGON((0.3 0.3,3.3 0.6,0.6 3.3,0.3 0.3),(0.9 0.9,1.2 0.9,1.2 1.2,0.9 1.2,0.9 0.9))",
        0.5,
        "POLYGON ((0.5 3.5, 3.5 0.5, 0.5 0.5, 0.5 3.5))",
    ),
    (
        "grid of 3",
        "POLYGON((0 0,10 0,10 10,0 10,0 0))",
        3.0,
        "POLYGON ((0 9, 9 9, 9 0, 0 0, 0 9))",
    ),
    (
        "negative grid size",
        "POLYGON((0 0,10 0,10 10,0 10,0 0))",
        -2.0,
        "POLYGON ((0 10, 10 10, 10 0, 0 0, 0 10))",
    ),
    (
        "crossing rounded onto the grid",
        "POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,4.3 1,4.3 6.6,1 1))",
        1.0,
        "POLYGON ((0 10, 10 10, 10 0, 0 0, 0 10), (4 1, 4 7, 1 1, 4 1))",
    ),
    (
        "edge bent through a hot pixel",
        "POLYGON((3.12 3.433,2.958 4.505,2.254 3.973,0.353 9.599,4.317 9.756,9.767 9.656,6.785 7.4,9.77 6.308,6.951 4.508,5.335 4.868,7.962 2.584,4.965 1.142,3.12 3.433))",
        3.0,
        "POLYGON ((3 6, 0 9, 3 9, 9 9, 6 6, 9 3, 6 0, 3 3, 3 6))",
    ),
    (
        "edge bent through a hot pixel on a fine grid",
        "POLYGON((0.3 0.3,0.92 0.31,0.61 0.94,0.3 0.3),(0.5 0.45,0.6 0.45,0.6 0.55,0.5 0.45))",
        0.05,
        "POLYGON ((0.6 0.95, 0.9 0.3, 0.3 0.3, 0.6 0.95), (0.6 0.45, 0.6 0.55, 0.5 0.45, 0.6 0.45))",
    ),
    (
        "line collapsing",
        "LINESTRING(0.1 0.1,0.2 0.2)",
        1.0,
        "LINESTRING EMPTY",
    ),
    (
        "line losing repeated points",
        "LINESTRING(0 0,0.4 0,0.6 0,1 0)",
        1.0,
        "LINESTRING (0 0, 1 0)",
    ),
    (
        "line folding back",
        "LINESTRING(0 0,1.4 0,1.4 3,0.4 0.2)",
        1.0,
        "LINESTRING (0 0, 1 0, 1 3, 0 0)",
    ),
    (
        "multilinestring losing a line",
        "MULTILINESTRING((0.1 0.1,0.2 0.2),(0 0,5 5))",
        1.0,
        "MULTILINESTRING ((0 0, 5 5))",
    ),
    (
        "multilinestring collapsing",
        "MULTILINESTRING((0.1 0.1,0.2 0.2))",
        1.0,
        "MULTILINESTRING EMPTY",
    ),
    (
        "points rounding together",
        "MULTIPOINT((0.1 0.1),(0.2 0.2))",
        1.0,
        "MULTIPOINT ((0 0), (0 0))",
    ),
    (
        "point half up",
        "POINT(1.5 2.5)",
        1.0,
        "POINT (2 3)",
    ),
    (
        "negative point half up",
        "POINT(-1.5 -2.5)",
        1.0,
        "POINT (-1 -2)",
    ),
    (
        "point on a decimal grid",
        "POINT(0.25 0.35)",
        0.1,
        "POINT (0.3 0.4)",
    ),
    (
        "point on a coarse grid",
        "POINT(1234567 7654321)",
        100.0,
        "POINT (1234600 7654300)",
    ),
    (
        "point on a very fine grid",
        "POINT(1.5 2.5)",
        1e-20,
        "POINT (1.5 2.5)",
    ),
    (
        "collection",
        "GEOMETRYCOLLECTION(POLYGON((0 0,0.4 0,0.4 0.4,0 0.4,0 0)),POINT(1.2 1.2),LINESTRING(0 0,0.1 0.1))",
        1.0,
        "GEOMETRYCOLLECTION (POINT (1 1))",
    ),
    (
        "collection emptied",
        "GEOMETRYCOLLECTION(POLYGON((0 0,0.4 0,0.4 0.4,0 0.4,0 0)))",
        1.0,
        "GEOMETRYCOLLECTION EMPTY",
    ),
    (
        "empty polygon",
        "POLYGON EMPTY",
        1.0,
        "POLYGON EMPTY",
    ),
    (
        "empty point",
        "POINT EMPTY",
        1.0,
        "POINT EMPTY",
    ),
];

#[test]
fn reductions_match_geos() {
    for (name, input, grid_size, expected) in CASES {
        let bytes = wkb(input);
        let got =
            reduce_precision(&geo(&bytes), *grid_size).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same_geometry(&got, expected, name);
        if !expected.contains("EMPTY") {
            // Rounded exactly as GEOS rounds: the same coordinates, not only the same shape.
            let mut coords: Vec<(u64, u64)> = geo::CoordsIter::coords_iter(&got)
                .map(|c| (c.x.to_bits(), c.y.to_bits()))
                .collect();
            let expected_bytes = wkb(expected);
            let want = geo(&expected_bytes).shape().unwrap().into_owned();
            let mut want: Vec<(u64, u64)> = geo::CoordsIter::coords_iter(&want)
                .map(|c| (c.x.to_bits(), c.y.to_bits()))
                .collect();
            coords.sort();
            coords.dedup();
            want.sort();
            want.dedup();
            assert!(
                coords.iter().all(|c| want.contains(c)),
                "{name}: {}",
                text_of(&got)
            );
        }
    }
}

#[test]
fn a_grid_size_of_zero_changes_nothing() {
    // Not even an invalid polygon (shapely 2.1.2: set_precision(bow tie, 0) is the bow tie).
    let bytes = wkb("POLYGON((0 0,2 2,2 0,0 2,0 0))");
    let got = reduce_precision(&geo(&bytes), 0.0).unwrap();
    assert_eq!(text_of(&got), "POLYGON((0 0,2 2,2 0,0 2,0 0))");
}

#[test]
fn bad_grid_sizes_and_inputs_are_refused() {
    let square = wkb("POLYGON((0 0,1 0,1 1,0 1,0 0))");
    for size in [f64::NAN, f64::INFINITY] {
        assert!(matches!(
            reduce_precision(&geo(&square), size),
            Err(GeomError::InvalidParameter(_))
        ));
    }
    // GEOS fails on the bow tie: "TopologyException: side location conflict".
    let bow_tie = wkb("POLYGON((0 0,2 2,2 0,0 2,0 0))");
    let err = reduce_precision(&geo(&bow_tie), 1.0).unwrap_err();
    assert!(err.to_string().contains("Self-intersection[1 1]"), "{err}");
    // Too many grid steps across the polygon for the integer overlay.
    let wide = wkb("POLYGON((0 0,1e6 0,1e6 1e6,0 1e6,0 0))");
    assert!(reduce_precision(&geo(&wide), 1e-6).is_err());
    assert!(reduce_precision(&geo(&wide), 1e-3).is_ok());
    let mut infinite = wkb("POINT(1 2)");
    infinite[5..13].copy_from_slice(&f64::INFINITY.to_le_bytes());
    assert!(reduce_precision(&geo(&infinite), 1.0).is_err());
    // A ring vertex of NaNs is no empty point: the overlay once panicked ordering it.
    let mut nan_vertex = square.clone();
    nan_vertex[29..45].copy_from_slice(&[f64::NAN.to_le_bytes(), f64::NAN.to_le_bytes()].concat());
    let err = reduce_precision(&geo(&nan_vertex), 1.0).unwrap_err();
    assert!(err.to_string().contains("finite"), "{err}");
    let empty_point = wkb("GEOMETRYCOLLECTION(POINT EMPTY,POINT(1.4 2))");
    let got = reduce_precision(&geo(&empty_point), 1.0).unwrap();
    assert_eq!(text_of(&got), "GEOMETRYCOLLECTION(POINT(1 2))");
}

#[test]
fn rounds_half_up_as_geos() {
    assert_eq!(round_half_up(2.5), 3.0);
    assert_eq!(round_half_up(-2.5), -2.0);
    assert_eq!(round_half_up(-2.6), -3.0);
    assert_eq!(round_half_up(0.49999999999999994), 0.0);
    assert!(matches!(Grid::new(0.1), Grid::Scale(s) if s == 10.0));
    assert!(matches!(Grid::new(3.0), Grid::Size(s) if s == 3.0));
}
