//! Behaviour of identifiers, transformations and the cache: edge cases, errors and geometry
//! structure. Accuracy against pyproj is in pyproj.rs.
use geo::{coord, line_string, point, polygon, Coord, Geometry, GeometryCollection, LineString};
use geo::{MultiPoint, Rect};
use strabo_crs::{srid_of, Crs, Transform, TransformCache};
use strabo_geom::GeomError;

fn transform(from: i32, to: i32) -> Transform {
    Transform::between(from, to).unwrap()
}

fn message(error: GeomError) -> String {
    match error {
        GeomError::InvalidParameter(message) | GeomError::Unsupported(message) => message,
        other => panic!("unexpected {other:?}"),
    }
}

fn assert_close(actual: Coord<f64>, expected: Coord<f64>, tolerance: f64) {
    assert!(
        (actual.x - expected.x).abs() <= tolerance && (actual.y - expected.y).abs() <= tolerance,
        "{actual:?} != {expected:?}"
    );
}

#[test]
fn srid_of_each_accepted_form() {
    for (text, srid) in [
        ("EPSG:4326", 4326),
        ("epsg:3857", 3857),
        ("3857", 3857),
        ("EPSG:900913", 3857),
        ("900913", 3857),
        ("urn:ogc:def:crs:EPSG::27700", 27700),
        ("http://www.opengis.net/def/crs/EPSG/0/2154", 2154),
        ("CRS:84", 4326),
        ("OGC:CRS84", 4326),
        ("EPSG:32760", 32760),
    ] {
        assert_eq!(srid_of(text), Ok(srid), "{text}");
    }
}

#[test]
fn srid_of_refuses_unknown_and_unsupported_codes() {
    let unknown = message(srid_of("EPSG:9999").unwrap_err());
    assert!(unknown.contains("unknown CRS EPSG:9999"), "{unknown}");
    assert!(matches!(srid_of("0"), Err(GeomError::InvalidParameter(_))));
    assert!(matches!(
        srid_of("EPSG:4267"),
        Err(GeomError::Unsupported(_))
    ));
    let garbage = message(srid_of("WGS 84").unwrap_err());
    assert!(
        garbage.starts_with("unrecognised CRS 'WGS 84'"),
        "{garbage}"
    );
}

#[test]
fn transform_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Transform>();
    assert_send_sync::<Crs>();
    assert_send_sync::<TransformCache>();
}

#[test]
fn same_crs_returns_the_input_unchanged() {
    let identity = transform(4326, 4326);
    assert!(identity.is_identity());
    // Not even normalised or checked, as PostGIS does when the SRIDs are equal.
    let odd = coord! { x: 200.0, y: 95.0 };
    assert_eq!(identity.transform_coord(odd), Ok(odd));
    let infinite = coord! { x: f64::INFINITY, y: 0.0 };
    assert_eq!(identity.transform_coord(infinite), Ok(infinite));
    assert!(transform(3857, 900913).is_identity());
}

#[test]
fn projected_to_projected_goes_through_both_datum_shifts() {
    // pyproj 3.7.2: Transformer.from_crs(CRS.from_proj4(a), CRS.from_proj4(b), always_xy=True)
    // .transform(x, y), with a and b the definitions below, +datum=OSGB36 spelt out as in
    // make_fixtures.py.
    let british_to_mercator = transform(27700, 3857);
    assert_close(
        british_to_mercator
            .transform_coord(coord! { x: 530000.0, y: 180000.0 })
            .unwrap(),
        coord! { x: -14288.299926786762, y: 6710932.763383232 },
        1e-6,
    );
    // Through WGS 84 as pyproj composes it: from 2056 to CRS.from_proj4("+proj=longlat
    // +datum=WGS84 +no_defs"), then on to 2154. pyproj's direct 2056 -> 2154 pipeline, which
    // skips WGS 84 since 2154's shift is null, lands 0.1 mm away, at (1037403.7789864645
    // 6659583.258763699).
    let swiss_to_lambert = transform(2056, 2154);
    assert_close(
        swiss_to_lambert
            .transform_coord(coord! { x: 2600000.0, y: 1200000.0 })
            .unwrap(),
        coord! { x: 1037403.778992336, y: 6659583.258659358 },
        1e-6,
    );
}

