"""`spark-shell --jars <strabo jar>` finds the extension through META-INF/services; naming it in
spark.sql.extensions as well registers it once, not twice."""
import pytest

from conftest import results, run_spark

SCRIPT = """
val square = "st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0))')"
val row = spark.sql(s"SELECT st_area($square), st_contains($square, st_point(1.0, 2.0))").first()
println(s"RESULT area=${row.getDouble(0)}")
println(s"RESULT contains=${row.getBoolean(1)}")
val cls = spark.sql("DESCRIBE FUNCTION st_area").collect().map(_.getString(0)).find(_.startsWith("Class:")).get
println(s"RESULT class=$cls")
:quit
"""


@pytest.mark.parametrize(
    "extra", [[], ["--conf", "spark.sql.extensions=io.strabo.spark.StraboExtensions"]], ids=["service-loader", "conf"]
)
def test_spark_shell(jar, extra):
    out = results(run_spark("spark-shell", "--master", "local[2]", "--jars", jar, *extra, stdin=SCRIPT))
    assert out == {
        "area": "16.0",
        "contains": "true",
        "class": "Class: io.strabo.spark.expressions.StraboFunction",
    }
