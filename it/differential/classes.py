"""Known, explained classes of disagreement between Strabo and its oracle.

A disagreement is never dropped: it either counts against the function's agreement rate or is
matched by one of these classes, each with a name and the reason (documented by the strabo-geom
module that implements the function, or a failure of the oracle itself). A class's matcher
checks the explanation on the case itself where it can (that GEOS contradicts itself there,
that both answers are valid triangulations, that the other answer is GEOS's repaired...), so that
a class cannot hide a bug that merely looks alike.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import shapely

from .compare import RELATIVE, Raised, polygonal, same_geometry, scale


@dataclass(frozen=True)
class Case:
    """One disagreement: the SQL function's inputs (shapely geometries and constants), the
    oracle's answer and Strabo's."""

    function: str
    inputs: tuple
    expected: Any
    got: Any


@dataclass(frozen=True)
class KnownClass:
    name: str
    reason: str
    matches: Callable[[Case], bool]


def _parts(g):
    parts, out = [g], []
    while parts:
        p = parts.pop()
        if shapely.get_type_id(p) >= 4:
            parts.extend(shapely.get_parts(p))
        out.append(p)
    return out


def _geometries(case):
    return [g for g in case.inputs if isinstance(g, shapely.Geometry)]


# ---- The oracle cannot answer ------------------------------------------------------------------

ORACLE_FAILS = KnownClass(
    "oracle fails",
    "The oracle raises on the input (GEOS a TopologyException or an operation it does not "
    "support for the type, h3 a pentagon in the way), so there is no answer to compare with.",
    lambda case: isinstance(case.expected, Raised) and not isinstance(case.got, Raised),
)


# ---- Predicates: where GEOS 3.13 is no oracle -----------------------------------------------------


def _transposed(matrix: str) -> str:
    return "".join(matrix[3 * c + r] for r in range(3) for c in range(3))


def _reordered(g):
    """The same geometry with its parts in reverse order."""
    if shapely.get_type_id(g) < 4 or g.is_empty:
        return g
    parts = list(shapely.get_parts(g))[::-1]
    return type(g)(parts)


def geos_contradicts_itself(case: Case) -> bool:
    a, b = case.inputs[:2]
    try:
        matrix = shapely.relate(a, b)
        if matrix != _transposed(shapely.relate(b, a)):
            return True
        if matrix != shapely.relate(_reordered(a), _reordered(b)):
            return True
        # Its relate and its overlay must agree on which covers the other, and on the dimension
        # of what of each lies outside the other (the matrix's I∩E and E∩I).
        if any(shapely.covers(p, q) != shapely.difference(q, p).is_empty for p, q in [(a, b), (b, a)]):
            return True
        if (matrix[2], matrix[6]) != (_dimension_of(shapely.difference(a, b)), _dimension_of(shapely.difference(b, a))):
            return True
        prepared = shapely.from_wkb(shapely.to_wkb(a))
        shapely.prepare(prepared)
        return any(
            f(prepared, b) != f(a, b)
            for f in (shapely.contains, shapely.covers, shapely.intersects, shapely.within, shapely.touches,
                      shapely.crosses, shapely.overlaps, shapely.disjoint)
        )
    except shapely.errors.GEOSException:
        return True


def _dimension_of(g) -> str:
    """A geometry's dimension as a DE-9IM entry ('F' when empty)."""
    return "F" if g.is_empty else str(shapely.get_dimensions(g))


GEOS_CONTRADICTS_ITSELF = KnownClass(
    "GEOS contradicts itself",
    "GEOS 3.13 answers differently for the same relation asked another way: with the arguments "
    "swapped, the parts of a multi-geometry reordered (it stops locating line ends once one lies "
    "outside), prepared, or by its overlay (a collection of a point and a polygon whose point lies "
    "outside the other: GEOS's relate finds area outside where its difference finds only the "
    "point); Strabo gives the exact answer "
    "(strabo-geom relate/mod.rs).",
    geos_contradicts_itself,
)


def _collapsed_or_empty_parts(case: Case) -> bool:
    for g in _geometries(case):
        for p in _parts(g):
            if p.is_empty or (shapely.get_dimensions(p) == 1 and p.length == 0):
                return True
    return False


GEOS_NOMINAL_DIMENSION = KnownClass(
    "GEOS's nominal dimension",
    "An input is empty, holds empty members or a line whose points are all equal: GEOS 3.13 "
    "relates it by its nominal dimension (an empty member or a zero-length line counts as a "
    "line), Strabo by the dimension of its non-empty point set (strabo-geom relate/mod.rs).",
    _collapsed_or_empty_parts,
)

