"""umbra.run: the same numbers as `umbra run`'s files, any number of runs in one process, and
input errors as umbra.InputError."""
import json
import os

import pandas as pd
import pytest

import umbra
from conftest import GROUND_PLATFORM, GROUND_WORKLOAD, SOURCE, umbra_cli

# One node of 8 H100s and two jobs, worked by hand: a 1-GPU job exchanges no gradient (a ring
# of one has 2 (N-1) = 0 steps) and has no checkpoint, so it runs exactly its duration on its
# reference GPU, 2 h from its submission at 0; the 8-GPU job, submitted at 60 s, needs the
# whole node, so it starts when the first ends, at 7200 s, and with no gradient runs its 1 h.
ONE_NODE = """
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
sites:
  - name: lab
    location: {latitude: 0, longitude: 0}
    nodes: 1
    gpus_per_node: 8
    gpu_model: H100
    intra_node: {bandwidth: 900 GB/s, latency: 1 us}
    network: {bandwidth: 400 Gbps, latency: 5 us}
    storage: {bandwidth: 200 Gbps}
"""
TWO_JOBS = """
jobs:
  - {id: small, submit: 0 s, user: a, gpus: 1, duration: 2 h, reference_gpu: H100}
  - {id: whole, submit: 60 s, user: b, gpus: 8, duration: 1 h, reference_gpu: H100}
"""


def test_a_run_from_yaml_text_gives_the_times_worked_by_hand():
    jobs = umbra.run(ONE_NODE, TWO_JOBS, scheduler="fcfs").jobs.set_index("id")
    # Exact: the engine's times are sums of these durations (tolerance 1 us for the printing).
    assert jobs.loc["small", "start"] == pytest.approx(0, abs=1e-6)
    assert jobs.loc["small", "end"] == pytest.approx(7200, abs=1e-6)
    assert jobs.loc["whole", "start"] == pytest.approx(7200, abs=1e-6)
    assert jobs.loc["whole", "end"] == pytest.approx(10800, abs=1e-6)


def test_a_run_gives_the_files_of_umbra_run(tmp_path):
    cli_out = tmp_path / "cli"
    umbra_cli("run", GROUND_PLATFORM, GROUND_WORKLOAD, "--scheduler", "conservative", "--seed",
              "3", "--out", cli_out)
    result = umbra.run(GROUND_PLATFORM, GROUND_WORKLOAD, scheduler="conservative", seed=3)
    pd.testing.assert_frame_equal(result.jobs, pd.read_csv(cli_out / "jobs.csv"))
    pd.testing.assert_frame_equal(result.links, pd.read_csv(cli_out / "links.csv"))
    assert result.summary == json.loads((cli_out / "summary.json").read_text())
    assert result.power is None  # a ground platform has no power.csv
    assert result.manifest["scheduler"] == "conservative"
    assert result.manifest["seed"] == 3


def test_a_run_with_satellites_gives_power_csv_and_policy_options(tmp_path):
    platform = SOURCE / "platforms/power-eclipse-550.yaml"
    workload = SOURCE / "workloads/power-eclipse-jobs.yaml"
    cli_out = tmp_path / "cli"
    umbra_cli("run", platform, workload, "--scheduler", "sunlit-first", "--out", cli_out)
    result = umbra.run(platform, workload, scheduler="sunlit-first", out=tmp_path / "module")
    pd.testing.assert_frame_equal(result.power, pd.read_csv(cli_out / "power.csv"))
    pd.testing.assert_frame_equal(result.jobs, pd.read_csv(cli_out / "jobs.csv"))
    # `out` keeps the files: the same bytes as the command's
    for name in ("jobs.csv", "links.csv", "power.csv", "summary.json"):
        assert (tmp_path / "module" / name).read_bytes() == (cli_out / name).read_bytes(), name


