# Sourced by the long-run benchmarks: runs `umbra run` under /usr/bin/time -v and samples its
# resident memory every few seconds against the simulated time its power.csv has reached.
#
#   sample_run_memory TIME_FILE OUT_DIR SECONDS UMBRA RUN-ARGS...
#
# Prints "simulated day, resident MB" rows while the run goes (OUT_DIR is the run's --out, whose
# power.csv.partial grows as the run goes), then /usr/bin/time's figures; returns the run's
# exit status.
sample_run_memory() {
  local time_file=$1 out=$2 every=$3
  shift 3
  /usr/bin/time -v -o "$time_file" "$@" > /dev/null &
  local runner=$! umbra_pid rss_kb time_s status=0
  echo "simulated day, resident MB"
  while kill -0 "$runner" 2> /dev/null; do
    sleep "$every"
    umbra_pid=$(pgrep -P "$runner" || true)
    [[ -n $umbra_pid ]] || continue
    rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$umbra_pid/status" 2> /dev/null || true)
    # The last whole row written so far (the file grows a MB at a time).
    time_s=$(tail -c 300 "$out/power.csv.partial" 2> /dev/null | tail -2 | head -1 | cut -d, -f1 ||
             true)
    if [[ -n $rss_kb && -n $time_s ]]; then
      awk -v t="$time_s" -v kb="$rss_kb" 'BEGIN { printf "%.0f, %.0f\n", t / 86400, kb / 1024 }'
    fi
  done
  wait "$runner" || status=$?
  grep -E "Elapsed|User time|System time|Maximum resident" "$time_file"
  return $status
}
