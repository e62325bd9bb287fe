"""Natural Earth countries at 1:110m and 1:50m (longitude/latitude), their boundaries as lines,
and the pairs of countries whose boxes meet (neighbours share vertices and borders exactly).

countries-110m.csv is committed. countries-50m.csv (3.7 MB) is not: it is made on first use by
data/natural-earth/fetch.sh, which takes npm's world-atlas@2.0.2 (so the first run needs npm and
the npm registry), and is kept beside it (git-ignored) for later and offline runs.
"""
from __future__ import annotations

import csv
import hashlib
import subprocess
from pathlib import Path

import numpy as np
import pytest
import shapely

DATA = Path(__file__).resolve().parents[2] / "data" / "natural-earth"
# The 50m CSV that fetch.sh makes: a different file would change docs/correctness.md.
SHA256_50M = "1efe3940b8d653cd0645189f3856008aedf96167173f4da2c26371a2ff7077f9"


def csv_path(scale: str) -> Path:
    path = DATA / f"countries-{scale}.csv"
    if scale == "50m" and not path.exists():
        done = subprocess.run(["bash", str(DATA / "fetch.sh"), "50m"], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.fail(f"{path.name} is missing and fetch.sh could not make it (it needs npm):\n{done.stderr}")
    if scale == "50m":
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == SHA256_50M, f"{path} is not the one fetch.sh makes (sha256 {digest}); delete it"
    return path


def countries(scale: str) -> tuple[list[str], list]:
    """The countries' names and geometries (polygons and multipolygons, a few invalid)."""
    csv.field_size_limit(1 << 26)  # Russia's WKT at 1:50m is past the default 128 kB
    with open(csv_path(scale), newline="") as f:
        rows = list(csv.DictReader(f))
    return [r["name"] for r in rows], list(shapely.from_wkt([r["wkt"] for r in rows]))


def boundaries(geometries: list) -> list:
    """Each country's boundary: its rings as a multi line string."""
    return list(shapely.boundary(np.array(geometries, dtype=object)))


def neighbours(names: list[str], geometries: list) -> tuple[list, list, list[str]]:
    """Each pair of distinct countries whose boxes meet, once, as (first, second, tag)."""
    array = np.array(geometries, dtype=object)
    tree = shapely.STRtree(array)
    left, right = tree.query(array)  # no predicate: the pairs whose boxes meet
    keep = left < right
    firsts, seconds = array[left[keep]], array[right[keep]]
    tags = [f"{names[i]} / {names[j]}" for i, j in zip(left[keep], right[keep])]
    return list(firsts), list(seconds), tags
