"""The job of test_join.py's memory test: a partitioned spatial join whose one cell's index needs
more execution memory than Spark can grant (`spark.memory.fraction` is set tiny), which must fail
with Strabo's message, not with an executor out of memory."""
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
spark.conf.set("spark.strabo.join.strategy", "partitioned")
spark.conf.set("spark.strabo.join.partitions", "1")
points = spark.range(0, 2000, 1, 2).selectExpr("id", "st_point(id % 97, id % 89) AS g")
shapes = spark.range(0, 3000, 1, 2).selectExpr("id AS sid", "st_buffer(st_point(id % 91, id % 83), 2.0) AS s")
try:
    # No aggregate: Spark's own operators would ask for execution memory too.
    points.join(shapes, F.expr("st_intersects(g, s)")).select("id", "sid").collect()
    print("RESULT outcome=joined")
except Exception as error:  # noqa: BLE001 - the message is the result
    message = str(error)
    print("RESULT outcome=" + ("refused" if "needs" in message else "other"))
    print("RESULT message=" + message[message.find("StraboSpatialJoin:"):].split("\n")[0])
spark.stop()