RELATE_CLASSES = (GEOS_CONTRADICTS_ITSELF, GEOS_NOMINAL_DIMENSION)


# ---- Overlays ---------------------------------------------------------------------------------------


def _mixed_dimensions(g) -> bool:
    return len({int(shapely.get_dimensions(p)) for p in _parts(g) if shapely.get_type_id(p) < 4 and not p.is_empty}) > 1


def _collection_slip(case: Case) -> bool:
    if isinstance(case.expected, Raised) or isinstance(case.got, Raised) or case.expected is None or case.got is None:
        return False
    if not any(_mixed_dimensions(g) for g in _geometries(case)):
        return False
    a, b = polygonal(case.expected), polygonal(case.got)
    if (a is None) != (b is None):
        return False
    return a is None or same_geometry(a, b, overlay=True)


GEOS_COLLECTION_SLIPS = KnownClass(
    "GEOS's mixed-collection slips",
    "An input mixes dimensions: GEOS 3.13's symmetric difference drops the second argument's "
    "lines and points, and its difference keeps points of the first lying on the second's lines; "
    "Strabo computes both as point sets (strabo-geom overlay/mod.rs). The areas agree.",
    _collection_slip,
)


def _areas_within(case: Case, width: Callable[[float], float]) -> bool:
    """Whether the areas of the two answers differ by no more than a band `width(extent)` wide
    along the oracle's boundary."""
    expected, got = case.expected, case.got
    if not isinstance(expected, shapely.Geometry) or not isinstance(got, shapely.Geometry):
        return False
    a, b = polygonal(expected), polygonal(got)
    if a is None or b is None or shapely.get_dimensions(expected) != shapely.get_dimensions(got):
        return False
    xmin, ymin, xmax, ymax = shapely.bounds(shapely.union(a.envelope, b.envelope))
    xor = shapely.symmetric_difference(shapely.make_valid(a), shapely.make_valid(b)).area
    return bool(xor <= width(max(xmax - xmin, ymax - ymin)) * a.boundary.length)


def _within_grid_steps(case: Case) -> bool:
    """Two steps of a grid of 2^30 steps across the extent."""
    return _areas_within(case, lambda extent: 2 * extent / 2**30)


GRID_ROUNDING = KnownClass(
    "grid rounding",
    "The areas are computed by geo's BooleanOps (i_overlay) on an integer grid of 2^30 steps "
    "across their extent: vertices that are neither input vertices nor crossings (arcs of a "
    "buffer, for one) move by up to a step (strabo-geom buffer.rs, overlay/mod.rs); checked: the "
    "area between the two is within two steps along the oracle's boundary.",
    _within_grid_steps,
)


def geos_buffer_simplifies(distance: float) -> KnownClass:
    return KnownClass(
        "GEOS's buffer simplifies its input",
        "GEOS buffers a simplified copy of the input (BufferInputLineSimplifier drops vertices of "
        "concavities shallower than 1% of the distance), Strabo the input as given; checked: the "
        "areas differ by a band no wider than 1% of the distance (plus grid rounding).",
        lambda case: _areas_within(case, lambda extent: 0.01 * abs(distance) + 2 * extent / 2**30),
    )


def _empty_member(g) -> bool:
    return any(p.is_empty for p in _parts(g)) and not g.is_empty


NO_WKT_FOR_EMPTY_MEMBERS = KnownClass(
    "no WKT for empty members",
    "The geometry holds an empty member (or an empty ring): WKT as Strabo writes it has no "
    "spelling for one, so it refuses to write it rather than cut it short (strabo-geom "
    "wkt_codec.rs).",
    lambda case: isinstance(case.got, Raised) and "has no WKT" in case.got.message
    and _empty_member(case.inputs[0]),
)


def _empty_without_z(case: Case) -> bool:
    expected, got = case.expected, case.got
    return bool(isinstance(expected, shapely.Geometry) and isinstance(got, shapely.Geometry)
                and expected.is_empty and shapely.has_z(expected) and got.is_empty
                and not shapely.has_z(got) and got.geom_type == expected.geom_type)


