#!/usr/bin/env python3
"""Writes isolated_throughputs.csv from Gavel's scheduler/simulation_throughputs.json.

Keeps, for each job type and scale factor, the throughput of the job running alone (the
"null" entry) on each of the worker types k80, p100 and v100, exactly as the file gives it
(Python's repr of the double). Usage: extract_isolated_throughputs.py simulation_throughputs.json
"""
import json
import re
import sys

WORKER_TYPES = ["k80", "p100", "v100"]


def main(source):
    with open(source) as f:
        throughputs = json.load(f)
    rows = []
    for key in throughputs[WORKER_TYPES[0]]:
        job_type, scale_factor = re.fullmatch(r"\('(.*)', (\d+)\)", key).groups()
        values = [repr(throughputs[worker][key]["null"]) for worker in WORKER_TYPES]
        rows.append((job_type, int(scale_factor), values))
    rows.sort(key=lambda row: (row[0], row[1]))
    print("job_type,scale_factor," + ",".join(WORKER_TYPES))
    for job_type, scale_factor, values in rows:
        print(f"{job_type},{scale_factor}," + ",".join(values))


if __name__ == "__main__":
    main(sys.argv[1])
