use arrow_array::{Array, BinaryArray};
use strabo_columnar::arrow::view;
use strabo_columnar::{ColumnView, GeomEncoding, GeomView, Physical};

use super::*;

fn wkb(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    strabo_geom::write_wkb(&strabo_geom::wkt_codec::parse(text).unwrap(), &mut out);
    out
}

fn column(rows: &[Option<&str>]) -> BinaryArray {
    let values: Vec<Option<Vec<u8>>> = rows.iter().map(|row| row.map(wkb)).collect();
    BinaryArray::from_iter(values)
}

fn keys(array: &dyn Array, srid: i32) -> GeomView<'_> {
    match view(array, Physical::Geometry(GeomEncoding::Wkb { srid })).unwrap() {
        ColumnView::Geometry(keys) => keys,
        other => panic!("not a geometry view: {}", other.type_name()),
    }
}

const INDEXED: &[Option<&str>] = &[
    Some("POLYGON((0 0,10 0,10 10,0 10,0 0))"),
    Some("POLYGON((10 0,20 0,20 10,10 10,10 0))"),
    Some("POLYGON((0 0,30 0,30 30,0 30,0 0),(5 5,25 5,25 25,5 25,5 5))"),
    None,
    Some("LINESTRING(0 5,30 5)"),
    Some("POINT(10 10)"),
    Some("POLYGON EMPTY"),
    Some("MULTIPOLYGON(((40 40,50 40,50 50,40 50,40 40)),((60 60,70 60,70 70,60 70,60 60)))"),
    Some("POLYGON((2 2,8 2,8 8,2 8,2 2))"),
];

const PROBED: &[Option<&str>] = &[
    Some("POINT(5 5)"),
    Some("POINT(10 5)"),
    Some("POINT(10 10)"),
    Some("POINT(0 0)"),
    None,
    Some("POINT EMPTY"),
    Some("LINESTRING(5 5,15 5)"),
    Some("LINESTRING(2 2,8 2)"),
    Some("POLYGON((2 2,8 2,8 8,2 8,2 2))"),
    Some("POLYGON((5 5,15 5,15 15,5 15,5 5))"),
    Some("POINT(45 45)"),
    Some("POINT(100 100)"),
    Some("GEOMETRYCOLLECTION(POINT(65 65),LINESTRING(0 10,10 10))"),
    Some("POLYGON EMPTY"),
];

/// Every pair the predicate holds for, as a nested loop finds them.
fn nested_loop(
    predicate: Predicate,
    indexed_arg: IndexedArg,
    indexed: &GeomView,
    probed: &GeomView,
) -> Matches {
    let mut matches = Matches::default();
    for p in (0..probed.len()).filter(|&p| probed.validity.is_valid(p)) {
        for b in (0..indexed.len()).filter(|&b| indexed.validity.is_valid(b)) {
            let (probe, build) = (probed.geo(p).unwrap(), indexed.geo(b).unwrap());
            let related = match indexed_arg {
                IndexedArg::First => predicate.holds(&build, &probe),
                IndexedArg::Second => predicate.holds(&probe, &build),
            };
            if related.unwrap() {
                matches.probe.push(p as u32);
                matches.build.push(b as u32);
            }
        }
    }
    matches
}

#[test]
fn every_predicate_and_distance_finds_what_a_nested_loop_finds_in_either_argument_order() {
    let indexed_array = column(INDEXED);
    let probed_array = column(PROBED);
    let (indexed, probed) = (keys(&indexed_array, 0), keys(&probed_array, 0));
    let mut total = 0;
    let distances = [0.0, 1.5, 12.0]
        .into_iter()
        .flat_map(|d| {
            [true, false].map(|inclusive| Predicate::within_distance(d, inclusive, Metric::Planar))
        })
        .map(Result::unwrap);
    for predicate in Predicate::TOPOLOGICAL.into_iter().chain(distances) {
        for indexed_arg in [IndexedArg::First, IndexedArg::Second] {
            let mut builder = IndexBuilder::new(predicate, indexed_arg);
            // Two batches: rows are numbered on across them.
            let (first, second) = (indexed_array.slice(0, 4), indexed_array.slice(4, 5));
            builder.add(&keys(&first, 0)).unwrap();
            builder.add(&keys(&second, 0)).unwrap();
            let index = builder.finish();
            assert_eq!(index.rows(), INDEXED.len());
            let mut matches = Matches::default();
            index.probe(&probed, &mut matches).unwrap();
            let expected = nested_loop(predicate, indexed_arg, &indexed, &probed);
            assert_eq!(matches, expected, "{predicate:?} {indexed_arg:?}");
            total += matches.probe.len();
        }
    }
    // Enough pairs that the comparison means something.
    assert!(total > 300, "{total}");
}

