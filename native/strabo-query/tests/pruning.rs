//! `bounds` and `may_match` on hand-picked filters.
use std::collections::HashMap;

use strabo_curve::BBox;
use strabo_filter::{Filter, FEATURE_ID};
use strabo_query::{bounds, may_match, Bounds, ChunkStats, ColumnRange};

fn of(ecql: &str) -> Bounds {
    bounds(
        &Filter::from_ecql(ecql).unwrap(),
        "geom",
        Some("dtg"),
        Some("name"),
    )
}

/// 2024-01-01T00:00:00Z and 2024-01-02T00:00:00Z.
const JAN_1: i64 = 1_704_067_200_000_000;
const JAN_2: i64 = JAN_1 + 86_400_000_000;

#[test]
fn conjunctions_combine_every_dimension() {
    let all = of(
        "BBOX(geom, 0, 0, 1, 1) AND dtg DURING 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z \
                  AND name = 'x'",
    );
    assert_eq!(all.bbox, Some(BBox::new(0.0, 0.0, 1.0, 1.0)));
    assert!(!all.geometry_within_bbox);
    assert_eq!(all.time, Some((JAN_1, JAN_2 - 1)));
    assert_eq!(all.attribute_values, Some(vec!["x".to_string()]));
    assert!(!all.empty);
    let narrowed = of("dtg > 2024-01-01T00:00:00Z AND dtg BEFORE 2024-01-02T00:00:00Z");
    assert_eq!(narrowed.time, Some((JAN_1, JAN_2 - 1)));
}

#[test]
fn what_can_match_nothing_is_empty() {
    assert!(of("EXCLUDE").empty);
    assert!(of("dtg DURING 2024-01-02T00:00:00Z/2024-01-01T00:00:00Z").empty);
    assert!(of("name = 'a' AND name IN ('b', 'c')").empty);
    assert!(of("dtg < 2024-01-01T00:00:00Z AND dtg > 2024-01-02T00:00:00Z").empty);
    assert!(of("WITHIN(geom, POINT(0 0)) AND WITHIN(geom, POINT(5 5))").empty);
    assert!(of("WITHIN(geom, POINT(0 0)) AND BBOX(geom, 4, 4, 6, 6)").empty);
    assert!(of("INTERSECTS(geom, POINT EMPTY)").empty);
    assert!(of("EXCLUDE OR EXCLUDE").empty);
}

#[test]
fn boxes_a_geometry_only_meets_do_not_intersect() {
    // LINESTRING(0 0, 10 10) meets both boxes.
    let both = of("BBOX(geom, 0, 0, 1, 1) AND BBOX(geom, 9, 9, 10, 12)");
    assert!(!both.empty);
    assert_eq!(both.bbox, Some(BBox::new(0.0, 0.0, 1.0, 1.0)));
    let within = of("WITHIN(geom, POLYGON((0 0,4 0,4 4,0 4,0 0))) AND BBOX(geom, 3, 3, 6, 6)");
    assert_eq!(within.bbox, Some(BBox::new(3.0, 3.0, 4.0, 4.0)));
    assert!(!within.geometry_within_bbox);
    let twice = of("WITHIN(geom, POLYGON((0 0,4 0,4 4,0 4,0 0))) AND \
                    COVEREDBY(geom, POLYGON((2 2,6 2,6 6,2 6,2 2)))");
    assert_eq!(twice.bbox, Some(BBox::new(2.0, 2.0, 4.0, 4.0)));
    assert!(twice.geometry_within_bbox);
}

#[test]
fn disjunctions_unite_and_give_up_on_unconstrained_children() {
    let either = of("BBOX(geom, 0, 0, 1, 1) OR BBOX(geom, 5, 5, 6, 6)");
    assert_eq!(either.bbox, Some(BBox::new(0.0, 0.0, 6.0, 6.0)));
    assert_eq!(of("BBOX(geom, 0, 0, 1, 1) OR name = 'x'").bbox, None);
    assert_eq!(
        of("name = 'x' OR name IN ('a', 'x')").attribute_values,
        Some(vec!["a".to_string(), "x".to_string()])
    );
    assert_eq!(
        of("name = 'x' OR EXCLUDE").attribute_values,
        Some(vec!["x".to_string()])
    );
}

