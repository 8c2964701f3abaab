"""What the Python tests share: the repository, the `umbra` binary, and running it."""
import os
import pathlib
import subprocess

import pytest

SOURCE = pathlib.Path(os.environ["UMBRA_SOURCE_DIR"])
UMBRA = os.environ["UMBRA_EXE"]
GROUND_PLATFORM = SOURCE / "platforms/ground-two-sites.yaml"
GROUND_WORKLOAD = SOURCE / "workloads/ground-mix.yaml"


def umbra_cli(*args, cwd=None):
    """Runs the `umbra` binary; returns its standard output, failing the test on an error."""
    done = subprocess.run([UMBRA, *map(str, args)], capture_output=True, text=True, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def source():
    return SOURCE
