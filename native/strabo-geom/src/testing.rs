//! Helpers for the unit tests.
use crate::Geo;
use geo::{Area, BoundingRect};

/// ISO WKB of a WKT text.
pub(crate) fn wkb(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    crate::write_wkb(&crate::wkt_codec::parse(text).unwrap(), &mut out);
    out
}

pub(crate) fn geo(bytes: &[u8]) -> Geo<'_> {
    Geo::read(bytes).unwrap()
}

pub(crate) fn text_of(geometry: &geo::Geometry<f64>) -> String {
    let mut out = Vec::new();
    crate::write_wkb(geometry, &mut out);
    crate::wkt_codec::to_string(&Geo::read(&out).unwrap())
}

/// The parts of a geometry: its polygons, line strings and points, empty ones left out.
#[derive(Default)]
struct Parts {
    polygons: Vec<geo::Polygon<f64>>,
    lines: Vec<geo::LineString<f64>>,
    points: Vec<geo::Coord<f64>>,
}

fn parts_of(geometry: &geo::Geometry<f64>, out: &mut Parts) {
    use geo::Geometry as G;
    match geometry {
        G::Point(p) if !p.x().is_nan() => out.points.push(p.0),
        G::Point(_) => {}
        G::MultiPoint(ps) => out.points.extend(ps.iter().map(|p| p.0)),
        G::LineString(l) if !l.0.is_empty() => out.lines.push(l.clone()),
        G::LineString(_) => {}
        G::MultiLineString(ls) => out
            .lines
            .extend(ls.iter().filter(|l| !l.0.is_empty()).cloned()),
        G::Polygon(p) if !p.exterior().0.is_empty() => out.polygons.push(p.clone()),
        G::Polygon(_) => {}
        G::MultiPolygon(ps) => out.polygons.extend(ps.iter().cloned()),
        G::GeometryCollection(gs) => gs.iter().for_each(|g| parts_of(g, out)),
        G::Line(l) => out.lines.push(geo::LineString::from(vec![l.start, l.end])),
        G::Rect(r) => out.polygons.push(r.to_polygon()),
        G::Triangle(t) => out.polygons.push(t.to_polygon()),
    }
}

fn type_name(text: &str) -> &str {
    let end = text.find([' ', '(']).unwrap_or(text.len());
    &text[..end]
}

fn distance_to_segment(p: geo::Coord<f64>, a: geo::Coord<f64>, b: geo::Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length2 = dx * dx + dy * dy;
    let t = if length2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length2).clamp(0.0, 1.0)
    };
    (p.x - (a.x + t * dx)).hypot(p.y - (a.y + t * dy))
}

fn distance_to_lines(p: geo::Coord<f64>, lines: &[geo::LineString<f64>]) -> f64 {
    lines
        .iter()
        .flat_map(|l| l.lines())
        .map(|s| distance_to_segment(p, s.start, s.end))
        .fold(f64::INFINITY, f64::min)
}

/// Asserts that `actual` is the geometry written `expected` (WKT, as shapely writes GEOS's
/// results) up to what an overlay may legitimately change: the same type, the same number of
/// polygons, lines and points, and the same point set. Areas agree when their symmetric
/// difference is below 1e-9 of their area; lines and points when each vertex lies within 1e-9
/// of the other (computed crossings may differ in the last bit) and lengths agree.
pub(crate) fn assert_same_geometry(actual: &geo::Geometry<f64>, expected: &str, context: &str) {
    use geo::{Area, BooleanOps, Euclidean, Length};
    let actual_text = text_of(actual);
    assert_eq!(
        type_name(&actual_text),
        type_name(expected),
        "{context}: got {actual_text}, expected {expected}"
    );
    let parsed = crate::wkt_codec::parse(expected).unwrap();
    let mut bytes = Vec::new();
    crate::write_wkb(&parsed, &mut bytes);
    let mut want = Parts::default();
    if let Some(shape) = geo(&bytes).shape() {
        parts_of(&shape, &mut want);
    }
    let mut got = Parts::default();
    parts_of(actual, &mut got);
    let counts = |p: &Parts| (p.polygons.len(), p.lines.len(), p.points.len());
    assert_eq!(
        counts(&got),
        counts(&want),
        "{context}: got {actual_text}, expected {expected}"
    );
    let scale = want
        .points
        .iter()
        .chain(want.lines.iter().flat_map(|l| l.0.iter()))
        .chain(want.polygons.iter().flat_map(|p| p.exterior().0.iter()))
        .fold(1.0f64, |m, c| m.max(c.x.abs()).max(c.y.abs()));
    let tolerance = 1e-9 * scale;
    let differs = || format!("{context}: got {actual_text}, expected {expected}");
    if !want.polygons.is_empty() {
        let (a, b) = (
            geo::MultiPolygon(got.polygons.clone()),
            geo::MultiPolygon(want.polygons.clone()),
        );
        let xor = a.xor(&b).unsigned_area();
        assert!(
            xor <= 1e-9 * b.unsigned_area().max(1.0),
            "{} (xor {xor})",
            differs()
        );
    }
    for (these, those) in [(&got.lines, &want.lines), (&want.lines, &got.lines)] {
        for c in these.iter().flat_map(|l| l.0.iter()) {
            assert!(distance_to_lines(*c, those) <= tolerance, "{}", differs());
        }
    }
    let length =
        |lines: &[geo::LineString<f64>]| -> f64 { lines.iter().map(|l| Euclidean.length(l)).sum() };
    assert!(
        (length(&got.lines) - length(&want.lines)).abs() <= tolerance,
        "{}",
        differs()
    );
    for (these, those) in [(&got.points, &want.points), (&want.points, &got.points)] {
        for p in these {
            assert!(
                those
                    .iter()
                    .any(|q| (p.x - q.x).abs() <= tolerance && (p.y - q.y).abs() <= tolerance),
                "{}",
                differs()
            );
        }
    }
}

/// Each polygon piece's bounding box and area, ordered by box.
fn pieces(geometry: &geo::Geometry<f64>) -> Vec<([f64; 4], f64)> {
    let polygons = match geometry {
        geo::Geometry::Polygon(p) => vec![p.clone()],
        geo::Geometry::MultiPolygon(ps) => ps.0.clone(),
        other => panic!("not polygonal: {other:?}"),
    };
    let mut pieces: Vec<([f64; 4], f64)> = polygons
        .iter()
        .map(|p| {
            let b = p.bounding_rect().unwrap();
            (
                [b.min().x, b.min().y, b.max().x, b.max().y],
                p.unsigned_area(),
            )
        })
        .collect();
    pieces.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    pieces
}

pub(crate) fn assert_pieces(found: &geo::Geometry<f64>, expected: &[([f64; 4], f64)], what: &str) {
    let found = pieces(found);
    assert_eq!(found.len(), expected.len(), "{what}: {found:?}");
    for ((bounds, area), (expected_bounds, expected_area)) in found.iter().zip(expected) {
        for (b, e) in bounds.iter().zip(expected_bounds) {
            assert!((b - e).abs() < 1e-9, "{what}: {found:?}");
        }
        assert!(
            (area - expected_area).abs() <= 1e-9 * expected_area,
            "{what}: {found:?}"
        );
    }
}
