#!/usr/bin/env bash
# Orbital engine benchmark (bench/README.md, "Orbital engine: 1,584 satellites, 1,000 jobs,
# 7 days"): `umbra run` on the 72 x 22 Starlink-like shell (with its power model), two ground
# sites and ten ground stations, 1,000 jobs submitted over 6.5 days, under every built-in policy
# (`umbra schedulers`), or those given in SCHEDULERS (e.g. SCHEDULERS="fcfs battery-aware"); then
# one table row per policy.
# Usage: bench/orbital_engine/run_orbital_bench.sh BUILD_DIR
#   JOBS=N (1000), DAYS=D (6.5, submissions span), SEED=S (1), TIMEOUT=SECONDS (0 = none; a run
#   stopped by it writes its outputs up to the instant reached, which its row shows),
#   KEEP=DIR (keep the scenario and the outputs there instead of a temporary folder), PERF=1
#   (each run under perf, its self-time breakdown printed: bench/support/run_policies.sh).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../support/work_folder.sh"
python3 "$here/make_scenario.py" "$work" "${JOBS:-1000}" "${SEED:-1}" "${DAYS:-6.5}"
echo "scenario: $(grep -c , "$work/jobs.csv") lines in jobs.csv (header included), platform $work/platform.yaml"
"$here/../support/run_policies.sh" "$build" "$work/platform.yaml" "$work/jobs.csv" "$work"
