#!/usr/bin/env bash
# Regenerates results/pollux-tiresias/table.md and figure.svg: the Pollux artifact's Tiresias
# experiments (Qiao et al., OSDI 2021, section 5.3; petuum/adaptdl, branch osdi21-artifact,
# simulator/) through Umbra. Its 8 workloads at each of its 4 relative loads
# (workloads/traces/pollux/load-*/) run on its testbed (platforms/pollux-testbed.yaml) under
# tiresias's artifact variant, jobs driven by the measured application profiles; the table
# sets the mean JCTs beside the artifact's committed ones (artifact-jcts.csv, every job's JCT
# from its results-jobload/tiresias-<load>/summary.json). README "Reproducing Pollux's
# Tiresias experiments" reads it.
# Usage: results/pollux-tiresias/run.sh [BUILD_DIR]   (default: build)
# TABLE=FILE writes the table there instead, RUNS=DIR the raw outputs, FIGURE=FILE the figure
# (FIGURE= with nothing: none); LOADS="1.0" and WORKLOADS="6" run a subset (the test suite uses
# them to check a part of the recorded table cheaply).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
table=${TABLE:-$here/table.md}
runs=${RUNS:-$root/results/runs/pollux-tiresias}
figure=${FIGURE-$here/figure.svg}
loads=${LOADS:-0.5 1.0 1.5 2.0}
workloads=${WORKLOADS:-1 2 3 4 5 6 7 8}
for load in $loads; do
  for w in $workloads; do
    "$build/umbra" run "$root/platforms/pollux-testbed.yaml" \
      "$root/workloads/traces/pollux/load-$load/workload-$w.csv" \
      --scheduler tiresias --policy-option queues=57600 --policy-option round=60 \
      --policy-option queue_order=entry --policy-option placement=most-free \
      --policy-option decide=rounds --restart-overhead 30s --restart-overhead-first \
      --seed 0 --out "$runs/load-$load/workload-$w" --check > /dev/null
  done
done
python3 "$here/tabulate.py" "$runs" "$here/artifact-jcts.csv" "$figure" "$loads" "$workloads" \
  > "$table"
echo "wrote $table"
