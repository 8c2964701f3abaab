#!/usr/bin/env bash
# Orbital engine benchmark (bench/README.md, "Orbital engine: 1,584 satellites, 1,000 jobs,
# 7 days"): `umbra run` on the 72 x 22 Starlink-like shell (with its power model), two ground
# sites and ten ground stations, 1,000 jobs submitted over 6.5 days, under fcfs (and any other
# policies given in SCHEDULERS, e.g. SCHEDULERS="fcfs battery-aware").
# Usage: bench/orbital_engine/run_orbital_bench.sh BUILD_DIR
#   JOBS=N (1000), DAYS=D (6.5, submissions span), SEED=S (1), TIMEOUT=SECONDS (0 = none),
#   KEEP=DIR (keep the scenario and the outputs there instead of a temporary folder).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
if [[ -n ${KEEP:-} ]]; then
  work=$KEEP
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
python3 "$here/make_scenario.py" "$work" "${JOBS:-1000}" "${SEED:-1}" "${DAYS:-6.5}"
echo "scenario: $(grep -c , "$work/jobs.csv") lines in jobs.csv (header included), platform $work/platform.yaml"
echo "machine load before: $(uptime)"
value() { grep -o "\"$1\": [0-9.e+-]*" "$2" | head -1 | grep -o '[0-9.e+-]*$'; }
for scheduler in ${SCHEDULERS:-fcfs}; do
  out="$work/run-$scheduler"
  command=("$build/umbra" run "$work/platform.yaml" "$work/jobs.csv" --scheduler "$scheduler"
           --out "$out")
  if [[ ${TIMEOUT:-0} != 0 ]]; then command=(timeout "$TIMEOUT" "${command[@]}"); fi
  echo "== $scheduler"
  status=0
  /usr/bin/time -f "umbra run ($scheduler): wall %e s, user %U s, sys %S s, peak RSS %M KB" \
    "${command[@]}" > "$work/stdout-$scheduler.txt" || status=$?
  echo "machine load after: $(uptime)"
  if [[ $status != 0 ]]; then
    echo "umbra run ($scheduler) exited with status $status (124: timed out)"
    tail -5 "$work/stdout-$scheduler.txt"
    continue
  fi
  summary="$out/summary.json"
  jobs=$(value jobs "$summary")
  finished=$(value jobs_finished "$summary")
  end=$(value simulated_end_s "$summary")
  activities=$(value simulated_activities "$summary")
  transfers=$(value simulated_transfers "$summary")
  calls=$(value scheduler_calls "$summary")
  echo "jobs finished: $finished of $jobs; simulated end: $end s ($(awk -v e="$end" 'BEGIN { printf "%.2f", e / 86400 }') days)"
  echo "simulated activities: $activities ($transfers transfers); scheduler calls: $calls"
  echo "throttled node-hours: $(value node_hours_throttled "$summary"), off: $(value node_hours_off "$summary"), min state of charge: $(value min_state_of_charge "$summary")"
  orbit_jobs=$(awk -F, 'NR > 1 && $10 == "starlink" { n++ } END { print n + 0 }' "$out/jobs.csv")
  echo "jobs placed in orbit (last placement): $orbit_jobs"
  for file in power.csv links.csv jobs.csv; do
    if [[ -f $out/$file ]]; then
      echo "$file: $(($(wc -l < "$out/$file") - 1)) rows, $(du -h "$out/$file" | cut -f1)"
    fi
  done
done
