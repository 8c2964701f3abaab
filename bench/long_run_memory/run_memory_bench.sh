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
out="$work/run"
mkdir -p "$work"
rm -rf "$out"
echo "machine load before: $(uptime)"
/usr/bin/time -v -o "$work/time.txt" "$build/umbra" run "$root/platforms/dawn-dusk-formation.yaml" \
  "$root/workloads/dawn-dusk-year.yaml" --scheduler fcfs --out "$out" "$@" > /dev/null &
runner=$!
echo "simulated day, resident MB"
while kill -0 "$runner" 2> /dev/null; do
  sleep 5
  umbra_pid=$(pgrep -P "$runner" || true)
  [[ -n $umbra_pid ]] || continue
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$umbra_pid/status" 2> /dev/null || true)
  # The last whole row written so far (the file grows a MB at a time).
  time_s=$(tail -c 300 "$out/power.csv.partial" 2> /dev/null | tail -2 | head -1 | cut -d, -f1 || true)
  if [[ -n $rss_kb && -n $time_s ]]; then
    awk -v t="$time_s" -v kb="$rss_kb" 'BEGIN { printf "%.0f, %.0f\n", t / 86400, kb / 1024 }'
  fi
done
wait "$runner"
grep -E "Elapsed|User time|System time|Maximum resident" "$work/time.txt"
ls -l "$out"