#[test]
fn two_empty_geometries_are_equal_and_nothing_else_matches_an_empty_one() {
    let indexed_array = column(INDEXED);
    let probed_array = column(&[Some("POINT EMPTY"), Some("LINESTRING EMPTY")]);
    for predicate in Predicate::TOPOLOGICAL {
        let mut builder = IndexBuilder::new(predicate, IndexedArg::First);
        builder.add(&keys(&indexed_array, 0)).unwrap();
        let mut matches = Matches::default();
        builder
            .finish()
            .probe(&keys(&probed_array, 0), &mut matches)
            .unwrap();
        let expected = match predicate {
            Predicate::Equals => vec![6, 6],
            _ => vec![],
        };
        assert_eq!(matches.build, expected, "{predicate:?}");
    }
}

#[test]
fn bad_rows_are_refused_with_the_predicate_and_the_value_named() {
    let indexed_array = column(INDEXED);
    let mut builder = IndexBuilder::new(Predicate::Contains, IndexedArg::First);
    builder.add(&keys(&indexed_array, 4326)).unwrap();
    let index = builder.finish();
    let probed_array = column(&[Some("POINT(5 5)")]);
    let error = index
        .probe(&keys(&probed_array, 3857), &mut Matches::default())
        .unwrap_err();
    assert!(error.0.starts_with("st_contains: "), "{error}");
    assert!(
        error.0.contains("4326") && error.0.contains("3857"),
        "{error}"
    );
    assert!(error.0.contains("'POINT(5 5)' (SRID 3857)"), "{error}");

    let malformed = BinaryArray::from_iter_values([[1u8, 3, 0, 0]]);
    let mut builder = IndexBuilder::new(Predicate::Intersects, IndexedArg::Second);
    let error = builder.add(&keys(&malformed, 0)).unwrap_err();
    assert!(
        error.0.starts_with("st_intersects: ") && error.0.contains("X'01030000'"),
        "{error}"
    );
}

/// Points all over the globe, by the poles and the antimeridian, some with longitudes past it,
/// and a line and a polygon, which the spherical search does not bound.
fn globe(seed: u64, count: usize) -> Vec<Option<String>> {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut rows: Vec<Option<String>> = (0..count)
        .map(|_| {
            let x = next() * 360.0 - 180.0;
            let y = next() * 180.0 - 90.0;
            Some(format!("POINT({x} {y})"))
        })
        .collect();
    for special in [
        "POINT(179.99 10)",
        "POINT(-179.99 10.01)",
        "POINT(190 10)",
        "POINT(-185 -20)",
        "POINT(500 30)",
        "POINT(-220 30.01)",
        "POINT(0 89.99)",
        "POINT(180 89.95)",
        "POINT(45 -89.99)",
        "POINT(-120 -89.9)",
        "LINESTRING(170 60,-170 60)",
        "POLYGON((-10 -10,10 -10,10 10,-10 10,-10 -10))",
        "POINT EMPTY",
    ] {
        rows.push(Some(special.to_owned()));
    }
    rows.push(None);
    rows
}

