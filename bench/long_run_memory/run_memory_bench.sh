#!/usr/bin/env bash
# Memory of a long orbital run (bench/README.md, "A year of the dawn-dusk formation: memory"):
# `umbra run` of platforms/dawn-dusk-formation.yaml with workloads/dawn-dusk-year.yaml under
# fcfs, its resident memory sampled every 5 s against the simulated time power.csv has reached,
# then the peak from /usr/bin/time -v.
# Usage: bench/long_run_memory/run_memory_bench.sh BUILD_DIR WORK_DIR [more `umbra run` options]
#   The outputs (about 1 GB) go to WORK_DIR/run, /usr/bin/time's report to WORK_DIR/time.txt.
set -euo pipefail
build=$(cd "$1" && pwd)
work=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/support/sample_run_memory.sh"
out="$work/run"
mkdir -p "$work"
rm -rf "$out"
echo "machine load before: $(uptime)"
sample_run_memory "$work/time.txt" "$out" 5 "$build/umbra" run \
  "$root/platforms/dawn-dusk-formation.yaml" "$root/workloads/dawn-dusk-year.yaml" \
  --scheduler fcfs --out "$out" "$@"
ls -l "$out"
