"""Strabo's demo: Natural Earth countries and a few cities, in Spark SQL.

Run it with `make demo`, or: spark-submit --jars <strabo jar> demo/countries.py data
"""
import sys

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

print("Which country contains each city (st_contains of a polygon and a point):")
spark.sql("""
    SELECT c.city, n.name AS country, st_asText(c.location) AS location
    FROM cities c LEFT JOIN countries n ON st_contains(n.geom, c.location)
    ORDER BY c.city
""").show(truncate=False)

print("Bounding boxes, and the distance from Paris to each country (degrees; 0 inside):")
spark.sql("""
    SELECT n.name, st_asText(st_envelope(n.geom)) AS envelope,
           round(st_distance(n.geom, c.location), 2) AS degrees_from_paris
    FROM countries n, cities c
    WHERE c.city = 'Paris' AND n.name IN ('France', 'Germany', 'Spain', 'Iceland')
    ORDER BY degrees_from_paris
""").show(truncate=False)

spark.stop()