#[test]
fn distances_on_the_sphere_and_spheroid_find_what_a_nested_loop_finds() {
    let as_array = |rows: &[Option<String>]| -> BinaryArray {
        let wkt: Vec<Option<&str>> = rows.iter().map(|r| r.as_deref()).collect();
        column(&wkt)
    };
    let (indexed_array, probed_array) = (as_array(&globe(1, 300)), as_array(&globe(2, 300)));
    let (indexed, probed) = (keys(&indexed_array, 4326), keys(&probed_array, 4326));
    let mut total = 0;
    for metric in [Metric::Sphere, Metric::Spheroid] {
        for distance in [0.0, 30_000.0, 800_000.0, 4_000_000.0, 21_000_000.0] {
            let predicate = Predicate::within_distance(distance, true, metric).unwrap();
            let mut builder = IndexBuilder::new(predicate, IndexedArg::Second);
            builder.add(&indexed).unwrap();
            let mut matches = Matches::default();
            builder.finish().probe(&probed, &mut matches).unwrap();
            let expected = nested_loop(predicate, IndexedArg::Second, &indexed, &probed);
            assert_eq!(matches, expected, "{metric:?} {distance}");
            total += matches.probe.len();
        }
    }
    assert!(total > 50_000, "{total}");
}

#[test]
fn a_distance_must_be_zero_or_more() {
    for (metric, name) in [
        (Metric::Planar, "st_dwithin"),
        (Metric::Sphere, "st_distanceSphere"),
    ] {
        for distance in [-1.0, f64::NAN] {
            let error = Predicate::within_distance(distance, true, metric).unwrap_err();
            let expected = format!("{name}: the distance must be 0 or more");
            assert!(error.0.starts_with(&expected), "{error}");
        }
    }
}

#[test]
fn names_are_the_registry_s() {
    for predicate in Predicate::TOPOLOGICAL {
        assert_eq!(
            Predicate::named(&predicate.name().to_uppercase()),
            Some(predicate)
        );
    }
    assert_eq!(Predicate::named("st_disjoint"), None);
}

#[test]
fn a_coordinate_that_is_not_a_number_is_refused_or_matched_as_a_nested_loop_does() {
    let nan_point = |x: f64, y: f64| {
        let mut wkb = vec![1u8, 1, 0, 0, 0];
        wkb.extend_from_slice(&x.to_le_bytes());
        wkb.extend_from_slice(&y.to_le_bytes());
        wkb
    };
    let probed_array = BinaryArray::from_iter_values([
        wkb("POINT(5 5)"),
        nan_point(f64::NAN, 5.0),
        nan_point(5.0, f64::INFINITY),
    ]);
    let indexed_array = column(INDEXED);
    let (indexed, probed) = (keys(&indexed_array, 0), keys(&probed_array, 0));
    let metrics = [Metric::Planar, Metric::Sphere, Metric::Spheroid]
        .map(|metric| Predicate::within_distance(2.0, true, metric).unwrap());
    for predicate in Predicate::TOPOLOGICAL.into_iter().chain(metrics) {
        let mut builder = IndexBuilder::new(predicate, IndexedArg::First);
        builder.add(&indexed).unwrap();
        let mut matches = Matches::default();
        let joined = builder.finish().probe(&probed, &mut matches);
        // The nested loop: every pair, the first refusal ending it.
        let mut expected = Matches::default();
        let mut refused = None;
        'pairs: for p in 0..probed.len() {
            for b in (0..indexed.len()).filter(|&b| indexed.validity.is_valid(b)) {
                let (probe, build) = (probed.geo(p).unwrap(), indexed.geo(b).unwrap());
                match predicate.holds(&build, &probe) {
                    Ok(true) => {
                        expected.probe.push(p as u32);
                        expected.build.push(b as u32);
                    }
                    Ok(false) => {}
                    Err((_, error)) => {
                        refused = Some(error);
                        break 'pairs;
                    }
                }
            }
        }
        match (joined, refused) {
            (Ok(()), None) => assert_eq!(matches, expected, "{predicate:?}"),
            (Err(error), Some(cause)) => {
                assert!(
                    error.0.contains(&cause.to_string()),
                    "{predicate:?}: {error}"
                )
            }
            (joined, refused) => {
                panic!("{predicate:?}: the join gave {joined:?}, the loop {refused:?}")
            }
        }
    }
}
