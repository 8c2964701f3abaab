#!/usr/bin/env bash
# Times the reproduction of Pollux's Tiresias experiments (results/pollux-tiresias/run.sh: 32
# runs of `umbra run` and the table), then that of workload-6 at load 1.0 alone, and, given a
# checkout of the Pollux artifact's simulator/ folder, the artifact's own run of workload-6
# (artifact_tiresias.py), for the ratio per run (bench/README.md).
# Usage (from the repository root): bench/pollux/run_pollux_bench.sh [BUILD_DIR] [ARTIFACT_SIMULATOR_DIR]
# where ARTIFACT_SIMULATOR_DIR comes from e.g.
#   git -C adaptdl archive osdi21-artifact simulator | tar -x -C /tmp   (then /tmp/simulator)
# The artifact needs Debian's python3-numpy, python3-scipy and python3-pandas (PYTHON=FILE
# chooses the interpreter, default /usr/bin/python3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
artifact=${2:-}
python=${PYTHON:-/usr/bin/python3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
timed() {  # label, command...: wall and user seconds, peak memory
  local label=$1
  shift
  /usr/bin/time -f "$label: %e s wall, %U s user, %M KB peak" "$@" > /dev/null
}
TABLE=$scratch/table.md RUNS=$scratch/runs FIGURE= \
  timed "umbra, 32 runs and the table" "$here/../../results/pollux-tiresias/run.sh" "$build"
TABLE=$scratch/table-6.md RUNS=$scratch/runs-6 FIGURE= LOADS=1.0 WORKLOADS=6 \
  timed "umbra, workload-6 at 1.0 and its table" "$here/../../results/pollux-tiresias/run.sh" "$build"
if [ -n "$artifact" ]; then
  (cd "$artifact" && timed "artifact, workload-6 at 1.0" \
    "$python" "$here/artifact_tiresias.py" "$artifact" workloads/workload-6.csv)
fi
