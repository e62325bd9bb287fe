"""Oracles: what GEOS (through shapely 2.1), pyproj or plain coordinate arithmetic says a
function gives, vectorised over arrays of shapely geometries.

Each oracle returns one expected value per row: a bool, number, string or shapely geometry,
None where the function's answer is NULL, or `Raised` where the oracle itself fails on the row
(GEOS raising a TopologyException, say). Where PostGIS (whose semantics Strabo follows) and GEOS
differ by design, the oracle says which it follows and why.
"""
from __future__ import annotations

import math

import h3
import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely import ops

from .compare import Raised, polygonal

# PostGIS's sphere for ST_DistanceSphere: WGS 84's mean radius (2a + b) / 3.
SPHERE = Geod(a=6371008.771415059, b=6371008.771415059)
WGS84 = Geod(ellps="WGS84")


# What an oracle raising on a row means "no answer here": GEOS, PROJ and H3 failures.
ORACLE_ERRORS = (shapely.errors.GEOSException, ValueError, h3.H3BaseException)


def each(function):
    """An oracle from a function of one row's inputs, GEOS's failures caught per row."""

    def oracle(*columns):
        out = []
        for row in zip(*columns):
            try:
                out.append(function(*row))
            except ORACLE_ERRORS as error:
                out.append(Raised(str(error) or type(error).__name__))
        return out

    return oracle


def vectorised(function):
    """An oracle from a vectorised shapely function; where one row makes GEOS fail, the rows
    are taken one by one so that only that row is `Raised`."""

    def oracle(*columns):
        try:
            return [_plain(v) for v in function(*columns)]
        except ORACLE_ERRORS:
            return each(lambda *row: _plain(function(*row)))(*columns)

    return oracle


def _plain(value):
    """numpy scalars as Python ones; NaN (GEOS's 'undefined') as NULL."""
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else float(value)
    return value


def as_line(geometry):
    """A ring as the line string PostGIS (and WKB) gives for it; GEOS returns a LinearRing."""
    if geometry is None or geometry.geom_type != "LinearRing":
        return geometry
    return shapely.LineString(shapely.get_coordinates(geometry, include_z=shapely.has_z(geometry)))


def parts_flat(geometry):
    """The non-collection parts of a geometry, at any depth."""
    out = []
    for part in shapely.get_parts(geometry):
        out.extend(parts_flat(part) if shapely.get_type_id(part) >= 4 else [part])
    return out


# ---- Oracles for functions GEOS has no exact counterpart of --------------------------------------


def perimeter(g):
    """PostGIS's ST_Perimeter: the length of the rings of the areas only (0 for lines)."""
    areas = polygonal(g)
    return 0.0 if areas is None else float(areas.length)


def max_distance(a, b):
    """PostGIS's ST_MaxDistance: the largest distance between the two, which is reached at
    vertices of both; NULL when either is empty."""
    p, q = shapely.get_coordinates(a), shapely.get_coordinates(b)
    if not len(p) or not len(q):
        return None
    return float(np.sqrt(((p[:, None, :] - q[None, :, :]) ** 2).sum(axis=2)).max())


def azimuth(a, b):
    """PostGIS's ST_Azimuth of two points: radians clockwise from north, in [0, 2π); NULL for
    equal points."""
    (x0, y0), (x1, y1) = a.coords[0], b.coords[0]
    if (x0, y0) == (x1, y1):
        return None
    return math.atan2(x1 - x0, y1 - y0) % (2 * math.pi)


def geodesic_distance(geod):
    def distance(a, b):
        if a.is_empty or b.is_empty:
            return None
        return float(geod.inv(a.x, a.y, b.x, b.y)[2])

    return distance


def length_spheroid(g):
    """Geodesic length on WGS 84 (pyproj, Karney's algorithm): lines, and every ring of the
    polygons (pyproj's geometry_length counts a polygon's exterior only)."""
    lines = []
    for part in parts_flat(g):
        if part.geom_type == "Polygon" and not part.is_empty:
            lines += [part.exterior, *part.interiors]
        elif part.geom_type == "LineString":
            lines.append(part)
    return float(sum(WGS84.line_length(*shapely.get_coordinates(line).T) for line in lines))


