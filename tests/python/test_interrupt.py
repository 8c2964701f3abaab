"""A Ctrl-C during umbra.run stops the run's process and raises KeyboardInterrupt at once."""
import os
import signal
import subprocess
import sys
import time

from conftest import GROUND_PLATFORM, umbra_cli

RUN = """
import sys, umbra
print("running", flush=True)
try:
    umbra.run(sys.argv[1], sys.argv[2], scheduler="fcfs")
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def test_a_ctrl_c_stops_a_run(tmp_path):
    workload = tmp_path / "jobs.csv"
    umbra_cli("workload", "generate", "--platform", GROUND_PLATFORM, "--out", workload,
              "--jobs", "200000", "--load", "0.8", "--seed", "1")
    started = time.monotonic()
    python = subprocess.Popen([sys.executable, "-c", RUN, str(GROUND_PLATFORM), str(workload)],
                              stdout=subprocess.PIPE, text=True, env=os.environ)
    assert python.stdout.readline() == "running\n"
    time.sleep(1)
    python.send_signal(signal.SIGINT)
    out, _ = python.communicate(timeout=60)
    assert out == "interrupted\n"
    # The run alone takes well over 5 s (200,000 jobs: bench/README.md measures 100,000 in 7 s).
    assert time.monotonic() - started < 5
