"""umbra.validate, umbra.schedulers, umbra.eclipses and umbra.contacts against the commands."""
import io

import pandas as pd
import pytest

import umbra
from conftest import GROUND_PLATFORM, GROUND_WORKLOAD, SOURCE, umbra_cli

ORBITAL = SOURCE / "platforms/power-eclipse-550.yaml"
SHELL = SOURCE / "platforms/leo-starlink-shell.yaml"


def test_validate_counts_what_the_files_hold():
    # ground-two-sites.yaml: 16 + 8 nodes of 8 GPUs; ground-mix.yaml: 40 jobs
    report = umbra.validate(GROUND_PLATFORM, GROUND_WORKLOAD)
    assert (report["sites"], report["satellites"], report["gpus"], report["jobs"]) == (2, 0, 192, 40)
    assert report["warnings"] == []


def test_validate_raises_every_error_of_a_platform():
    case = SOURCE / "tests/spec/malformed/platform-battery-floor.yaml"
    with pytest.raises(umbra.InputError) as raised:
        umbra.validate(case)
    assert raised.value.errors[0] == (str(case), 14, 36, raised.value.message)


def test_validate_names_yaml_text_as_a_run_does():
    with pytest.raises(umbra.InputError) as raised:
        umbra.validate("gpu_models: []\nsites: 3\n")
    assert raised.value.file == "platform.yaml"
    assert raised.value.line > 0


def test_schedulers_are_those_the_command_lists():
    listed = umbra_cli("schedulers")
    policies = umbra.schedulers()
    names = [line.split()[0] for line in listed.splitlines() if not line.startswith(" ")]
    assert list(policies) == names
    assert "fcfs" in policies and "easy" in policies
    for name, policy in policies.items():
        assert f"{name:<14} {policy['description']}" in listed
        for option, default in policy["options"].items():
            assert f"{option}={default}:" in listed


def test_eclipses_are_those_of_the_command():
    expected = pd.read_csv(io.StringIO(umbra_cli("eclipses", ORBITAL, "--horizon", "6 h")))
    windows = umbra.eclipses(ORBITAL, "6 h")
    pd.testing.assert_frame_equal(windows, expected)
    assert umbra.eclipses(ORBITAL, 21600).equals(windows)  # a number is seconds
    # A 550 km orbit's eclipse lasts about 35 min in umbra at most (period 95.6 min).
    umbra_rows = windows[windows["kind"] == "umbra"]
    assert len(umbra_rows) > 0
    assert umbra_rows["duration_s"].max() < 36.5 * 60


def test_contacts_are_those_of_the_command():
    expected = pd.read_csv(io.StringIO(umbra_cli("contacts", SHELL, "--horizon", "1 h")))
    plan = umbra.contacts(SHELL, "1 h")
    pd.testing.assert_frame_equal(plan, expected)
    assert list(plan.columns) == ["a", "b", "class", "start", "end", "min_range_km",
                                  "max_range_km", "mean_rate_bps"]


def test_a_bad_horizon_raises_input_error():
    with pytest.raises(umbra.InputError, match="horizon"):
        umbra.eclipses(ORBITAL, "six hours")
