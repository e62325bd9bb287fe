"""Geometries on a coarse grid, shared by the GEOS oracle tests (it/test_oracle_grid.py) and the
differential suite (it/test_differential.py).

Random float coordinates never land on a boundary; grid coordinates do: points fall on edges and
vertices, lines run along edges, polygons touch, nest, coincide and share vertices. Here are a
hand-written list of tricky pairs and the seeded generators of shapes and of partners for them.
"""
import shapely

SQUARE = "POLYGON((0 0,4 0,4 4,0 4,0 0))"
# Holes wind as their shells do, which a winding-number index must not count twice.
HOLED = "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))"
# GEOS 3.13's relate goes wrong when a hole touches the middle of a shell edge (for it, SQUARE
# does not contain POLYGON((0 0,4 0,4 4,0 4,0 0),(0 2,2 1,2 3,0 2)); its prepared contains says
# it does), so here the shell has a vertex where the hole touches it.
HOLE_TOUCHING_SHELL = "POLYGON((0 0,4 0,4 4,0 4,0 2,0 0),(0 2,2 1,2 3,0 2))"
HOLE_TOUCHING_CORNER = "POLYGON((0 0,4 0,4 4,0 4,0 0),(4 4,3 2,2 3,4 4))"
ISLAND_IN_LAKE = "MULTIPOLYGON(((0 0,6 0,6 6,0 6,0 0),(1 1,5 1,5 5,1 5,1 1)),((2 2,4 2,4 4,2 4,2 2)))"
CORNER_TOUCHING = "MULTIPOLYGON(((0 0,2 0,2 2,0 2,0 0)),((2 2,4 2,4 4,2 4,2 2)))"
TRIANGLE = "POLYGON((0 0,4 2,0 4,0 0))"
ADJACENT_IN_COLLECTION = "GEOMETRYCOLLECTION(POLYGON((0 0,2 0,2 2,0 2,0 0)),POLYGON((2 0,4 0,4 2,2 2,2 0)))"

