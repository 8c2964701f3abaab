#!/usr/bin/env bash
# Orbital engine benchmark (bench/README.md, "Orbital engine: 1,584 satellites, 1,000 jobs,
# 7 days"): `umbra run` on the 72 x 22 Starlink-like shell (with its power model), two ground
# sites and ten ground stations, 1,000 jobs submitted over 6.5 days, under every built-in policy
# (`umbra schedulers`), or those given in SCHEDULERS (e.g. SCHEDULERS="fcfs battery-aware"); then
# one table row per policy.
# Usage: bench/orbital_engine/run_orbital_bench.sh BUILD_DIR
#   JOBS=N (1000), DAYS=D (6.5, submissions span), SEED=S (1), TIMEOUT=SECONDS (0 = none; a run
#   stopped by it writes its outputs up to the instant reached, which its row shows),
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
# The policies' names are the first word of the lines of `umbra schedulers` that do not start
# with a space (the others are their options).
schedulers=${SCHEDULERS:-$("$build/umbra" schedulers | awk '/^[^ ]/ { print $1 }')}
value() { grep -o "\"$1\": [0-9.e+-]*" "$2" | head -1 | grep -o '[0-9.e+-]*$'; }
rows=()
for scheduler in $schedulers; do
  out="$work/run-$scheduler"
  rm -rf "$out"
  command=("$build/umbra" run "$work/platform.yaml" "$work/jobs.csv" --scheduler "$scheduler"
           --out "$out")
  if [[ ${TIMEOUT:-0} != 0 ]]; then command=(timeout "$TIMEOUT" "${command[@]}"); fi
  echo "== $scheduler (machine load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  status=0
  /usr/bin/time -o "$work/time-$scheduler.txt" -f "%e %U %S %M" \
    "${command[@]}" > "$work/stdout-$scheduler.txt" 2> "$work/stderr-$scheduler.txt" || status=$?
  read -r wall user sys peak_kb < <(tail -1 "$work/time-$scheduler.txt")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "wall $wall s, user $user s, sys $sys s, peak RSS $peak_kb KB; machine load after: $load"
  summary="$out/summary.json"
  case $status in
    0) state=complete ;;
    124) state="timed out" ;;
    *) state="exit $status"; tail -5 "$work/stderr-$scheduler.txt" ;;
  esac
  if [[ ! -f $summary ]]; then
    rows+=("| \`$scheduler\` | $wall | $user | $((peak_kb / 1024)) | | | | | | $state |")
    continue
  fi
  jobs=$(value jobs "$summary")
  finished=$(value jobs_finished "$summary")
  end=$(value simulated_end_s "$summary")
  end_days=$(awk -v e="$end" 'BEGIN { printf "%.2f", e / 86400 }')
  calls=$(value scheduler_calls "$summary")
  trees=$(value routing_trees_computed "$summary")
  changes=$(value topology_changes "$summary")
  failures=$(value power_failures "$summary")
  echo "jobs finished: $finished of $jobs; simulated end: $end s ($end_days days); power failures: $failures"
  echo "simulated activities: $(value simulated_activities "$summary") ($(value simulated_transfers "$summary") transfers); scheduler calls: $calls"
  echo "topology changes: $changes; routing trees computed: $trees"
  echo "throttled node-hours: $(value node_hours_throttled "$summary"), off: $(value node_hours_off "$summary"), min state of charge: $(value min_state_of_charge "$summary")"
  orbit_jobs=$(awk -F, 'NR > 1 && $10 == "starlink" { n++ } END { print n + 0 }' "$out/jobs.csv")
  echo "jobs placed in orbit (last placement): $orbit_jobs"
  for file in power.csv links.csv jobs.csv; do
    if [[ -f $out/$file ]]; then
      echo "$file: $(($(wc -l < "$out/$file") - 1)) rows, $(du -h "$out/$file" | cut -f1)"
    fi
  done
  rows+=("| \`$scheduler\` | $wall | $user | $((peak_kb / 1024)) | $calls | $trees | $changes | $finished / $jobs | $end_days | $state |")
done
echo
echo "| policy | wall (s) | user (s) | peak RSS (MiB) | scheduler calls | routing trees | topology changes | jobs finished | simulated end (days) | run |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' "${rows[@]}"
