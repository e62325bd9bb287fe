"""Managing a Strabo store from PySpark: list, describe, compact and delete feature types.

Reading and writing go through Spark itself::

    df.write.format("strabo").option("path", path).option("feature", "events").mode("append").save()
    spark.read.format("strabo").option("path", path).option("feature", "events").load()

>>> from strabo import store
>>> store.feature_types(spark, "/data/store")                # doctest: +SKIP
['events']
>>> store.describe(spark, "/data/store", "events")["rows"]   # doctest: +SKIP
3000
"""
from __future__ import annotations

import datetime as dt
import json

__all__ = ["feature_types", "describe", "compact", "delete"]


def _native(spark):
    return spark.sparkContext._jvm.io.strabo.spark.jni.StoreNative


def _location(spark, path) -> str:
    """The store at ``path`` as the native calls take it, with the session's settings that
    reach it (``spark.hadoop.fs.s3a.*`` and the like)."""
    return spark.sparkContext._jvm.io.strabo.spark.store.StoreLocation.jsonOf(str(path))


def feature_types(spark, path: str) -> list[str]:
    """The feature types of the store at ``path`` (a local path or a ``file:``, ``s3a:``,
    ``gs:`` or ``abfss:`` URI), sorted."""
    return json.loads(_native(spark).featureTypes(_location(spark, path)))


def describe(spark, path: str, feature: str, version: int | None = None) -> dict:
    """A feature type at ``version`` (the latest if None): ``attributes`` (name and type), ``dtg``, ``scheme``,
    ``version``, ``rows``, ``files``, ``bytes``, ``bbox`` (``[xmin, ymin, xmax, ymax]`` of the
    default geometry, or None) and ``time`` (the least and greatest dtg as UTC datetimes, or
    None)."""
    raw = json.loads(_native(spark).describe(_location(spark, path), feature, -1 if version is None else version))
    feature_type = raw["feature_type"]
    time = raw.get("time")
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return {
        "attributes": [(a["name"], _type_name(a["type"])) for a in feature_type["attributes"]],
        "dtg": feature_type.get("dtg"),
        "scheme": feature_type["scheme"],
        "version": raw["version"],
        "rows": raw["rows"],
        "files": raw["files"],
        "bytes": raw["bytes"],
        "bbox": raw.get("bbox"),
        "time": None if time is None else tuple(epoch + dt.timedelta(microseconds=t) for t in time),
    }


def _type_name(kind: dict) -> str:
    if kind["kind"] == "geometry":
        return f"geometry({kind['srid']})" + (" points" if kind["points"] else "")
    return kind["kind"]


def compact(spark, path: str, feature: str) -> int | None:
    """Rewrites each partition held in several files as one file, in one commit, with a Spark
    job (a task per partition). Returns the new version, or None when no partition needed it."""
    version = spark.sparkContext._jvm.io.strabo.spark.Strabo.compactVersion(str(path), feature)
    return None if version < 0 else version


def vacuum(spark, path: str, feature: str, retain_hours: float = 168.0) -> dict:
    """Deletes the files of a feature type that no snapshot of the last ``retain_hours`` (a
    week by default) reads: files that overwrites and compactions replaced, and files of killed
    jobs; then expires the log before the newest checkpoint current ``retain_hours`` ago.
    Returns ``files`` (the paths deleted, relative to the feature type's directory), ``bytes``,
    and ``oldest_version``, the oldest version left for time travel."""
    return json.loads(_native(spark).vacuum(_location(spark, path), feature, float(retain_hours)))


def delete(spark, path: str, feature: str) -> None:
    """Drops a feature type: a commit that removes its files (readers stop seeing it at once),
    which are then deleted. A later write creates it anew."""
    _native(spark).deleteFeatureType(_location(spark, path), feature)
