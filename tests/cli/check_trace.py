# Checks a run's Chrome trace file (umbra run --trace) against the run's own CSV files, read
# independently of the trace writer: `python3 check_trace.py RUN_DIR TRACE.json`. Prints what it
# checked and exits 1 at the first mismatch (every message names it).
import csv
import json
import os
import re
import sys
from collections import defaultdict

# Tolerances, us: the trace rounds times to the nanosecond, jobs.csv to the microsecond,
# power.csv to the millisecond.
TOLERANCE_US = 1e-3
JOBS_CSV_US = 0.5 + TOLERANCE_US
POWER_CSV_US = 500 + TOLERANCE_US


def fail(message):
    print("mismatch: " + message)
    sys.exit(1)


def read_csv(path):
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


def close(a, b, tolerance=TOLERANCE_US):
    return abs(a - b) <= tolerance


def merged(intervals):
    """Touching or overlapping intervals joined, in time order."""
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1] + TOLERANCE_US:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out


def main(run, trace_path):
    with open(trace_path) as file:
        trace = json.load(file)
    events = trace["traceEvents"]
    jobs = {row["id"]: row for row in read_csv(run + "/jobs.csv")}
    powered = os.path.exists(run + "/power.csv")
    power = read_csv(run + "/power.csv") if powered else []
    with open(run + "/summary.json") as file:
        end_of_run = json.load(file)["simulated_end_s"] * 1e6

    threads = {}
    for e in events:
        if e["ph"] == "M" and e["name"] == "thread_name":
            threads[(e["pid"], e["tid"])] = e["args"]["name"]

    # Every track's timestamps in time order, and no two slices of a thread overlapping.
    last_ts = {}
    last_end = {}
    for e in events:
        if e["ph"] == "M":
            continue
        track = (e["pid"], e.get("tid"), e["name"] if e["ph"] == "C" else None)
        if e["ts"] < last_ts.get(track, -1):
            fail(f"track {track}: time {e['ts']} after {last_ts[track]}")
        last_ts[track] = e["ts"]
        if e["ph"] == "X":
            thread = (e["pid"], e["tid"])
            if e["dur"] < 0:
                fail(f"{threads[thread]}: slice {e['name']} of negative duration")
            if e["ts"] < last_end.get(thread, -1) - TOLERANCE_US:
                fail(f"{threads[thread]}: slice {e['name']} at {e['ts']} overlaps the one "
                     f"before, which ends at {last_end[thread]}")
            last_end[thread] = e["ts"] + e["dur"]

    # Job slices: a job's first slice starts at its start, its last ends at its end, on the
    # nodes of its last placement; its instant events count its failures and migrations.
    slices = defaultdict(list)
    instants = defaultdict(lambda: defaultdict(set))
    for e in events:
        if e.get("cat") == "job":
            node = re.sub(r" #[0-9]+$", "", threads[(e["pid"], e["tid"])])
            slices[e["name"]].append((e["ts"], e["ts"] + e["dur"], node, e["args"]))
        elif e.get("cat") == "job-event":
            instants[e["args"]["job"]][e["name"]].add(e["ts"])
    for job_id, job in jobs.items():
        mine = slices.get(job_id, [])
        if job["start"] == "":
            if mine:
                fail(f"job {job_id} never started but has slices")
            continue
        if not mine:
            fail(f"job {job_id} started but has no slice")
        first = min(s[0] for s in mine)
        if not close(first, float(job["start"]) * 1e6, JOBS_CSV_US):
            fail(f"job {job_id}: first slice at {first} us, jobs.csv start {job['start']} s")
        last = max(s[1] for s in mine)
        if job["end"] != "" and not close(last, float(job["end"]) * 1e6, JOBS_CSV_US):
            fail(f"job {job_id}: last slice ends at {last} us, jobs.csv end {job['end']} s")
        last_nodes = sorted(s[2] for s in mine if close(s[1], last))
        if last_nodes != sorted(job["nodes"].split(";")):
            fail(f"job {job_id}: last slices on {last_nodes}, jobs.csv nodes {job['nodes']}")
        if any(sum(s[3]["gpus"] for s in mine if close(s[0], t[0])) != int(job["gpus"])
               for t in mine):
            fail(f"job {job_id}: its slices starting together do not hold its {job['gpus']} GPUs")
        counted = [("power-failed", "power_failures"), ("migrated", "migrations")]
        if not powered:  # with power, a migration whose target went dark ends preempted too
            counted.append(("preempted", "preemptions"))
        for name, column in counted:
            if len(instants[job_id][name]) != int(job[column]):
                fail(f"job {job_id}: {len(instants[job_id][name])} {name} instants, "
                     f"jobs.csv {column} {job[column]}")

    # Shadow slices: umbra and penumbra together are exactly the times power.csv shows the
    # satellite with less than the whole Sun, each row holding until the node's next one.
    rows = defaultdict(list)
    for row in power:
        rows[row["node"]].append((float(row["time"]) * 1e6, float(row["illumination"])))
    shadow = defaultdict(list)
    for e in events:
        if e.get("cat") == "shadow":
            node = threads[(e["pid"], e["tid"])].removesuffix(" shadow")
            if e["name"] in ("umbra", "penumbra"):
                shadow[node].append((e["ts"], e["ts"] + e["dur"]))
    eclipses = 0
    for node, samples in rows.items():
        expected = []
        for i, (time, illumination) in enumerate(samples):
            until = samples[i + 1][0] if i + 1 < len(samples) else end_of_run
            if illumination < 1 and until > time:
                expected.append((time, until))
        expected = merged(expected)
        got = merged(shadow[node])
        if len(got) != len(expected) or not all(
                close(a[0], b[0], POWER_CSV_US) and close(a[1], b[1], POWER_CSV_US)
                for a, b in zip(got, expected)):
            fail(f"{node}: shadow slices {got[:3]}... differ from power.csv's {expected[:3]}...")
        eclipses += len(expected)

    print(f"{sum(len(s) for s in slices.values())} job slices of {len(jobs)} jobs, "
          f"{eclipses} eclipses of {len(rows)} satellites: consistent")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
