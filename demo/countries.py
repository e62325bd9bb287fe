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

# The embedded store: the cities written as GeoParquet in GeoMesa's layout, read back with the
# spatial filter pushed into the store (it prunes partitions, files and row groups, and
# evaluates the filter itself, so Spark keeps no Filter of its own).
store = tempfile.mkdtemp(prefix="strabo-demo-store-")
spark.table("cities").write.format("strabo").option("path", store).option("feature", "cities") \
    .option("points", "location").mode("append").save()
print(f"Wrote the cities to the store at {store}: feature type 'cities', "
      f"{len(list(Path(store, 'cities').rglob('*.parquet')))} GeoParquet files.")
europe = spark.read.format("strabo").option("path", store).option("feature", "cities").load() \
    .where("st_intersects(location, st_setSRID(st_makeBBOX(-10, 35, 30, 60), 4326))")
print("\nThe cities in a box around Europe, read from the store with the filter pushed down:")
europe.selectExpr("city", "st_asText(location) AS location").orderBy("city").show(truncate=False)
scan = europe._jdf.queryExecution().executedPlan().toString()
print("Pushed to the store:", re.search(r"pushed filter: (.*?) RuntimeFilters", scan).group(1))
shutil.rmtree(store)

spark.stop()
