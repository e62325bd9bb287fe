// Writes countries-<scale>.csv (name, iso_n3, wkt) from npm's world-atlas (Natural Earth Admin 0
// countries at 1:110m or 1:50m, public domain), converting its TopoJSON with topojson-client.
// Run by ./fetch.sh, which installs both packages at pinned versions:
//   node make_countries.mjs <node_modules> <scale: 110m | 50m> <output.csv>
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.argv[2] + "/");
const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${process.argv[3]}.json`), "utf8"));
const { feature } = require("topojson-client");

// world-atlas keeps rings whole across the antimeridian, as spherical renderers want. For planar
// use, a ring that crosses it (an even number of jumps) continues past 180° instead, and a ring
// that circles a pole (one jump: Antarctica) is closed along that pole.
const jumps = (coords) => coords.slice(1).filter(([x], i) => Math.abs(x - coords[i][0]) > 180).length;
const planar = (coords) => {
  const n = jumps(coords);
  if (n === 0) return coords;
  if (n % 2 === 0) return coords.map(([x, y]) => [x < 0 ? x + 360 : x, y]);
  const at = coords.findIndex(([x], i) => i > 0 && Math.abs(x - coords[i - 1][0]) > 180);
  const [[x0], pole] = [coords[at - 1], Math.sign(coords[at][1]) * 90];
  return [...coords.slice(0, at), [x0, pole], [-x0, pole], ...coords.slice(at)];
};
const ring = (coords) => "(" + planar(coords).map(([x, y]) => `${x} ${y}`).join(",") + ")";
const polygon = (rings) => "(" + rings.map(ring).join(",") + ")";
const wkt = (geometry) =>
  geometry.type === "Polygon"
    ? "POLYGON" + polygon(geometry.coordinates)
    : "MULTIPOLYGON(" + geometry.coordinates.map(polygon).join(",") + ")";
const quote = (text) => `"${String(text).replaceAll('"', '""')}"`;

const rows = feature(topology, topology.objects.countries)
  .features.filter((f) => f.geometry)
  .map((f) => [quote(f.properties.name), quote(f.id ?? ""), quote(wkt(f.geometry))].join(","));
writeFileSync(process.argv[4], ["name,iso_n3,wkt", ...rows].join("\n") + "\n");
console.log(`wrote ${rows.length} countries to ${process.argv[4]}`);
