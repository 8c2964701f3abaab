#!/usr/bin/env bash
# Builds the libFuzzer targets of the input readers (UMBRA_FUZZ, with clang, in a build folder
# of their own) and runs each for a given time, starting from the shipped files as seeds.
#
#   tests/fuzz/run_fuzzers.sh [--build DIR] [--seconds N | --cpu-seconds N] [TARGET...]
#
# --seconds counts wall time; --cpu-seconds counts the fuzzer's own CPU time, so that a long
# session on a busy machine still fuzzes for the time asked (run it under nice beside other work).
# An input that runs 10 s is a hang; libFuzzer counts that in wall time, which an input starved
# of CPU on a busy machine reaches without hanging, so --cpu-seconds allows 60 s of wall time.
# TARGET is a reader name (platform_yaml, swf, tle, ...; default: all). Each target's corpus
# grows in DIR/fuzz-corpus/TARGET across runs; an input that breaks the contract is saved as
# DIR/fuzz-findings/TARGET-crash-*, -timeout-* or -oom-*. Prints one line per target (time,
# executions, coverage, corpus) and exits 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=build-fuzz
seconds=30
budget=wall
hang_seconds=10
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$2"; shift 2 ;;
    --seconds) seconds="$2"; budget=wall; shift 2 ;;
    --cpu-seconds) seconds="$2"; budget=cpu; hang_seconds=60; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done

cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DUMBRA_FUZZ=ON -DUMBRA_BUILD_TESTS=OFF \
  -DUMBRA_BUILD_BENCH=OFF -DUMBRA_WERROR=ON > /dev/null
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/fuzz_*.cpp; do
    name="${source##*/fuzz_}"
    targets+=("${name%.cpp}")
  done
fi
cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}" > /dev/null

# The shipped files each reader takes, well-formed and malformed.
seeds_of() {
  local malformed=tests/spec/malformed
  case "$1" in
    # Not the million-satellite platform: building its constellation takes 21 s and 0.9 GB
    # under the sanitizers, a "hang" at the first input (its shells are those of the others).
    platform_yaml) ls platforms/*.yaml tests/cli/data/walker-*.yaml $malformed/platform-*.yaml \
                      $malformed/reference-platform.yaml | grep -v million-satellites ;;
    workload_yaml) ls workloads/*.yaml tests/cli/data/*jobs.yaml $malformed/workload-*.yaml ;;
    workload_csv) ls $malformed/workload-*.csv ;;
    swf) ls workloads/traces/*.swf $malformed/trace-swf-* ;;
    philly) ls workloads/traces/philly-*.json $malformed/trace-philly-* ;;
    helios) ls workloads/traces/helios-*.csv $malformed/trace-helios-* ;;
    alibaba_pai) ;;  # written by write_alibaba_pai_seed
    pollux) ls workloads/traces/pollux/*.csv $malformed/trace-pollux-* ;;
    tle) ls platforms/*.tle /usr/lib/python3/dist-packages/sgp4/SGP4-VER.TLE 2>/dev/null || true ;;
    omm_kvn) ls tests/fuzz/seeds/*.kvn ;;
    omm_json) ls tests/fuzz/seeds/*.json ;;
    sweep_spec) ls examples/*.yaml $malformed/sweep-* | grep -v '\.expected$' ;;
    *) echo "unknown fuzz target: $1" >&2; exit 2 ;;
  esac
}

# The Alibaba PAI target reads the job table, a NUL byte, then the task table.
write_alibaba_pai_seed() {
  local tables=workloads/traces/alibaba-pai
  { cat $tables/pai_job_table.csv; printf '\0'; cat $tables/pai_task_table.csv; } > "$1/shipped"
}

# CPU seconds (user + system) the process PID has used so far.
cpu_seconds_of() {
  local fields
  read -ra fields < "/proc/$1/stat" || return 1
  # The name (field 2) has no spaces here; utime and stime are fields 14 and 15, in clock ticks.
  echo $(( (fields[13] + fields[14]) / $(getconf CLK_TCK) ))
}

# Runs the fuzzer (the arguments) until its CPU time reaches $seconds, then interrupts it; the
# CPU time it used is left in $cpu_used.
# libFuzzer answers an interruption by printing its final statistics and exiting with 72 (clang
# 14's libFuzzer has no flag to change that code), which here means a clean end; a finding exits
# with 70 (timeout) or 77 and other codes before the interruption.
fuzz_for_cpu_seconds() {
  "$@" &
  local pid=$! interrupted=no status=0
  while kill -0 "$pid" 2> /dev/null; do
    cpu_used=$(cpu_seconds_of "$pid" || echo "$cpu_used")
    if [ "$cpu_used" -ge "$seconds" ]; then
      kill -INT "$pid"
      interrupted=yes
      break
    fi
    sleep 2
  done
  wait "$pid" || status=$?
  if [ $interrupted = yes ] && [ $status -eq 72 ]; then status=0; fi
  return $status
}

mkdir -p "$build/fuzz-findings"
status=0
for target in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$target"
  mkdir -p "$corpus"
  for seed in $(seeds_of "$target"); do cp "$seed" "$corpus/"; done
  [ "$target" != alibaba_pai ] || write_alibaba_pai_seed "$corpus"
  log="$build/fuzz-findings/$target.log"
  # -timeout: seconds per input before it counts as a hang; -rss_limit_mb: memory before an OOM.
  fuzzer=("$build/tests/fuzz/fuzz_$target" "$corpus" -timeout=$hang_seconds -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix="$build/fuzz-findings/$target-")
  started=$SECONDS
  cpu_used=0
  if { if [ $budget = wall ]; then "${fuzzer[@]}" -max_total_time="$seconds"
       else fuzz_for_cpu_seconds "${fuzzer[@]}"; fi; } > "$log" 2>&1; then
    verdict=clean
  else
    verdict="FOUND: see $log"
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  slowest=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log")
  coverage=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9a-zA-Z]*' "$log" | tail -1 || true)
  used=$([ $budget = wall ] || echo ", ${cpu_used} s cpu")
  echo "$target: $((SECONDS - started)) s wall$used, ${runs:-?} executions (slowest" \
       "${slowest:-?} s), ${coverage:-?}, $verdict"
done
exit $status