def test_a_checked_run_writes_the_bytes_of_an_unchecked_one(tmp_path):
    # check=True is `umbra run --check`: the invariants verified after every event, which read
    # the run's state and change none of it.
    platform = SOURCE / "platforms/power-eclipse-550.yaml"
    workload = SOURCE / "workloads/power-eclipse-jobs.yaml"
    checked = umbra.run(platform, workload, scheduler="battery-aware", check=True,
                        out=tmp_path / "checked")
    plain = umbra.run(platform, workload, scheduler="battery-aware", out=tmp_path / "plain")
    assert "--check" in checked.manifest["command_line"]
    assert "--check" not in plain.manifest["command_line"]
    for name in ("jobs.csv", "links.csv", "power.csv", "summary.json", "allocations.csv"):
        assert (tmp_path / "checked" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes(), name


def test_two_runs_in_one_process_give_the_same_numbers():
    # SimGrid's second engine in a process starts its clock where the first stopped
    # (docs/simgrid-3.32-facts.md); each run has a process of its own, so none is shifted.
    first = umbra.run(scheduler="easy")
    second = umbra.run(scheduler="easy")
    pd.testing.assert_frame_equal(first.jobs, second.jobs)
    assert first.summary == second.summary
    assert first.jobs["start"].min() == pytest.approx(first.jobs["submit"].min(), abs=1e-6)


def test_the_default_scenario_is_the_one_of_umbra_run(tmp_path):
    umbra_cli("run", "--out", tmp_path)
    assert umbra.run().summary == json.loads((tmp_path / "summary.json").read_text())


def test_a_malformed_platform_raises_input_error_with_file_line_and_message():
    case = SOURCE / "tests/spec/malformed/platform-battery-floor.yaml"
    expected = (case.parent / (case.name + ".expected")).read_text().strip()
    with pytest.raises(umbra.InputError) as raised:
        umbra.run(case, GROUND_WORKLOAD)
    error = raised.value
    assert isinstance(error, ValueError)
    assert error.file == str(case)
    assert (error.line, error.column) == (14, 36)
    assert f"{case.name}:{error.line}:{error.column}: {error.message}" == expected
    assert str(error) == f"{case}:14:36: {error.message}"


def test_an_unknown_policy_or_option_raises_input_error():
    with pytest.raises(umbra.InputError, match='unknown scheduler "fcsf"'):
        umbra.run(scheduler="fcsf")
    with pytest.raises(umbra.InputError, match="no_such_option"):
        umbra.run(scheduler="easy", options={"no_such_option": 1})


def test_a_workload_naming_an_unknown_gpu_model_raises_input_error():
    bad = TWO_JOBS.replace("reference_gpu: H100}", "reference_gpu: A100}", 1)
    with pytest.raises(umbra.InputError) as raised:
        umbra.run(ONE_NODE, bad)
    # YAML text is named workload.yaml, as it is in the run's manifest
    assert (raised.value.file, raised.value.line) == ("workload.yaml", 3)
    assert "A100" in raised.value.message


def test_runs_of_yaml_text_write_the_same_bytes(tmp_path):
    for name in ("first", "second"):
        umbra.run(ONE_NODE, TWO_JOBS, scheduler="easy", out=tmp_path / name)
    for name in ("jobs.csv", "links.csv", "summary.json"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()
    first, second = (json.loads((tmp_path / name / "manifest.json").read_text())
                     for name in ("first", "second"))
    # The manifests differ only by the --out of their command lines
    assert first["command_line"][-1] == str(tmp_path / "first")
    first["command_line"][-1] = second["command_line"][-1]
    assert first == second
    assert first["command_line"][:4] == ["umbra", "run", "platform.yaml", "workload.yaml"]
    assert [i["path"] for i in first["inputs"]] == ["platform.yaml", "workload.yaml"]


def test_relative_paths_are_taken_from_the_callers_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = umbra.run(os.path.relpath(GROUND_PLATFORM), os.path.relpath(GROUND_WORKLOAD),
                       out="out")
    assert len(result.jobs) == 40
    assert (tmp_path / "out/jobs.csv").exists()
