#!/usr/bin/env bash
# `umbra run` of one scenario under each policy given, timed: the figures of each run (wall and
# user time, peak memory, summary.json's counts, the size of each output), then a table of one
# row per policy. Shared by the orbital benchmarks (bench/orbital_engine, bench/starlink_month).
# Usage: bench/support/run_policies.sh BUILD_DIR PLATFORM WORKLOAD WORK_DIR
#   SCHEDULERS="a b" (default: every built-in policy, `umbra schedulers`),
#   TIMEOUT=SECONDS (0 = none; a run stopped by it writes its outputs up to the instant reached,
#   which its row shows), PERF=1 (each run under `perf record -e cpu-clock -g`, its self-time
#   breakdown printed after it; perf.data kept in WORK_DIR).
set -euo pipefail
build=$1 platform=$2 workload=$3 work=$4
# The policies' names are the first word of the lines of `umbra schedulers` that do not start
# with a space (the others are their options).
schedulers=${SCHEDULERS:-$("$build/umbra" schedulers | awk '/^[^ ]/ { print $1 }')}
value() { grep -o "\"$1\": [0-9.e+-]*" "$2" | head -1 | grep -o '[0-9.e+-]*$'; }
rows=()
for scheduler in $schedulers; do
  out="$work/run-$scheduler"
  rm -rf "$out"
  command=("$build/umbra" run "$platform" "$workload" --scheduler "$scheduler" --out "$out")
  # The timeout signals the run itself (perf does not pass a signal on), which then writes its
  # outputs.
  if [[ ${TIMEOUT:-0} != 0 ]]; then command=(timeout "$TIMEOUT" "${command[@]}"); fi
  if [[ ${PERF:-0} == 1 ]]; then
    command=(perf record -e cpu-clock -F 199 -g -o "$work/perf-$scheduler.data" -- "${command[@]}")
  fi
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
  if [[ ${PERF:-0} == 1 ]]; then
    echo "self time (perf report --no-children, the 15 first symbols):"
    # (head closes the pipe early: no failure for it)
    perf report -i "$work/perf-$scheduler.data" --no-children --stdio 2> /dev/null |
      grep -E '^ +[0-9.]+%' | head -15 | cut -c1-160 || true
  fi
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
  # Satellites are named <shell>-pPP-sSS; jobs.csv's 11th column lists the last placement's nodes.
  orbit_jobs=$(awk -F, 'NR > 1 && $11 ~ /-p[0-9]+-s[0-9]+/ { n++ } END { print n + 0 }' "$out/jobs.csv")
  echo "jobs placed in orbit (last placement): $orbit_jobs"
  for file in power.csv links.csv link_windows.csv allocations.csv jobs.csv; do
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
