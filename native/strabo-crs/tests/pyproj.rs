//! Transformations from WGS 84 and back, against pyproj 3.7.2 / PROJ 9.5.1 given the same
//! definitions: tests/data/ is written by tests/make_fixtures.py (its docstring says how).
use std::collections::BTreeMap;

use geo::Coord;
use strabo_crs::{definition, Transform};

const CRSS: &str = include_str!("data/crs.tsv");
const POINTS: &str = include_str!("data/points.tsv");

/// Tolerances the brief sets: 1 mm for projected CRSs, 1e-9 degrees for geographic ones.
const METRE_TOLERANCE: f64 = 1e-3;
const DEGREE_TOLERANCE: f64 = 1e-9;

/// CRSs whose inverse in PROJ 9.5 is less exact than proj4rs's: PROJ before 9.7 inverts the
/// authalic latitude of Lambert azimuthal equal-area with a short series (pyproj's own round
/// trip is off by 1.4e-8 degrees); proj4rs has PROJ 9.7's exact conversion. There the inverse is
/// checked against the longitude/latitude pyproj's forward started from.
const LAEA: &[i32] = &[3035];

struct Point {
    lon_lat: Coord<f64>,
    xy: Coord<f64>,
    /// pyproj's inverse of `xy`.
    back: Coord<f64>,
}

fn points() -> BTreeMap<i32, Vec<Point>> {
    let mut by_code: BTreeMap<i32, Vec<Point>> = BTreeMap::new();
    for line in POINTS.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let number = |i: usize| fields[i].parse::<f64>().unwrap();
        let coord = |i: usize| Coord {
            x: number(i),
            y: number(i + 1),
        };
        by_code
            .entry(fields[0].parse().unwrap())
            .or_default()
            .push(Point {
                lon_lat: coord(1),
                xy: coord(3),
                back: coord(5),
            });
    }
    by_code
}

fn distance(a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

#[test]
fn every_crs_matches_pyproj_both_ways() {
    let points = points();
    let mut report = Vec::new();
    for line in CRSS.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let code: i32 = fields[0].parse().unwrap();
        // The fixture was computed for this very definition.
        assert_eq!(definition(code), Some(fields[1]), "EPSG:{code}");
        let forward = Transform::between(4326, code).unwrap();
        let inverse = Transform::between(code, 4326).unwrap();
        let tolerance = if forward.target().is_geographic() {
            DEGREE_TOLERANCE
        } else {
            METRE_TOLERANCE
        };
        let (mut worst_forward, mut worst_inverse) = (0f64, 0f64);
        for point in &points[&code] {
            let xy = forward.transform_coord(point.lon_lat).unwrap();
            let lon_lat = inverse.transform_coord(point.xy).unwrap();
            let expected_lon_lat = if LAEA.contains(&code) {
                point.lon_lat
            } else {
                point.back
            };
            worst_forward = worst_forward.max(distance(xy, point.xy));
            worst_inverse = worst_inverse.max(distance(lon_lat, expected_lon_lat));
        }
        assert!(
            worst_forward <= tolerance,
            "EPSG:{code} forward: {worst_forward:e}"
        );
        assert!(
            worst_inverse <= DEGREE_TOLERANCE,
            "EPSG:{code} inverse: {worst_inverse:e}"
        );
        report.push(format!(
            "EPSG:{code}\t{} points\tforward {worst_forward:.1e}\tinverse {worst_inverse:.1e} deg",
            points[&code].len()
        ));
    }
    assert_eq!(report.len(), 141);
    // `cargo test -p strabo-crs --test pyproj -- --nocapture` shows the figures.
    println!("{}", report.join("\n"));
}