NO_Z_FOR_EMPTIES = KnownClass(
    "no Z in the format for an empty geometry",
    "The geometry is an empty one with Z: EWKT marks no Z (PostGIS writes `POINT(1 2 3)` and "
    "`POINT EMPTY`) and GeoJSON writes an empty geometry as `[]`, so neither can carry its Z; "
    "written or read back it is the same empty type without Z, as in PostGIS.",
    _empty_without_z,
)


# ---- Triangulations ------------------------------------------------------------------------------


def _cocircular(case: Case) -> bool:
    """Whether the Delaunay triangulation of the input's vertices is not unique: some triangle's
    circumcircle passes through a fourth vertex."""
    g = case.inputs[0]
    vertices = np.unique(shapely.get_coordinates(g), axis=0)
    if len(vertices) < 4:
        return False
    tolerance = RELATIVE * scale(g)
    for triangle in shapely.get_parts(shapely.delaunay_triangles(g)):
        (ax, ay), (bx, by), (cx, cy) = shapely.get_coordinates(triangle)[:3]
        d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
        if d == 0:
            continue
        ux = ((ax * ax + ay * ay) * (by - cy) + (bx * bx + by * by) * (cy - ay) + (cx * cx + cy * cy) * (ay - by)) / d
        uy = ((ax * ax + ay * ay) * (cx - bx) + (bx * bx + by * by) * (ax - cx) + (cx * cx + cy * cy) * (bx - ax)) / d
        radius = np.hypot(ax - ux, ay - uy)
        on_circle = np.abs(np.hypot(vertices[:, 0] - ux, vertices[:, 1] - uy) - radius) <= tolerance
        if on_circle.sum() > 3:
            return True
    return False


DELAUNAY_NOT_UNIQUE = KnownClass(
    "cocircular vertices",
    "Four or more vertices lie on one empty circle (grid squares), so the Delaunay triangulation "
    "is not unique: spade and GEOS pick different valid ones, and the hull built on it may "
    "differ (strabo-geom triangulate.rs, hull.rs).",
    _cocircular,
)


def _mirror_hulls(case: Case) -> bool:
    """Both hulls cover the input's vertices, with the same area and the same perimeter."""
    expected, got, g = case.expected, case.got, case.inputs[0]
    tolerance = RELATIVE * scale(g)
    vertices = shapely.MultiPoint(shapely.get_coordinates(g))
    return bool(abs(expected.area - got.area) <= tolerance * scale(g)
                and abs(expected.length - got.length) <= tolerance
                and got.buffer(tolerance).covers(vertices) and expected.buffer(tolerance).covers(vertices))


EROSION_TIE = KnownClass(
    "equally long border edges",
    "The erosion of the triangulation met border edges of the same length (a symmetric input): "
    "GEOS and Strabo erode a different one first, and so return hulls of the same area and "
    "perimeter that both cover the input's vertices (strabo-geom hull.rs).",
    _mirror_hulls,
)


# ---- Measures and editing ----------------------------------------------------------------------


def _nearest_tie(case: Case) -> bool:
    """Strabo's answer is another pair of nearest points."""
    a, b = case.inputs[:2]
    got = case.got
    if not isinstance(got, shapely.Geometry) or got.is_empty:
        return False
    tolerance = RELATIVE * scale(a, b)
    distance = shapely.distance(a, b)
    if got.geom_type == "LineString":
        start, end = shapely.get_point(got, 0), shapely.get_point(got, -1)
        return bool(abs(got.length - distance) <= tolerance and start.distance(a) <= tolerance
                    and end.distance(b) <= tolerance)
    return bool(got.distance(a) <= tolerance and abs(got.distance(b) - distance) <= tolerance)


NEAREST_TIE = KnownClass(
    "another nearest pair",
    "Several pairs of points are nearest: GEOS gives the first its search meets, Strabo another "
    "that is as near (checked: on the geometries, at their distance).",
    _nearest_tie,
)

ZERO_LENGTH_LINE_END = KnownClass(
    "zero-length line",
    "The line has zero length: PostGIS's ST_LineInterpolatePoint (which Strabo follows) gives its "
    "last vertex, GEOS its first (strabo-geom linear_ref.rs).",
    lambda case: case.inputs[0].length == 0,
)

ZERO_LENGTH_LINE_LOCATE = KnownClass(
    "zero-length line",
    "The line is empty or has zero length: PostGIS's ST_LineLocatePoint (which Strabo follows) "
    "answers 0 for an empty line and 1 for a zero-length one (its nearest point is the last "
    "vertex); GEOS NaN (strabo-geom linear_ref.rs).",
    lambda case: case.inputs[0].length == 0 and case.got == (0 if case.inputs[0].is_empty else 1),
)

