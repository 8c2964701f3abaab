"""docs/python-comparison.py runs and prints the numbers of `umbra run`."""
import json
import os
import subprocess
import sys

from conftest import GROUND_PLATFORM, GROUND_WORKLOAD, SOURCE, umbra_cli


def test_the_comparison_example_prints_the_metrics_of_umbra_run(tmp_path):
    done = subprocess.run([sys.executable, str(SOURCE / "docs/python-comparison.py")],
                          capture_output=True, text=True, env=os.environ, check=True)
    rows = {line[:12].strip(): line[12:].split() for line in done.stdout.splitlines()[2:]}
    assert list(rows) == ["fcfs", "easy", "sjf", "python fcfs"]
    assert rows["python fcfs"] == rows["fcfs"]
    for policy in ("fcfs", "easy", "sjf"):
        umbra_cli("run", GROUND_PLATFORM, GROUND_WORKLOAD, "--scheduler", policy, "--out",
                  tmp_path / policy)
        summary = json.loads((tmp_path / policy / "summary.json").read_text())
        # The table prints hours to 2 decimals: equal once the CLI's seconds are so rounded.
        assert rows[policy][0] == str(summary["jobs_finished"])
        assert rows[policy][1] == f"{summary['jct']['mean_s'] / 3600:.2f}"
        assert rows[policy][2] == f"{summary['jct']['p99_s'] / 3600:.2f}"
        assert rows[policy][4] == f"{summary['makespan_s'] / 3600:.2f}"
        assert rows[policy][5] == f"{100 * summary['gpu_utilisation']:.2f}"
