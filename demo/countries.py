"""Strabo's demo: Natural Earth countries and a few cities, in Spark SQL.

Run it with `make demo`, or: spark-submit --jars <strabo jar> demo/countries.py data
"""
import re
import shutil
import sys
import tempfile
from pathlib import Path

from pyspark.sql import SparkSession

data = sys.argv[1] if len(sys.argv) > 1 else "data"
spark = SparkSession.builder.appName("strabo-demo").getOrCreate()
spark.sparkContext.setLogLevel("WARN")

spark.read.csv(f"{data}/natural-earth/countries-110m.csv", header=True).createOrReplaceTempView("country_rows")
spark.read.csv(f"{data}/cities.csv", header=True, inferSchema=True).createOrReplaceTempView("city_rows")

# Geometry columns: Spark's own GEOMETRY type, labelled as longitude/latitude (SRID 4326).
# (Spark cannot cache GEOMETRY columns yet; this small table is simply parsed where it is used.)
countries = spark.sql("SELECT name, st_setSRID(st_geomFromWKT(wkt), 4326) AS geom FROM country_rows")
countries.createOrReplaceTempView("countries")
spark.sql(
    "SELECT city, st_setSRID(st_point(lon, lat), 4326) AS location FROM city_rows"
).createOrReplaceTempView("cities")
print(f"Loaded {countries.count()} countries and {spark.table('cities').count()} cities; geometry type:",
      countries.schema["geom"].dataType.simpleString())

print("\nThe ten largest countries by planar area (square degrees, so high latitudes look large):")
spark.sql("""
    SELECT name, round(st_area(geom), 1) AS area_sq_deg, round(st_length(geom), 1) AS perimeter_deg
    FROM countries ORDER BY area_sq_deg DESC LIMIT 10
""").show(truncate=False)

print("Which country contains each city (st_contains of a polygon and a point), and the city's geohash:")
spark.sql("""
    SELECT c.city, n.name AS country, st_asText(c.location) AS location, st_geoHash(c.location, 25) AS geohash
    FROM cities c LEFT JOIN countries n ON st_contains(n.geom, c.location)
    ORDER BY c.city
""").show(truncate=False)

print("Four countries, their distance from Paris (degrees; 0 inside) and their number of vertices:")
spark.sql("""
    SELECT n.name, round(st_distance(n.geom, c.location), 2) AS degrees_from_paris, st_numPoints(n.geom) AS vertices
    FROM countries n, cities c
    WHERE c.city = 'Paris' AND n.name IN ('France', 'Germany', 'Spain', 'Iceland')
    ORDER BY degrees_from_paris
""").show(truncate=False)

print("The same four as one group (aggregates): their bounding box, and the area of their union:")
spark.sql("""
    SELECT st_asText(st_extent(geom)) AS extent, round(st_area(st_union_aggr(geom)), 1) AS union_area_sq_deg
    FROM countries WHERE name IN ('France', 'Germany', 'Spain', 'Iceland')
""").show(truncate=False)

# The embedded store: GeoParquet in GeoMesa's layout, with a commit log. Queries on it push
# their filters into the store, which prunes partitions, files and row groups, then evaluates
# the filter exactly (so Spark keeps no Filter of its own).
store = tempfile.mkdtemp(prefix="strabo-demo-store-")


def save(df, feature, **options):
    writer = df.write.format("strabo").option("path", store).option("feature", feature).mode("append")
    for key, value in options.items():
        writer = writer.option(key, value)
    writer.save()
    files = len(list(Path(store, feature).rglob("*.parquet")))
    print(f"  {feature}: {spark.read.format('strabo').option('path', store).option('feature', feature).load().count()}"
          f" rows in {files} files")


def query(feature, condition, columns):
    df = spark.read.format("strabo").option("path", store).option("feature", feature).load().where(condition)
    scan = df._jdf.queryExecution().executedPlan().toString()
    pushed = re.search(r"pushed filter: (.*?); files: (.*?) RuntimeFilters", scan)
    print(f"\n{feature} WHERE {condition}")
    print(f"  pushed to the store: {pushed.group(1)}")
    print(f"  pruned: files: {pushed.group(2)}")
    df.selectExpr(*columns).orderBy(1).show(truncate=False)


print(f"\nThe store at {store}:")
save(countries, "countries", scheme="xz2-4bits")
save(spark.table("cities"), "cities", points="location")
# A million points with timestamps over January 2024, partitioned by week and z2 cell.
events = spark.range(0, 1_000_000, numPartitions=2).selectExpr(
    "st_setSRID(st_point(rand(1) * 360 - 180, rand(2) * 180 - 90), 4326) AS geom",
    "timestamp_seconds(1704067200 + CAST(rand(3) * 31 * 86400 AS bigint)) AS dtg",
    "CAST(id % 10 AS int) AS kind")
save(events, "events", points="geom", scheme="weekly,z2-2bits")

query("cities", "st_intersects(location, st_setSRID(st_makeBBOX(-10, 35, 30, 60), 4326))",
      ["city", "st_asText(location) AS location"])
query("countries", "st_contains(geom, st_setSRID(st_point(2.35, 48.85), 4326))", ["name", "st_numPoints(geom) AS vertices"])
query("events",
      "st_intersects(geom, st_setSRID(st_makeBBOX(0, 40, 10, 50), 4326)) "
      "AND dtg >= TIMESTAMP '2024-01-10 00:00:00 UTC' AND dtg < TIMESTAMP '2024-01-11 00:00:00 UTC' AND kind = 3",
      ["count(*) AS events"])
shutil.rmtree(store)

spark.stop()
