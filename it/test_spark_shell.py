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
