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

/// The pairs a partitioned join finds: both sides routed to the cells of a partitioner of
/// `cells` cells sampled from the probed side, and each cell joined by an index of its own.
/// Sorted, as cells are joined in no particular order.
fn partitioned(
    predicate: Predicate,
    indexed_arg: IndexedArg,
    (indexed, probed): (&BinaryArray, &BinaryArray),
    srid: i32,
    cells: usize,
) -> Vec<(u32, u32)> {
    use partition::{sample_boxes, Side, SpatialPartitioner};
    let mut sample = sample_boxes(&keys(probed, srid), predicate).unwrap();
    // Points at whole coordinates put the cells' edges where geometries' edges and other
    // points lie.
    sample.retain(|b| b.iter().all(|c| c.fract() == 0.0));
    let partitioner =
        SpatialPartitioner::decode(&SpatialPartitioner::from_sample(&sample, cells).encode())
            .unwrap();
    // A sample of few distinct centers splits into fewer cells.
    assert!(partitioner.cell_count() <= cells);
    if sample.len() > 50 {
        assert_eq!(partitioner.cell_count(), cells);
    }
    let routed = |array: &BinaryArray, side| {
        let mut routes = partition::Routes::default();
        partitioner
            .route(predicate, side, &keys(array, srid), &mut routes)
            .unwrap();
        routes
    };
    let (indexed_routes, probed_routes) =
        (routed(indexed, Side::Indexed), routed(probed, Side::Probe));
    // The rows of one cell, as a batch of its own, with their numbers on the whole side.
    let mut pairs = Vec::new();
    for (cell, bounds) in partitioner.cells().into_iter().enumerate() {
        let indexed = (indexed, &indexed_routes);
        let probed = (probed, &probed_routes);
        let cell = (cell as u32, Some(bounds));
        pairs.extend(join_cell(
            predicate,
            indexed_arg,
            indexed,
            probed,
            cell,
            srid,
        ));
    }
    pairs.sort_unstable();
    pairs
}

/// The pairs of one cell of a partitioned join, numbered as the rows of the whole sides: the
/// cell's rows of `indexed` indexed, as the index of `bounds` when it has them, and probed by
/// its rows of `probed`, each side a column and where its rows go.
fn join_cell(
    predicate: Predicate,
    indexed_arg: IndexedArg,
    indexed: (&BinaryArray, &partition::Routes),
    probed: (&BinaryArray, &partition::Routes),
    (cell, bounds): (u32, Option<SearchBox>),
    srid: i32,
) -> Vec<(u32, u32)> {
    // The rows routed to the cell, as a batch of their own.
    let rows_of = |(array, routes): (&BinaryArray, &partition::Routes)| {
        let rows: Vec<u32> = (0..routes.rows.len())
            .filter(|&k| routes.cells[k] == cell)
            .map(|k| routes.rows[k])
            .collect();
        let batch = BinaryArray::from_iter(
            rows.iter()
                .map(|&r| array.is_valid(r as usize).then(|| array.value(r as usize))),
        );
        (rows, batch)
    };
    let (indexed_rows, indexed_batch) = rows_of(indexed);
    let (probed_rows, probed_batch) = rows_of(probed);
    let mut builder = IndexBuilder::new(predicate, indexed_arg);
    builder.add(&keys(&indexed_batch, srid)).unwrap();
    let index = match bounds {
        Some(bounds) => builder.finish_for_cell(bounds),
        None => builder.finish(),
    };
    let mut matches = Matches::default();
    index
        .probe(&keys(&probed_batch, srid), &mut matches)
        .unwrap();
    matches
        .probe
        .iter()
        .zip(&matches.build)
        .map(|(&p, &b)| (probed_rows[p as usize], indexed_rows[b as usize]))
        .collect()
}

fn sorted_pairs(matches: Matches) -> Vec<(u32, u32)> {
    let mut pairs: Vec<_> = matches.probe.into_iter().zip(matches.build).collect();
    pairs.sort_unstable();
    pairs
}