# Pairs on which a boundary, a shared vertex or a degenerate part decides the answer.
TRICKY_WKT = [
    # Points against polygons: vertices, edges, holes, islands, diagonal edges.
    (SQUARE, "POINT(0 0)"),
    (SQUARE, "POINT(2 0)"),
    (SQUARE, "POINT(2 2)"),
    (SQUARE, "POINT(4 4.5)"),
    (HOLED, "POINT(3 3)"),
    (HOLED, "POINT(3 2)"),
    (HOLED, "POINT(2 2)"),
    (HOLED, "POINT(1 3)"),
    (HOLE_TOUCHING_SHELL, "POINT(0 2)"),
    (HOLE_TOUCHING_SHELL, "POINT(1 2)"),
    (HOLE_TOUCHING_CORNER, "POINT(4 4)"),
    (HOLE_TOUCHING_CORNER, "LINESTRING(0 0,4 4)"),
    (TRIANGLE, "POINT(2 1)"),
    (TRIANGLE, "POINT(1 0.5)"),
    (TRIANGLE, "POINT(2 2)"),
    (ISLAND_IN_LAKE, "POINT(3 3)"),
    (ISLAND_IN_LAKE, "POINT(1.5 3)"),
    (ISLAND_IN_LAKE, "POINT(1 3)"),
    (CORNER_TOUCHING, "POINT(2 2)"),
    (CORNER_TOUCHING, "LINESTRING(1 1,3 3)"),
    (CORNER_TOUCHING, "LINESTRING(1 3,3 1)"),
    # Polygons sharing an edge, a corner, everything, or nested against the boundary.
    (SQUARE, "POLYGON((4 0,8 0,8 4,4 4,4 0))"),
    (SQUARE, "POLYGON((4 4,8 4,8 8,4 8,4 4))"),
    (SQUARE, "POLYGON((0 0,4 0,4 4,0 4,0 0))"),
    (SQUARE, "POLYGON((4 4,0 4,0 0,4 0,4 4))"),
    (SQUARE, "POLYGON((0 0,2 0,2 2,0 2,0 0))"),
    (SQUARE, "POLYGON((0 0,4 0,4 2,0 2,0 0))"),
    (SQUARE, "POLYGON((2 0,6 0,6 4,2 4,2 0))"),
    (SQUARE, "POLYGON((0 0,4 0,2 2,0 0))"),
    (TRIANGLE, "POLYGON((0 0,4 2,4 0,0 0))"),
    (HOLED, "POLYGON((2 2,4 2,4 4,2 4,2 2))"),
    (HOLED, "POLYGON((2 2,3 2,3 3,2 3,2 2))"),
    (HOLED, "POLYGON((0 0,2 0,2 2,0 2,0 0))"),
    (HOLED, "POLYGON((0 0,6 0,6 6,0 6,0 0))"),
    (ISLAND_IN_LAKE, "POLYGON((1 1,5 1,5 5,1 5,1 1))"),
    (ISLAND_IN_LAKE, "POLYGON((0 0,6 0,6 6,0 6,0 0))"),
    # Lines along edges, through vertices, from the inside to the boundary.
    (SQUARE, "LINESTRING(0 0,4 0)"),
    (SQUARE, "LINESTRING(0 0,2 0,2 2)"),
    (SQUARE, "LINESTRING(1 1,0 1)"),
    (SQUARE, "LINESTRING(-1 -1,1 1)"),
    (SQUARE, "LINESTRING(4 4,6 6)"),
    (SQUARE, "LINESTRING(0 0,4 0,4 4,0 4,0 0)"),
    (SQUARE, "LINESTRING(-2 0,6 0)"),
    (HOLED, "LINESTRING(2 2,4 2)"),
    (HOLED, "LINESTRING(1 3,2 3)"),
    (HOLED, "LINESTRING(1 3,3 3)"),
    # Lines against lines and points: boundaries by the mod-2 rule, closed and repeated vertices.
    ("LINESTRING(0 0,4 0)", "LINESTRING(2 0,6 0)"),
    ("LINESTRING(0 0,4 0)", "LINESTRING(1 0,3 0)"),
    ("LINESTRING(0 0,2 0,4 0)", "LINESTRING(1 0,3 0)"),
    ("LINESTRING(0 0,4 0)", "LINESTRING(4 0,0 0)"),
    ("LINESTRING(0 0,4 0)", "LINESTRING(2 -2,2 2)"),
    ("LINESTRING(0 0,4 0)", "LINESTRING(4 0,4 4)"),
    ("LINESTRING(0 0,4 0)", "POINT(0 0)"),
    ("LINESTRING(0 0,4 0)", "POINT(2 0)"),
    ("LINESTRING(0 0,4 0,4 4,0 0)", "POINT(0 0)"),
    ("MULTILINESTRING((0 0,2 0),(2 0,4 0))", "POINT(2 0)"),
    ("MULTILINESTRING((0 0,2 0),(2 0,4 0),(2 0,2 2))", "POINT(2 0)"),
    ("MULTILINESTRING((0 0,4 0),(2 -1,2 1))", "LINESTRING(0 0,4 0)"),
    ("MULTILINESTRING((0 0,3 1),(0 2,3 0))", "LINESTRING(0 0,3 1)"),  # they cross at (2, 2/3)
    ("LINESTRING(0 0,0 0,2 2)", "POINT(0 0)"),
    ("LINESTRING(0 0,4 0,2 0)", "POINT(4 0)"),
    ("LINESTRING(0 0,4 0,2 0)", "POINT(2 0)"),
    ("LINESTRING(0 0,4 4,4 0,0 4)", "POINT(2 2)"),
    # Multipoints: part on the boundary, all on the boundary, repeated, one in a hole.
    (SQUARE, "MULTIPOINT((0 0),(2 2))"),
    (SQUARE, "MULTIPOINT((0 0),(4 0))"),
    (SQUARE, "MULTIPOINT((2 2),(2 2))"),
    ("MULTIPOINT((0 0),(4 0))", "POINT(4 0)"),
    (ISLAND_IN_LAKE, "MULTIPOINT((0.5 0.5),(3 3))"),
    (ISLAND_IN_LAKE, "MULTIPOINT((0.5 0.5),(4.5 4))"),
    # Collections: adjacent polygons (GEOS relates a collection as the union of its parts),
    # parts on the other geometry's boundary.
    (ADJACENT_IN_COLLECTION, "POINT(2 1)"),
    (ADJACENT_IN_COLLECTION, "LINESTRING(1 1,3 1)"),
    ("GEOMETRYCOLLECTION(POINT(0 0),LINESTRING(1 1,2 2))", SQUARE),
    ("GEOMETRYCOLLECTION(POINT(5 5),LINESTRING(1 1,2 2))", SQUARE),
    (SQUARE, "GEOMETRYCOLLECTION(LINESTRING(4 4,4 2),POLYGON((1 1,2 1,2 2,1 2,1 1)))"),
    # Exact distances: to an edge, to a corner, along a 3-4-5 diagonal, between parallel lines.
    (SQUARE, "POINT(5 2)"),
    (SQUARE, "POINT(5 5)"),
    (SQUARE, "POINT(7 8)"),
    ("LINESTRING(0 0,4 0)", "LINESTRING(0 1.5,4 1.5)"),
]
TRICKY_PAIRS = [(shapely.from_wkt(a), shapely.from_wkt(b)) for a, b in TRICKY_WKT]


