"""The oracle map: for each SQL function, the calls the suite makes, the oracle each is compared
with, how, and the known classes of disagreement.

A `Check` is one SQL call over the columns `a` (and `b` for pairs) of an input table, computed
for every row of its domain, and the oracle's answer for the same row. A function may have
several checks (several constants, several overloads); its agreement rate is over all of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import shapely

from . import classes as known
from . import oracles as o

# Agreement required per kind of function: predicates, measures and accessors are exact;
# constructive operations build new coordinates, where a rare rounding-level difference may flip
# a result (a sliver kept or dropped).
THRESHOLDS = {"predicate": 1.0, "measure": 1.0, "accessor": 1.0, "constructive": 0.995}

GRID = ("grid",)
COUNTRIES = ("ne110", "ne50")
BOUNDARIES = ("ne110 boundaries", "ne50 boundaries")
SINGLE_SOURCES = GRID + COUNTRIES + BOUNDARIES
PAIR_SOURCES = ("grid pairs", "ne110 neighbours", "ne50 neighbours")
# Checks that are quadratic in the vertices (GEOS's Hausdorff and Fréchet distances, the
# maximum distance by brute force) skip the 1:50m countries, whose borders have thousands.
LIGHT_SINGLES = GRID + ("ne110", "ne110 boundaries")
LIGHT_PAIRS = ("grid pairs", "ne110 neighbours")


def _type_is(*names):
    return lambda a, b=None: a.geom_type in names


def _is_valid(a, b=None):
    return bool(a.is_valid) and (b is None or bool(b.is_valid))


def _relatable(a, b=None):
    """Both valid, and no collection whose lines cross its polygons (Strabo refuses to say
    whether such a collection covers a line or an area: it-test_oracle_grid)."""
    from .grid import lines_meet_polygons

    return _is_valid(a, b) and not lines_meet_polygons(a) and (b is None or not lines_meet_polygons(b))


def _line_of(min_points):
    return lambda a, b=None: a.geom_type == "LineString" and shapely.get_num_points(a) >= min_points


def _points(a, b):
    return a.geom_type == b.geom_type == "Point" and not a.is_empty and not b.is_empty


def _encodable(encoding):
    """Rows GEOS can write in the encoding (it has no GeoJSON for some empty members)."""

    def domain(a, b=None):
        try:
            ENCODINGS[encoding](a)
            return True
        except (shapely.errors.GEOSException, ValueError):
            return False

    return domain


DOMAINS: dict[str, Callable] = {
    "any": lambda a, b=None: True,
    "valid": _is_valid,
    "relatable": _relatable,
    "line string": _type_is("LineString"),
    "lineal": _type_is("LineString", "MultiLineString"),
    "polygon": _type_is("Polygon"),
    "line of 3+ points": _line_of(3),
    "two points": _points,
    "ewkt": _encodable("ewkt"),
    "ewkb": _encodable("ewkb"),
    "geojson": _encodable("geojson"),
}


@dataclass(frozen=True)
class Check:
    function: str
    sql: str  # over {a} and {b}
    oracle: Callable  # columns of inputs -> expected values (oracles.py)
    comparison: str  # a key of compare.COMPARISONS
    kind: str  # a key of THRESHOLDS
    pairs: bool = False
    domain: str = "any"
    sources: tuple | None = None  # by default, every source of singles or of pairs
    classes: tuple = ()
    read: Callable | None = None  # Strabo's value -> what is compared (geometries are read from WKB before)

    @property
    def input_sources(self) -> tuple:
        return self.sources or (PAIR_SOURCES if self.pairs else SINGLE_SOURCES)


def predicate(function, sql, geos, domain="relatable", classes=known.RELATE_CLASSES):
    return Check(function, sql, o.vectorised(geos), "value", "predicate", pairs=True, domain=domain, classes=classes)


def overlay(function, geos):
    return Check(function, f"{function}({{a}}, {{b}})", o.vectorised(geos), "overlay", "constructive", pairs=True,
                 domain="valid", classes=(known.GEOS_COLLECTION_SLIPS, known.GRID_ROUNDING))


def _relate_pattern(pattern):
    return lambda a, b: shapely.relate_pattern(a, b, pattern)


# The points over the globe (pairs of them; most checks read only the first).
LONLAT_POINTS = dict(pairs=True, domain="two points", sources=("lonlat points",))
TO_WEB_MERCATOR = o.transform("EPSG:4326", "EPSG:3857")
TO_EUROPEAN_LAEA = o.transform("EPSG:4326", "EPSG:3035")


def _first(function):
    """An oracle of a pair's first geometry only."""
    return lambda a, b: function(a)


