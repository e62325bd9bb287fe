"""Strabo's results against GEOS (through shapely) on generated geometries and on Natural Earth
countries and cities read from the repository's CSV files."""
import math
import random

import pytest
import shapely
from pyspark.sql.types import BinaryType, LongType, StructField, StructType

from conftest import REPO

PAIRS = 600


def random_geometry(rng: random.Random):
    kind = rng.choice(["point", "line", "polygon", "holed", "multipolygon", "collection"])
    cx, cy, r = rng.uniform(0, 100), rng.uniform(0, 100), rng.uniform(1, 30)

    def cloud(n):
        return [(cx + rng.uniform(-r, r), cy + rng.uniform(-r, r)) for _ in range(n)]

    if kind == "point":
        return shapely.Point(cloud(1)[0])
    if kind == "line":
        return shapely.LineString(cloud(rng.randint(2, 8)))
    hull = shapely.MultiPoint(cloud(rng.randint(3, 12))).convex_hull
    if hull.geom_type != "Polygon":
        return hull
    if kind == "polygon":
        return hull
    if kind == "holed":
        return hull.difference(shapely.affinity.scale(hull, 0.4, 0.4))
    if kind == "multipolygon":
        return shapely.MultiPolygon([hull, shapely.affinity.translate(hull, 2.5 * r, 0)])
    return shapely.GeometryCollection([shapely.Point(cloud(1)[0]), shapely.LineString(cloud(3))])


@pytest.fixture(scope="module")
def pairs(spark):
    rng = random.Random(20261125)
    geometries = [(random_geometry(rng), random_geometry(rng)) for _ in range(PAIRS)]
    schema = StructType(
        [StructField("id", LongType()), StructField("a", BinaryType()), StructField("b", BinaryType())]
    )
    rows = [(i, shapely.to_wkb(a), shapely.to_wkb(b)) for i, (a, b) in enumerate(geometries)]
    result = spark.createDataFrame(rows, schema).selectExpr(
        "id",
        "st_area(a) AS area",
        "st_length(a) AS length",
        "st_distance(a, b) AS distance",
        "st_contains(a, b) AS contains",
        "st_intersects(a, b) AS intersects",
        "st_within(a, b) AS within",
        "st_asText(a) AS wkt",
        "st_asText(st_envelope(a)) AS envelope",
        "st_x(a) AS x",
        "st_y(a) AS y",
    )
    return geometries, {row.id: row for row in result.collect()}


def test_measures_match_geos(pairs):
    geometries, rows = pairs
    for i, (a, b) in enumerate(geometries):
        row = rows[i]
        assert math.isclose(row.area, a.area, rel_tol=1e-9, abs_tol=1e-9), (a.wkt, row.area)
        assert math.isclose(row.length, a.length, rel_tol=1e-9, abs_tol=1e-9), (a.wkt, row.length)
        assert math.isclose(row.distance, a.distance(b), rel_tol=1e-9, abs_tol=1e-9), (a.wkt, b.wkt)


@pytest.mark.parametrize("predicate", ["contains", "intersects", "within"])
def test_predicates_match_geos(pairs, predicate):
    geometries, rows = pairs
    disagreements = [
        (a.wkt, b.wkt)
        for i, (a, b) in enumerate(geometries)
        if getattr(rows[i], predicate) != getattr(a, predicate)(b)
    ]
    assert disagreements == []
    assert sum(getattr(rows[i], predicate) for i in rows) > 0, "the data exercises the true case"


def test_text_envelopes_and_coordinates_match_geos(pairs):
    geometries, rows = pairs
    for i, (a, _) in enumerate(geometries):
        row = rows[i]
        assert shapely.from_wkt(row.wkt).equals_exact(a, 0), (a.wkt, row.wkt)
        envelope = shapely.from_wkt(row.envelope)
        assert envelope.geom_type == a.envelope.geom_type and envelope.equals(a.envelope), (a.wkt, row.envelope)
        if a.geom_type == "Point":
            assert (row.x, row.y) == (a.x, a.y)
        else:
            assert (row.x, row.y) == (None, None)


@pytest.fixture(scope="module")
def natural_earth(spark):
    countries = spark.read.csv(str(REPO / "data/natural-earth/countries-110m.csv"), header=True)
    cities = spark.read.csv(str(REPO / "data/cities.csv"), header=True, inferSchema=True)
    countries.createOrReplaceTempView("countries")
    cities.createOrReplaceTempView("cities")
    return countries.collect(), cities.collect()


def test_country_areas_match_geos(spark, natural_earth):
    countries, _ = natural_earth
    areas = dict(spark.sql("SELECT name, st_area(st_geomFromWKT(wkt)) FROM countries").collect())
    assert len(areas) == len(countries) == 177
    for country in countries:
        assert math.isclose(areas[country.name], shapely.from_wkt(country.wkt).area, rel_tol=1e-9), country.name


def test_cities_lie_in_their_countries_as_geos_says(spark, natural_earth):
    countries, cities = natural_earth
    found = spark.sql(
        """SELECT c.city, n.name FROM cities c JOIN countries n
           ON st_contains(st_geomFromWKT(n.wkt), st_point(c.lon, c.lat))"""
    ).collect()
    assert sorted((r.city, r.name) for r in found) == sorted((c.city, c.country) for c in cities)
    geos = sorted(
        (c.city, n.name)
        for c in cities
        for n in countries
        if shapely.from_wkt(n.wkt).contains(shapely.Point(c.lon, c.lat))
    )
    assert sorted((r.city, r.name) for r in found) == geos
