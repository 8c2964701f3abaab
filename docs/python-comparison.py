"""Compare scheduling policies from Python, as a notebook would: run the default scenario under
a few built-in policies and the Python fcfs of schedulers/examples, then tabulate the runs'
DataFrames with pandas.

    PYTHONPATH=build/python /usr/bin/python3 docs/python-comparison.py

(after `cmake --install`, plain `python3 docs/python-comparison.py`).
"""
import pathlib
import sys

import pandas as pd

import umbra

repo = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(repo / "schedulers/examples"))
from fcfs import Fcfs  # noqa: E402

platform = repo / "platforms/ground-two-sites.yaml"
workload = repo / "workloads/ground-mix.yaml"
policies = {"fcfs": "fcfs", "easy": "easy", "sjf": "sjf", "python fcfs": Fcfs()}

rows = []
for name, policy in policies.items():
    result = umbra.run(platform, workload, scheduler=policy, seed=0)
    jobs = result.jobs
    rows.append({
        "policy": name,
        "finished": int((jobs["state"] == "finished").sum()),
        "mean JCT (h)": jobs["jct"].mean() / 3600,
        "p99 JCT (h)": result.summary["jct"]["p99_s"] / 3600,
        "mean wait (h)": jobs["wait"].mean() / 3600,
        "makespan (h)": result.summary["makespan_s"] / 3600,
        "GPU utilisation (%)": 100 * result.summary["gpu_utilisation"],
    })

table = pd.DataFrame(rows).set_index("policy")
print(table.to_string(float_format="{:.2f}".format))