CHECKS = [
    # ---- Predicates ------------------------------------------------------------------------------
    predicate("st_intersects", "st_intersects({a}, {b})", shapely.intersects, domain="any", classes=()),
    predicate("st_disjoint", "st_disjoint({a}, {b})", shapely.disjoint, domain="any", classes=()),
    predicate("st_contains", "st_contains({a}, {b})", shapely.contains),
    predicate("st_within", "st_within({a}, {b})", shapely.within),
    predicate("st_covers", "st_covers({a}, {b})", shapely.covers),
    predicate("st_coveredBy", "st_coveredBy({a}, {b})", shapely.covered_by),
    predicate("st_crosses", "st_crosses({a}, {b})", shapely.crosses),
    predicate("st_overlaps", "st_overlaps({a}, {b})", shapely.overlaps),
    predicate("st_touches", "st_touches({a}, {b})", shapely.touches),
    predicate("st_equals", "st_equals({a}, {b})", shapely.equals),
    predicate("st_relate", "st_relate({a}, {b})", shapely.relate),
    predicate("st_relate", "st_relate({a}, {b}, 'T*****FF*')", _relate_pattern("T*****FF*")),
    predicate("st_relate", "st_relate({a}, {b}, '1*T***T**')", _relate_pattern("1*T***T**")),
    predicate("st_dwithin", "st_dwithin({a}, {b}, 0.5)", lambda a, b: shapely.dwithin(a, b, 0.5), domain="any",
              classes=()),
    # ---- Overlay and validity ----------------------------------------------------------------
    overlay("st_intersection", shapely.intersection),
    overlay("st_union", shapely.union),
    overlay("st_difference", shapely.difference),
    overlay("st_symDifference", shapely.symmetric_difference),
    Check("st_unaryUnion", "st_unaryUnion({a})", o.each(lambda g: shapely.union_all([g])), "overlay", "constructive",
          domain="valid", classes=(known.GRID_ROUNDING,)),
    Check("st_makeValid", "st_makeValid({a})", o.vectorised(shapely.make_valid), "overlay", "constructive"),
    Check("st_isValid", "st_isValid({a})", o.vectorised(shapely.is_valid), "value", "predicate"),
    Check("st_isValidReason", "st_isValidReason({a})", o.vectorised(shapely.is_valid_reason), "value", "predicate",
          classes=(known.VALID_REASON_ANOTHER_POINT,)),
    Check("st_isSimple", "st_isSimple({a})", o.vectorised(shapely.is_simple), "value", "predicate",
          classes=(known.SIMPLE_COLLECTION,)),
    Check("st_reducePrecision", "st_reducePrecision({a}, 1.0)", o.vectorised(lambda g: shapely.set_precision(g, 1.0)),
          "overlay", "constructive", domain="valid"),
    # ---- Processing ------------------------------------------------------------------------------
    Check("st_buffer", "st_buffer({a}, 0.5)", o.vectorised(lambda g: shapely.buffer(g, 0.5)), "overlay",
          "constructive", domain="valid", sources=LIGHT_SINGLES,
          classes=(known.GRID_ROUNDING, known.geos_buffer_simplifies(0.5))),
    Check("st_simplify", "st_simplify({a}, 0.5)", o.each(o.postgis_simplify(0.5)), "geometry", "constructive"),
    Check("st_simplifyPreserveTopology", "st_simplifyPreserveTopology({a}, 0.5)",
          o.vectorised(lambda g: shapely.simplify(g, 0.5)), "geometry", "constructive"),
    Check("st_convexHull", "st_convexHull({a})", o.vectorised(shapely.convex_hull), "geometry", "constructive"),
    Check("st_concaveHull", "st_concaveHull({a}, 0.3, false)",
          o.vectorised(lambda g: shapely.concave_hull(g, ratio=0.3)), "overlay", "constructive",
          classes=(known.DELAUNAY_NOT_UNIQUE, known.EROSION_TIE)),
    Check("st_concaveHull", "st_concaveHull({a}, 0.1, true)",
          o.vectorised(lambda g: shapely.concave_hull(g, ratio=0.1, allow_holes=True)), "overlay", "constructive",
          classes=(known.DELAUNAY_NOT_UNIQUE, known.EROSION_TIE)),
    Check("st_centroid", "st_centroid({a})", o.vectorised(shapely.centroid), "geometry", "constructive"),
    Check("st_pointOnSurface", "st_pointOnSurface({a})", o.vectorised(shapely.point_on_surface), "geometry",
          "constructive"),
    Check("st_voronoiPolygons", "st_voronoiPolygons({a})", o.vectorised(shapely.voronoi_polygons), "cells",
          "constructive", sources=LIGHT_SINGLES),
    Check("st_delaunayTriangles", "st_delaunayTriangles({a})", o.vectorised(shapely.delaunay_triangles), "overlay",
          "constructive", sources=LIGHT_SINGLES, classes=(known.DELAUNAY_NOT_UNIQUE,)),
    Check("st_subdivide", "st_subdivide({a}, 16)", o.each(o.highest_dimension_union), "overlay", "constructive",
          domain="valid", read=o.subdivided(16), classes=(known.GRID_ROUNDING,)),
    Check("st_boundary", "st_boundary({a})", o.vectorised(shapely.boundary), "geometry", "constructive"),
    Check("st_expand", "st_expand({a}, 1.0)", o.each(lambda g: o.expand(g, 1.0)), "geometry", "constructive"),
    Check("st_envelope", "st_envelope({a})", o.each(o.envelope), "geometry", "accessor"),
    # ---- Editing ---------------------------------------------------------------------------------
    Check("st_translate", "st_translate({a}, 1.5, -2.0)", o.each(lambda g: shapely.affinity.translate(g, 1.5, -2.0)),
          "spelling", "constructive"),
    Check("st_scale", "st_scale({a}, 2.0, 0.5)",
          o.each(lambda g: shapely.affinity.scale(g, 2.0, 0.5, origin=(0, 0))), "spelling", "constructive"),
    Check("st_rotate", "st_rotate({a}, 0.7)",
          o.each(lambda g: shapely.affinity.rotate(g, 0.7, origin=(0, 0), use_radians=True)), "spelling",
          "constructive"),
    Check("st_affine", "st_affine({a}, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0)",
          o.each(lambda g: shapely.affinity.affine_transform(g, [1, 2, 3, 4, 5, 6])), "spelling", "constructive"),
    Check("st_flipCoordinates", "st_flipCoordinates({a})", o.each(o.flip), "spelling", "constructive"),
    Check("st_force2D", "st_force2D({a})", o.vectorised(shapely.force_2d), "spelling", "constructive"),
    Check("st_reverse", "st_reverse({a})", o.vectorised(shapely.reverse), "spelling", "constructive"),
    Check("st_normalize", "st_normalize({a})", o.vectorised(shapely.normalize), "spelling", "constructive"),
    # st_segmentize has no check: GEOS 3.13 segmentize crashes the process (a segfault) on some
    # rows of the corpus, even with finite coordinates; its oracle needs to run in a subprocess.
    Check("st_snap", "st_snap({a}, {b}, 0.6)", o.vectorised(lambda a, b: shapely.snap(a, b, 0.6)), "geometry",
          "constructive", pairs=True, classes=(known.SNAP_EMPTY_MEMBERS,)),
    Check("st_setPoint", "st_setPoint({a}, 1, st_point(0.25, 0.75))",
          o.each(lambda g: o.set_point(g, 1, shapely.Point(0.25, 0.75))), "spelling", "constructive",
          domain="line string"),
    Check("st_setPoint", "st_setPoint({a}, -1, st_point(0.25, 0.75))",
          o.each(lambda g: o.set_point(g, -1, shapely.Point(0.25, 0.75))), "spelling", "constructive",
          domain="line string"),
    Check("st_addPoint", "st_addPoint({a}, st_point(0.25, 0.75))",
          o.each(lambda g: o.add_point(g, shapely.Point(0.25, 0.75))), "spelling", "constructive",
          domain="line string"),
    Check("st_addPoint", "st_addPoint({a}, st_point(0.25, 0.75), 0)",
          o.each(lambda g: o.add_point(g, shapely.Point(0.25, 0.75), 0)), "spelling", "constructive",
          domain="line string"),
    Check("st_removePoint", "st_removePoint({a}, 1)", o.each(lambda g: o.remove_point(g, 1)), "spelling",
          "constructive", domain="line of 3+ points"),
    # ---- Linear referencing ---------------------------------------------------------------------
    Check("st_lineInterpolatePoint", "st_lineInterpolatePoint({a}, 0.3)",
          o.vectorised(lambda g: shapely.line_interpolate_point(g, 0.3, normalized=True)), "geometry",
          "constructive", domain="line string", classes=(known.ZERO_LENGTH_LINE_END,)),
    Check("st_lineLocatePoint", "st_lineLocatePoint({a}, st_point(3.3, 4.1))",
          o.vectorised(lambda g: shapely.line_locate_point(g, shapely.Point(3.3, 4.1), normalized=True)), "double",
          "measure", domain="line string", classes=(known.ZERO_LENGTH_LINE_LOCATE,)),
    Check("st_lineSubstring", "st_lineSubstring({a}, 0.2, 0.7)", o.each(lambda g: o.substring(g, 0.2, 0.7)),
          "geometry", "constructive", domain="line string", classes=(known.ZERO_LENGTH_LINE_SUBSTRING,)),
    Check("st_lineMerge", "st_lineMerge({a})", o.each(o.line_merge()), "geometry", "constructive"),
    Check("st_lineMerge", "st_lineMerge({a}, true)", o.each(o.line_merge(directed=True)),
          "geometry", "constructive"),
    # ---- Measures ----------------------------------------------------------------------------------
    Check("st_area", "st_area({a})", o.vectorised(shapely.area), "double", "measure"),
    Check("st_length", "st_length({a})", o.vectorised(shapely.length), "double", "measure"),
    Check("st_perimeter", "st_perimeter({a})", o.each(o.perimeter), "double", "measure"),
    Check("st_distance", "st_distance({a}, {b})", o.vectorised(shapely.distance), "double", "measure", pairs=True,
          classes=(known.HOLE_OUTSIDE_SHELL_DISTANCE,)),
    Check("st_hausdorffDistance", "st_hausdorffDistance({a}, {b})", o.vectorised(shapely.hausdorff_distance),
          "double", "measure", pairs=True, sources=LIGHT_PAIRS),
    Check("st_hausdorffDistance", "st_hausdorffDistance({a}, {b}, 0.5)",
          o.vectorised(lambda a, b: shapely.hausdorff_distance(a, b, densify=0.5)), "double", "measure", pairs=True,
          sources=("grid pairs",)),
    Check("st_frechetDistance", "st_frechetDistance({a}, {b})", o.vectorised(shapely.frechet_distance), "double",
          "measure", pairs=True, sources=LIGHT_PAIRS),
    Check("st_maxDistance", "st_maxDistance({a}, {b})", o.each(o.max_distance), "double", "measure", pairs=True,
          sources=LIGHT_PAIRS),
    Check("st_azimuth", "st_azimuth({a}, {b})", o.each(o.azimuth), "double", "measure", pairs=True,
          domain="two points", sources=("grid pairs", "lonlat points")),
    Check("st_closestPoint", "st_closestPoint({a}, {b})", o.each(o.closest_point), "geometry", "measure", pairs=True,
          classes=(known.NEAREST_TIE,)),
    Check("st_shortestLine", "st_shortestLine({a}, {b})", o.each(o.shortest_line), "geometry", "measure",
          pairs=True, classes=(known.NEAREST_TIE,)),
    Check("st_distanceSphere", "st_distanceSphere({a}, {b})", o.each(o.geodesic_distance(o.SPHERE)), "metres",
          "measure", pairs=True, domain="two points", sources=("lonlat points",)),
    Check("st_distanceSpheroid", "st_distanceSpheroid({a}, {b})", o.each(o.geodesic_distance(o.WGS84)), "metres",
          "measure", pairs=True, domain="two points", sources=("lonlat points",)),
    Check("st_lengthSpheroid", "st_lengthSpheroid({a})", o.each(o.length_spheroid), "double", "measure",
          sources=COUNTRIES + BOUNDARIES),
    Check("st_areaSpheroid", "st_areaSpheroid({a})", o.each(o.area_spheroid), "double", "measure",
          sources=COUNTRIES + BOUNDARIES),
    # ---- Coordinate systems and H3: points over the globe, countries -------------------------
    Check("st_transform", "st_transform({a}, 'EPSG:4326', 'EPSG:3857')", o.each(_first(TO_WEB_MERCATOR)),
          "projected", "measure", **LONLAT_POINTS),
    Check("st_transform", "st_transform({a}, 'EPSG:4326', 'EPSG:3857')", o.each(TO_WEB_MERCATOR), "projected",
          "measure", sources=("ne110",)),
    # Read as WKB: PySpark cannot collect a GEOMETRY(3035) (its Python type knows few SRIDs and
    # raises ST_INVALID_CRS_VALUE), though Spark computes it.
    Check("st_transform", "st_asBinary(st_transform({a}, 'EPSG:4326', 'EPSG:3035'))", o.each(_first(TO_EUROPEAN_LAEA)),
          "projected", "measure", read=shapely.from_wkb, **LONLAT_POINTS),
    Check("st_h3CellIDs", "st_h3CellIDs({a}, 7, false)", o.each(_first(lambda p: [o.h3_cell(p, 7)])), "value",
          "accessor", **LONLAT_POINTS),
    Check("st_h3CellIDs", "st_h3CellIDs({a}, 15, true)", o.each(_first(lambda p: [o.h3_cell(p, 15)])), "value",
          "accessor", **LONLAT_POINTS),
    Check("st_h3ToParent", "st_h3ToParent(element_at(st_h3CellIDs({a}, 9, false), 1), 4)",
          o.each(_first(lambda p: o.h3_parent(p, 9, 4))), "value", "accessor", **LONLAT_POINTS),
    Check("st_h3KRing", "st_h3KRing(element_at(st_h3CellIDs({a}, 6, false), 1), 2, false)",
          o.each(_first(lambda p: o.h3_disk(p, 6, 2, False))), "value", "accessor", read=sorted, **LONLAT_POINTS),
    Check("st_h3KRing", "st_h3KRing(element_at(st_h3CellIDs({a}, 6, false), 1), 2, true)",
          o.each(_first(lambda p: o.h3_disk(p, 6, 2, True))), "value", "accessor", read=sorted, **LONLAT_POINTS),
    Check("st_h3CellDistance",
          "st_h3CellDistance(element_at(st_h3CellIDs({a}, 5, false), 1), element_at(st_h3CellIDs({b}, 5, false), 1))",
          o.each(lambda a, b: o.h3_distance(a, b, 5)), "value", "measure", **LONLAT_POINTS),
    # ---- Accessors ---------------------------------------------------------------------------------
    Check("st_isEmpty", "st_isEmpty({a})", o.vectorised(shapely.is_empty), "value", "accessor"),
    Check("st_isCollection", "st_isCollection({a})", o.vectorised(lambda g: shapely.get_type_id(g) >= 4), "value",
          "accessor"),
    Check("st_dimension", "st_dimension({a})", o.vectorised(shapely.get_dimensions), "value", "accessor",
          classes=(known.EMPTY_COLLECTION_DIMENSION,)),
    Check("st_coordDim", "st_coordDim({a})", o.vectorised(shapely.get_coordinate_dimension), "value", "accessor"),
    Check("st_numInteriorRings", "st_numInteriorRings({a})", o.vectorised(shapely.get_num_interior_rings), "value",
          "accessor", domain="polygon"),
    Check("st_numPoints", "st_numPoints({a})", o.vectorised(shapely.get_num_coordinates), "value", "accessor"),
    Check("st_numGeometries", "st_numGeometries({a})",
          o.each(lambda g: 0 if g.is_empty else shapely.get_num_geometries(g)), "value", "accessor"),
    Check("st_exteriorRing", "st_exteriorRing({a})", o.each(lambda g: o.as_line(shapely.get_exterior_ring(g))),
          "spelling", "accessor"),
    Check("st_interiorRingN", "st_interiorRingN({a}, 1)",
          o.each(lambda g: o.as_line(shapely.get_interior_ring(g, 0))), "spelling", "accessor"),
    Check("st_geometryN", "st_geometryN({a}, 1)", o.each(lambda g: shapely.get_geometry(g, 0)), "spelling",
          "accessor", classes=(known.POSTGIS_EMPTY_HAS_NO_MEMBERS,)),
    Check("st_geometryN", "st_geometryN({a}, 2)", o.each(lambda g: shapely.get_geometry(g, 1)), "spelling",
          "accessor"),
    Check("st_pointN", "st_pointN({a}, 2)", o.each(lambda g: o.point_n(g, 2)), "spelling", "accessor",
          domain="line string"),
    Check("st_pointN", "st_pointN({a}, -1)", o.each(lambda g: o.point_n(g, -1)), "spelling", "accessor",
          domain="line string"),
    Check("st_startPoint", "st_startPoint({a})", o.each(lambda g: o.point_n(g, 1)), "spelling", "accessor",
          domain="line string"),
    Check("st_endPoint", "st_endPoint({a})", o.each(lambda g: o.point_n(g, -1)), "spelling", "accessor",
          domain="line string"),
    Check("st_isClosed", "st_isClosed({a})", o.vectorised(shapely.is_closed), "value", "accessor", domain="lineal"),
    Check("st_isRing", "st_isRing({a})", o.vectorised(shapely.is_ring), "value", "accessor", domain="line string"),
    Check("st_x", "st_x({a})", o.each(lambda g: g.x if g.geom_type == "Point" and not g.is_empty else None),
          "double", "accessor"),
    Check("st_y", "st_y({a})", o.each(lambda g: g.y if g.geom_type == "Point" and not g.is_empty else None),
          "double", "accessor"),
    # ---- Formats: what Strabo writes, GEOS reads back; what GEOS writes, Strabo reads -----------
    Check("st_asText", "st_asText({a})", o.each(lambda g: g), "spelling", "accessor", read=shapely.from_wkt,
          classes=(known.NO_WKT_FOR_EMPTY_MEMBERS,)),
    Check("st_asEWKT", "st_asEWKT({a})", o.each(lambda g: g), "spelling", "accessor",
          read=lambda text: shapely.from_wkt(text.split(";", 1)[-1]),
          classes=(known.NO_WKT_FOR_EMPTY_MEMBERS, known.NO_Z_FOR_EMPTIES)),
    Check("st_asGeoJSON", "st_asGeoJSON({a})", o.each(lambda g: g), "spelling", "accessor", read=shapely.from_geojson,
          classes=(known.NO_Z_FOR_EMPTIES,)),
    Check("st_asEWKB", "st_asEWKB({a})", o.each(lambda g: g), "spelling", "accessor", read=shapely.from_wkb),
    Check("st_asHexEWKB", "st_asHexEWKB({a})", o.each(lambda g: g), "spelling", "accessor", read=shapely.from_wkb),
    Check("st_geomFromEWKT", "st_geomFromEWKT({ewkt})", o.each(lambda g: g), "spelling", "accessor", domain="ewkt"),
    Check("st_geomFromEWKB", "st_geomFromEWKB({ewkb})", o.each(lambda g: g), "spelling", "accessor", domain="ewkb"),
    Check("st_geomFromGeoJSON", "st_geomFromGeoJSON({geojson})", o.each(lambda g: g), "spelling", "accessor",
          domain="geojson", classes=(known.NO_Z_FOR_EMPTIES,)),
]

# The text and binary forms GEOS writes of each single geometry, which the readers above read.
ENCODINGS = {
    "ewkt": lambda g: f"SRID=4326;{shapely.to_wkt(g, rounding_precision=-1)}",
    "ewkb": lambda g: shapely.to_wkb(shapely.set_srid(g, 4326), flavor="extended", include_srid=True),
    "geojson": lambda g: shapely.to_geojson(g),
}


def function_names() -> list[str]:
    """Every function the differential suite checks against an oracle, in table order."""
    return list(dict.fromkeys(c.function for c in CHECKS))
