"""An independent, exact DE-9IM matrix, to tell where GEOS contradicts itself which answer is right.

It builds the whole arrangement of both geometries' segments in rational arithmetic (crossing
points included), then locates in both geometries every vertex of the arrangement, the midpoint
of every edge, and points just left and right of every edge, which lie in the faces: a slow,
direct reading of the definitions, sharing nothing with Strabo's algorithm but the semantics
(GEOS 3.13's): a collection is the union of its members, an area's interior or boundary before a
line, a line before a point; the boundary of lines is the ends of an odd number of them; a line
whose coordinates are all equal is a point.
"""
from fractions import Fraction

import shapely


def atoms(g):
    if g.geom_type in ("Point", "LineString", "Polygon"):
        return [g]
    return [atom for part in shapely.get_parts(g) for atom in atoms(part)]


class Parts:
    def __init__(self, g):
        self.polygons, self.lines, self.points = [], [], []
        for atom in atoms(g):
            if atom.is_empty:
                continue
            if atom.geom_type == "Point":
                self.points.append((Fraction(atom.x), Fraction(atom.y)))
            elif atom.geom_type == "LineString":
                coords = [(Fraction(x), Fraction(y)) for x, y in atom.coords]
                if all(c == coords[0] for c in coords):
                    self.points.append(coords[0])
                else:
                    self.lines.append(coords)
            else:
                rings = [atom.exterior] + list(atom.interiors)
                self.polygons.append(
                    [[(Fraction(x), Fraction(y)) for x, y in r.coords] for r in rings if not r.is_empty])
        self.ends = {}
        for line in self.lines:
            for end in (line[0], line[-1]):
                self.ends[end] = self.ends.get(end, 0) + 1
        self.segments = []
        for line in self.lines:
            self.segments += [(p, q, "line") for p, q in zip(line, line[1:]) if p != q]
        for polygon in self.polygons:
            for ring in polygon:
                self.segments += [(p, q, "ring") for p, q in zip(ring, ring[1:]) if p != q]

    def covers(self, q):
        """Whether a point on no ring lies inside a polygon (by the parity of ring crossings)."""
        for polygon in self.polygons:
            crossings = 0
            for ring in polygon:
                for p, r in zip(ring, ring[1:]):
                    if (p[1] > q[1]) != (r[1] > q[1]):
                        if p[0] + (q[1] - p[1]) * (r[0] - p[0]) / (r[1] - p[1]) > q[0]:
                            crossings += 1
            if crossings % 2:
                return True
        return False


def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def on_segment(p, s):
    a, b = s[0], s[1]
    return (cross(a, b, p) == 0 and min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= p[1] <= max(a[1], b[1]))


def meeting_points(s, t):
    """The ends of the stretch that s and t share, or the point where they cross."""
    points = [p for p in (t[0], t[1]) if on_segment(p, s)] + [p for p in (s[0], s[1]) if on_segment(p, t)]
    r = (s[1][0] - s[0][0], s[1][1] - s[0][1])
    q = (t[1][0] - t[0][0], t[1][1] - t[0][1])
    d = r[0] * q[1] - r[1] * q[0]
    if d != 0:
        w = (t[0][0] - s[0][0], t[0][1] - s[0][1])
        u = (w[0] * q[1] - w[1] * q[0]) / d
        v = (w[0] * r[1] - w[1] * r[0]) / d
        if 0 <= u <= 1 and 0 <= v <= 1:
            points.append((s[0][0] + u * r[0], s[0][1] + u * r[1]))
    return points


EPSILON = Fraction(1, 10**9)  # far below the spacing of features on a small integer grid


def sides(edge):
    """Points just left and right of an edge's midpoint."""
    (x0, y0), (x1, y1) = edge
    m = ((x0 + x1) / 2, (y0 + y1) / 2)
    n = (-(y1 - y0) * EPSILON, (x1 - x0) * EPSILON)
    return [(m[0] + n[0], m[1] + n[1]), (m[0] - n[0], m[1] - n[1])]


def locate(g, p, edges):
    """0, 1, 2 for interior, boundary, exterior of g at p, given the arrangement's edges at p."""
    rings = [e for e in edges
             if any(t[2] == "ring" and on_segment(e[0], t) and on_segment(e[1], t) for t in g.segments)]
    if rings:
        # On a ring: inside if the areas cover all the faces around p.
        if all(g.covers(q) for e in rings for q in sides(e)):
            return 0
        return 1
    if g.covers(p):
        return 0
    count = g.ends.get(p, 0)
    if count % 2:
        return 1
    if count or p in g.points or any(t[2] == "line" and on_segment(p, t) for t in g.segments):
        return 0
    return 2


def relate(a, b):
    """The DE-9IM matrix of two shapely geometries, exactly."""
    a, b = Parts(a), Parts(b)
    matrix = [[-1] * 3 for _ in range(3)]
    matrix[2][2] = 2
    segments = a.segments + b.segments
    points = a.points + b.points
    edges, vertices = [], set(points) | set(a.ends) | set(b.ends)
    for s in segments:
        cuts = {s[0], s[1]} | {p for p in points if on_segment(p, s)}
        for t in segments:
            cuts.update(meeting_points(s, t))
        axis = 0 if s[0][0] != s[1][0] else 1
        cuts = sorted(cuts, key=lambda p: p[axis])
        vertices.update(cuts)
        edges += zip(cuts, cuts[1:])

    def record(i, j, dimension):
        matrix[i][j] = max(matrix[i][j], dimension)

    for v in vertices:
        at = [e for e in edges if v in e]
        record(locate(a, v, at), locate(b, v, at), 0)
    for e in edges:
        m = ((e[0][0] + e[1][0]) / 2, (e[0][1] + e[1][1]) / 2)
        record(locate(a, m, [e]), locate(b, m, [e]), 1)
        for q in sides(e):
            record(0 if a.covers(q) else 2, 0 if b.covers(q) else 2, 2)
    return "".join("F" if d < 0 else str(d) for row in matrix for d in row)
