"""What counts as agreement between Strabo's answer and an oracle's.

- booleans, integers and text: equal;
- doubles: within 1e-9 relative (an absolute 1e-9 near zero, where a relative bound means
  nothing: a distance of 0 computed as 1e-17);
- geometries: topologically equal (GEOS's `equals`) and of the same dimension, or, where the
  coordinates are computed (crossings, centroids, rotations), within rounding of that: every
  vertex within 1e-9 of the other geometry, relative to the coordinates' magnitude, and areas
  whose symmetric difference is below 1e-9 of the area; two empty geometries agree whatever
  their types;
- overlay results: the same, the areas being what counts (a sliver a few ulps wide that one
  side keeps and the other drops is rounding);
- cells (`st_voronoiPolygons`): each agreeing as an overlay with one of the other's;
- spelled-out geometries (`st_normalize`, the codecs): the same vertices in the same order;
- distances on the globe: within 1e-9 relative or a micrometre (the two sides of the
  antimeridian are 0 m apart to PROJ, 1.5e-9 m to Strabo);
- projected geometries (`st_transform`): the same vertices in the same order within 1 mm.

NULL agrees with NULL only. An oracle that fails (GEOS raising a TopologyException) and Strabo
refusing the same input agree; see `classes.ORACLE_FAILS` for the other way round.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

RELATIVE = 1e-9
# How far a projected vertex may be from PROJ's, in the target's unit (metres): PROJ and proj4rs
# evaluate the same series in another order.
PROJECTED = 1e-3


@dataclass(frozen=True)
class Raised:
    """An error in place of a value: Strabo's exception message, or the oracle's."""

    message: str

    def __str__(self):
        return f"raised: {self.message}"


def _is_null(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def same_value(expected, got) -> bool:
    """Booleans, integers, text and lists of them."""
    if isinstance(expected, Raised) or isinstance(got, Raised):
        return isinstance(expected, Raised) and isinstance(got, Raised)
    if _is_null(expected) or _is_null(got):
        return _is_null(expected) and _is_null(got)
    return expected == got


def same_double(expected, got, relative: float = RELATIVE, absolute: float = RELATIVE) -> bool:
    if isinstance(expected, Raised) or isinstance(got, Raised) or _is_null(expected) or _is_null(got):
        return same_value(expected, got)
    if math.isinf(expected) or math.isinf(got):
        return expected == got
    return math.isclose(got, expected, rel_tol=relative, abs_tol=absolute)


def scale(*geometries) -> float:
    """The magnitude of the coordinates, which rounding errors are relative to."""
    largest = [np.abs(shapely.get_coordinates(g)).max(initial=0.0) for g in geometries]
    return max(1.0, *largest)


def polygonal(geometry):
    """The areas of a geometry (its polygons, at any depth of collection)."""
    parts = shapely.get_parts(geometry)
    while any(p.geom_type in ("GeometryCollection", "MultiPolygon") for p in parts):
        parts = np.concatenate([shapely.get_parts(p) for p in parts])
    areas = [p for p in parts if p.geom_type == "Polygon" and not p.is_empty]
    return shapely.MultiPolygon(areas) if areas else None


def _area_difference(expected, got) -> float:
    """The area of the symmetric difference of the two geometries' areas, over their area."""
    a, b = polygonal(expected), polygonal(got)
    if a is None or b is None:
        return 0.0 if a is None and b is None else math.inf
    try:
        xor = shapely.symmetric_difference(shapely.make_valid(a), shapely.make_valid(b)).area
    except shapely.errors.GEOSException:
        return math.inf
    return xor / max(a.area, b.area, RELATIVE)


def _vertices_near(expected, got, tolerance: float) -> bool:
    """Every vertex of each lies within `tolerance` of the other geometry."""
    for these, other in ((expected, got), (got, expected)):
        points = shapely.points(shapely.get_coordinates(these))
        if len(points) and shapely.distance(points, other).max() > tolerance:
            return False
    return True


