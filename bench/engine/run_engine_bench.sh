#!/usr/bin/env bash
# Engine benchmark (bench/README.md): 100,000 jobs on a 10,000-GPU ground platform under
# `easy`, then a plain SimGrid program executing the same number of activities with as many
# actors as Umbra had jobs running on average.
# Usage: bench/engine/run_engine_bench.sh BUILD_DIR   (JOBS=N to change the job count)
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/make_scenario.py" "$work" "${JOBS:-100000}" 1
start=$(date +%s.%N)
/usr/bin/time -f "umbra: wall %e s, user %U s, peak memory %M KB" \
  "$build/umbra" run "$work/platform.yaml" "$work/jobs.csv" --scheduler easy --out "$work/run"
wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
value() { grep -o "\"$1\": [0-9.e+]*" "$work/run/summary.json" | grep -o '[0-9.e+]*$'; }
activities=$(value simulated_activities)
transfers=$(value simulated_transfers)
calls=$(value scheduler_calls)
utilisation=$(value gpu_utilisation)
# Mean jobs running = allocated GPU-seconds / makespan / mean GPUs per job.
mean_gpus=$(awk -F, 'NR > 1 { s += $4; n++ } END { print s / n }' "$work/jobs.csv")
running=$(awk -v u="$utilisation" -v g="$mean_gpus" 'BEGIN { printf "%d", u * 10000 / g }')
jobs=$(($(wc -l < "$work/run/jobs.csv") - 1))
echo "simulated activities: $activities ($transfers transfers), scheduler calls: $calls, mean jobs running: $running"
awk -v a="$activities" -v j="$jobs" -v w="$wall" \
  'BEGIN { printf "simulated events (activity completions + submissions) per second: %.0f\n", (a + j) / w }' 
/usr/bin/time -f "raw SimGrid: wall %e s, user %U s, peak memory %M KB" \
  "$build/bench/engine/bench_raw_simgrid" "$activities" "$transfers" "$running" 1250
