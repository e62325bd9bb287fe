//! Random filters, from a small deterministic generator, render as ECQL and as JSON and read
//! back equal.
use strabo_filter::{
    CompareOp, DistancePredicate, DistanceUnit, Filter, GeometryLiteral, Literal, SpatialPredicate,
    TemporalPredicate, MAX_INSTANT, MIN_INSTANT,
};

/// xorshift64*: enough randomness for test cases, and the same cases on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const NAMES: &[&str] = &[
    "geom",
    "dtg",
    "name",
    "_x1",
    "my prop",
    "AND",
    "Point",
    "multipolygon",
    "ünï",
    "a\"b",
    "in",
    "x:y",
    "SRID",
    "true",
    "T1S",
    "2024",
];

const WKT: &[&str] = &[
    "POINT(1 2)",
    "POINT EMPTY",
    "POINT Z(1 2 3)",
    "LINESTRING(0 0,1 1,2 0.5)",
    "POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 1,2 2,1 1))",
    "MULTIPOINT((0 0),(1 1))",
    "MULTILINESTRING((0 0,1 1),(2 2,3 3))",
    "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))",
    "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))",
    "GEOMETRYCOLLECTION EMPTY",
];

fn name(rng: &mut Rng) -> String {
    rng.pick(NAMES).to_string()
}

fn text(rng: &mut Rng) -> String {
    let pieces = [
        "",
        "a",
        "it's",
        "''",
        "%",
        "_",
        "\\",
        "é",
        "\"",
        " ",
        "AND",
        "\n",
        "2024-01-01T00:00:00Z",
    ];
    (0..rng.below(4)).map(|_| rng.pick(&pieces)).collect()
}

fn finite_float(rng: &mut Rng) -> f64 {
    if rng.chance(2) {
        return rng.pick(&[0.0, -0.0, 1.5, -80.0, 1e300, 5e-324, -2.5e-10, 1e20]);
    }
    loop {
        let value = f64::from_bits(rng.next());
        if value.is_finite() {
            return value;
        }
    }
}

fn instant(rng: &mut Rng) -> i64 {
    let span = (MAX_INSTANT - MIN_INSTANT) as u64;
    let micros = MIN_INSTANT + (rng.next() % span) as i64;
    match rng.below(3) {
        0 => micros - micros.rem_euclid(1_000_000),
        1 => micros - micros.rem_euclid(1_000),
        _ => micros,
    }
}

fn literal(rng: &mut Rng) -> Literal {
    match rng.below(5) {
        0 => Literal::String(text(rng)),
        1 => {
            let random = rng.next() as i64;
            Literal::Integer(rng.pick(&[0, -1, 42, i64::MIN, i64::MAX, random]))
        }
        2 => Literal::Float(finite_float(rng)),
        3 => Literal::Boolean(rng.chance(2)),
        _ => Literal::Instant(instant(rng)),
    }
}

fn geometry(rng: &mut Rng) -> GeometryLiteral {
    let srid = rng.pick(&[0, 4326, 3857]);
    let wkt = if rng.chance(3) {
        format!("POINT({:?} {:?})", finite_float(rng), finite_float(rng))
    } else {
        rng.pick(WKT).to_string()
    };
    GeometryLiteral::from_wkt(&wkt, srid).unwrap()
}