# ---- Generated shapes ---------------------------------------------------------------------------


def grid_point(rng, step=0.5):
    return (rng.randint(0, int(10 / step)) * step, rng.randint(0, int(10 / step)) * step)


def rectangle(rng):
    x0, x1 = sorted(rng.sample(range(11), 2))
    y0, y1 = sorted(rng.sample(range(11), 2))
    return shapely.box(x0, y0, x1, y1)


def triangle(rng):
    return shapely.Polygon([grid_point(rng, 1) for _ in range(3)])


def holed_rectangle(rng):
    # The hole stays off the shell: a rectangle reaching it would share an edge, which is invalid.
    x0, y0 = rng.randint(0, 5), rng.randint(0, 5)
    x1, y1 = x0 + rng.randint(3, 5), y0 + rng.randint(3, 5)
    hx0, hy0 = rng.randint(x0 + 1, x1 - 2), rng.randint(y0 + 1, y1 - 2)
    hx1, hy1 = rng.randint(hx0 + 1, x1 - 1), rng.randint(hy0 + 1, y1 - 1)
    return shapely.Polygon(shapely.box(x0, y0, x1, y1).exterior, [shapely.box(hx0, hy0, hx1, hy1).exterior])


def line(rng):
    step = rng.choice([1, 0.5])
    return shapely.LineString([grid_point(rng, step) for _ in range(rng.randint(2, 4))])


def random_shape(rng):
    kind = rng.choice(
        ["point", "multipoint", "line", "multiline", "rectangle", "triangle", "holed", "multipolygon", "collection"]
    )
    if kind == "point":
        return shapely.Point(grid_point(rng))
    if kind == "multipoint":
        return shapely.MultiPoint([grid_point(rng) for _ in range(rng.randint(2, 4))])
    if kind == "line":
        return line(rng)
    if kind == "multiline":
        return shapely.MultiLineString([line(rng), line(rng)])
    if kind == "rectangle":
        return rectangle(rng)
    if kind == "triangle":
        return triangle(rng)
    if kind == "holed":
        return holed_rectangle(rng)
    if kind == "multipolygon":
        return shapely.MultiPolygon([rng.choice([rectangle, triangle])(rng) for _ in range(2)])
    # Never a point beside a polygon: GEOS 3.13 then relates the collection to areas wrongly
    # (GEOMETRYCOLLECTION(POINT(10 10),POLYGON((0 0,4 0,4 4,0 4,0 0))) does not contain
    # POLYGON((1 1,2 1,2 2,1 2,1 1)) for it, in its relate and its prepared contains alike).
    return shapely.GeometryCollection([line(rng), rng.choice([shapely.Point(grid_point(rng)), rectangle(rng)])])