ZERO_LENGTH_LINE_SUBSTRING = KnownClass(
    "zero-length line",
    "The line has zero length: PostGIS's ST_LineSubstring (which Strabo follows) gives the point "
    "it is, shapely's substring the line (strabo-geom linear_ref.rs).",
    lambda case: bool(case.inputs[0].length == 0 and case.got.geom_type == "Point"
                      and case.got.equals(shapely.get_point(case.inputs[0], 0))),
)


def _collection(case: Case) -> bool:
    return case.inputs[0].geom_type == "GeometryCollection" and case.expected is False


SIMPLE_COLLECTION = KnownClass(
    "GEOS calls no collection simple",
    "The input is a GeometryCollection: GEOS 3.13 through shapely answers False for every one, "
    "empty ones included; Strabo calls a collection simple when each member is, as JTS's "
    "IsSimpleOp does and PostGIS answers for empty ones (strabo-geom simple.rs).",
    _collection,
)


def _without_strayed_holes(g):
    """`g` with the holes that are not within their polygon's shell dropped."""
    def clean(polygon):
        shell = shapely.Polygon(polygon.exterior)
        holes = [ring for ring in polygon.interiors if shell.contains(shapely.Polygon(ring))]
        return shapely.Polygon(polygon.exterior, holes)

    if g.geom_type == "Polygon":
        return clean(g)
    if g.geom_type == "MultiPolygon":
        return shapely.MultiPolygon([clean(p) for p in g.geoms])
    return g


def _distance_to_shell(case: Case) -> bool:
    a, b = case.inputs[:2]
    cleaned = _without_strayed_holes(a), _without_strayed_holes(b)
    if cleaned[0].equals_exact(a, 0) and cleaned[1].equals_exact(b, 0):
        return False  # no hole strays outside its shell
    return bool(abs(shapely.distance(*cleaned) - case.got) <= RELATIVE * max(abs(case.got), 1.0))


HOLE_OUTSIDE_SHELL_DISTANCE = KnownClass(
    "hole outside its shell",
    "An invalid polygon has a hole outside its shell: PostGIS (which Strabo follows) measures from "
    "outside a shell to the shell alone, GEOS to every ring (checked: Strabo's answer is GEOS's "
    "distance with those holes dropped) (strabo-geom distance.rs).",
    _distance_to_shell,
)


def _same_reason_elsewhere(case: Case) -> bool:
    if not isinstance(case.expected, str) or not isinstance(case.got, str):
        return False
    kind, got_kind = case.expected.split("[")[0], case.got.split("[")[0]
    return kind == got_kind and "[" in case.got


VALID_REASON_ANOTHER_POINT = KnownClass(
    "another invalid point",
    "The geometry is invalid in several places for the same reason: GEOS reports the first its "
    "spatial index reaches, Strabo the first in ring order (strabo-geom validity.rs).",
    _same_reason_elsewhere,
)

EMPTY_COLLECTION_DIMENSION = KnownClass(
    "empty collection",
    "An empty collection has dimension 0 in PostGIS (which Strabo follows), -1 in GEOS.",
    lambda case: case.inputs[0].is_empty and case.expected == -1 and case.got == 0,
)

SNAP_EMPTY_MEMBERS = KnownClass(
    "GEOS drops empty members",
    "The input holds empty members: GEOS's snapper drops them (and turns an empty polygon into an "
    "empty ring), Strabo keeps the input's parts (strabo-geom snap.rs).",
    lambda case: any(p.is_empty for g in _geometries(case)[:1] for p in _parts(g)),
)


POSTGIS_EMPTY_HAS_NO_MEMBERS = KnownClass(
    "an empty geometry has no members",
    "The geometry is empty: PostGIS's ST_GeometryN (which Strabo follows) returns NULL for it, as "
    "ST_NumGeometries counts 0 members; GEOS returns the empty geometry as its member 1.",
    lambda case: case.inputs[0].is_empty and case.got is None,
)


def same_or_explained(function: str, classes: tuple, inputs: tuple, expected, got):
    """The name of the first class that explains a disagreement, or None."""
    case = Case(function, inputs, expected, got)
    for known in (*classes, ORACLE_FAILS):
        try:
            if known.matches(case):
                return known
        except (shapely.errors.GEOSException, ValueError, TypeError, AttributeError, IndexError):
            continue  # a matcher that cannot run on the case does not explain it
    return None

