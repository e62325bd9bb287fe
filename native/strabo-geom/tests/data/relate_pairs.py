"""Writes relate_pairs.txt: random pairs of geometries on a coarse integer grid, with their DE-9IM
matrix and named predicates as GEOS computes them.

The oracle is shapely 2.1.2 over GEOS 3.13.1 (RelateNG, as PostGIS uses it). Run with that shapely,
from this directory:
    python relate_pairs.py > relate_pairs.txt

The grid is coarse (0..6), so that vertices and edges coincide: shared vertices, collinear
overlaps, touching at a vertex or along an edge, identical geometries, crossing lines. Every pair of
types is drawn: point, multipoint, line, multiline (often one path cut into parts, whose shared
ends are interior by the mod-2 rule), polygon (with holes, some wound like their shell),
multipolygon, collection (whose members may overlap), empty geometries of each type, and lines
whose coordinates are all equal.

Each line is `A|B|matrix|predicates|note`:
- `matrix` is `shapely.relate(a, b)`, except where GEOS contradicts itself (below);
- `predicates` are `shapely.intersects`, `contains`, `within`, `covers`, `covered_by`, `crosses`,
  `overlaps`, `touches`, `equals` as 0/1, or T/F where GEOS's predicate contradicts the matrix
  (T/F is then what the matrix gives, read by GEOS's rules);
- `note` is empty, or names how GEOS contradicts itself on the pair, and its own matrix.

Where GEOS's matrix differs from an exact one computed independently (relate_exact.py), the pair
must show GEOS contradicting itself, and the exact matrix is kept:
- `zero-length`: GEOS gives a line whose coordinates are all equal a 1-dimensional interior outside
  the other geometry (and in an area), though its dimension is 0; written as a point, GEOS agrees;
- `line-ends`: GEOS stops locating line ends once one lies outside the other geometry, missing
  the boundary of later lines; with the lines in another order, GEOS agrees;
- `asymmetric`: GEOS's relate(b, a), transposed, agrees, and differs from its relate(a, b);
- `identical`: GEOS relates a collection to itself with a matrix where its interior meets its
  boundary or its exterior (while `shapely.equals` finds it equal to itself);
- `collection`: dropping the points of a collection changes an entry of GEOS's matrix from or to
  dimension 1 or 2, which points cannot do.
Pairs where GEOS answers from a collection's empty members are left out (`quirk`).
"""
import random
import sys

import shapely
import shapely.affinity
from shapely import wkt

import relate_exact

GRID = 6
rng = random.Random(20240611)

KINDS = [
    "point", "multipoint", "line", "multiline", "polygon", "multipolygon",
    "collection", "empty", "zero_line",
]
EMPTIES = [
    "POINT EMPTY", "LINESTRING EMPTY", "POLYGON EMPTY", "MULTIPOINT EMPTY",
    "MULTILINESTRING EMPTY", "MULTIPOLYGON EMPTY", "GEOMETRYCOLLECTION EMPTY",
]


# Vertices of the first geometry of a pair, which the second one often reuses.
shared = []


def coord():
    if shared and rng.random() < 0.4:
        return rng.choice(shared)
    return (rng.randint(0, GRID), rng.randint(0, GRID))


def fmt(c):
    return f"{c[0]} {c[1]}"


def path(n):
    """A path whose steps are often along the axes or diagonals, so that edges overlap."""
    points = [coord()]
    for _ in range(n - 1):
        if rng.random() < 0.6:
            x, y = points[-1]
            dx, dy = rng.choice([(1, 0), (0, 1), (1, 1), (1, -1)])
            k = rng.choice([-3, -2, -1, 1, 2, 3])
            points.append((min(GRID, max(0, x + k * dx)), min(GRID, max(0, y + k * dy))))
        else:
            points.append(coord())
    return points


def line_text():
    points = path(rng.randint(2, 4))
    if rng.random() < 0.15:
        points.append(points[0])  # closed
    if rng.random() < 0.1:
        i = rng.randrange(len(points))
        points.insert(i, points[i])  # a repeated point
    return "(" + ",".join(map(fmt, points)) + ")"


def ring(points, ccw):
    ring_ = shapely.LinearRing(points)
    if ring_.is_ccw != ccw:
        points = points[::-1]
    points = list(points) + [points[0]]
    return "(" + ",".join(map(fmt, points)) + ")"


def polygon_rings():
    """Rings of a valid polygon; holes are sometimes wound like their shell."""
    while True:
        shape = rng.random()
        if shape < 0.35:
            x0, y0 = rng.randint(0, GRID - 1), rng.randint(0, GRID - 1)
            x1, y1 = rng.randint(x0 + 1, GRID), rng.randint(y0 + 1, GRID)
            shell = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        else:
            shell = [coord() for _ in range(rng.randint(3, 5))]
        if len(set(shell)) < 3:
            continue
        if shape >= 0.35:
            # A star-shaped ordering around the centroid keeps most rings simple.
            cx = sum(p[0] for p in shell) / len(shell)
            cy = sum(p[1] for p in shell) / len(shell)
            import math
            shell = sorted(set(shell), key=lambda p: math.atan2(p[1] - cy, p[0] - cx))
        poly = shapely.Polygon(shell)
        if not poly.is_valid or poly.area == 0:
            continue
        holes = []
        if rng.random() < 0.3:
            hole = [coord() for _ in range(3)]
            candidate = shapely.Polygon(shell, [hole])
            if candidate.is_valid and shapely.Polygon(hole).area > 0:
                holes.append(hole)
        ccw = rng.random() < 0.7
        hole_ccw = (not ccw) if rng.random() < 0.7 else ccw
        return [ring(shell, ccw)] + [ring(h, hole_ccw) for h in holes]


