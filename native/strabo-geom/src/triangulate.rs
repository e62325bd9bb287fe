//! Delaunay triangulations and Voronoi diagrams of a geometry's vertices, with PostGIS's
//! semantics (`ST_DelaunayTriangles`, `ST_VoronoiPolygons`, which call GEOS).
//!
//! The triangulation is `spade`'s. For sites in general position the Delaunay triangulation is
//! unique, so it is GEOS's; where four or more sites lie on one circle (a square grid) both
//! pick one of the valid triangulations, and they may pick differently. Voronoi cells are
//! unique in every case.
use geo::{Coord, Geometry, GeometryCollection, LineString, MultiLineString, Polygon, Rect};
use spade::{DelaunayTriangulation, Point2, Triangulation as _};

use crate::parts::{empty_collection, finite_shape, non_negative, vertices};
use crate::{Geo, GeomError};

/// What [`delaunay_triangles`] returns, PostGIS's `flags` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DelaunayOutput {
    /// `flags = 0`: a `GEOMETRYCOLLECTION` of triangles, as polygons.
    Triangles,
    /// `flags = 1`: a `MULTILINESTRING` of the triangles' edges, each once.
    Edges,
}

impl DelaunayOutput {
    /// PostGIS's `flags`: 0 triangles, 1 edges. 2 (a TIN) is refused: the result is written
    /// through `geo`, which has no TIN type.
    pub fn from_flags(flags: i32) -> Result<DelaunayOutput, GeomError> {
        match flags {
            0 => Ok(DelaunayOutput::Triangles),
            1 => Ok(DelaunayOutput::Edges),
            2 => Err(GeomError::Unsupported(
                "ST_DelaunayTriangles with flags = 2 (a TIN) is not supported; use 0 for \
                 polygons or 1 for edges"
                    .into(),
            )),
            other => Err(GeomError::InvalidParameter(format!(
                "flags must be 0 (triangles) or 1 (edges), got {other}"
            ))),
        }
    }
}

/// The Delaunay triangulation of the vertices of `geometry` (`ST_DelaunayTriangles`): every
/// vertex of every part is a site, repeated vertices count once, and a vertex closer than
/// `tolerance` to one already placed (in x, then y order) is dropped. Triangles are polygons
/// wound counter-clockwise in a `GEOMETRYCOLLECTION`, or their edges in a `MULTILINESTRING`.
/// Fewer than three sites, or sites all on one line, give no triangle: an empty collection,
/// or for edges the segments between consecutive sites on the line (as GEOS). EMPTY gives an
/// empty collection (or `MULTILINESTRING EMPTY`). A negative or NaN tolerance and NaN or
/// infinite coordinates are refused.
pub fn delaunay_triangles(
    geometry: &Geo,
    tolerance: f64,
    output: DelaunayOutput,
) -> Result<Geometry<f64>, GeomError> {
    let tolerance = non_negative("tolerance", tolerance)?;
    let sites = match finite_shape(geometry)? {
        Some(shape) => vertices(&shape),
        None => Vec::new(),
    };
    let triangulation = build(&sites, tolerance)?;
    Ok(match output {
        DelaunayOutput::Triangles => Geometry::GeometryCollection(GeometryCollection(
            triangulation.triangles().map(Geometry::Polygon).collect(),
        )),
        DelaunayOutput::Edges => Geometry::MultiLineString(MultiLineString(
            triangulation
                .inner
                .undirected_edges()
                .map(|edge| {
                    let [a, b] = edge.positions();
                    LineString::from(vec![(a.x, a.y), (b.x, b.y)])
                })
                .collect(),
        )),
    })
}