/// Small polygons, lines and points over a 100 x 100 square, most of them in one corner.
fn clustered(seed: u64, count: usize) -> BinaryArray {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let rows: Vec<Option<String>> = (0..count)
        .map(|i| {
            let scale = if i % 10 == 0 { 100.0 } else { 10.0 };
            let (x, y, size) = (next() * scale, next() * scale, next() * 3.0);
            Some(match i % 4 {
                0 => format!("POINT({x} {y})"),
                1 => format!("LINESTRING({x} {y},{} {})", x + size, y + size / 2.0),
                2 => format!(
                    "POLYGON(({x} {y},{} {y},{} {},{x} {},{x} {y}))",
                    x + size,
                    x + size,
                    y + size,
                    y + size
                ),
                // Whole numbers, which fall on the cells' edges.
                _ => format!("POINT({} {})", x.round(), y.round()),
            })
        })
        .chain([None, Some("POINT EMPTY".to_owned())])
        .collect();
    let wkt: Vec<Option<&str>> = rows.iter().map(|r| r.as_deref()).collect();
    column(&wkt)
}

#[test]
fn a_partitioned_join_finds_each_pair_a_broadcast_index_finds_once() {
    let fixed = (column(INDEXED), column(PROBED));
    let generated = (clustered(3, 400), clustered(4, 600));
    let distances = [0.0, 1.5, 12.0]
        .into_iter()
        .map(|d| Predicate::within_distance(d, true, Metric::Planar).unwrap());
    let mut total = 0;
    for predicate in Predicate::TOPOLOGICAL.into_iter().chain(distances) {
        for indexed_arg in [IndexedArg::First, IndexedArg::Second] {
            for (indexed, probed) in [&fixed, &generated] {
                let mut builder = IndexBuilder::new(predicate, indexed_arg);
                builder.add(&keys(indexed, 0)).unwrap();
                let mut matches = Matches::default();
                builder
                    .finish()
                    .probe(&keys(probed, 0), &mut matches)
                    .unwrap();
                let expected = sorted_pairs(matches);
                for cells in [1, 2, 7] {
                    let found = partitioned(predicate, indexed_arg, (indexed, probed), 0, cells);
                    assert_eq!(
                        found, expected,
                        "{predicate:?} {indexed_arg:?} {cells} cells"
                    );
                }
                total += expected.len();
            }
        }
    }
    assert!(total > 10_000, "{total}");
}

#[test]
fn a_partitioned_distance_join_on_the_sphere_finds_each_pair_once() {
    let as_array = |rows: &[Option<String>]| -> BinaryArray {
        let wkt: Vec<Option<&str>> = rows.iter().map(|r| r.as_deref()).collect();
        column(&wkt)
    };
    let (indexed, probed) = (as_array(&globe(5, 200)), as_array(&globe(6, 200)));
    let mut total = 0;
    for distance in [0.0, 30_000.0, 800_000.0, 4_000_000.0] {
        let predicate = Predicate::within_distance(distance, true, Metric::Sphere).unwrap();
        let expected = sorted_pairs(nested_loop(
            predicate,
            IndexedArg::Second,
            &keys(&indexed, 4326),
            &keys(&probed, 4326),
        ));
        let found = partitioned(predicate, IndexedArg::Second, (&indexed, &probed), 4326, 9);
        assert_eq!(found, expected, "{distance}");
        total += expected.len();
    }
    assert!(total > 5_000, "{total}");
}

