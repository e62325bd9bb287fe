"""The job of test_spark_submit.py: Strabo SQL through `spark-submit --jars`."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
spark.sparkContext.setLogLevel("WARN")
square = "st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0))')"
print("RESULT master=" + spark.sparkContext.master)
print("RESULT area=%r" % spark.sql(f"SELECT st_area({square})").first()[0])
print("RESULT contains=%r" % spark.sql(f"SELECT st_contains({square}, st_point(1.0, 2.0))").first()[0])
# Row-dependent work, so it runs in the executors' tasks rather than being folded on the driver.
total = spark.sql("SELECT sum(st_area(st_makeBBOX(0, 0, id, 1))) FROM range(1, 101, 1, 4)").first()[0]
print("RESULT distributed_area=%r" % total)
inside = spark.sql(
    f"SELECT count(*) FROM range(0, 10000, 1, 4) WHERE st_contains({square}, st_point(id % 10, 2))"
).first()[0]
print("RESULT inside=%r" % inside)
print("RESULT executors=%d" % len(spark.sparkContext._jsc.sc().statusTracker().getExecutorInfos()))
spark.stop()
