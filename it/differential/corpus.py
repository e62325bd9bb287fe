"""The generated inputs of the differential suite: single geometries and pairs, seeded and
snapped to the grid of `grid.py` (so boundaries, shared vertices and collinear segments occur).

Each input carries a tag that says what it is (`valid polygon`, `invalid bowtie`, `pair
touch`...), shown beside every disagreement and used to check that the corpus keeps its mix.
"""
from __future__ import annotations

import random

import shapely
from shapely import affinity

from . import grid

SEED = 20261206
SINGLES = 2000
GENERATED_PAIRS = 1900  # beside grid.TRICKY_PAIRS: 2,000 pairs or so in all

# Empty geometries of every type, and collections whose members are (partly) empty.
EMPTIES = [
    "POINT EMPTY",
    "LINESTRING EMPTY",
    "POLYGON EMPTY",
    "MULTIPOINT EMPTY",
    "MULTILINESTRING EMPTY",
    "MULTIPOLYGON EMPTY",
    "GEOMETRYCOLLECTION EMPTY",
    "POINT Z EMPTY",
    "GEOMETRYCOLLECTION(POINT EMPTY)",
    "GEOMETRYCOLLECTION(LINESTRING EMPTY,POINT(1 1))",
    "GEOMETRYCOLLECTION(POLYGON EMPTY,LINESTRING(0 0,2 2))",
    "MULTILINESTRING(EMPTY,(0 0,1 1))",
    "MULTIPOLYGON(EMPTY,((0 0,2 0,2 2,0 0)))",
]


# ---- Degenerate but valid, or at least readable, shapes --------------------------------------


def zero_length_line(rng):
    p = grid.grid_point(rng)
    return shapely.LineString([p, p])


def line_with_repeated_points(rng):
    a, b, c = (grid.grid_point(rng, 1) for _ in range(3))
    return shapely.LineString([a, a, b, b, c])


def closed_line(rng):
    ring = grid.rectangle(rng).exterior.coords
    return shapely.LineString(ring if rng.random() < 0.5 else ring[::-1])


def line_doubling_back(rng):
    x, y = grid.grid_point(rng, 1)
    d = rng.choice([1, 2, 3])
    return shapely.LineString([(x, y), (x + 2 * d, y), (x + d, y)])


def self_crossing_line(rng):
    x, y = grid.grid_point(rng, 1)
    d = rng.choice([1, 2])
    return shapely.LineString([(x, y), (x + 2 * d, y + 2 * d), (x + 2 * d, y), (x, y + 2 * d)])


def collinear_polygon(rng):
    """A polygon of zero area: its vertices on one line (invalid by OGC's rules, readable)."""
    x, y = grid.grid_point(rng, 1)
    dx, dy = rng.choice([(1, 0), (0, 1), (1, 1), (1, 2)])
    return shapely.Polygon([(x, y), (x + dx, y + dy), (x + 2 * dx, y + 2 * dy), (x, y)])


def polygon_with_repeated_vertex(rng):
    x0, y0, x1, y1 = grid.rectangle(rng).bounds
    return shapely.Polygon([(x0, y0), (x1, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)])


def polygon_with_collinear_vertices(rng):
    x0, y0, x1, y1 = grid.rectangle(rng).bounds
    xm = (x0 + x1) / 2
    return shapely.Polygon([(x0, y0), (xm, y0), (x1, y0), (x1, y1), (xm, y1), (x0, y1), (x0, y0)])


def repeated_multipoint(rng):
    p = grid.grid_point(rng)
    return shapely.MultiPoint([p, grid.grid_point(rng), p])


def overlapping_collection(rng):
    """Polygons overlapping inside a collection: valid as a collection, not as a multipolygon."""
    a = grid.rectangle(rng)
    return shapely.GeometryCollection([a, affinity.translate(a, 0.5, 0.5)])


def nested_collection(rng):
    return shapely.GeometryCollection([grid.random_shape(rng), shapely.GeometryCollection([grid.line(rng)])])


def with_z(rng):
    """A shape with Z ordinates (the functions work in X and Y and keep or drop Z)."""
    shape = grid.random_shape(rng)
    return shapely.force_3d(shape, rng.choice([0.0, 1.5, -2.0]))


DEGENERATE = [
    zero_length_line,
    line_with_repeated_points,
    closed_line,
    line_doubling_back,
    self_crossing_line,
    collinear_polygon,
    polygon_with_repeated_vertex,
    polygon_with_collinear_vertices,
    repeated_multipoint,
    overlapping_collection,
    nested_collection,
    with_z,
]