#[test]
fn a_partitioner_balances_clustered_data_and_refuses_numbers_it_did_not_encode() {
    use partition::{sample_boxes, Side, SpatialPartitioner};
    let data = clustered(7, 20_000);
    let sample = sample_boxes(&keys(&data, 0), Predicate::Intersects).unwrap();
    let partitioner = SpatialPartitioner::from_sample(&sample[..2000], 16);
    let mut routes = partition::Routes::default();
    partitioner
        .route(
            Predicate::Intersects,
            Side::Probe,
            &keys(&data, 0),
            &mut routes,
        )
        .unwrap();
    let mut per_cell = vec![0usize; partitioner.cell_count()];
    routes.cells.iter().for_each(|&c| per_cell[c as usize] += 1);
    let fair = routes.cells.len() / per_cell.len();
    // 90% of the rows lie in 1% of the area; no cell holds more than twice its share.
    assert!(per_cell.iter().all(|&n| n < 2 * fair), "{per_cell:?}");

    // Points on the sphere go to one cell each but near the antimeridian or a pole.
    let points: Vec<Option<String>> = globe(8, 5000)
        .into_iter()
        .filter(|p| {
            p.as_deref()
                .is_some_and(|p| p.starts_with("POINT(") && !p.contains("EMPTY"))
        })
        .collect();
    let wkt: Vec<Option<&str>> = points.iter().map(|r| r.as_deref()).collect();
    let globe_keys = column(&wkt);
    let sphere = Predicate::within_distance(2000.0, true, Metric::Sphere).unwrap();
    let sample = sample_boxes(&keys(&globe_keys, 4326), sphere).unwrap();
    let on_the_globe = SpatialPartitioner::from_sample(&sample, 16);
    let mut routes = partition::Routes::default();
    on_the_globe
        .route(sphere, Side::Probe, &keys(&globe_keys, 4326), &mut routes)
        .unwrap();
    assert!(
        routes.rows.len() < points.len() * 11 / 10,
        "{} routes of {} points",
        routes.rows.len(),
        points.len()
    );

    let encoded = partitioner.encode();
    assert_eq!(SpatialPartitioner::decode(&encoded).unwrap(), partitioner);
    for bad in [
        vec![],
        vec![0.0, 1.0, 0.0, 0.0],
        // A cell's number is a whole number, and the rest of its node zeros (found by the
        // join fuzz target).
        vec![-1.0, f64::NAN, 2.0, 2.0],
        vec![-1.0, 0.0, 50.0, f64::NAN],
        encoded[..encoded.len() - 4].to_vec(),
    ] {
        assert!(SpatialPartitioner::decode(&bad).is_err(), "{bad:?}");
    }
}

/// The k nearest indexed rows of each probed row by measuring every pair, with every row as
/// near as the k-th kept.
fn brute_force_nearest(k: u32, metric: Metric, indexed: &GeomView, probed: &GeomView) -> Matches {
    let mut matches = Matches::default();
    for p in (0..probed.len()).filter(|&p| probed.validity.is_valid(p)) {
        let probe = probed.geo(p).unwrap();
        let mut measured: Vec<(f64, u32)> = (0..indexed.len())
            .filter(|&b| indexed.validity.is_valid(b))
            .filter_map(|b| {
                let d = metric.measure(&probe, &indexed.geo(b).unwrap()).unwrap()?;
                Some((d, b as u32))
            })
            .collect();
        measured.sort_by(|a, b| a.0.total_cmp(&b.0));
        let Some(&(kth, _)) = measured.get(k as usize - 1).or(measured.last()) else {
            continue;
        };
        let mut nearest: Vec<u32> = measured
            .iter()
            .filter(|m| m.0 <= kth)
            .map(|m| m.1)
            .collect();
        nearest.sort_unstable();
        for b in nearest {
            matches.probe.push(p as u32);
            matches.build.push(b);
        }
    }
    matches
}