#[test]
fn longitudes_wrap_as_in_proj() {
    // pyproj 3.7.2: Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    // .transform(200, 10) gives the same as for -160.
    let mercator = transform(4326, 3857);
    let expected = coord! { x: -17811118.526923772, y: 1118889.9748579594 };
    for x in [200.0, -160.0] {
        assert_close(
            mercator.transform_coord(coord! { x: x, y: 10.0 }).unwrap(),
            expected,
            1e-6,
        );
    }
}

#[test]
fn nan_stays_nan_and_infinity_is_refused() {
    for (from, to) in [(4326, 3857), (4326, 27700), (27700, 4326), (3857, 4326)] {
        let t = transform(from, to);
        for nan in [
            coord! { x: f64::NAN, y: 1.0 },
            coord! { x: 1.0, y: f64::NAN },
        ] {
            let out = t.transform_coord(nan).unwrap();
            assert!(out.x.is_nan() && out.y.is_nan(), "{from}->{to}: {out:?}");
        }
        let error = message(
            t.transform_coord(coord! { x: f64::NEG_INFINITY, y: 1.0 })
                .unwrap_err(),
        );
        assert!(error.contains("finite"), "{error}");
    }
}

#[test]
fn points_outside_the_domain_are_refused() {
    for (from, to, point) in [
        (4326, 3857, coord! { x: 0.0, y: 95.0 }), // no such latitude
        (4326, 3413, coord! { x: 0.0, y: -90.0 }), // the antipode of a polar stereographic
        (4326, 3031, coord! { x: 0.0, y: 90.0 }),
        (32631, 4326, coord! { x: 1e9, y: 1e9 }), // no inverse that far out
    ] {
        let error = message(transform(from, to).transform_coord(point).unwrap_err());
        let expected = format!(
            "cannot transform POINT({} {}) from EPSG:{from} to EPSG:{to}: the point is outside the projection's domain",
            point.x, point.y
        );
        assert!(error.starts_with(&expected), "{error}");
    }
}

#[test]
fn geometries_keep_their_structure() {
    let t = transform(4326, 3857);
    let each = |c: Coord<f64>| t.transform_coord(c).unwrap();
    let ring =
        line_string![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 0.0)];
    let shapes: Vec<Geometry<f64>> = vec![
        point!(x: 1.0, y: 2.0).into(),
        line_string![(x: 1.0, y: 2.0), (x: 3.0, y: 4.0)].into(),
        polygon!(
            exterior: [(x: -10.0, y: -10.0), (x: 20.0, y: -10.0), (x: 20.0, y: 20.0), (x: -10.0, y: -10.0)],
            interiors: [[(x: 0.0, y: 0.0), (x: 5.0, y: 0.0), (x: 5.0, y: 5.0), (x: 0.0, y: 0.0)]],
        )
        .into(),
        MultiPoint::from(vec![(1.0, 1.0), (2.0, 2.0)]).into(),
        Geometry::GeometryCollection(GeometryCollection(vec![
            ring.clone().into(),
            LineString::<f64>::new(vec![]).into(),
            Geometry::GeometryCollection(GeometryCollection(vec![])),
        ])),
    ];
    for shape in shapes {
        let out = t.transform_geometry(&shape).unwrap();
        assert_eq!(out, geo::MapCoords::map_coords(&shape, each), "{shape:?}");
    }
}

#[test]
fn a_rect_becomes_a_polygon() {
    let t = transform(4326, 3857);
    let rect = Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 10.0, y: 20.0 });
    let Geometry::Polygon(polygon) = t.transform_geometry(&rect.into()).unwrap() else {
        panic!("not a polygon")
    };
    let corners: Vec<Coord<f64>> = rect
        .to_polygon()
        .exterior()
        .coords()
        .map(|c| t.transform_coord(*c).unwrap())
        .collect();
    assert_eq!(polygon.exterior().0, corners);
}