def segments(shape):
    """The segments of every line and ring of a geometry."""
    if shape.geom_type == "Polygon":
        rings = [shape.exterior, *shape.interiors]
    elif shape.geom_type == "LineString":
        rings = [shape]
    else:
        return [s for part in getattr(shape, "geoms", []) for s in segments(part)]
    return [pair for ring in rings for pair in zip(ring.coords, ring.coords[1:]) if pair[0] != pair[1]]


def partner(rng, shape):
    """A second geometry that meets `shape` at a vertex, an edge or its boundary, coincides with
    it, is shifted against it by grid steps or by its own size, or (else) is unrelated."""
    vertices = shapely.get_coordinates(shape).tolist()
    edges = segments(shape)
    kind = rng.choice(["vertex", "near vertex", "edge", "shifted", "same", "boundary", "envelope", "random"])
    if kind == "vertex":
        return shapely.Point(rng.choice(vertices))
    if kind == "near vertex":
        x, y = rng.choice(vertices)
        return shapely.Point(x + rng.choice([-0.5, 0, 0.5]), y + rng.choice([-0.5, 0.5]))
    if kind == "edge" and edges:
        (x0, y0), (x1, y1) = rng.choice(edges)
        middle = ((x0 + x1) / 2, (y0 + y1) / 2)
        return rng.choice(
            [shapely.Point(middle), shapely.LineString([(x0, y0), middle]), shapely.LineString([(x0, y0), (x1, y1)])]
        )
    if kind == "shifted":
        xmin, ymin, xmax, ymax = shape.bounds
        dx = rng.choice([0, 0.5, 1, xmax - xmin, xmin - xmax])
        dy = rng.choice([0, 0.5, 1, ymax - ymin, ymin - ymax])
        return shapely.transform(shape, lambda coordinates: coordinates + [dx, dy])
    if kind == "same":
        return rng.choice([shape, shapely.reverse(shape)])
    if kind == "boundary" and shape.geom_type in ("Polygon", "MultiPolygon"):
        return shape.boundary
    if kind == "envelope":
        return shape.envelope
    return random_shape(rng)


def lines_meet_polygons(shape):
    """A collection whose lines cross or touch its polygons. Strabo locates points in it as GEOS
    does, but refuses to say whether it covers a line or a polygon (see
    test_collections_whose_lines_meet_their_polygons), so the bulk cases leave it out."""
    if shape.geom_type != "GeometryCollection":
        return False
    parts = shapely.get_parts(shape)
    polygons = [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]
    lines = [p for p in parts if p.geom_type in ("LineString", "MultiLineString")]
    if not polygons:
        return False
    area = shapely.union_all(polygons)
    return any(line.intersects(area) and not area.covers(line) for line in lines)


def usable(shape):
    return shape.is_valid and not shape.is_empty and not lines_meet_polygons(shape)


def geos_consistent(a, b):
    """Whether GEOS's relate and its overlay agree on which of `a` and `b` covers the other.
    They do not where lines cross at a point no float holds, inside a line that lies on one of
    them: in MULTILINESTRING((2 10,10 4,2 2,4 8),(7.5 4,7 10)), LINESTRING(7.5 4,7.25 7) lies
    exactly on the second part, and the overlay finds nothing of it outside, but GEOS 3.13's
    relate, noding at the rounded crossing of the parts, says it is not covered."""
    return all(shapely.covers(p, q) == shapely.difference(q, p).is_empty for p, q in [(a, b), (b, a)])
