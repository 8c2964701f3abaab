#!/usr/bin/env bash
# The cost of a policy written in Python (bench/README.md, "Python policies"): the C++ fcfs, the
# Python fcfs of schedulers/examples/fcfs.py and a policy that decides nothing, on a 10,000-job
# workload of the default platform. Usage: bench/python/run_python_bench.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
platform=$repo/platforms/ground-two-sites.yaml
"$build/umbra" workload generate --platform "$platform" --out "$work/jobs.csv" --jobs 10000 \
  --load 0.8 --seed 1 > /dev/null

measure() {  # NAME, then the policy's options of `umbra run`
  local name=$1
  shift
  /usr/bin/time -f "%e %U %M" -o "$work/$name.time" \
    "$build/umbra" run "$platform" "$work/jobs.csv" "$@" --out "$work/$name" > /dev/null 2>&1
  read -r wall user memory < "$work/$name.time"
  local calls
  calls=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['scheduler_calls'])" \
    "$work/$name/summary.json")
  printf "| %s | %s | %s | %s | %d MB | %.1f |\n" "$name" "$calls" "$wall" "$user" \
    $((memory / 1024)) "$(echo "$user * 1000000 / $calls" | bc -l)"
}

echo "| policy | policy calls | wall (s) | user (s) | peak memory | user per call (us) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
measure fcfs-cpp --scheduler fcfs
measure fcfs-python --scheduler-python "$repo/schedulers/examples/fcfs.py:Fcfs"
measure trivial-python --scheduler-python "$here/trivial.py:Trivial"
cmp -s "$work/fcfs-cpp/jobs.csv" "$work/fcfs-python/jobs.csv" &&
  echo "fcfs-cpp and fcfs-python: the same jobs.csv" ||
  echo "fcfs-cpp and fcfs-python: jobs.csv differ"
