"""Shared fixtures for the end-to-end tests: real Spark from PyPI's pyspark, the real jar from
the installed strabo wheel, one SparkSession per test module."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyspark
import pytest

import strabo

REPO = Path(__file__).resolve().parent.parent
JOBS = Path(__file__).resolve().parent / "jobs"
SPARK_HOME = Path(pyspark.__file__).resolve().parent


def spark_env() -> dict[str, str]:
    """The environment of an activated virtualenv, as a user would have it."""
    env = dict(os.environ)
    env["SPARK_HOME"] = str(SPARK_HOME)
    env["PYSPARK_PYTHON"] = sys.executable
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return env


def run_spark(tool: str, *args: str, stdin: str | None = None, timeout: int = 600) -> str:
    """Runs a Spark launcher (spark-submit, spark-shell) and returns its stdout; fails the test,
    showing stderr, if it exits non-zero."""
    command = [str(SPARK_HOME / "bin" / tool), *args]
    done = subprocess.run(
        command, input=stdin, capture_output=True, text=True, env=spark_env(), timeout=timeout
    )
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stderr[-5000:]}"
    return done.stdout


def results(stdout: str) -> dict[str, str]:
    """The `RESULT key=value` lines a job printed."""
    lines = [line.split("RESULT ", 1)[1] for line in stdout.splitlines() if "RESULT " in line]
    return dict(line.split("=", 1) for line in lines)


def tests_jar() -> str:
    """The jar of test helpers (jvm/src/test/.../strabo/testing) that `make jar` builds."""
    jars = sorted((REPO / "jvm" / "target").glob("strabo-spark_*-tests.jar"))
    assert jars, "the tests jar is missing: build it with `make jar`"
    return str(jars[-1])


def session(master: str = "local[2]", **config: str):
    """A session as the tests use it. Every one carries the tests jar: the first session of the
    process starts the driver's JVM, and only its jars are on the driver's class path."""
    spark = strabo.spark_session(
        master=master,
        config={
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "4",
            "spark.jars": tests_jar(),
            **config,
        },
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@pytest.fixture(scope="module")
def spark():
    spark = session()
    yield spark
    spark.stop()


@pytest.fixture(scope="session")
def jar() -> str:
    return strabo.jar_path()
