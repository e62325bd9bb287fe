"""The main job (`make demo`): submitted as the Makefile submits it, it prints what the README
says, its figures agree with GEOS, and its output starts clean (no INFO lines)."""
import re
import subprocess

import shapely

from conftest import REPO, SPARK_HOME, spark_env

FOUR = ["France", "Germany", "Spain", "Iceland"]


def submit_demo(jar):
    command = [
        str(SPARK_HOME / "bin" / "spark-submit"),
        "--master", "local[2]", "--jars", jar, "--conf", "spark.ui.enabled=false",
        "--driver-java-options", f"-Dlog4j2.configurationFile={REPO / 'demo/log4j2.properties'}",
        str(REPO / "demo/countries.py"), str(REPO / "data"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=spark_env(), timeout=600)
    assert done.returncode == 0, done.stderr[-5000:]
    return done.stdout, done.stderr


def table_rows(stdout, heading):
    """The cells of the rows of the first table printed after `heading`."""
    table = []
    for line in stdout.split(heading, 1)[1].splitlines()[1:]:
        if line.startswith(("+", "|")):
            table.append(line)
        elif table:
            break
    rows = [line for line in table if line.startswith("|")][1:]  # the first is the header
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in rows]


def test_the_demo_prints_its_tables_and_they_agree_with_geos(jar):
    stdout, stderr = submit_demo(jar)
    assert " INFO " not in stderr, stderr[:2000]
    assert "Loaded 177 countries and 16 cities; geometry type: geometry(4326)" in stdout

    countries = {}
    for line in (REPO / "data/natural-earth/countries-110m.csv").read_text().splitlines()[1:]:
        name, _, wkt = re.match(r'"([^"]*)","([^"]*)","([^"]*)"', line).groups()
        countries[name] = shapely.from_wkt(wkt)

    largest = table_rows(stdout, "The ten largest countries")
    expected = sorted(countries, key=lambda n: -round(countries[n].area, 1))[:10]
    assert [row[0] for row in largest] == expected
    assert float(largest[0][1]) == round(countries[expected[0]].area, 1)

    cities = {row[0]: row for row in table_rows(stdout, "Which country contains each city")}
    assert len(cities) == 16
    assert cities["Paris"][1] == "France" and cities["Paris"][3] == "u09tv"
    for city, country, location, _ in cities.values():
        assert countries[country].contains(shapely.from_wkt(location)), city

    paris = shapely.from_wkt(cities["Paris"][2])
    distances = table_rows(stdout, "Four countries, their distance from Paris")
    assert [(r[0], float(r[1]), int(r[2])) for r in distances] == sorted(
        [(n, round(countries[n].distance(paris), 2), shapely.get_num_coordinates(countries[n])) for n in FOUR],
        key=lambda r: r[1],
    )

    [(extent, union_area)] = table_rows(stdout, "The same four as one group")
    group = shapely.union_all([countries[n] for n in FOUR])
    assert shapely.from_wkt(extent).equals(shapely.box(*group.bounds))
    assert float(union_area) == round(group.area, 1)

    assert "  countries: 177 rows in" in stdout and "  cities: 16 rows in" in stdout
    assert "  events: 1000000 rows in" in stdout

    europe = table_rows(stdout, "cities WHERE st_intersects")
    box = shapely.box(-10, 35, 30, 60)
    expected = sorted(c for c, row in cities.items() if box.intersects(shapely.from_wkt(row[2])))
    assert [row[0] for row in europe] == expected and 0 < len(expected) < 16
    assert "pushed to the store: INTERSECTS(location, SRID=4326;POLYGON((-10 35,-10 60,30 60,30 35,-10 35)))" in stdout

    paris = table_rows(stdout, "countries WHERE st_contains")
    assert [row[0] for row in paris] == ["France"]

    # The selective query reads a small part of the events: one week's partitions of one z2
    # cell, and within them the row groups whose boxes and times can match.
    pruned = re.search(
        r"events WHERE .*?\n  pushed to the store: (.*?)\n  pruned: files: (\d+) in the snapshot, (\d+) after "
        r"partitions, (\d+) after file statistics; row groups: (\d+), (\d+) after statistics", stdout)
    assert pruned, stdout[-3000:]
    files, after_partitions, after_stats, groups, after_groups = map(int, pruned.groups()[1:])
    assert files > after_partitions >= after_stats >= 1 and groups >= after_groups >= 1
    assert "kind = 3" in pruned.group(1) and "dtg >= 2024-01-10T00:00:00Z" in pruned.group(1)
    [(count,)] = table_rows(stdout, "events WHERE")
    assert 0 < int(count) < 1000
