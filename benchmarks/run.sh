#!/usr/bin/env bash
# Builds the benchmarks and writes the report: benchmarks/RESULTS.md and benchmarks/results.png.
#   benchmarks/run.sh            quick profile (a few minutes on 2 cores)
#   benchmarks/run.sh --full     real numbers (every benchmark: well over an hour; narrow with --include)
#   benchmarks/run.sh --quick --databases h2,mariadb,postgres
#   benchmarks/run.sh --writes-only --databases h2,mariadb,postgres   only the write benchmarks, into their own JSON
#   benchmarks/run.sh --chinook-only --databases h2,mariadb,postgres  only Chinook (and SQLite), into their own JSON
# The build is a reactor build of the modules the benchmarks need: nothing is installed in ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -pl benchmarks -am -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.canopy.bench.Report "$@"