# ---- Invalid polygons ---------------------------------------------------------------------------


def bowtie(rng):
    x, y = grid.grid_point(rng, 1)
    d = rng.choice([1, 2, 3])
    return shapely.Polygon([(x, y), (x + d, y + d), (x + d, y), (x, y + d), (x, y)])


def hole_outside_shell(rng):
    shell = grid.rectangle(rng)
    hole = affinity.translate(shell, shell.bounds[2] - shell.bounds[0] + 1, 0)
    return shapely.Polygon(shell.exterior, [hole.exterior])


def hole_crossing_shell(rng):
    shell = grid.rectangle(rng)
    hole = affinity.translate(shell, 0.5, 0.5)
    return shapely.Polygon(shell.exterior, [hole.exterior])


def overlapping_multipolygon(rng):
    a = grid.rectangle(rng)
    return shapely.MultiPolygon([a, affinity.translate(a, 0.5, 0)])


def self_touching_shell(rng):
    """A shell that touches itself along an edge's middle: an inverted hole, valid for ESRI,
    invalid by OGC's rules (a ring self-intersection)."""
    x, y = grid.grid_point(rng, 1)
    return shapely.Polygon([(x, y), (x + 4, y), (x + 4, y + 4), (x + 2, y + 4), (x + 3, y + 2), (x + 1, y + 2),
                            (x + 2, y + 4), (x, y + 4), (x, y)])


def spike(rng):
    x0, y0, x1, y1 = grid.rectangle(rng).bounds
    xm = (x0 + x1) / 2
    return shapely.Polygon([(x0, y0), (x1, y0), (x1, y1), (xm, y1), (xm, y1 + 2), (xm, y1), (x0, y1), (x0, y0)])


def nested_shells(rng):
    outer = grid.rectangle(rng)
    return shapely.MultiPolygon([outer, affinity.scale(outer, 0.5, 0.5)])


INVALID = [bowtie, hole_outside_shell, hole_crossing_shell, overlapping_multipolygon, self_touching_shell,
           spike, nested_shells]


# ---- Valid shapes beyond grid.random_shape ------------------------------------------------------


def polygon_with_two_holes(rng):
    x, y = grid.grid_point(rng, 1)
    return shapely.Polygon(
        [(x, y), (x + 6, y), (x + 6, y + 3), (x, y + 3)],
        [[(x + 1, y + 1), (x + 2, y + 1), (x + 2, y + 2), (x + 1, y + 2)],
         [(x + 3, y + 1), (x + 5, y + 1), (x + 4, y + 2)]],
    )


def island_in_lake(rng):
    return affinity.translate(shapely.from_wkt(grid.ISLAND_IN_LAKE), *grid.grid_point(rng, 1))


def holed_multipolygon(rng):
    a = grid.holed_rectangle(rng)
    return shapely.MultiPolygon([a, affinity.translate(a, a.bounds[2] - a.bounds[0], 0)])


def hole_touching_shell(rng):
    return affinity.translate(shapely.from_wkt(grid.HOLE_TOUCHING_SHELL), *grid.grid_point(rng, 1))


def point_beside_polygon(rng):
    return shapely.GeometryCollection([shapely.Point(grid.grid_point(rng)), grid.rectangle(rng)])


VALID = [grid.random_shape] * 6 + [polygon_with_two_holes, island_in_lake, holed_multipolygon,
                                   hole_touching_shell, point_beside_polygon]

# How often each family is drawn: mostly plain shapes (valid, but for the multipolygons and
# triangles grid.random_shape happens to make overlapping or flat), with a good share of the rest.
FAMILIES = [("shape", VALID, 0.6), ("degenerate", DEGENERATE, 0.25), ("invalid", INVALID, 0.15)]


def singles() -> tuple[list, list[str]]:
    """At least SINGLES distinct geometries and their tags: the empties, then drawn families."""
    rng = random.Random(SEED)
    geometries = [shapely.from_wkt(w) for w in EMPTIES]
    tags = ["empty"] * len(EMPTIES)
    seen = {g.wkb for g in geometries}
    while len(geometries) < SINGLES:
        family, makers, _ = rng.choices(FAMILIES, weights=[w for *_, w in FAMILIES])[0]
        maker = rng.choice(makers)
        shape = maker(rng)
        if shape.wkb in seen:
            continue
        seen.add(shape.wkb)
        geometries.append(shape)
        tags.append(f"{family} {maker.__name__}")
    return geometries, tags


