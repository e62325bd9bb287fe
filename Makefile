# Strabo's build. `make demo` and `make test` each do all their own setup on a fresh machine:
# the Rust release build, the jar (Maven), the Python wheel, and a virtualenv per Spark version
# with pyspark from PyPI.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

VERSION := 0.1.0
# Spark versions the integration tests run against; the demo and the benchmark use the first.
SPARK_VERSIONS ?= 4.2.1 4.3.0
SPARK_VERSION ?= $(firstword $(SPARK_VERSIONS))
PYTHON ?= python3
VENVS := .venvs
JAR := jvm/target/strabo-spark_2.13-$(VERSION).jar
WHEEL := build/dist/strabo_spark-$(VERSION)-py3-none-any.whl
# How the demo is submitted (it/test_demo.py submits it the same way): warnings only, from the
# first log line on.
DEMO_ARGS := --master 'local[2]' --jars $(JAR) --conf spark.ui.enabled=false \
  --driver-java-options -Dlog4j2.configurationFile=$(CURDIR)/demo/log4j2.properties
MVN := mvn -B -q
venv = $(VENVS)/spark-$(1)
# Runs a command as in an activated virtualenv: Spark's launchers find pyspark through `python3`.
in_venv = PATH="$(CURDIR)/$(call venv,$(1))/bin:$$PATH" VIRTUAL_ENV="$(CURDIR)/$(call venv,$(1))"

.PHONY: all native jar wheel venvs docs demo test lint test-rust test-jvm test-it differential bench clean \
  fuzz fuzz-smoke fuzz-tools coverage

all: wheel

## native: the release build of the JNI library
native:
	cargo build --release -p strabo-jni

## jar: the Spark jar, with the native library inside (JVM tests not run)
jar: native
	cd jvm && $(MVN) package -DskipTests

## wheel: the pip-installable Python package, with the jar and the registry inside
wheel: jar
	rm -rf python/strabo/jars && mkdir -p python/strabo/jars build/dist
	cp $(JAR) python/strabo/jars/
	cargo run -q --release -p strabo-functions --bin strabo-registry -- json > python/strabo/registry.json
	cargo run -q --release -p strabo-functions --bin strabo-registry -- pyi > python/strabo/functions.pyi
	$(PYTHON) -m pip wheel -q --no-deps -w build/dist ./python

## venvs: one virtualenv per Spark version, with pyspark, the test tools and the wheel
venvs: $(foreach v,$(SPARK_VERSIONS),venv-$(v))

## venv-<version>: the virtualenv of one Spark version, with the current wheel installed
venv-%: wheel $(VENVS)/spark-%/.ready
	$(VENVS)/spark-$*/bin/pip install -q --force-reinstall --no-deps $(WHEEL)

# Kept once made: make would otherwise delete it as an intermediate file, and remake the venv.
.PRECIOUS: $(VENVS)/spark-%/.ready
$(VENVS)/spark-%/.ready: it/requirements.txt
	$(PYTHON) -m venv $(VENVS)/spark-$*
	$(VENVS)/spark-$*/bin/pip install -q --upgrade pip
	$(VENVS)/spark-$*/bin/pip install -q pyspark==$* -r it/requirements.txt
	touch $@

## docs: regenerate docs/functions.md and the Scala functions object from the function registry
docs:
	cargo run -q --release -p strabo-functions --bin strabo-registry -- markdown > docs/functions.md
	cargo run -q --release -p strabo-functions --bin strabo-registry -- scala > jvm/src/main/scala/io/strabo/spark/functions.scala

## demo: the main job, countries and cities from Natural Earth, in local Spark (SPARK_VERSION only)
demo: venv-$(SPARK_VERSION)
	$(call in_venv,$(SPARK_VERSION)) spark-submit $(DEMO_ARGS) demo/countries.py data

## test: every test: lint, Rust, JVM, a short fuzzing pass, end-to-end in Spark for each of
## SPARK_VERSIONS, and every function against its oracle
test: lint test-rust fuzz-smoke test-jvm test-it differential

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --release -- -D warnings

test-rust:
	cargo test --release --workspace

test-jvm: native
	cd jvm && $(MVN) verify

test-it: venvs
	for v in $(SPARK_VERSIONS); do \
	  echo "== integration tests on Spark $$v"; \
	  $(call in_venv,$$v) python -m pytest -q it --ignore=it/test_differential.py; \
	done

## differential: every function against GEOS (shapely), PROJ (pyproj) and H3 (h3) in Spark
## (SPARK_VERSION only), failing where one falls below its threshold or docs/correctness.md is
## not what it computes; STRABO_WRITE_CORRECTNESS=1 rewrites that file instead.
differential: venv-$(SPARK_VERSION)
	$(call in_venv,$(SPARK_VERSION)) python -m pytest -q it/test_differential.py

## bench: the executor against a typed loop (outside Spark), then Strabo's functions in Spark
## against Spark's arithmetic floor and Apache Sedona, 10M rows each, then 10M points joined to
## the countries against Sedona's broadcast index join, then a selective query on the store
## against no pushdown and plain Parquet (40M points)
bench: venv-$(SPARK_VERSION)
	cargo bench -q --bench executor
	$(call in_venv,$(SPARK_VERSION)) python bench/functions_bench.py
	$(call in_venv,$(SPARK_VERSION)) python bench/joins_bench.py
	$(call in_venv,$(SPARK_VERSION)) python bench/store_bench.py

## fuzz: every fuzz target for FUZZ_RUNS executions (10M) from the checked-in corpus and
## regressions; fails on the first crash, whose input lands in fuzz/artifacts/<target>/
## pruning runs alone, ./fuzz/run pruning <executions>: it plans and scans about a hundred files
## a case (random filters over a random store), some 30 cases a second, and its seeded property
## test runs in cargo test.
FUZZ_TARGETS := wkb wkt geojson ewkt ewkb gml executor aggregate ecql filter_json pushdown geomesa_spec geomesa_conf geomesa_names store_file join
FUZZ_RUNS ?= 10000000
fuzz: fuzz-tools
	for t in $(FUZZ_TARGETS); do ./fuzz/run $$t $(FUZZ_RUNS); done

## fuzz-smoke: the short pass of `make test`, with a fixed seed: 200k executions per target, 40k
## for the targets that run every function on each input (some 500 executions a second, where
## the parsers run thousands); `make fuzz` runs them all 10M times
FUZZ_SMOKE_SLOW := wkb executor aggregate
fuzz-smoke: fuzz-tools
	for t in $(FUZZ_TARGETS); do \
	  runs=200000; [[ " $(FUZZ_SMOKE_SLOW) " == *" $$t "* ]] && runs=40000; \
	  FUZZ_SEED=1 ./fuzz/run $$t $$runs; \
	done

fuzz-tools:
	command -v cargo-fuzz >/dev/null || cargo install -q cargo-fuzz --locked

## coverage: line coverage of the parsers and kernels by the fuzz corpus and regressions, as
## `cargo test` replays them (cargo llvm-cov); the report is in docs/reliability.md
coverage:
	rustup component add llvm-tools-preview
	command -v cargo-llvm-cov >/dev/null || cargo install -q cargo-llvm-cov --locked
	cargo llvm-cov --release --workspace --test fuzz_regressions --summary-only

clean:
	cargo clean
	rm -rf fuzz/target
	cd jvm && $(MVN) clean
	rm -rf build python/strabo/jars python/strabo/registry.json python/strabo/functions.pyi $(VENVS)
