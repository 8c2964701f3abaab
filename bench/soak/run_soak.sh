#!/usr/bin/env bash
# Soak test (bench/README.md, "Soak: a year of hybrid-power-limited, checked"): a year of
# arrivals on platforms/hybrid-power-limited.yaml at an offered load of 0.8 of its 672 GPUs,
# run with --check under fcfs, battery-aware and follow-the-sun: no invariant may be violated
# (exit 3), and the resident memory, sampled every 30 s against simulated time, should stay
# flat after the first simulated week.
#
# The workload is drawn by `umbra workload generate` with the shipped day's size mix
# (workloads/hybrid-power-limited.yaml: 1, 2, 4 and 8 GPUs, 15/15/30/40 % of the jobs) and
# longer runs (lognormal, median e^9.9 s = 5.5 h, mean 7.6 h), about 130,000 jobs a year; the
# generator's default mix (median 50 min on 1-8 GPUs) would draw 740,000.
#
# Usage: bench/soak/run_soak.sh BUILD_DIR WORK_DIR [SPAN] [POLICY...]
#   SPAN: the arrival span (default 365d); POLICY: default fcfs battery-aware follow-the-sun.
#   Each run's outputs go to WORK_DIR/POLICY (power.csv only with its event rows: --power-rows
#   events), /usr/bin/time's report to WORK_DIR/POLICY.time, the samples to WORK_DIR/POLICY.rss.
set -euo pipefail
build=$(cd "$1" && pwd)
work=$2
span=${3:-365d}
shift $(( $# < 3 ? $# : 3 ))
policies=("$@")
[ ${#policies[@]} -gt 0 ] || policies=(fcfs battery-aware follow-the-sun)
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/support/sample_run_memory.sh"
platform="$root/platforms/hybrid-power-limited.yaml"
mkdir -p "$work"
"$build/umbra" workload generate --platform "$platform" --out "$work/workload.csv" \
  --span "$span" --load 0.8 --seed 1 --sizes choice:1,2,4,8@0.15,0.15,0.3,0.4 \
  --durations lognormal:9.9,0.8
status=0
for policy in "${policies[@]}"; do
  out="$work/$policy"
  rm -rf "$out"
  echo "== $policy (machine load before: $(uptime))"
  if sample_run_memory "$work/$policy.time" "$out" 30 "$build/umbra" run "$platform" \
       "$work/workload.csv" --scheduler "$policy" --check --power-rows events --out "$out" \
       | tee "$work/$policy.rss"; then
    /usr/bin/python3 - "$out/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"jobs {s['jobs']}, finished {s['jobs_finished']}, simulated end {s['simulated_end_s'] / 86400:.1f} d, "
      f"utilisation {s['gpu_utilisation']:.3f}, mean JCT {s['jct']['mean_s'] / 3600:.1f} h, "
      f"power failures {s['power_failures']}, scheduler calls {s['scheduler_calls']}")
PY
  else
    echo "$policy: the run failed (exit 3 is an invariant violated; see $work/$policy.time)"
    status=1
  fi
done
exit $status