def area_spheroid(g):
    """PostGIS's ST_Area(geography, true): each ring's geodesic area on WGS 84 (pyproj) taken
    unsigned, holes subtracted from their shell, so that an invalid polygon whose holes are larger
    than its shell measures negative."""
    areas = polygonal(g)
    if areas is None:
        return 0.0

    def ring_area(ring):
        return abs(WGS84.geometry_area_perimeter(shapely.Polygon(ring))[0])

    return float(sum(ring_area(p.exterior) - sum(ring_area(h) for h in p.interiors) for p in areas.geoms))


def postgis_simplify(tolerance):
    """PostGIS's ST_Simplify (which Strabo follows) from GEOS's Douglas-Peucker on lines, whose
    ends stay (GEOS's on polygons may drop a ring's start point and repairs the result; PostGIS
    does neither): a line left as two equal points is dropped, a ring left with fewer than 4
    points is dropped (a shell with its polygon), points are kept, empty parts are dropped, and
    NULL when nothing is left. Results are 2D; an input that lost no vertex is returned as it
    is."""

    def oracle(g):
        removed = False

        def simplified(line):
            nonlocal removed
            coords = shapely.get_coordinates(line)
            kept = shapely.get_coordinates(
                shapely.simplify(shapely.LineString(coords), tolerance, preserve_topology=False))
            removed |= len(kept) != len(coords)
            return kept

        def part(g):
            if g.is_empty:
                return None
            kind = g.geom_type
            if kind == "Point":
                return shapely.force_2d(g)
            if kind == "LineString":
                kept = simplified(g)
                return None if len(kept) == 2 and (kept[0] == kept[1]).all() else shapely.LineString(kept)
            if kind == "Polygon":
                shell = simplified(g.exterior)
                holes = [h for h in map(simplified, g.interiors) if len(h) >= 4]
                return shapely.Polygon(shell, holes) if len(shell) >= 4 else None
            parts = [q for q in map(part, g.geoms) if q is not None]
            return type(g)(parts) if parts else None

        result = part(g)
        return result if removed else g

    return oracle


def set_point(line, index, point):
    """PostGIS's ST_SetPoint: the vertex at `index` (0-based; negative from the end) replaced.
    An index past either end is an error in PostGIS ('Point index out of range'), not a wrap
    around as Python's indexing would make it."""
    coords = shapely.get_coordinates(line).tolist()
    position = index + len(coords) if index < 0 else index
    if not 0 <= position < len(coords):
        raise ValueError(f"Point index out of range ({-len(coords)}..{len(coords) - 1}): {index}")
    coords[position] = list(point.coords[0])
    return shapely.LineString(coords)


def add_point(line, point, index=None):
    """PostGIS's ST_AddPoint: `point` inserted before vertex `index`, or appended."""
    coords = shapely.get_coordinates(line).tolist()
    coords.insert(len(coords) if index is None else index, list(point.coords[0]))
    return shapely.LineString(coords)


def remove_point(line, index):
    coords = shapely.get_coordinates(line).tolist()
    del coords[index]
    return shapely.LineString(coords)


def expand(g, d):
    """PostGIS's ST_Expand: the box grown by `d` on each side; EMPTY stays empty."""
    if g.is_empty:
        return g
    xmin, ymin, xmax, ymax = g.bounds
    return shapely.box(xmin - d, ymin - d, xmax + d, ymax + d)


def envelope(shape):
    """The envelope as JTS and PostGIS draw it, and Strabo documents it: a point or a line when
    the box has no area (where GEOS draws a degenerate polygon)."""
    if shape.is_empty:
        return shape
    xmin, ymin, xmax, ymax = shape.bounds
    if xmin == xmax and ymin == ymax:
        return shapely.Point(xmin, ymin)
    if xmin == xmax or ymin == ymax:
        return shapely.LineString([(xmin, ymin), (xmax, ymax)])
    return shapely.box(xmin, ymin, xmax, ymax)


def flip(g):
    """X and Y swapped, Z kept."""
    return shapely.transform(g, lambda c: c[:, [1, 0, *range(2, c.shape[1])]], include_z=shapely.has_z(g))


def closest_point(a, b):
    if a.is_empty or b.is_empty:
        return None
    return shapely.get_point(shapely.shortest_line(a, b), 0)


def shortest_line(a, b):
    return None if a.is_empty or b.is_empty else shapely.shortest_line(a, b)


