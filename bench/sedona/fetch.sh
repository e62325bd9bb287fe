#!/usr/bin/env bash
# Puts Apache Sedona 1.8.0 for Spark 4 (three jars from Maven Central) and the small compat jar
# built from compat/FoldableUnevaluable.java into build/sedona/. Idempotent: present jars are kept
# and the compat jar is rebuilt only when its source is newer.
#
#   bench/sedona/fetch.sh        SPARK_JARS=<pyspark/jars> to compile against another Spark
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/build/sedona"
maven=https://repo1.maven.org/maven2
mkdir -p "$out"

# Sedona 1.8.0 is the newest release with a Spark 4 jar on Maven Central (built for Spark 4.0).
artifacts=(
  org/apache/sedona/sedona-spark-shaded-4.0_2.13/1.8.0/sedona-spark-shaded-4.0_2.13-1.8.0.jar
  org/datasyslab/geotools-wrapper/1.8.0-33.1/geotools-wrapper-1.8.0-33.1.jar
  # Sedona's spatial join (DuplicatesFilter) needs Commons Collections 3, which Spark 4.0 bundled
  # and Spark 4.1 dropped.
  commons-collections/commons-collections/3.2.2/commons-collections-3.2.2.jar
)
for path in "${artifacts[@]}"; do
  jar="$out/${path##*/}"
  [[ -f "$jar" ]] && continue
  curl -fsSL --retry 3 -o "$jar.part" "$maven/$path"
  # Maven Central's .sha1 guards against a truncated or corrupted download.
  sha1="$(curl -fsSL --retry 3 "$maven/$path.sha1" | cut -c1-40)"
  echo "$sha1  $jar.part" | sha1sum -c --quiet -
  mv "$jar.part" "$jar"
done

# The compat jar only needs Spark's classes to compile against; any Spark 4 pyspark will do.
src="$here/compat/FoldableUnevaluable.java"
compat="$out/sedona-spark4-compat.jar"
if [[ ! -f "$compat" || "$src" -nt "$compat" ]]; then
  venv_jars=("$root"/.venvs/spark-4.2.1/lib/python3*/site-packages/pyspark/jars)
  spark_jars="${SPARK_JARS:-${venv_jars[0]}}"
  if [[ ! -d "$spark_jars" ]]; then
    echo "fetch.sh: no pyspark jars to compile against; set SPARK_JARS" >&2
    exit 1
  fi
  classes="$(mktemp -d)"
  trap 'rm -rf "$classes"' EXIT
  javac --release 17 -nowarn -cp "$spark_jars/*" -d "$classes" "$src"
  jar cf "$compat.part" -C "$classes" .
  mv "$compat.part" "$compat"
fi