/// The Voronoi diagram of the vertices of `geometry` (`ST_VoronoiPolygons`): one polygon per
/// site (sites as in [`delaunay_triangles`]), the part of the plane nearer to it than to any
/// other site, cut to a box: the box of all the vertices (those the tolerance dropped
/// included) grown on every side by its larger side, and grown further to take in
/// `extend_to`'s box when that is given. A `GEOMETRYCOLLECTION` of the cells, in x-then-y order
/// of their sites; fewer than two distinct vertices give an empty collection, and a single
/// site left by the tolerance gets the whole box (both as GEOS). A negative or NaN tolerance
/// and NaN or infinite coordinates (of `extend_to` too) are refused; an empty `extend_to` is
/// ignored.
pub fn voronoi_polygons(
    geometry: &Geo,
    tolerance: f64,
    extend_to: Option<&Geo>,
) -> Result<Geometry<f64>, GeomError> {
    let tolerance = non_negative("tolerance", tolerance)?;
    let Some(shape) = finite_shape(geometry)? else {
        return Ok(empty_collection());
    };
    let extend_to = match extend_to {
        Some(other) => finite_shape(other)?.and_then(|s| geo::BoundingRect::bounding_rect(&*s)),
        None => None,
    };
    // GEOS counts and frames the distinct vertices before the tolerance merges any.
    let points = vertices(&shape);
    if points.iter().all(|p| *p == points[0]) {
        return Ok(empty_collection());
    }
    let triangulation = build(&points, tolerance)?;
    let frame = diagram_frame(&points, extend_to);
    if !(frame.width() * frame.height()).is_finite() {
        return Err(GeomError::InvalidGeometry(
            "the sites are too far apart to draw their Voronoi diagram".into(),
        ));
    }
    let cells = triangulation
        .inner
        .vertices()
        .map(|site| {
            let at = coord(site.position());
            let neighbours = site.out_edges().map(|edge| coord(edge.to().position()));
            voronoi_cell(at, neighbours, &frame)
                .map(Geometry::Polygon)
                .ok_or_else(|| {
                    GeomError::InvalidGeometry(format!(
                        "the Voronoi cell of site ({} {}) vanishes in double precision: the sites \
                     are too close together for how far apart the farthest are",
                        at.x, at.y
                    ))
                })
        })
        .collect::<Result<_, _>>()?;
    Ok(Geometry::GeometryCollection(GeometryCollection(cells)))
}

/// The box of `points` grown by its larger side (GEOS's diagram envelope), grown to take in
/// `extend_to`.
fn diagram_frame(points: &[Coord<f64>], extend_to: Option<Rect<f64>>) -> Rect<f64> {
    let mut min = points[0];
    let mut max = points[0];
    for c in points {
        min = Coord {
            x: min.x.min(c.x),
            y: min.y.min(c.y),
        };
        max = Coord {
            x: max.x.max(c.x),
            y: max.y.max(c.y),
        };
    }
    let grow = (max.x - min.x).max(max.y - min.y);
    let grown = Coord { x: grow, y: grow };
    let frame = Rect::new(min - grown, max + grown);
    match extend_to {
        Some(other) => Rect::new(
            Coord {
                x: frame.min().x.min(other.min().x),
                y: frame.min().y.min(other.min().y),
            },
            Coord {
                x: frame.max().x.max(other.max().x),
                y: frame.max().y.max(other.max().y),
            },
        ),
        None => frame,
    }
}

/// The frame cut by the half-plane nearer `site` than each neighbour: a Voronoi cell is that
/// intersection over its Delaunay neighbours. `None` when rounding leaves it fewer than three
/// corners (sites a unit apart in a frame of 1e24).
fn voronoi_cell(
    site: Coord<f64>,
    neighbours: impl Iterator<Item = Coord<f64>>,
    frame: &Rect<f64>,
) -> Option<Polygon<f64>> {
    let mut cell: Vec<Coord<f64>> = frame.to_polygon().exterior().0[..4].to_vec();
    for other in neighbours {
        let normal = other - site;
        let middle = (site + other) / 2.0;
        // Positive on the neighbour's side of the bisector.
        let side = |c: Coord<f64>| (c.x - middle.x) * normal.x + (c.y - middle.y) * normal.y;
        let mut cut = Vec::with_capacity(cell.len() + 1);
        for (i, &a) in cell.iter().enumerate() {
            let b = cell[(i + 1) % cell.len()];
            let (sa, sb) = (side(a), side(b));
            if sa <= 0.0 {
                cut.push(a);
            }
            if (sa < 0.0 && sb > 0.0) || (sa > 0.0 && sb < 0.0) {
                cut.push(a + (b - a) * (sa / (sa - sb)));
            }
        }
        cut.dedup();
        cell = cut;
    }
    let mut ring = cell;
    while ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    if ring.len() < 3 {
        return None;
    }
    ring.push(ring[0]);
    Some(Polygon::new(LineString(ring), Vec::new()))
}

fn coord(p: Point2<f64>) -> Coord<f64> {
    Coord { x: p.x, y: p.y }
}

/// A Delaunay triangulation of sites, with each triangle's neighbours.
pub(crate) struct Delaunay {
    inner: DelaunayTriangulation<Point2<f64>>,
}

