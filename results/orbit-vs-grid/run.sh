#!/usr/bin/env bash
# Regenerates results/orbit-vs-grid/: table.md, cells.csv and figure/, from the sweep
# sweep.yaml (a power-capped ground data centre beside shells of 0, 72, 288 and 1,152
# satellites, two policies, five seeds: 40 runs, about 30 minutes of CPU) and analyse.py.
# Usage: results/orbit-vs-grid/run.sh [BUILD_DIR] [umbra sweep options, default -j 2]
# RUNS=DIR keeps the sweep's cells there (default: results/runs/orbit-vs-grid). A sweep resumes,
# so an interrupted run.sh goes on where it stopped; remove DIR to start over after a rebuild.
# check.sh reruns the cheap cells against cells.csv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
shift $(( $# > 0 ? 1 : 0 ))
runs=${RUNS:-$root/results/runs/orbit-vs-grid}
"$build/umbra" sweep "$here/sweep.yaml" --out "$runs" "${@:--j2}" > /dev/null
/usr/bin/python3 "$here/analyse.py" "$runs" "$here/table.md" "$here/figure" "$here/cells.csv"
echo "wrote $here/table.md, cells.csv and figure/"
