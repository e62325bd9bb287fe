"""Strabo for PySpark: the jar, a session helper, and wrappers for every SQL function.

>>> import strabo
>>> spark = strabo.spark_session(master="local[2]")
>>> spark.sql("SELECT st_area(st_makeBBOX(0, 0, 2, 3))").first()[0]
6.0
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__version__ = "0.1.0"
__all__ = ["jar_path", "spark_session", "__version__"]

EXTENSION = "io.strabo.spark.StraboExtensions"


def jar_path() -> str:
    """The absolute path of Strabo's jar: ``$STRABO_JAR`` if set, else the one in this package."""
    explicit = os.environ.get("STRABO_JAR")
    if explicit:
        return str(Path(explicit).resolve())
    jars = sorted(Path(str(resources.files("strabo") / "jars")).glob("strabo-spark_*.jar"))
    if not jars:
        raise FileNotFoundError(
            "this strabo package has no jar; install a built wheel (make wheel) or set STRABO_JAR"
        )
    return str(jars[-1])


def spark_session(master: str | None = None, app_name: str = "strabo", config: dict | None = None):
    """Returns a SparkSession with Strabo's jar and extension.

    The jar is added to ``spark.jars`` and the extension to ``spark.sql.extensions``, keeping any
    values already given in ``config``. Both take effect only when the session's JVM starts, so
    if another session is already running without Strabo this raises instead of returning it.
    """
    from pyspark.sql import SparkSession

    settings = dict(config or {})
    settings["spark.jars"] = _append(settings.get("spark.jars"), jar_path())
    settings["spark.sql.extensions"] = _append(settings.get("spark.sql.extensions"), EXTENSION)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    if not spark.catalog.functionExists("st_point"):
        raise RuntimeError(
            "a SparkSession without Strabo is already running; call spark.stop() first, or "
            "start it with spark.jars=strabo.jar_path()"
        )
    return spark


def _append(existing: str | None, value: str) -> str:
    items = [item for item in (existing or "").split(",") if item]
    return ",".join(items if value in items else items + [value])