/// The triangles of a triangulation as index triples, for algorithms that remove triangles.
pub(crate) struct TriangleMesh {
    pub(crate) vertices: Vec<Coord<f64>>,
    /// Vertex indices, counter-clockwise.
    pub(crate) triangles: Vec<[usize; 3]>,
    /// `neighbours[t][i]`: the triangle across the edge from vertex `i` to vertex `i + 1`.
    pub(crate) neighbours: Vec<[Option<usize>; 3]>,
}

impl Delaunay {
    /// The sites, in the order they were placed.
    pub(crate) fn sites(&self) -> impl Iterator<Item = Coord<f64>> + '_ {
        self.inner.vertices().map(|v| coord(v.position()))
    }

    fn triangles(&self) -> impl Iterator<Item = Polygon<f64>> + '_ {
        self.inner.inner_faces().map(|face| {
            let [a, b, c] = face.positions();
            Polygon::new(
                LineString::from(vec![(a.x, a.y), (b.x, b.y), (c.x, c.y), (a.x, a.y)]),
                Vec::new(),
            )
        })
    }

    pub(crate) fn mesh(&self) -> TriangleMesh {
        let vertices = self.sites().collect();
        let mut index_of_face = vec![usize::MAX; self.inner.num_all_faces()];
        for (i, face) in self.inner.inner_faces().enumerate() {
            index_of_face[face.fix().index()] = i;
        }
        let mut triangles = Vec::with_capacity(self.inner.num_inner_faces());
        let mut neighbours = Vec::with_capacity(self.inner.num_inner_faces());
        for face in self.inner.inner_faces() {
            let edges = face.adjacent_edges();
            triangles.push(edges.map(|e| e.from().fix().index()));
            neighbours.push(edges.map(|e| {
                e.rev()
                    .face()
                    .as_inner()
                    .map(|f| index_of_face[f.fix().index()])
            }));
        }
        TriangleMesh {
            vertices,
            triangles,
            neighbours,
        }
    }
}