def same_geometry(expected, got, overlay: bool = False) -> bool:
    """Topological equality (module docstring); `expected` and `got` are shapely geometries,
    None for NULL, or `Raised`."""
    if isinstance(expected, Raised) or isinstance(got, Raised) or expected is None or got is None:
        return same_value(expected, got)
    if expected.is_empty or got.is_empty:
        return expected.is_empty and got.is_empty
    if shapely.get_dimensions(expected) != shapely.get_dimensions(got):
        return False
    try:
        if shapely.equals(expected, got):
            return True
    except shapely.errors.GEOSException:
        pass  # an invalid polygon GEOS cannot relate: judged by its vertices and area below
    if _area_difference(expected, got) > RELATIVE:
        return False
    if overlay and polygonal(expected) is not None:
        # Areas decide an overlay; its lines and points (none beside areas, but for
        # collections) are compared by vertices like any other.
        expected, got = _without_areas(expected), _without_areas(got)
        if expected is None or got is None:
            return expected is None and got is None
    return _vertices_near(expected, got, RELATIVE * scale(expected, got))


def same_cells(expected, got) -> bool:
    """Collections of cells (a Voronoi diagram), in any order (GEOS's is its triangulation's):
    each cell agreeing as an overlay does with one of the other's. Cells share their edges, so
    their collection is no valid multipolygon, and the area of its repair says nothing of them."""
    if not (isinstance(expected, shapely.Geometry) and isinstance(got, shapely.Geometry)) \
            or expected.is_empty or got.is_empty:
        return same_geometry(expected, got, overlay=True)
    cells, others = list(shapely.get_parts(expected)), list(shapely.get_parts(got))
    if len(cells) != len(others):
        return False
    near = 1e-6 * scale(expected, got)
    for cell in cells:
        match = next((i for i, other in enumerate(others)
                      if cell.centroid.distance(other.centroid) <= near and same_geometry(cell, other, overlay=True)),
                     None)
        if match is None:
            return False
        others.pop(match)
    return True


def _without_areas(geometry):
    rest = [p for p in shapely.get_parts(geometry) if shapely.get_dimensions(p) < 2]
    return shapely.GeometryCollection(rest) if rest else None


def same_spelling(expected, got, tolerance: float | None = None) -> bool:
    """The same type, the same vertices in the same order (within `tolerance`, by default
    rounding), and the same Z."""
    if isinstance(expected, Raised) or isinstance(got, Raised) or expected is None or got is None:
        return same_value(expected, got)
    if expected.geom_type != got.geom_type or shapely.has_z(expected) != shapely.has_z(got):
        return False
    if expected.is_empty or got.is_empty:
        return expected.is_empty and got.is_empty
    if tolerance is None:
        tolerance = RELATIVE * scale(expected, got)
    return bool(shapely.equals_exact(expected, got, tolerance=tolerance))


def _fast_equal_geometries(expected: list, got: list) -> np.ndarray:
    """Where both are non-empty geometries of one dimension that GEOS finds equal, in one
    vectorised call (a per-row loop over thousands of rows and a hundred checks is slow)."""
    usable = np.array(
        [isinstance(e, shapely.Geometry) and isinstance(g, shapely.Geometry) for e, g in zip(expected, got)]
    )
    result = np.zeros(len(expected), dtype=bool)
    if not usable.any():
        return result
    e = np.array([x for x, u in zip(expected, usable) if u], dtype=object)
    g = np.array([x for x, u in zip(got, usable) if u], dtype=object)
    try:
        fine = ~shapely.is_empty(e) & ~shapely.is_empty(g) & (shapely.get_dimensions(e) == shapely.get_dimensions(g))
        fine[fine] = shapely.equals(e[fine], g[fine])
    except shapely.errors.GEOSException:
        return result  # one invalid geometry fails the whole call: every row takes the slow path
    result[usable] = fine
    return result


COMPARISONS = {
    "value": same_value,
    "double": same_double,
    "metres": lambda expected, got: same_double(expected, got, absolute=1e-6),
    "geometry": same_geometry,
    "overlay": lambda expected, got: same_geometry(expected, got, overlay=True),
    "cells": same_cells,
    "spelling": same_spelling,
    "projected": lambda expected, got: same_spelling(expected, got, tolerance=PROJECTED),
}


def agreements(comparison: str, expected: list, got: list) -> np.ndarray:
    """Per row, whether `got` agrees with `expected` under the named comparison."""
    compare = COMPARISONS[comparison]
    if comparison in ("geometry", "overlay"):
        agree = _fast_equal_geometries(expected, got)
    else:
        agree = np.zeros(len(expected), dtype=bool)
    for i in np.flatnonzero(~agree):
        agree[i] = compare(expected[i], got[i])
    return agree
