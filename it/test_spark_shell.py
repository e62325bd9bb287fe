"""`spark-shell --jars <strabo jar>` finds the extension through META-INF/services; naming it in
spark.sql.extensions as well registers it once, not twice."""
import re

import pytest

from conftest import REPO, results, run_spark

# The README's spark-shell lines run too, and must print what the README says.
README_SHELL = re.search(r"\*\*spark-shell\.\*\*.*?```bash\n(.*?)```", (REPO / "README.md").read_text(), re.S).group(1)
README_LINES = [line.split("scala> ", 1)[1] for line in README_SHELL.splitlines() if line.startswith("scala> ")]
README_OUTPUT = [line[2:] for line in README_SHELL.splitlines() if line.startswith("# ")]

SCRIPT = """
val square = "st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0))')"
val row = spark.sql(s"SELECT st_area($square), st_contains($square, st_point(1.0, 2.0))").first()
println(s"RESULT area=${row.getDouble(0)}")
println(s"RESULT contains=${row.getBoolean(1)}")
val cls = spark.sql("DESCRIBE FUNCTION st_area").collect().map(_.getString(0)).find(_.startsWith("Class:")).get
println(s"RESULT class=$cls")
""" + "\n".join(README_LINES) + "\n:quit\n"


@pytest.mark.parametrize(
    "extra", [[], ["--conf", "spark.sql.extensions=io.strabo.spark.StraboExtensions"]], ids=["service-loader", "conf"]
)
def test_spark_shell(jar, extra):
    stdout = run_spark("spark-shell", "--master", "local[2]", "--jars", jar, *extra, stdin=SCRIPT)
    assert all(expected in stdout for expected in README_OUTPUT), README_OUTPUT
    out = results(stdout)
    assert out == {
        "area": "16.0",
        "contains": "true",
        "class": "Class: io.strabo.spark.expressions.StraboFunction",
    }


STORE_SCRIPT = """
import io.strabo.spark.Strabo
val path = "{path}"
val events = spark.sql("SELECT st_setSRID(st_point(CAST(id AS double), CAST(id AS double) / 2), 4326) AS geom, CAST(id AS int) AS n, " +
  "CASE WHEN id % 2 = 0 THEN 'even' ELSE 'odd' END AS kind FROM range(0, 40)")
Strabo.save(events.rdd, events.schema, Map("path" -> path, "points" -> "geom"), "events")
val selected = Strabo.rdd(spark, Map("fs.path" -> path), "events", "BBOX(geom, 10, 0, 20, 90) AND kind = 'even'", Seq("geom", "n"))
println(s"RESULT selected=${{selected.map(_.getInt(1)).collect().sorted.mkString(",")}}")
Strabo.save(selected, Map("path" -> path), "evens")
println(s"RESULT types=${{Strabo.featureTypes(path).mkString(",")}}")
val d = Strabo.describe(path, "events")
println(s"RESULT describe=${{d.rows}} rows, version ${{d.version}}, scheme ${{d.scheme}}, bbox ${{d.bbox.get.mkString(" ")}}")
println(s"RESULT evens=${{spark.read.format("strabo").option("path", path).option("feature", "evens").load().count()}}")
Strabo.delete(path, "evens")
println(s"RESULT after_delete=${{Strabo.featureTypes(path).mkString(",")}}")
:quit
"""


def test_the_scala_store_api(jar, tmp_path):
    """GeoMesa's spark-core in Scala: Strabo.rdd by ECQL and properties, Strabo.save of an RDD
    of rows (with a schema, or rows that carry theirs), and the management calls."""
    stdout = run_spark("spark-shell", "--master", "local[2]", "--jars", jar, stdin=STORE_SCRIPT.format(path=tmp_path / "store"))
    assert results(stdout) == {
        "selected": "10,12,14,16,18,20",
        "types": "evens,events",
        "describe": "40 rows, version 0, scheme z2-2bits, bbox 0.0 0.0 39.0 19.5",
        "evens": "6",
        "after_delete": "events",
    }