#[test]
fn negations_are_pushed_in_where_exact_and_unconstrained_elsewhere() {
    assert_eq!(
        of("NOT (dtg < 2024-01-01T00:00:00Z)").time,
        Some((JAN_1, i64::MAX))
    );
    assert_eq!(
        of("NOT (dtg < 2024-01-01T00:00:00Z OR dtg AFTER 2024-01-02T00:00:00Z)").time,
        Some((JAN_1, JAN_2))
    );
    assert_eq!(
        of("NOT DISJOINT(geom, POINT(1 2))").bbox,
        Some(BBox::point(1.0, 2.0))
    );
    assert_eq!(of("NOT BBOX(geom, 0, 0, 1, 1)"), Bounds::UNCONSTRAINED);
    assert_eq!(of("NOT (name = 'x')"), Bounds::UNCONSTRAINED);
    assert_eq!(of("DISJOINT(geom, POINT(1 2))"), Bounds::UNCONSTRAINED);
    assert!(of("NOT INCLUDE").empty);
}

#[test]
fn spatial_predicates_give_the_literal_envelope() {
    let within = of("WITHIN(geom, LINESTRING(0 1, 4 3))");
    assert_eq!(within.bbox, Some(BBox::new(0.0, 1.0, 4.0, 3.0)));
    assert!(within.geometry_within_bbox);
    let contains = of("CONTAINS(geom, POINT(1 2))");
    assert_eq!(contains.bbox, Some(BBox::point(1.0, 2.0)));
    assert!(!contains.geometry_within_bbox);
    assert_eq!(
        of("RELATE(geom, POINT(1 2), T*F**F***)").bbox,
        Some(BBox::point(1.0, 2.0))
    );
    assert_eq!(of("RELATE(geom, POINT(1 2), FF*FF****)").bbox, None);
    let near = of("DWITHIN(geom, POINT(1 2), 2, kilometers)").bbox.unwrap();
    assert!(near.xmin <= -1999.0 && near.xmin > -1999.001 && near.ymax >= 2002.0);
    assert_eq!(
        of("DWITHIN(geom, SRID=4326;POINT(1 2), 2, kilometers)").bbox,
        None
    );
    assert_eq!(of("BEYOND(geom, POINT(1 2), 2, meters)").bbox, None);
    // Another geometry property constrains nothing here.
    assert_eq!(of("BBOX(other, 0, 0, 1, 1)"), Bounds::UNCONSTRAINED);
    // Two empty geometries are equal.
    assert_eq!(of("EQUALS(geom, POINT EMPTY)").bbox, None);
}

#[test]
fn feature_ids_bound_an_id_partition() {
    let filter = Filter::from_ecql("IN ('b', 'a')").unwrap();
    let ids = bounds(&filter, "geom", None, Some(FEATURE_ID));
    assert_eq!(
        ids.attribute_values,
        Some(vec!["a".to_string(), "b".to_string()])
    );
    assert_eq!(of("IN ('b', 'a')").attribute_values, None);
}

#[derive(Default)]
struct Stats {
    rows: u64,
    nulls: HashMap<&'static str, u64>,
    ranges: HashMap<&'static str, ColumnRange>,
    bbox: Option<BBox>,
}

impl ChunkStats for Stats {
    fn row_count(&self) -> u64 {
        self.rows
    }
    fn null_count(&self, column: &str) -> Option<u64> {
        self.nulls.get(column).copied()
    }
    fn range(&self, column: &str) -> Option<ColumnRange> {
        self.ranges.get(column).cloned()
    }
    fn bbox(&self, geometry: &str) -> Option<BBox> {
        (geometry == "geom").then_some(self.bbox).flatten()
    }
}

