//! A geometry split by dimension into areas, lines and points, as the predicates relate it.
//!
//! A collection is the union of its members, as in GEOS: its polygons are unioned, and a line
//! or point lying in a polygon (or a point on a line) adds nothing and is dropped. What remains
//! of each dimension is usually apart from the others, so each point of the plane belongs to
//! one part, with that part's interior and boundary.
//!
//! Lines that cross or touch the polygons of their collection leave parts that meet. Such a
//! collection is still located point by point (the polygon's interior and boundary take
//! precedence, as in GEOS), and whether it lies in another geometry is decided member by
//! member; but whether it covers a line or a polygon would need its lines cut where they cross
//! the polygons, at constructed points. That one case is refused, as JTS refuses every
//! collection, rather than answered wrong.
use std::borrow::Cow;

use geo::coordinate_position::CoordPos;
use geo::orient::Direction;
use geo::{Coord, CoordinatePosition, Geometry, LineString, Orient, Polygon, Relate};

use super::{graph_interiors_meet, lines};
use crate::GeomError;

#[derive(Default)]
pub(super) struct Parts<'a> {
    /// A polygon or a multipolygon whose polygons do not overlap.
    areas: Option<Cow<'a, Geometry<f64>>>,
    lines: Vec<Cow<'a, LineString<f64>>>,
    points: Vec<Coord<f64>>,
    /// Some lines cross or touch the areas.
    lines_meet_areas: bool,
}

impl<'a> Parts<'a> {
    /// The parts of `shape`; an error when a collection's polygons cannot be unioned.
    pub(super) fn of(shape: &'a Geometry<f64>) -> Result<Self, crate::GeomError> {
        let mut parts = Parts::default();
        match shape {
            Geometry::Polygon(_) | Geometry::MultiPolygon(_) => {
                parts.areas = Some(Cow::Borrowed(shape));
            }
            Geometry::GeometryCollection(_) => {
                let mut polygons = Vec::new();
                parts.add(shape, &mut polygons);
                if !polygons.is_empty() {
                    let oriented: Vec<Polygon<f64>> = polygons
                        .iter()
                        .map(|p| p.orient(Direction::Default))
                        .collect();
                    parts.areas = Some(Cow::Owned(crate::union::union(&oriented)?.into()));
                }
                parts.separate();
            }
            other => parts.add(other, &mut Vec::new()),
        }
        Ok(parts)
    }

    fn add(&mut self, shape: &'a Geometry<f64>, polygons: &mut Vec<Polygon<f64>>) {
        match shape {
            Geometry::Point(p) => self.points.push(p.0),
            Geometry::MultiPoint(ps) => self.points.extend(ps.iter().map(|p| p.0)),
            Geometry::Line(l) => self
                .lines
                .push(Cow::Owned(LineString::from(vec![l.start, l.end]))),
            Geometry::LineString(l) if !l.0.is_empty() => self.lines.push(Cow::Borrowed(l)),
            Geometry::LineString(_) => {}
            Geometry::MultiLineString(ls) => self
                .lines
                .extend(ls.iter().filter(|l| !l.0.is_empty()).map(Cow::Borrowed)),
            Geometry::Polygon(p) => polygons.push(p.clone()),
            Geometry::MultiPolygon(ps) => polygons.extend(ps.iter().cloned()),
            Geometry::Rect(r) => polygons.push(r.to_polygon()),
            Geometry::Triangle(t) => polygons.push(t.to_polygon()),
            Geometry::GeometryCollection(members) => {
                members.iter().for_each(|m| self.add(m, polygons));
            }
        }
    }

    /// Drops the lines and points of a collection that lie in its areas, and the points on its
    /// lines.
    fn separate(&mut self) {
        if let Some(areas) = &self.areas {
            let mut kept = Vec::new();
            for line in self.lines.drain(..) {
                let matrix = areas.relate(&*line);
                if !matrix.is_covers() {
                    self.lines_meet_areas |= matrix.is_intersects();
                    kept.push(line);
                }
            }
            self.lines = kept;
        }
        let points = std::mem::take(&mut self.points);
        self.points = points
            .into_iter()
            .filter(|&p| self.locate(p) == CoordPos::Outside)
            .collect();
    }