/// The Delaunay triangulation of `sites` as GEOS builds it: sorted by x then y, repeats
/// dropped, and a site nearer than `tolerance` to one already placed dropped too.
pub(crate) fn build(sites: &[Coord<f64>], tolerance: f64) -> Result<Delaunay, GeomError> {
    let mut sorted = sites.to_vec();
    sorted.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    sorted.dedup();
    let mut inner = DelaunayTriangulation::<Point2<f64>>::new();
    for site in sorted {
        let point = Point2::new(site.x, site.y);
        if tolerance > 0.0 {
            if let Some(nearest) = inner.nearest_neighbor(point) {
                let near = nearest.position();
                if (near.x - site.x).hypot(near.y - site.y) < tolerance {
                    continue;
                }
            }
        }
        inner.insert(point).map_err(|err| {
            GeomError::InvalidGeometry(format!(
                "cannot triangulate a site at ({} {}): {err}",
                site.x, site.y
            ))
        })?;
    }
    Ok(Delaunay { inner })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::testing::assert_same_parts;
    use crate::testing::{geo, text_of, wkb};

    fn triangles_of(text: &str, tolerance: f64, output: DelaunayOutput) -> Geometry<f64> {
        delaunay_triangles(&geo(&wkb(text)), tolerance, output).unwrap()
    }

    fn voronoi_of(text: &str, tolerance: f64, extend_to: Option<&str>) -> Geometry<f64> {
        let extend_to = extend_to.map(wkb);
        voronoi_polygons(
            &geo(&wkb(text)),
            tolerance,
            extend_to.as_deref().map(geo).as_ref(),
        )
        .unwrap()
    }

    /// Oracle: shapely 2.1.2 (GEOS 3.13.1), `shapely.delaunay_triangles(g, tolerance,
    /// only_edges)`; PostGIS 3.3.2 `ST_DelaunayTriangles` agrees.
    #[test]
    fn delaunay_agrees_with_geos() {
        use DelaunayOutput::*;
        for (text, tolerance, output, expected) in [
            (
                "MULTIPOINT(0 0,2 0,1 1)",
                0.0,
                Edges,
                "MULTILINESTRING((1 1,2 0),(0 0,1 1),(0 0,2 0))",
            ),
            (
                "MULTIPOINT(0 0,2 0,4 0)",
                0.0,
                Edges,
                "MULTILINESTRING((2 0,4 0),(0 0,2 0))",
            ),
            (
                "MULTIPOINT(0 0,2 0,4 0)",
                0.0,
                Triangles,
                "GEOMETRYCOLLECTION EMPTY",
            ),
            ("POINT EMPTY", 0.0, Triangles, "GEOMETRYCOLLECTION EMPTY"),
        ] {
            assert_same_parts(&triangles_of(text, tolerance, output), expected);
        }
    }

    /// Oracle: shapely 2.1.2 (GEOS 3.13.1), `shapely.voronoi_polygons(g, tolerance,
    /// extend_to)`; PostGIS 3.3.2 `ST_VoronoiPolygons` agrees.
    #[test]
    fn voronoi_agrees_with_geos() {
        assert_same_parts(
            &voronoi_of("MULTIPOINT(0 0,2 0)", 0.0, None),
            "GEOMETRYCOLLECTION(POLYGON((-2 -2,-2 2,1 2,1 -2,-2 -2)),\
             POLYGON((4 2,4 -2,1 -2,1 2,4 2)))",
        );
        assert_same_parts(
            &voronoi_of("MULTIPOINT(0 0,2 0,4 0)", 0.0, None),
            "GEOMETRYCOLLECTION(POLYGON((-4 -4,-4 4,1 4,1 -4,-4 -4)),\
             POLYGON((1 -4,1 4,3 4,3 -4,1 -4)),POLYGON((8 4,8 -4,3 -4,3 4,8 4)))",
        );
        for text in ["POINT(1 1)", "MULTIPOINT EMPTY"] {
            assert_eq!(
                text_of(&voronoi_of(text, 0.0, None)),
                "GEOMETRYCOLLECTION EMPTY"
            );
        }
    }

    /// Oracle: shapely 2.1.2 (GEOS 3.13.1), `shapely.voronoi_polygons(g, tolerance)`: the
    /// frame takes in the vertices the tolerance merged, and a single site left gets it whole.
    #[test]
    fn voronoi_frames_the_vertices_a_tolerance_merged() {
        assert_same_parts(
            &voronoi_of("MULTIPOINT(0 0,2 0,2.1 0)", 0.5, None),
            "GEOMETRYCOLLECTION(POLYGON((-2.1 -2.1,-2.1 2.1,1 2.1,1 -2.1,-2.1 -2.1)),\
             POLYGON((4.2 2.1,4.2 -2.1,1 -2.1,1 2.1,4.2 2.1)))",
        );
        assert_same_parts(
            &voronoi_of("MULTIPOINT(0 0,0.1 0)", 0.5, None),
            "GEOMETRYCOLLECTION(POLYGON((-0.1 0.1,0.2 0.1,0.2 -0.1,-0.1 -0.1,-0.1 0.1)))",
        );
        assert_eq!(
            text_of(&voronoi_of("MULTIPOINT(1 1,1 1)", 0.0, None)),
            "GEOMETRYCOLLECTION EMPTY"
        );
    }

    /// Twelve random sites. Oracle: shapely 2.1.2 (GEOS 3.13.1), the calls named per constant.
    const SITES: &str = "MULTIPOINT(45.24 55.98,92.42 46.57,50.78 58.74,18.47 51.19,62.99 79.3,9.41 30.34,9.07 80.96,69.34 4.19,98.22 96.48,65.39 61.56,15.75 1.5,52.84 5.96)";
    /// `shapely.delaunay_triangles(SITES)`.
    const TRIANGLES: &str = "GEOMETRYCOLLECTION (POLYGON ((9.07 80.96, 9.41 30.34, 18.47 51.19, 9.07 80.96)), POLYGON ((9.07 80.96, 18.47 51.19, 45.24 55.98, 9.07 80.96)), POLYGON ((9.07 80.96, 45.24 55.98, 50.78 58.74, 9.07 80.96)), POLYGON ((9.07 80.96, 50.78 58.74, 62.99 79.3, 9.07 80.96)), POLYGON ((9.07 80.96, 62.99 79.3, 98.22 96.48, 9.07 80.96)), POLYGON ((98.22 96.48, 62.99 79.3, 65.39 61.56, 98.22 96.48)), POLYGON ((98.22 96.48, 65.39 61.56, 92.42 46.57, 98.22 96.48)), POLYGON ((69.34 4.19, 92.42 46.57, 65.39 61.56, 69.34 4.19)), POLYGON ((69.34 4.19, 65.39 61.56, 52.84 5.96, 69.34 4.19)), POLYGON ((69.34 4.19, 52.84 5.96, 15.75 1.5, 69.34 4.19)), POLYGON ((15.75 1.5, 52.84 5.96, 9.41 30.34, 15.75 1.5)), POLYGON ((9.41 30.34, 52.84 5.96, 45.24 55.98, 9.41 30.34)), POLYGON ((9.41 30.34, 45.24 55.98, 18.47 51.19, 9.41 30.34)), POLYGON ((45.24 55.98, 52.84 5.96, 50.78 58.74, 45.24 55.98)), POLYGON ((50.78 58.74, 52.84 5.96, 65.39 61.56, 50.78 58.74)), POLYGON ((50.78 58.74, 65.39 61.56, 62.99 79.3, 50.78 58.74)))";
    /// `shapely.delaunay_triangles(SITES, tolerance=15)`.
    const TRIANGLES_15: &str = "GEOMETRYCOLLECTION (POLYGON ((9.07 80.96, 9.41 30.34, 18.47 51.19, 9.07 80.96)), POLYGON ((9.07 80.96, 18.47 51.19, 45.24 55.98, 9.07 80.96)), POLYGON ((9.07 80.96, 45.24 55.98, 62.99 79.3, 9.07 80.96)), POLYGON ((9.07 80.96, 62.99 79.3, 98.22 96.48, 9.07 80.96)), POLYGON ((98.22 96.48, 62.99 79.3, 65.39 61.56, 98.22 96.48)), POLYGON ((98.22 96.48, 65.39 61.56, 92.42 46.57, 98.22 96.48)), POLYGON ((69.34 4.19, 92.42 46.57, 65.39 61.56, 69.34 4.19)), POLYGON ((69.34 4.19, 65.39 61.56, 52.84 5.96, 69.34 4.19)), POLYGON ((69.34 4.19, 52.84 5.96, 15.75 1.5, 69.34 4.19)), POLYGON ((15.75 1.5, 52.84 5.96, 9.41 30.34, 15.75 1.5)), POLYGON ((9.41 30.34, 52.84 5.96, 45.24 55.98, 9.41 30.34)), POLYGON ((9.41 30.34, 45.24 55.98, 18.47 51.19, 9.41 30.34)), POLYGON ((45.24 55.98, 52.84 5.96, 65.39 61.56, 45.24 55.98)), POLYGON ((45.24 55.98, 65.39 61.56, 62.99 79.3, 45.24 55.98)))";
    /// `shapely.delaunay_triangles(SITES, only_edges=True)`.
    const EDGES: &str = "MULTILINESTRING ((9.07 80.96, 98.22 96.48), (9.07 80.96, 9.41 30.34), (9.41 30.34, 15.75 1.5), (15.75 1.5, 69.34 4.19), (69.34 4.19, 92.42 46.57), (92.42 46.57, 98.22 96.48), (65.39 61.56, 92.42 46.57), (65.39 61.56, 98.22 96.48), (62.99 79.3, 65.39 61.56), (62.99 79.3, 98.22 96.48), (9.07 80.96, 62.99 79.3), (50.78 58.74, 62.99 79.3), (9.07 80.96, 50.78 58.74), (45.24 55.98, 50.78 58.74), (9.07 80.96, 45.24 55.98), (18.47 51.19, 45.24 55.98), (9.07 80.96, 18.47 51.19), (9.41 30.34, 18.47 51.19), (9.41 30.34, 45.24 55.98), (45.24 55.98, 52.84 5.96), (9.41 30.34, 52.84 5.96), (15.75 1.5, 52.84 5.96), (52.84 5.96, 69.34 4.19), (52.84 5.96, 65.39 61.56), (65.39 61.56, 69.34 4.19), (50.78 58.74, 52.84 5.96), (50.78 58.74, 65.39 61.56))";
    /// `shapely.voronoi_polygons(SITES)`.
    const CELLS: &str = "GEOMETRYCOLLECTION (POLYGON ((-85.91 191.46, 35.759135726303974 191.46, 38.9017033289285 173.4084599372438, 36.06855362976473 81.38229621500841, 36.054942397396665 81.3567460573994, 28.772525128303435 70.8121090428637, -19.865324462075012 55.45450789575058, -85.91 55.01090478071908, -85.91 191.46)), POLYGON ((35.85264675611079 31.243245582236746, 28.772525128303435 70.8121090428637, 36.054942397396665 81.3567460573994, 60.3046806366468 32.681546838035096, 37.32223050589896 29.189611192419672, 35.85264675611079 31.243245582236746)), POLYGON ((28.772525128303435 70.8121090428637, 35.85264675611079 31.243245582236746, -19.865324462075012 55.45450789575058, 28.772525128303435 70.8121090428637)), POLYGON ((-85.91 55.01090478071908, -19.865324462075012 55.45450789575058, 35.85264675611079 31.243245582236746, 37.32223050589896 29.189611192419672, 32.30768375848854 20.256807039834165, -85.91 -5.731407766990291, -85.91 55.01090478071908)), POLYGON ((-85.91 -93.48, -85.91 -5.731407766990291, 32.30768375848854 20.256807039834165, 45.9843124831491 -93.48, -85.91 -93.48)), POLYGON ((45.9843124831491 -93.48, 32.30768375848854 20.256807039834165, 37.32223050589896 29.189611192419672, 60.3046806366468 32.681546838035096, 63.36387267110725 32.800946906072014, 64.0476805330064 32.64659818904262, 50.51773636363637 -93.48, 45.9843124831491 -93.48)), POLYGON ((36.054942397396665 81.3567460573994, 36.06855362976473 81.38229621500841, 56.30662838494842 69.3634784737247, 63.36387267110725 32.800946906072014, 60.3046806366468 32.681546838035096, 36.054942397396665 81.3567460573994)), POLYGON ((36.06855362976473 81.38229621500841, 38.9017033289285 173.4084599372438, 87.57652767841839 73.59390453372063, 56.30662838494842 69.3634784737247, 36.06855362976473 81.38229621500841)), POLYGON ((63.36387267110725 32.800946906072014, 56.30662838494842 69.3634784737247, 87.57652767841839 73.59390453372063, 88.9953717294867 72.25997984309711, 67.1452939516082 32.85987294943093, 64.0476805330064 32.64659818904262, 63.36387267110725 32.800946906072014)), POLYGON ((193.2 -93.48, 50.51773636363637 -93.48, 64.0476805330064 32.64659818904262, 67.1452939516082 32.85987294943093, 193.2 -35.78907975460122, 193.2 -93.48)), POLYGON ((193.2 191.46, 193.2 60.1504458024444, 88.9953717294867 72.25997984309711, 87.57652767841839 73.59390453372063, 38.9017033289285 173.4084599372438, 35.759135726303974 191.46, 193.2 191.46)), POLYGON ((193.2 -35.78907975460122, 67.1452939516082 32.85987294943093, 88.9953717294867 72.25997984309711, 193.2 60.1504458024444, 193.2 -35.78907975460122)))";
    /// `shapely.voronoi_polygons(SITES, extend_to=POLYGON((-500 -10,0 -10,0 0,-500 0,-500 -10)))`.
    const CELLS_EXTENDED: &str = "GEOMETRYCOLLECTION (POLYGON ((-500 191.46, 35.759135726303974 191.46, 38.9017033289285 173.4084599372438, 36.06855362976473 81.38229621500841, 36.054942397396665 81.3567460573994, 28.772525128303435 70.8121090428637, -19.865324462075012 55.45450789575058, -500 52.22958119320427, -500 191.46)), POLYGON ((35.85264675611079 31.243245582236746, 28.772525128303435 70.8121090428637, 36.054942397396665 81.3567460573994, 60.3046806366468 32.681546838035096, 37.32223050589896 29.189611192419672, 35.85264675611079 31.243245582236746)), POLYGON ((28.772525128303435 70.8121090428637, 35.85264675611079 31.243245582236746, -19.865324462075012 55.45450789575058, 28.772525128303435 70.8121090428637)), POLYGON ((-500 -93.48, -500 52.22958119320427, -19.865324462075012 55.45450789575058, 35.85264675611079 31.243245582236746, 37.32223050589896 29.189611192419672, 32.30768375848854 20.256807039834165, -485.06921135646695 -93.48, -500 -93.48)), POLYGON ((-485.06921135646695 -93.48, 32.30768375848854 20.256807039834165, 45.9843124831491 -93.48, -485.06921135646695 -93.48)), POLYGON ((45.9843124831491 -93.48, 32.30768375848854 20.256807039834165, 37.32223050589896 29.189611192419672, 60.3046806366468 32.681546838035096, 63.36387267110725 32.800946906072014, 64.0476805330064 32.64659818904262, 50.51773636363637 -93.48, 45.9843124831491 -93.48)), POLYGON ((36.054942397396665 81.3567460573994, 36.06855362976473 81.38229621500841, 56.30662838494842 69.3634784737247, 63.36387267110725 32.800946906072014, 60.3046806366468 32.681546838035096, 36.054942397396665 81.3567460573994)), POLYGON ((36.06855362976473 81.38229621500841, 38.9017033289285 173.4084599372438, 87.57652767841839 73.59390453372063, 56.30662838494842 69.3634784737247, 36.06855362976473 81.38229621500841)), POLYGON ((63.36387267110725 32.800946906072014, 56.30662838494842 69.3634784737247, 87.57652767841839 73.59390453372063, 88.9953717294867 72.25997984309711, 67.1452939516082 32.85987294943093, 64.0476805330064 32.64659818904262, 63.36387267110725 32.800946906072014)), POLYGON ((193.2 -93.48, 50.51773636363637 -93.48, 64.0476805330064 32.64659818904262, 67.1452939516082 32.85987294943093, 193.2 -35.78907975460122, 193.2 -93.48)), POLYGON ((193.2 191.46, 193.2 60.1504458024444, 88.9953717294867 72.25997984309711, 87.57652767841839 73.59390453372063, 38.9017033289285 173.4084599372438, 35.759135726303974 191.46, 193.2 191.46)), POLYGON ((193.2 -35.78907975460122, 67.1452939516082 32.85987294943093, 88.9953717294867 72.25997984309711, 193.2 60.1504458024444, 193.2 -35.78907975460122)))";
    /// `shapely.voronoi_polygons(SITES, tolerance=15)`.
    const CELLS_15: &str = "GEOMETRYCOLLECTION (POLYGON ((-85.91 191.46, 35.759135726303974 191.46, 38.9017033289285 173.4084599372438, 36.06836539538981 81.37618199964969, 28.772525128303435 70.8121090428637, -19.865324462075012 55.45450789575058, -85.91 55.01090478071908, -85.91 191.46)), POLYGON ((35.85264675611079 31.243245582236746, 28.772525128303435 70.8121090428637, 36.06836539538981 81.37618199964969, 52.52316584468779 68.85162333862743, 62.44926049998525 33.00739263894218, 37.32223050589896 29.189611192419672, 35.85264675611079 31.243245582236746)), POLYGON ((28.772525128303435 70.8121090428637, 35.85264675611079 31.243245582236746, -19.865324462075012 55.45450789575058, 28.772525128303435 70.8121090428637)), POLYGON ((-85.91 55.01090478071908, -19.865324462075012 55.45450789575058, 35.85264675611079 31.243245582236746, 37.32223050589896 29.189611192419672, 32.30768375848854 20.256807039834165, -85.91 -5.731407766990291, -85.91 55.01090478071908)), POLYGON ((-85.91 -93.48, -85.91 -5.731407766990291, 32.30768375848854 20.256807039834165, 45.9843124831491 -93.48, -85.91 -93.48)), POLYGON ((45.9843124831491 -93.48, 32.30768375848854 20.256807039834165, 37.32223050589896 29.189611192419672, 62.44926049998525 33.00739263894218, 64.0476805330064 32.64659818904262, 50.51773636363637 -93.48, 45.9843124831491 -93.48)), POLYGON ((36.06836539538981 81.37618199964969, 38.9017033289285 173.4084599372438, 87.57652767841839 73.59390453372063, 52.52316584468779 68.85162333862743, 36.06836539538981 81.37618199964969)), POLYGON ((62.44926049998525 33.00739263894218, 52.52316584468779 68.85162333862743, 87.57652767841839 73.59390453372063, 88.9953717294867 72.25997984309711, 67.1452939516082 32.85987294943093, 64.0476805330064 32.64659818904262, 62.44926049998525 33.00739263894218)), POLYGON ((193.2 -93.48, 50.51773636363637 -93.48, 64.0476805330064 32.64659818904262, 67.1452939516082 32.85987294943093, 193.2 -35.78907975460122, 193.2 -93.48)), POLYGON ((193.2 191.46, 193.2 60.1504458024444, 88.9953717294867 72.25997984309711, 87.57652767841839 73.59390453372063, 38.9017033289285 173.4084599372438, 35.759135726303974 191.46, 193.2 191.46)), POLYGON ((193.2 -35.78907975460122, 67.1452939516082 32.85987294943093, 88.9953717294867 72.25997984309711, 193.2 60.1504458024444, 193.2 -35.78907975460122)))";

    #[test]
    fn random_sites_agree_with_geos() {
        use DelaunayOutput::*;
        assert_same_parts(&triangles_of(SITES, 0.0, Triangles), TRIANGLES);
        assert_same_parts(&triangles_of(SITES, 15.0, Triangles), TRIANGLES_15);
        assert_same_parts(&triangles_of(SITES, 0.0, Edges), EDGES);
        assert_same_parts(&voronoi_of(SITES, 0.0, None), CELLS);
        assert_same_parts(
            &voronoi_of(
                SITES,
                0.0,
                Some("POLYGON((-500 -10,0 -10,0 0,-500 0,-500 -10))"),
            ),
            CELLS_EXTENDED,
        );
        assert_same_parts(&voronoi_of(SITES, 15.0, None), CELLS_15);
    }

    /// Oracle: shapely 2.1.2 (GEOS 3.13.1), `shapely.delaunay_triangles(g)` and
    /// `shapely.voronoi_polygons(g, extend_to=...)`.
    #[test]
    fn repeated_vertices_polygons_and_extended_frames() {
        use DelaunayOutput::*;
        let repeated = "MULTIPOINT(0 0,0 0,4 0,2 3,2 3)";
        assert_same_parts(
            &triangles_of(repeated, 0.0, Triangles),
            "GEOMETRYCOLLECTION(POLYGON((2 3,0 0,4 0,2 3)))",
        );
        assert_same_parts(
            &voronoi_of(repeated, 0.0, None),
            "GEOMETRYCOLLECTION(\
             POLYGON((-4 -4,-4 4.833333333333333,2 0.8333333333333334,2 -4,-4 -4)),\
             POLYGON((-4 7,8 7,8 4.833333333333333,2 0.8333333333333334,-4 4.833333333333333,-4 7)),\
             POLYGON((8 -4,2 -4,2 0.8333333333333334,8 4.833333333333333,8 -4)))",
        );
        assert_same_parts(
            &voronoi_of("LINESTRING(0 0,3 1,5 5)", 0.0, Some("POINT(100 100)")),
            "GEOMETRYCOLLECTION(\
             POLYGON((-5 -5,-5 10,0 5,3.3333333333333335 -5,-5 -5)),\
             POLYGON((-5 100,100 100,100 -5,20 -5,0 5,-5 10,-5 100)),\
             POLYGON((3.3333333333333335 -5,0 5,20 -5,3.3333333333333335 -5)))",
        );
    }

    /// A square hole in a square: both sets of four corners lie on a circle, so the
    /// triangulation is not unique. GEOS (shapely 2.1.2, `shapely.delaunay_triangles(g)`)
    /// gives ten triangles covering the square; so does spade, though its diagonals may differ.
    #[test]
    fn cocircular_vertices_give_a_valid_triangulation() {
        use geo::Area;
        let holed = "POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,6 4,6 6,4 6,4 4))";
        let triangles = triangles_of(holed, 0.0, DelaunayOutput::Triangles);
        let Geometry::GeometryCollection(parts) = &triangles else {
            panic!("not a collection: {}", text_of(&triangles));
        };
        assert_eq!(parts.0.len(), 10);
        assert!((triangles.unsigned_area() - 100.0).abs() < 1e-9);
    }

    #[test]
    fn bad_parameters_are_refused() {
        let bytes = wkb("MULTIPOINT(0 0,1 1,2 0)");
        assert!(delaunay_triangles(&geo(&bytes), -1.0, DelaunayOutput::Triangles).is_err());
        assert!(voronoi_polygons(&geo(&bytes), f64::NAN, None).is_err());
        assert!(DelaunayOutput::from_flags(2).is_err());
        assert!(DelaunayOutput::from_flags(3).is_err());
        let mut nan = bytes.clone();
        nan[14..22].copy_from_slice(&f64::NAN.to_le_bytes());
        assert!(delaunay_triangles(&geo(&nan), 0.0, DelaunayOutput::Triangles).is_err());
        assert!(voronoi_polygons(&geo(&nan), 0.0, None).is_err());
        let extend_nan = wkb("POINT(1 1)");
        let mut extend_nan = extend_nan.clone();
        extend_nan[5..13].copy_from_slice(&f64::INFINITY.to_le_bytes());
        assert!(voronoi_polygons(&geo(&bytes), 0.0, Some(&geo(&extend_nan))).is_err());
        // Sites a unit apart with one 3.6e24 away: a cell once came out a ring of 3 points.
        let spread = wkb("MULTIPOINT(0 0,0 1,1 1,2 2,2 3.6e24,3 3)");
        let err = voronoi_polygons(&geo(&spread), 0.0, None).unwrap_err();
        assert!(
            err.to_string().contains("vanishes in double precision"),
            "{err}"
        );
    }
}