fn chunk() -> Stats {
    Stats {
        rows: 10,
        nulls: HashMap::from([("name", 0), ("count", 10), ("score", 3)]),
        ranges: HashMap::from([
            ("n", ColumnRange::Integer { min: 2, max: 5 }),
            (
                "score",
                ColumnRange::Float {
                    min: -1.0,
                    max: 1.0,
                    may_hold_nan: true,
                },
            ),
            (
                "exact",
                ColumnRange::Float {
                    min: -1.0,
                    max: 1.0,
                    may_hold_nan: false,
                },
            ),
            (
                "dtg",
                ColumnRange::Time {
                    min: JAN_1,
                    max: JAN_2,
                },
            ),
            (
                "name",
                ColumnRange::Text {
                    min: "b".into(),
                    max: "d".into(),
                },
            ),
        ]),
        bbox: Some(BBox::new(0.0, 0.0, 2.0, 2.0)),
    }
}

fn may(ecql: &str) -> bool {
    may_match(&Filter::from_ecql(ecql).unwrap(), &chunk())
}

#[test]
fn ranges_rule_out_comparisons() {
    assert!(may("n = 3") && may("n < 2.5") && may("n >= 5"));
    assert!(!may("n > 5") && !may("n <= 1.5") && !may("n = 2.5") && !may("n BETWEEN 6 AND 9"));
    assert!(!may("n IN (0, 7)") && may("n IN (0, 4)"));
    assert!(!may("NOT (n <= 5)") && may("NOT (n = 3)"));
    assert!(!may("name = 'a'") && may("name > 'c'") && !may("name < 'b'"));
    assert!(!may("name LIKE 'e%'") && may("name LIKE 'c%'") && may("name LIKE 'bz%'"));
    assert!(!may("name LIKE 'a%'") && may("name ILIKE 'A%'"));
    assert!(!may("dtg AFTER 2024-01-02T00:00:01Z") && may("dtg TEQUALS 2024-01-02T00:00:00Z"));
    // `AFTER t` prunes as `>= t`: a nanosecond past `t` rounds down to `t`.
    assert!(may("dtg AFTER 2024-01-02T00:00:00Z"));
    assert!(!may("dtg < '2024-01-01'") && may("dtg <= '2024-01-01'"));
}

#[test]
fn nan_is_above_every_number() {
    assert!(may("score > 5") && may("score <> 0"));
    assert!(!may("score < -2") && !may("score = 3"));
    assert!(!may("exact > 5") && may("exact > 0.5"));
}

#[test]
fn null_counts_rule_out_predicates_on_nulls() {
    assert!(!may("count = 1") && !may("count IS NOT NULL") && may("count IS NULL"));
    assert!(!may("name IS NULL") && may("name IS NOT NULL"));
    assert!(may("score IS NULL"));
    assert!(!may("count < n") && may("n < score"));
}

#[test]
fn boxes_rule_out_spatial_predicates() {
    assert!(may("INTERSECTS(geom, POINT(1 1))") && !may("INTERSECTS(geom, POINT(3 3))"));
    assert!(!may("BBOX(geom, 3, 3, 4, 4)") && may("BBOX(geom, 2, 2, 4, 4)"));
    assert!(may("DWITHIN(geom, POINT(3 3), 1.5, meters)"));
    assert!(!may("DWITHIN(geom, POINT(3.5 3.5), 1, meters)"));
    assert!(may("DISJOINT(geom, POINT(1 1))") && may("BEYOND(geom, POINT(1 1), 1, meters)"));
    assert!(!may("WITHIN(geom, POINT(3 3)) OR n > 9") && may("WITHIN(geom, POINT(3 3)) OR n > 4"));
}

#[test]
fn unknown_statistics_rule_out_nothing_but_an_empty_chunk_everything() {
    let unknown = Stats {
        rows: 4,
        ..Stats::default()
    };
    for ecql in [
        "n = 1",
        "INTERSECTS(geom, POINT(3 3))",
        "name IS NULL",
        "IN ('a')",
    ] {
        assert!(
            may_match(&Filter::from_ecql(ecql).unwrap(), &unknown),
            "{ecql}"
        );
    }
    assert!(!may_match(&Filter::from_ecql("EXCLUDE").unwrap(), &unknown));
    assert!(!may_match(&Filter::Include, &Stats::default()));
}
