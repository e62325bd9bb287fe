"""Expected values for strabo-crs's transformation tests, computed by pyproj (PROJ).

Run from anywhere, with a Python that has pyproj (made with pyproj 3.7.2 / PROJ 9.5.1):

    python3 -m venv /tmp/crs-venv && /tmp/crs-venv/bin/pip install pyproj
    /tmp/crs-venv/bin/python native/strabo-crs/tests/make_fixtures.py

It writes, under tests/data/:
- crs.tsv: per CRS, its EPSG code, the PROJ.4 definition strabo-crs uses, the largest distance
  between the fixture's values and pyproj's default transformation for the EPSG code (what
  PostGIS with PROJ and no grid files computes; metres, or degrees for geographic CRSs) and the
  name of that default transformation;
- points.tsv: per point, the code, longitude and latitude (WGS 84, degrees), the x/y pyproj
  computes for them in that CRS, and the longitude/latitude pyproj's inverse gives for that x/y
  (not quite the first ones where there is a datum shift: the inverse of a PROJ.4 Helmert is
  approximate, off by up to about 1e-8 degrees).

Like with like: pyproj is given the very definition strabo-crs transforms with (read from the
crs-definitions crate that cargo resolved), with each `+datum=NAME` spelt out as the ellipsoid
and `+towgs84` that PROJ.4's datum table (and proj4rs's) gives it. Left as `+datum=NAME`, PROJ 9
would look the datum up in the EPSG database and pick an EPSG operation instead (for OSGB36,
EPSG's rounded Helmert "OSGB36 to WGS 84 (6)"), which crs.tsv reports as the deviation.

Points: a 10 x 10 grid over the CRS's EPSG area of use (pyproj's `area_of_use`), 3 x 3 for each
WGS 84 UTM zone, rounded to 1e-6 degrees.
"""

import json
import pathlib
import re
import subprocess
import warnings

from pyproj import CRS, Transformer
from pyproj.transformer import TransformerGroup

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "data"

NATIONAL = [
    3857, 3395, 4258, 4269, 27700, 2154, 3035, 5070, 2056, 28992, 3067, 25832, 25833,
    2193, 3413, 3031, 31370, 5514, 3577, 2180, 3006,
]
UTM = list(range(32601, 32661)) + list(range(32701, 32761))

# PROJ.4's datum table (pj_datums.c; proj4rs's datums.rs has the same values).
DATUMS = {
    "WGS84": "+ellps=WGS84 +towgs84=0,0,0",
    "NAD83": "+ellps=GRS80 +towgs84=0,0,0",
    "OSGB36": "+ellps=airy +towgs84=446.448,-125.157,542.060,0.1502,0.2470,0.8421,-20.4894",
}


def crs_definitions():
    """The crs-definitions table cargo resolved for strabo-crs: {code: PROJ.4 string}."""
    metadata = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--manifest-path",
         str(HERE.parent / "Cargo.toml")]))
    manifest = next(p["manifest_path"] for p in metadata["packages"]
                    if p["name"] == "crs-definitions")
    text = (pathlib.Path(manifest).parent / "src" / "defs.rs").read_text()
    return {int(code): proj4 for code, proj4 in
            re.findall(r'^EPSG_\d+\|(\d+)\|"([^"]*)"\|', text, re.M)}


def explicit_datum(definition):
    return re.sub(r"\+datum=(\S+)", lambda m: DATUMS[m.group(1)], definition)


def grid(code, n):
    area = CRS.from_epsg(code).area_of_use
    west, east = area.west, area.east
    if east < west:  # crosses the antimeridian
        east += 360
    points = []
    for i in range(n):
        lon = west + (east - west) * (i + 0.5) / n
        lon = lon - 360 if lon > 180 else lon
        for j in range(n):
            lat = area.south + (area.north - area.south) * (j + 0.5) / n
            points.append((round(lon, 6), round(lat, 6)))
    return points


def main():
    definitions = crs_definitions()
    wgs84 = CRS.from_proj4(explicit_datum(definitions[4326]))
    crs_rows, point_rows = [], []
    for code, n in [(c, 10) for c in NATIONAL] + [(c, 3) for c in UTM]:
        definition = definitions[code]
        target = CRS.from_proj4(explicit_datum(definition))
        same = Transformer.from_crs(wgs84, target, always_xy=True)
        points = grid(code, n)
        lons, lats = zip(*points)
        xs, ys = same.transform(lons, lats, errcheck=True)
        back_lons, back_lats = same.transform(xs, ys, direction="INVERSE", errcheck=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "best transformation is not available" (grids)
            default = Transformer.from_crs("EPSG:4326", f"EPSG:{code}", always_xy=True)
            operation = TransformerGroup("EPSG:4326", f"EPSG:{code}",
                                         always_xy=True).transformers[0].description
        default_xs, default_ys = default.transform(lons, lats, errcheck=True)
        deviation = max(((x - dx) ** 2 + (y - dy) ** 2) ** 0.5
                        for x, y, dx, dy in zip(xs, ys, default_xs, default_ys))
        crs_rows.append(f"{code}\t{definition}\t{deviation:.3g}\t{operation}\n")
        geographic = target.is_geographic
        for lon, lat, x, y, back_lon, back_lat in zip(lons, lats, xs, ys, back_lons, back_lats):
            xy = f"{x:.12f}\t{y:.12f}" if geographic else f"{x:.6f}\t{y:.6f}"
            point_rows.append(
                f"{code}\t{lon:.6f}\t{lat:.6f}\t{xy}\t{back_lon:.12f}\t{back_lat:.12f}\n")
    DATA.mkdir(exist_ok=True)
    (DATA / "crs.tsv").write_text("".join(crs_rows))
    (DATA / "points.tsv").write_text("".join(point_rows))
    print(f"{len(crs_rows)} CRSs, {len(point_rows)} points")


if __name__ == "__main__":
    main()