#[test]
fn the_nearest_rows_are_what_measuring_every_pair_finds_ties_included() {
    let fixed = (column(INDEXED), column(PROBED));
    let generated = (clustered(9, 500), clustered(10, 300));
    let mut total = 0;
    let mut tied = 0;
    for (indexed, probed) in [&fixed, &generated] {
        for k in [1, 3, 10] {
            let predicate = Predicate::nearest(k, Metric::Planar).unwrap();
            let mut builder = IndexBuilder::new(predicate, IndexedArg::Second);
            builder.add(&keys(indexed, 0)).unwrap();
            let mut matches = Matches::default();
            builder
                .finish()
                .probe(&keys(probed, 0), &mut matches)
                .unwrap();
            let expected = brute_force_nearest(
                k as u32,
                Metric::Planar,
                &keys(indexed, 0),
                &keys(probed, 0),
            );
            assert_eq!(matches, expected, "k = {k}");
            total += matches.probe.len();
            let probes = matches
                .probe
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            tied += matches.probe.len() - probes * k as usize;
        }
    }
    assert!(
        total > 2000 && tied > 0,
        "{total} pairs, {tied} more for ties"
    );

    let as_array = |rows: &[Option<String>]| -> BinaryArray {
        let wkt: Vec<Option<&str>> = rows.iter().map(|r| r.as_deref()).collect();
        column(&wkt)
    };
    let (indexed, probed) = (as_array(&globe(11, 300)), as_array(&globe(12, 100)));
    for metric in [Metric::Sphere, Metric::Spheroid] {
        let predicate = Predicate::nearest(4, metric).unwrap();
        let mut builder = IndexBuilder::new(predicate, IndexedArg::Second);
        builder.add(&keys(&indexed, 4326)).unwrap();
        let mut matches = Matches::default();
        builder
            .finish()
            .probe(&keys(&probed, 4326), &mut matches)
            .unwrap();
        let expected = brute_force_nearest(4, metric, &keys(&indexed, 4326), &keys(&probed, 4326));
        assert_eq!(matches, expected, "{metric:?}");
        assert!(matches.probe.len() >= 4 * 100, "{metric:?}");
    }
    assert_eq!(
        Predicate::nearest(0, Metric::Planar).unwrap_err().0,
        "st_knn: k must be 1 or more, got 0"
    );
}

#[test]
fn an_outer_join_s_probed_rows_go_to_one_cell_each_and_still_meet_every_match() {
    use partition::{probe_reach, sample_boxes, Side, SpatialPartitioner};
    let fixed = (column(INDEXED), column(PROBED));
    let generated = (clustered(13, 400), clustered(14, 600));
    let as_array = |rows: &[Option<String>]| -> BinaryArray {
        let wkt: Vec<Option<&str>> = rows.iter().map(|r| r.as_deref()).collect();
        column(&wkt)
    };
    let globe_pair = (as_array(&globe(15, 200)), as_array(&globe(16, 200)));
    let planar =
        [0.0, 1.5, 12.0].map(|d| Predicate::within_distance(d, true, Metric::Planar).unwrap());
    let sphere =
        [30_000.0, 800_000.0].map(|d| Predicate::within_distance(d, true, Metric::Sphere).unwrap());
    let cases = Predicate::TOPOLOGICAL
        .into_iter()
        .chain(planar)
        .flat_map(|p| [(p, &fixed, 0), (p, &generated, 0)])
        .chain(sphere.map(|p| (p, &globe_pair, 4326)));
    for (predicate, (indexed, probed), srid) in cases {
        let mut builder = IndexBuilder::new(predicate, IndexedArg::First);
        builder.add(&keys(indexed, srid)).unwrap();
        let mut matches = Matches::default();
        builder
            .finish()
            .probe(&keys(probed, srid), &mut matches)
            .unwrap();
        let expected = sorted_pairs(matches);

        let mut sample = sample_boxes(&keys(probed, srid), predicate).unwrap();
        sample.retain(|b| b.iter().all(|c| c.fract() == 0.0) || srid != 0);
        let partitioner = SpatialPartitioner::from_sample(&sample, 7);
        let reach = probe_reach(&keys(probed, srid), predicate).unwrap();
        let route = |array: &BinaryArray, side| {
            let mut routes = partition::Routes::default();
            partitioner
                .route(predicate, side, &keys(array, srid), &mut routes)
                .unwrap();
            routes
        };
        let probed_routes = route(probed, Side::ProbeOnce);
        // Every probed row, NULL and empty ones included, goes to exactly one cell.
        assert_eq!(
            probed_routes.rows,
            (0..probed.len() as u32).collect::<Vec<_>>(),
            "{predicate:?}"
        );
        let indexed_routes = route(indexed, Side::IndexedOnce { reach });
        let mut found = Vec::new();
        for cell in 0..partitioner.cell_count() as u32 {
            // One cell a probed row: each pair is found once, with no reference point.
            let (indexed, probed) = ((indexed, &indexed_routes), (probed, &probed_routes));
            found.extend(join_cell(
                predicate,
                IndexedArg::First,
                indexed,
                probed,
                (cell, None),
                srid,
            ));
        }
        found.sort_unstable();
        assert_eq!(found, expected, "{predicate:?}");
    }
}
