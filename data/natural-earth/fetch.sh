#!/usr/bin/env bash
# Writes countries-<scale>.csv beside this script from npm's world-atlas (Natural Earth, public
# domain), for a scale of 110m (the default) or 50m.
# countries-110m.csv is committed; run this only to refresh it. countries-50m.csv (3.7 MB) is not:
# the differential suite (it/differential/natural_earth.py) runs this to make it when it is missing.
set -euo pipefail
scale=${1:-110m}
case "$scale" in 110m | 50m) ;; *) echo "usage: $0 [110m|50m]" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --silent --no-audit --no-fund --prefix "$work" world-atlas@2.0.2 topojson-client@3.1.0
# Written aside and moved into place, so that an interrupted run leaves no partial CSV behind.
node "$here/make_countries.mjs" "$work/node_modules" "$scale" "$work/countries-$scale.csv"
mv "$work/countries-$scale.csv" "$here/countries-$scale.csv"
