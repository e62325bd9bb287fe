#!/usr/bin/env bash
# Regenerates countries-110m.csv from npm's world-atlas (Natural Earth, public domain).
# The CSV is committed; run this only to refresh it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --silent --no-audit --no-fund --prefix "$work" world-atlas@2.0.2 topojson-client@3.1.0
node "$here/make_countries.mjs" "$work/node_modules" "$here/countries-110m.csv"