fn leaf(rng: &mut Rng) -> Filter {
    let property = name(rng);
    match rng.below(15) {
        0 => rng.pick(&[Filter::Include, Filter::Exclude]),
        1 => Filter::Spatial {
            predicate: rng.pick(&SpatialPredicate::ALL),
            property,
            geometry: geometry(rng),
        },
        2 => Filter::Relate {
            property,
            geometry: geometry(rng),
            pattern: (0..9)
                .map(|_| rng.pick(&['T', 'F', '*', '0', '1', '2']))
                .collect(),
        },
        3 => Filter::Bbox {
            property,
            min_x: finite_float(rng),
            min_y: finite_float(rng),
            max_x: finite_float(rng),
            max_y: finite_float(rng),
            crs: rng.pick(&[
                None,
                Some("EPSG:4326".to_string()),
                Some("it's".to_string()),
            ]),
        },
        4 => Filter::Distance {
            predicate: rng.pick(&[DistancePredicate::Dwithin, DistancePredicate::Beyond]),
            property,
            geometry: geometry(rng),
            distance: finite_float(rng).abs(),
            units: rng.pick(&DistanceUnit::ALL),
        },
        5 => Filter::During {
            property,
            start: instant(rng),
            end: instant(rng),
        },
        6 => Filter::Temporal {
            predicate: rng.pick(&[
                TemporalPredicate::Before,
                TemporalPredicate::After,
                TemporalPredicate::Tequals,
            ]),
            property,
            instant: instant(rng),
        },
        7 => Filter::Compare {
            property,
            operator: operator(rng),
            value: literal(rng),
        },
        8 => Filter::CompareProperties {
            left: property,
            operator: operator(rng),
            right: name(rng),
        },
        9 => Filter::Between {
            property,
            low: literal(rng),
            high: literal(rng),
        },
        10 => Filter::In {
            property,
            values: (0..1 + rng.below(3)).map(|_| literal(rng)).collect(),
        },
        11 => Filter::Like {
            property,
            pattern: text(rng),
            case_insensitive: rng.chance(2),
        },
        12 => Filter::IsNull { property },
        _ => Filter::Ids {
            ids: (0..1 + rng.below(3)).map(|_| text(rng)).collect(),
        },
    }
}

fn operator(rng: &mut Rng) -> CompareOp {
    rng.pick(&[
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Lt,
        CompareOp::Le,
        CompareOp::Gt,
        CompareOp::Ge,
    ])
}

fn filter(rng: &mut Rng, depth: usize) -> Filter {
    if depth == 0 || rng.chance(3) {
        return leaf(rng);
    }
    let children = |rng: &mut Rng| {
        (0..2 + rng.below(3))
            .map(|_| filter(rng, depth - 1))
            .collect()
    };
    match rng.below(3) {
        0 => Filter::And {
            filters: children(rng),
        },
        1 => Filter::Or {
            filters: children(rng),
        },
        _ => Filter::Not {
            filter: Box::new(filter(rng, depth - 1)),
        },
    }
}

#[test]
fn random_filters_round_trip_through_ecql_and_json() {
    let mut rng = Rng(0x05EE_D0F5_7AB0);
    for case in 0..5_000 {
        let filter = filter(&mut rng, 5);
        filter
            .validate()
            .unwrap_or_else(|err| panic!("case {case}: {err}: {filter:?}"));
        let text = filter.to_ecql();
        let parsed =
            Filter::from_ecql(&text).unwrap_or_else(|err| panic!("case {case}: {text}: {err}"));
        assert_eq!(parsed, filter, "case {case}: {text}");
        assert_eq!(parsed.to_ecql(), text, "case {case}");
        let json = filter.to_json();
        assert_eq!(
            Filter::from_json(&json),
            Ok(filter.clone()),
            "case {case}: {json}"
        );
        // Flattening keeps the meaning and the round trip.
        let flat = filter.flatten();
        assert_eq!(
            Filter::from_ecql(&flat.to_ecql()),
            Ok(flat.clone()),
            "case {case}"
        );
        assert_eq!(
            flat.clone().flatten(),
            flat,
            "case {case}: flatten is idempotent"
        );
    }
}

#[test]
fn deep_random_filters_within_the_cap_round_trip() {
    let mut rng = Rng(0xDEE9);
    let mut checked = 0;
    for case in 0..200 {
        // A chain of NOTs and single-filter wrappers as deep as the cap allows.
        let mut filter = leaf(&mut rng);
        for _ in 0..strabo_filter::MAX_DEPTH {
            filter = if rng.chance(2) {
                Filter::Not {
                    filter: Box::new(filter),
                }
            } else {
                Filter::And {
                    filters: vec![filter, leaf(&mut rng)],
                }
            };
        }
        if filter.validate().is_err() {
            continue;
        }
        let text = filter.to_ecql();
        assert_eq!(Filter::from_ecql(&text), Ok(filter), "case {case}: {text}");
        checked += 1;
    }
    assert!(checked > 100, "only {checked} deep filters were valid");
}
