#!/usr/bin/env bash
# Engine benchmark: 100,000 jobs on a 10,000-GPU ground platform under `easy`, beside a plain
# SimGrid program executing the same number of activities. Usage: bench/engine/run_engine_bench.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/make_scenario.py" "$work" "${JOBS:-100000}" 1
/usr/bin/time -f "umbra: wall %e s, peak memory %M KB" \
  "$build/umbra" run "$work/platform.yaml" "$work/jobs.csv" --scheduler easy --out "$work/run" \
  | tee "$work/summary.txt"
activities=$(grep -o '"simulated_activities": [0-9]*' "$work/run/summary.json" | grep -o '[0-9]*$')
calls=$(grep -o '"scheduler_calls": [0-9]*' "$work/run/summary.json" | grep -o '[0-9]*$')
echo "simulated activities: $activities, scheduler calls: $calls"
/usr/bin/time -f "raw SimGrid: wall %e s, peak memory %M KB" \
  "$build/bench/engine/bench_raw_simgrid" "$activities" 2000 10000