def substring(line, start, end):
    """shapely's substring (the same cut as PostGIS for fractions in order); NULL for EMPTY."""
    return None if line.is_empty else ops.substring(line, start, end, normalized=True)


def point_n(line, n):
    """PostGIS's ST_PointN: 1-based, negative from the end; NULL past the ends."""
    count = shapely.get_num_points(line)
    index = n - 1 if n > 0 else count + n
    return shapely.get_point(line, index) if 0 <= index < count else None


def line_merge(directed=False):
    """PostGIS 3.3's ST_LineMerge (with GEOS 3.11): the line strings of a geometry merged, at any
    depth; its polygons are ignored (GEOS 3.12 and later merge their rings too), so a geometry
    without lines gives GEOMETRYCOLLECTION EMPTY; an empty input is returned as it is."""

    def merge(g):
        if g.is_empty:
            return g
        lines = [p for p in parts_flat(g) if p.geom_type == "LineString" and not p.is_empty]
        if not lines:
            return shapely.GeometryCollection()
        return shapely.line_merge(shapely.MultiLineString(lines), directed=directed)

    return merge


def highest_dimension_union(g):
    """The union of a geometry's parts of its highest dimension: what PostGIS's ST_Subdivide
    cuts (it drops the points of a collection of points and polygons, say)."""
    parts = [p for p in parts_flat(g) if not p.is_empty]
    if not parts:
        return shapely.union_all([g])
    top = max(shapely.get_dimensions(p) for p in parts)
    return shapely.union_all([p for p in parts if shapely.get_dimensions(p) == top])


def subdivided(max_vertices):
    """What st_subdivide's parts are checked by: GEOS's union of them, which must be the input's
    union (compared as areas), and every part within the vertex limit."""

    def read(parts):
        if parts is None:
            return None
        too_big = [p for p in parts if shapely.get_num_coordinates(p) > max_vertices]
        if too_big:
            return Raised(f"a part has {shapely.get_num_coordinates(too_big[0])} vertices: {too_big[0].wkt[:80]}")
        return shapely.union_all(parts)

    return read




def transform(source: str, target: str):
    """PROJ's transformation between two CRSs, x = longitude and y = latitude for geographic
    ones (as PostGIS has them); a point PROJ cannot project (infinite: a pole in Web Mercator)
    is an error, as in Strabo and PostGIS."""
    transformer = Transformer.from_crs(source, target, always_xy=True)

    def project(g):
        projected = shapely.transform(g, lambda c: np.column_stack(transformer.transform(c[:, 0], c[:, 1])))
        if not np.isfinite(shapely.get_coordinates(projected)).all():
            raise ValueError(f"{g.wkt[:80]} is outside the domain of {target}")
        return projected

    return project


# ---- H3: cells of points in longitude and latitude (h3, the reference C library) -------------


def h3_cell(point, resolution: int) -> int:
    """The id of the cell of a point (x = longitude, y = latitude), as the BIGINT Strabo gives."""
    return h3.str_to_int(h3.latlng_to_cell(point.y, point.x, resolution))


def h3_parent(point, resolution: int, parent: int) -> int:
    """The parent at `parent` of a point's cell at `resolution` (not the cell of the point at
    `parent`: a child cell pokes out of its parent)."""
    return h3.str_to_int(h3.cell_to_parent(h3.latlng_to_cell(point.y, point.x, resolution), parent))


def h3_disk(point, resolution: int, k: int, exact_ring: bool) -> list[int]:
    """H3's gridDisk (or gridRing) around a point's cell, sorted: near a pentagon H3 walks the
    disk in another order than h3o (Strabo's), so only the cells are compared."""
    cell = h3.latlng_to_cell(point.y, point.x, resolution)
    cells = h3.grid_ring(cell, k) if exact_ring and k > 0 else h3.grid_disk(cell, k)
    return sorted(h3.str_to_int(c) for c in cells)


def h3_distance(a, b, resolution: int) -> int:
    """H3's gridDistance between the cells of two points; H3 fails for cells too far apart or
    across a pentagon (where Strabo falls back to the length of a path, as Sedona does)."""
    return h3.grid_distance(h3.latlng_to_cell(a.y, a.x, resolution), h3.latlng_to_cell(b.y, b.x, resolution))
