#!/usr/bin/env bash
# Runs the SGP4 benchmark of Umbra (C++, one and two threads, and the batch propagator) and satellite.js (one thread) on the
# same element sets and prints microseconds per satellite-step side by side.
# Usage: bench/orbit/run_propagation_bench.sh [BUILD_DIR]   (default: build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"

cmake --build "$build" --target bench_sgp4 -j2 >/dev/null
[ -d "$here/node_modules/satellite.js" ] || (cd "$here" && npm install --no-audit --no-fund >/dev/null)

tle="$(mktemp --suffix=.tle)"
cpp_json="$(mktemp --suffix=.json)"
trap 'rm -f "$tle" "$cpp_json"' EXIT
"$build/bench/orbit/bench_sgp4" --write-tle="$tle"
"$build/bench/orbit/bench_sgp4" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$cpp_json" --benchmark_out_format=json >/dev/null
js_output="$(node "$here/satellitejs_bench.mjs" "$tle")"
js_cpu="$(sed -n 's/^cpu_us_per_sat_step //p' <<<"$js_output")"
js_wall="$(sed -n 's/^us_per_sat_step //p' <<<"$js_output")"

python3 - "$cpp_json" "$js_cpu" "$js_wall" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
def median(prefix):
    return next(r["us_per_sat_step"] for r in runs
                if r["name"].startswith(prefix) and r.get("aggregate_name") == "median")
one, two = median("BM_Sgp4OneThread"), median("BM_Sgp4TwoThreads")
batch = median("BM_Sgp4BatchOneThread")
js_cpu, js_wall = float(sys.argv[2]), float(sys.argv[3])
print(f"{'propagator':<36}{'us per satellite-step':>22}{'speed-up':>10}")
print(f"{'satellite.js sgp4(), 1 thread (CPU)':<36}{js_cpu:>22.4f}{1.0:>9.2f}x")
print(f"{'Umbra Sgp4Propagator, 1 thread (CPU)':<36}{one:>22.4f}{js_cpu / one:>9.2f}x")
print(f"{'Umbra Sgp4Batch, 1 thread (CPU)':<36}{batch:>22.4f}{js_cpu / batch:>9.2f}x")
print(f"{'satellite.js sgp4(), 1 thread (wall)':<36}{js_wall:>22.4f}{1.0:>9.2f}x")
print(f"{'Umbra, 2 threads (wall)':<36}{two:>22.4f}{js_wall / two:>9.2f}x")
PY
