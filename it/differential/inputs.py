"""The two input tables of the differential suite, from every source: single geometries
(the grid corpus, the countries and their boundaries) and pairs (grid pairs, neighbouring
countries, points in longitude and latitude)."""
from __future__ import annotations

from . import corpus, natural_earth
from .spark_run import Inputs

SCALES = {"ne110": "110m", "ne50": "50m"}


def build() -> tuple[Inputs, Inputs]:
    singles = Inputs("differential_singles", pairs=False)
    pairs = Inputs("differential_pairs", pairs=True)
    geometries, tags = corpus.singles()
    singles.add("grid", tags, geometries)
    pairs.add("grid pairs", *_tagged(corpus.pairs(geometries)))
    for source, scale in SCALES.items():
        names, countries = natural_earth.countries(scale)
        singles.add(source, names, countries)
        singles.add(f"{source} boundaries", [f"{n} boundary" for n in names], natural_earth.boundaries(countries))
        pairs.add(f"{source} neighbours", *_tagged(natural_earth.neighbours(names, countries)))
    pairs.add("lonlat points", *_tagged(corpus.lonlat_point_pairs()))
    return singles, pairs


def _tagged(made):
    """(firsts, seconds, tags) in the order Inputs.add takes them."""
    firsts, seconds, tags = made
    return tags, firsts, seconds