#[test]
fn mercator_poles_are_where_proj_puts_them() {
    // pyproj 3.7.2 (PROJ 9.5.1): Transformer.from_crs(4326, code, always_xy=True).
    for (to, point, expected) in [
        (
            3857,
            coord! { x: 10.0, y: 90.0 },
            coord! { x: 1113194.9079327357, y: 242528680.94374272 },
        ),
        (
            3857,
            coord! { x: -170.0, y: -90.0 },
            coord! { x: -18924313.434856508, y: -242528680.94374272 },
        ),
        (
            3857,
            coord! { x: 10.0, y: 90.0 - 1e-9 },
            coord! { x: 1113194.9079327357, y: 162416911.01301384 },
        ),
        (
            3395,
            coord! { x: 10.0, y: 90.0 },
            coord! { x: 1113194.9079327357, y: 242485887.60835055 },
        ),
        (
            3994,
            coord! { x: -170.0, y: -90.0 },
            coord! { x: 7572166.660266464, y: -183270646.4617726 },
        ),
    ] {
        assert_close(
            transform(4326, to).transform_coord(point).unwrap(),
            expected,
            1e-3,
        );
    }
}

#[test]
fn one_bad_vertex_fails_the_geometry() {
    let line: Geometry<f64> = line_string![(x: 0.0, y: 0.0), (x: 0.0, y: 95.0)].into();
    let error = message(transform(4326, 3857).transform_geometry(&line).unwrap_err());
    assert!(error.starts_with("cannot transform POINT(0 95)"), "{error}");
}

#[test]
fn the_cache_builds_each_pair_once() {
    let mut cache = TransformCache::new();
    assert_eq!(cache.srid_of("EPSG:900913"), Ok(3857));
    assert_eq!(cache.srid_of("EPSG:900913"), Ok(3857));
    assert!(cache.srid_of("EPSG:bad").is_err());
    let t = cache.get(4326, 3857).unwrap();
    assert_eq!((t.source().srid(), t.target().srid()), (4326, 3857));
    assert!(matches!(
        cache.get(4326, 4267),
        Err(GeomError::Unsupported(_))
    ));
    // More pairs than it keeps (3 x 120 UTM zones): it starts afresh and still answers.
    let zones = (32601..=32660).chain(32701..=32760);
    for (source, zone) in [4326, 4258, 3857]
        .into_iter()
        .flat_map(|s| zones.clone().map(move |z| (s, z)))
    {
        assert_eq!(cache.get(source, zone).unwrap().target().srid(), zone);
    }
    assert_eq!(cache.get(4326, 3857).unwrap().target().srid(), 3857);
}

#[test]
fn no_code_panics_on_extreme_coordinates() {
    // Every supported code, both ways, on coordinates a kernel can meet: poles, the
    // antimeridian, far outside any area of use, huge, tiny, negative zero. Errors are fine; a
    // panic is not, nor a result that is not finite.
    let wgs84 = Crs::from_srid(4326).unwrap();
    let values = [
        0.0,
        -0.0,
        1e-300,
        90.0,
        -90.0,
        180.0,
        -180.0,
        360.0,
        1e6,
        -1e7,
        1e15,
        f64::MAX,
    ];
    let mut checked = 0;
    for srid in 1..=i32::from(u16::MAX) {
        let Ok(crs) = Crs::from_srid(srid) else {
            continue;
        };
        for t in [
            Transform::new(wgs84.clone(), crs.clone()),
            Transform::new(crs, wgs84.clone()),
        ] {
            for x in values {
                for y in values {
                    if let Ok(out) = t.transform_coord(coord! { x: x, y: y }) {
                        assert!(out.x.is_finite() && out.y.is_finite(), "{t:?} {x} {y}");
                    }
                }
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 5746);
}
