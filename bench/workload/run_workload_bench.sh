#!/bin/sh
# Writes a 1,000,000-record SWF log and native CSV, then times reading each in its own process.
# Usage (from the repository root): bench/workload/run_workload_bench.sh [BUILD_DIR] [RECORDS]
set -eu
build=${1:-build}
records=${2:-1000000}
bench="$build/bench/workload/bench_workload_read"
platform=platforms/ground-two-sites.yaml
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$bench" write-swf "$scratch/bench.swf" "$records"
"$bench" write-csv "$scratch/bench.csv" "$records" "$platform"
ls -l "$scratch"
"$bench" read "$scratch/bench.swf" "$platform"
"$bench" read "$scratch/bench.csv" "$platform"