def polygon_text():
    return "(" + ",".join(polygon_rings()) + ")"


def generate(kind):
    if kind == "point":
        return f"POINT({fmt(coord())})"
    if kind == "multipoint":
        points = [coord() for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.2:
            points.append(points[0])
        return "MULTIPOINT(" + ",".join(f"({fmt(p)})" for p in points) + ")"
    if kind == "line":
        return "LINESTRING" + line_text()
    if kind == "multiline":
        if rng.random() < 0.5:
            # One path cut into parts: their shared ends are interior (mod-2 rule).
            points = path(rng.randint(3, 5))
            cuts = sorted(rng.sample(range(1, len(points) - 1), rng.randint(1, len(points) - 2)))
            parts, start = [], 0
            for cut in cuts + [len(points) - 1]:
                parts.append(points[start:cut + 1])
                start = cut
            if rng.random() < 0.3:
                parts.append([points[cuts[0]], coord()])  # a third line at a shared end
            return "MULTILINESTRING(" + ",".join(
                "(" + ",".join(map(fmt, p)) + ")" for p in parts) + ")"
        return "MULTILINESTRING(" + ",".join(line_text() for _ in range(rng.randint(2, 3))) + ")"
    if kind == "polygon":
        return "POLYGON" + polygon_text()
    if kind == "multipolygon":
        while True:
            parts = [polygon_text() for _ in range(rng.randint(2, 3))]
            text = "MULTIPOLYGON(" + ",".join(parts) + ")"
            if wkt.loads(text).is_valid:
                return text
    if kind == "collection":
        members = [generate(rng.choice(KINDS[:6] + ["empty", "zero_line"]))
                   for _ in range(rng.randint(1, 3))]
        return "GEOMETRYCOLLECTION(" + ",".join(members) + ")"
    if kind == "empty":
        return rng.choice(EMPTIES)
    if kind == "zero_line":
        c = fmt(coord())
        return f"LINESTRING({c},{c})"
    raise ValueError(kind)


def related(a_text):
    """A geometry that shares something with `a`: itself, reversed, shifted, or a part."""
    a = wkt.loads(a_text)
    choice = rng.random()
    if choice < 0.25:
        return a_text
    if choice < 0.45:
        return shapely.to_wkt(shapely.reverse(a), trim=True)
    if choice < 0.7:
        dx, dy = rng.choice([(1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (2, 0)])
        return shapely.to_wkt(shapely.affinity.translate(a, dx, dy), trim=True)
    return shapely.to_wkt(a.boundary if not a.is_empty and a.geom_type != "GeometryCollection"
                          else a, trim=True)


def real_dimension(g):
    """The dimension of the non-empty parts, a line whose coordinates are all equal being a point."""
    if g.is_empty:
        return -1
    dims = {"Point": 0, "Polygon": 2}
    return max(dims.get(p.geom_type, 1 if p.length > 0 else 0)
               for p in relate_exact.atoms(g) if not p.is_empty)


def nominal_dimension(g):
    """The dimension of the non-empty parts by their types."""
    dims = {"Point": 0, "LineString": 1, "Polygon": 2}
    return max((dims[p.geom_type] for p in relate_exact.atoms(g) if not p.is_empty), default=-1)


def quirk(a, b):
    """Pairs where GEOS 3.13 answers from a collection's empty members: it takes the dimension of
    a collection with an empty polygon as 2, so a collection of points gets a 2-dimensional
    interior in the matrix's exterior entries (and GEOS crashes relating some of them to an empty
    geometry). Strabo takes the dimension of the non-empty members; such pairs are left out."""
    return any(not g.is_empty and shapely.get_dimensions(g) != nominal_dimension(g) for g in (a, b))


def matches(matrix, pattern):
    return all(p == "*" or (p == "T" and m != "F") or p == m for m, p in zip(matrix, pattern))


def predicates(matrix, da, db):
    """GEOS's named predicates read off a matrix, by the dimensions of the non-empty parts."""
    covers = matches(matrix, "******FF*") and any(matrix[i] != "F" for i in (0, 1, 3, 4))
    covered_by = matches(matrix, "**F**F***") and any(matrix[i] != "F" for i in (0, 1, 3, 4))
    if da == db == 1:
        crosses = matrix[0] == "0"
    elif da < db:
        crosses = matches(matrix, "T*T******")
    elif da > db:
        crosses = matches(matrix, "T*****T**")
    else:
        crosses = False
    if da != db:
        overlaps = False
    elif da == 1:
        overlaps = matches(matrix, "1*T***T**")
    else:
        overlaps = matches(matrix, "T*T***T**")
    touches = not (da == db == 0) and any(matches(matrix, p) for p in ("FT*******", "F**T*****", "F***T****"))
    equals = (da == db == -1) or (da == db and matches(matrix, "T*F**FFF*"))
    return [not matches(matrix, "FF*FF****"), matches(matrix, "T*****FF*"), matches(matrix, "T*F**F***"),
            covers, covered_by, crosses, overlaps, touches, equals]


def transposed(m):
    return "".join(m[i] for i in (0, 3, 6, 1, 4, 7, 2, 5, 8))


def with_points_for_zero_lengths(g):
    """g with its lines whose coordinates are all equal written as points."""
    if g.geom_type == "LineString" and not g.is_empty and g.length == 0:
        return shapely.Point(g.coords[0])
    if g.geom_type in ("MultiLineString", "GeometryCollection"):
        parts = list(shapely.get_parts(g))
        rewritten = [with_points_for_zero_lengths(p) for p in parts]
        if any(r is not p for r, p in zip(rewritten, parts)):
            return shapely.GeometryCollection(rewritten)
    return g


def reorderings(g):
    """g with its members rotated or reversed."""
    if not (g.geom_type.startswith("Multi") or g.geom_type == "GeometryCollection") or g.is_empty:
        return [g]
    parts = list(shapely.get_parts(g))
    rotations = [parts[k:] + parts[:k] for k in range(len(parts))]
    return [type(g)(order) for rotation in rotations for order in (rotation, rotation[::-1])]


def without_points(g):
    if g.geom_type != "GeometryCollection":
        return g
    return shapely.GeometryCollection([p for p in shapely.get_parts(g)
                                       if p.geom_type not in ("Point", "MultiPoint")
                                       and not (p.geom_type == "LineString" and p.length == 0)])


def contradiction(a, b, geos, exact):
    """How GEOS contradicts itself on a pair where its matrix is not the exact one, or None."""
    za, zb = with_points_for_zero_lengths(a), with_points_for_zero_lengths(b)
    zero = za is not a or zb is not b
    if zero and shapely.relate(za, zb) == exact:
        return "zero-length"
    if any(shapely.relate(x, y) == exact for x in reorderings(za) for y in reorderings(zb)):
        return "zero-length,line-ends" if zero else "line-ends"
    if transposed(shapely.relate(b, a)) == exact:
        return "asymmetric"
    if a.equals_exact(b, 0) and any(geos[i] != "F" for i in (1, 2, 3, 5, 6, 7)):
        return "identical"
    for g, other, flip in ((a, b, False), (b, a, True)):
        fewer = without_points(g)
        if fewer.is_empty or fewer.equals_exact(g, 0):
            continue
        matrix = shapely.relate(fewer, other)
        matrix = transposed(matrix) if flip else matrix
        if any(f != m and (f in "12" or m in "12") for f, m in zip(matrix, geos)):
            return "collection"
    return None


PREDICATES = [
    shapely.intersects, shapely.contains, shapely.within, shapely.covers, shapely.covered_by,
    shapely.crosses, shapely.overlaps, shapely.touches, shapely.equals,
]


def main():
    pairs = []
    for a_kind in KINDS:
        for b_kind in KINDS:
            for _ in range(26):
                shared.clear()
                a = generate(a_kind)
                shared.extend(tuple(int(v) for v in c) for c in shapely.get_coordinates(wkt.loads(a)))
                b = related(a) if rng.random() < 0.2 else generate(b_kind)
                pairs.append((a, b))
    compact = lambda g: shapely.to_wkt(g, trim=True).replace(", ", ",").replace(" (", "(")
    counts = {"pairs": 0, "quirks": 0, "as GEOS": 0}
    for a_text, b_text in pairs:
        a, b = wkt.loads(a_text), wkt.loads(b_text)
        if quirk(a, b):
            counts["quirks"] += 1
            continue
        counts["pairs"] += 1
        geos = shapely.relate(a, b)
        exact = relate_exact.relate(a, b)
        note = ""
        if geos != exact:
            why = contradiction(a, b, geos, exact)
            if why is None:
                sys.exit(f"GEOS and the exact matrix differ without GEOS contradicting itself: "
                         f"{a_text} | {b_text}: {geos}, exact {exact}")
            note = f"{why} {geos}"
            counts[why] = counts.get(why, 0) + 1
        else:
            counts["as GEOS"] += 1
        derived = predicates(exact, real_dimension(a), real_dimension(b))
        flags = "".join(
            ("1" if p(a, b) else "0") if p(a, b) == d else ("T" if d else "F")
            for p, d in zip(PREDICATES, derived))
        out = f"{compact(a)}|{compact(b)}|{exact}|{flags}|{note}"
        print(out)
    sys.stderr.write(f"{counts}\n")


if __name__ == "__main__":
    main()
