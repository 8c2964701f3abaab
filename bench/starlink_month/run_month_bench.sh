#!/usr/bin/env bash
# Ten thousand satellites for a month (bench/README.md): `umbra run` on
# bench/starlink_month/starlink-month.yaml (11,128 satellites in the seven Starlink shells,
# 100 ground stations, two ground sites) with 20,000 jobs generated over 30 days, under fcfs
# and follow-the-sun (or SCHEDULERS), timed, then one table row per policy
# (bench/support/run_policies.sh).
# Usage: bench/starlink_month/run_month_bench.sh BUILD_DIR
#   DAYS=D (30): only the jobs submitted in the first D days of the month (a prefix of the same
#   workload, to see how the cost grows with the horizon), SEED=S (1, the workload's),
#   SCHEDULERS="fcfs follow-the-sun", TIMEOUT=SECONDS (0 = none), PERF=1,
#   KEEP=DIR (keep the workload and the outputs there instead of a temporary folder).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../support/work_folder.sh"
platform=$here/starlink-month.yaml
# 20,000 jobs at an offered load of 0.4 of the 89,216 GPUs: 8-256 GPUs as in
# bench/orbital_engine, run times log-normal with a median of e^11.02 s (17 h) and sigma 1
# (mean 28 h), which spreads the arrivals over 718 h (29.9 days) at that load.
"$build/umbra" workload generate --platform "$platform" --out "$work/month.csv" --jobs 20000 \
  --load 0.4 --sizes choice:8,16,32,64,128,256@0.25,0.25,0.2,0.15,0.1,0.05 \
  --durations lognormal:11.02,1 --seed "${SEED:-1}"
days=${DAYS:-30}
# The comment lines and the header, then the jobs submitted before day D (submit is "N s").
awk -F, -v until="$((days * 86400))" '/^#/ || /^id,/ { print; next }
  { split($2, submit, " "); if (submit[1] < until) print }' "$work/month.csv" > "$work/jobs.csv"
echo "scenario: $(grep -vc -e '^#' -e '^id,' "$work/jobs.csv") jobs submitted in the first $days days, platform $platform"
SCHEDULERS=${SCHEDULERS:-fcfs follow-the-sun} \
  "$here/../support/run_policies.sh" "$build" "$platform" "$work/jobs.csv" "$work"
