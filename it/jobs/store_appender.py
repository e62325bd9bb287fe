"""A writer of it/test_store_remote.py, run in a process of its own: appends `jobs` write jobs of
`rows` rows each to a feature type, each row tagged with its writer and job, and prints the
outcome of each job (`RESULT job<j>=committed` or `=rejected:<error>`).

Arguments: store URI, feature type, writer name, jobs, rows. The session's S3 settings come
from spark-submit's `--conf`."""
import sys

from pyspark.sql import SparkSession

uri, feature, writer, jobs, rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
spark = SparkSession.builder.getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
for job in range(jobs):
    df = spark.range(rows).selectExpr(
        f"'{writer}' AS writer",
        f"{job} AS job",
        "CAST(id AS int) AS n",
        "st_setSRID(st_point(CAST(id AS double) / 10, 0.0), 4326) AS geom",
    )
    try:
        df.write.format("strabo").option("path", uri).option("feature", feature).mode("append").save()
        print(f"RESULT job{job}=committed", flush=True)
    except Exception as e:  # a rejected job must leave nothing; the test checks
        print(f"RESULT job{job}=rejected:{str(e).splitlines()[0][:300]}", flush=True)
spark.stop()