    fn polygons(&self) -> &[Polygon<f64>] {
        match self.areas.as_deref() {
            Some(Geometry::Polygon(p)) => std::slice::from_ref(p),
            Some(Geometry::MultiPolygon(ps)) => &ps.0,
            _ => &[],
        }
    }

    /// Where `c` lies in the areas: the polygons do not overlap, so a point on the boundary of
    /// two of them (where they touch) is on the boundary.
    fn locate_in_areas(&self, c: Coord<f64>) -> CoordPos {
        let mut position = CoordPos::Outside;
        for polygon in self.polygons() {
            match polygon.coordinate_position(&c) {
                CoordPos::Inside => return CoordPos::Inside,
                CoordPos::OnBoundary => position = CoordPos::OnBoundary,
                CoordPos::Outside => {}
            }
        }
        position
    }

    fn locate(&self, c: Coord<f64>) -> CoordPos {
        match self.locate_in_areas(c) {
            CoordPos::Outside => {}
            position => return position,
        }
        match lines::locate(&self.lines, c) {
            CoordPos::Outside if self.points.contains(&c) => CoordPos::Inside,
            position => position,
        }
    }

    /// No point of `other` lies outside these parts. Each member of `other` must lie in them;
    /// these parts do not meet, so a connected member (a polygon, a line, a point) must lie in
    /// one of them.
    pub(super) fn covers(&self, other: &Parts) -> Result<bool, GeomError> {
        if self.lines_meet_areas && (other.areas.is_some() || !other.lines.is_empty()) {
            return Err(GeomError::Unsupported(
                "a geometry collection whose lines cross or touch its polygons can only be \
                 tested for points; relate its parts (st_dump) instead"
                    .into(),
            ));
        }
        let areas_covered = match (&self.areas, &other.areas) {
            (_, None) => true,
            (Some(a), Some(b)) => a.relate(&**b).is_covers(),
            (None, Some(_)) => false,
        };
        Ok(areas_covered
            && other.lines.iter().all(|line| {
                self.areas
                    .as_ref()
                    .is_some_and(|a| a.relate(&**line).is_covers())
                    || lines::cover(&self.lines, line)
            })
            && other
                .points
                .iter()
                .all(|&p| self.locate(p) != CoordPos::Outside))
    }

    /// Some point lies in the interior of both.
    fn interiors_meet(&self, other: &Parts) -> bool {
        let areas_meet = |areas: &Geometry<f64>, them: &Parts| {
            them.areas
                .as_ref()
                .is_some_and(|b| graph_interiors_meet(areas, &**b))
                || them.lines.iter().any(|l| graph_interiors_meet(areas, &**l))
        };
        let inside = |parts: &Parts, points: &[Coord<f64>]| {
            points.iter().any(|&p| parts.locate(p) == CoordPos::Inside)
        };
        self.areas.as_ref().is_some_and(|a| areas_meet(a, other))
            || other
                .areas
                .as_ref()
                .is_some_and(|b| self.lines.iter().any(|l| graph_interiors_meet(&**b, &**l)))
            || lines::interiors_meet(&self.lines, &other.lines)
            || inside(self, &other.points)
            || inside(other, &self.points)
    }

    /// `other` lies in these parts and their interiors meet. Two areas, or areas and one
    /// line, take a single DE-9IM matrix.
    pub(super) fn contains(&self, other: &Parts) -> Result<bool, GeomError> {
        if let (Some(a), true) = (&self.areas, self.lines.is_empty() && self.points.is_empty()) {
            if other.points.is_empty() {
                match (&other.areas, other.lines.as_slice()) {
                    (Some(b), []) => return Ok(a.relate(&**b).is_contains()),
                    (None, [line]) => return Ok(a.relate(&**line).is_contains()),
                    _ => {}
                }
            }
        }
        if !self.covers(other)? {
            return Ok(false);
        }
        // Where `other`'s lines meet its areas, its interior is not the union of its parts'
        // interiors; but `other` has areas then, which lie in ours, so the interiors meet.
        Ok(other.lines_meet_areas || self.interiors_meet(other))
    }
}