# ---- Pairs built to touch, overlap, nest and cross ----------------------------------------------


def width(shape):
    xmin, _, xmax, _ = shape.bounds
    return xmax - xmin


def touching(rng, shape):
    """Beside `shape`, sharing an edge or a corner with its box, or a point on its boundary."""
    xmin, ymin, xmax, ymax = shape.bounds
    kind = rng.choice(["edge", "corner", "boundary point"])
    if kind == "edge":
        return affinity.translate(shape, xmax - xmin, 0)
    if kind == "corner":
        return affinity.translate(shape, xmax - xmin, ymax - ymin)
    return shapely.Point(rng.choice(shapely.get_coordinates(shape).tolist()))


def overlapping(rng, shape):
    xmin, ymin, xmax, ymax = shape.bounds
    return affinity.translate(shape, (xmax - xmin) / 2, rng.choice([0, (ymax - ymin) / 2]))


def nested(rng, shape):
    """Inside `shape` (its copy halved about its centre), or around it (doubled)."""
    factor = rng.choice([0.5, 2.0])
    centre = shape.envelope.centroid
    return affinity.scale(shape, factor, factor, origin=(round(centre.x), round(centre.y)))


def crossing(rng, shape):
    """A line across `shape`'s box through its middle, or a copy turned a quarter."""
    xmin, ymin, xmax, ymax = shape.bounds
    if rng.random() < 0.5:
        y = (ymin + ymax) / 2
        return shapely.LineString([(xmin - 1, y), (xmax + 1, y + rng.choice([0, 1]))])
    centre = shape.envelope.centroid
    return affinity.rotate(shape, 90, origin=(round(centre.x), round(centre.y)))


RELATIONS = [touching, overlapping, nested, crossing]


def pairs(singles_: list) -> tuple[list, list, list[str]]:
    """grid.TRICKY_PAIRS, then pairs made by RELATIONS and grid.partner from valid shapes, and
    pairs of two corpus geometries (empty, degenerate and invalid ones among them)."""
    rng = random.Random(SEED + 1)
    firsts = [a for a, _ in grid.TRICKY_PAIRS]
    seconds = [b for _, b in grid.TRICKY_PAIRS]
    tags = ["pair tricky"] * len(firsts)
    while len(tags) < len(grid.TRICKY_PAIRS) + GENERATED_PAIRS:
        roll = rng.random()
        if roll < 0.55:
            a = rng.choice(VALID)(rng)
            relation = rng.choice(RELATIONS)
            b, tag = relation(rng, a), f"pair {relation.__name__}"
        elif roll < 0.8:
            a = grid.random_shape(rng)
            b, tag = grid.partner(rng, a), "pair partner"
        else:
            a, b, tag = rng.choice(singles_), rng.choice(singles_), "pair corpus"
        if rng.random() < 0.5:
            a, b = b, a
        firsts.append(a)
        seconds.append(b)
        tags.append(tag)
    return firsts, seconds, tags


# ---- Points in longitude and latitude ------------------------------------------------------------


def lonlat_point_pairs(count: int = 300) -> tuple[list, list, list[str]]:
    """Pairs of points over the globe on a half-degree grid, for the spherical and spheroidal
    distances: some near each other, some across the antimeridian, some nearly antipodal."""
    rng = random.Random(SEED + 2)

    def point():
        return rng.randint(-360, 360) / 2, rng.randint(-178, 178) / 2

    firsts, seconds, tags = [], [], []
    for k in range(count):
        (x, y), kind = point(), ("near", "far", "antimeridian", "antipodal", "same")[k % 5]
        if kind == "near":
            other = (max(-180, min(180, x + rng.choice([-1, 1]) / 2)), y + rng.choice([-0.5, 0, 0.5]))
        elif kind == "far":
            other = point()
        elif kind == "antimeridian":
            x, other = rng.choice([179.5, 180]), (rng.choice([-179.5, -180]), y + rng.choice([-1, 0, 1]))
        elif kind == "antipodal":
            other = (x - 180 if x > 0 else x + 180, -y + rng.choice([0, 0.5]))
        else:
            other = (x, y)
        firsts.append(shapely.Point(x, y))
        seconds.append(shapely.Point(other))
        tags.append(f"lonlat {kind}")
    return firsts, seconds, tags
