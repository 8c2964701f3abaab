#!/usr/bin/env bash
# Reruns the cells of results/orbit-vs-grid/sweep.yaml that take seconds (the ground alone and
# the 72-satellite shell, both policies, seed 0) and checks that each gives the row of cells.csv
# that run.sh recorded, byte for byte. The test suite runs it; run.sh regenerates everything.
# Usage: results/orbit-vs-grid/check.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$here/platforms" "$scratch/"
sed -e '/shell-288.yaml\|shell-1152.yaml/d' -e 's/^seeds: 5$/seeds: [0]/' "$here/sweep.yaml" \
  > "$scratch/sweep.yaml"
grep -q '^seeds: \[0\]$' "$scratch/sweep.yaml"  # the edit took
"$build/umbra" sweep "$scratch/sweep.yaml" --out "$scratch/runs" -j 2 > /dev/null
/usr/bin/python3 "$here/analyse.py" "$scratch/runs" "$scratch/table.md" "" "$scratch/cells.csv"
rows=$(tail -n +2 "$scratch/cells.csv" | wc -l)
[ "$rows" -eq 4 ] || { echo "expected 4 cells, got $rows"; exit 1; }
missing=$(grep -vxF -f "$here/cells.csv" "$scratch/cells.csv" || true)
[ -z "$missing" ] || { echo "cells not as recorded in $here/cells.csv:"; echo "$missing"; exit 1; }
echo "4 cells reproduced"
