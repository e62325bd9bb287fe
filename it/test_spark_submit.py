"""`spark-submit --jars <strabo jar>` runs Strabo SQL from Python and Java jobs, in local mode and
with separate executor JVMs (local-cluster)."""
import subprocess

import pytest

from conftest import JOBS, SPARK_HOME, results, run_spark

QUIET = ["--conf", "spark.ui.enabled=false"]


@pytest.mark.parametrize("master", ["local[2]", "local-cluster[2,1,1024]"])
def test_python_job(jar, master):
    out = results(run_spark("spark-submit", "--master", master, "--jars", jar, *QUIET, str(JOBS / "sql_job.py")))
    assert out["master"] == master
    assert out["area"] == "16.0"
    assert out["contains"] == "True"
    assert out["distributed_area"] == "5050.0"
    assert out["inside"] == str(3 * 1000)  # x in 1..3 of 0..9, on y = 2
    if master.startswith("local-cluster"):
        assert out["executors"] == "3", "the driver and two executor JVMs"


def test_java_job(jar, tmp_path):
    classes = tmp_path / "classes"
    classpath = f"{SPARK_HOME / 'jars'}/*"
    subprocess.run(
        ["javac", "-d", str(classes), "-cp", classpath, str(JOBS / "SqlJob.java")], check=True
    )
    job_jar = tmp_path / "sql-job.jar"
    subprocess.run(["jar", "--create", "--file", str(job_jar), "-C", str(classes), "."], check=True)
    out = results(
        run_spark("spark-submit", "--master", "local[2]", "--class", "SqlJob", "--jars", jar, *QUIET, str(job_jar))
    )
    assert out == {"area": "16.0", "contains": "true", "distributed_length": str(float(sum(2 * (i + 1) for i in range(1, 11))))}
