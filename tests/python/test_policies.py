"""Policies written in Python: the example fcfs against the C++ fcfs, what a policy sees, and
its errors."""
import json
import subprocess
import sys

import pandas as pd
import pytest

import umbra
from conftest import GROUND_PLATFORM, GROUND_WORKLOAD, SOURCE, UMBRA, umbra_cli
from test_run import ONE_NODE, TWO_JOBS

sys.path.insert(0, str(SOURCE / "schedulers/examples"))
from fcfs import Fcfs  # noqa: E402


def test_the_example_fcfs_starts_jobs_when_the_cpp_fcfs_does():
    python = umbra.run(GROUND_PLATFORM, GROUND_WORKLOAD, scheduler=Fcfs()).jobs
    cpp = umbra.run(GROUND_PLATFORM, GROUND_WORKLOAD, scheduler="fcfs").jobs
    # The same decisions at the same instants make the same run: equal to the microsecond
    # the CSV prints, node lists included.
    pd.testing.assert_series_equal(python["start"], cpp["start"])
    pd.testing.assert_series_equal(python["nodes"], cpp["nodes"])
    pd.testing.assert_series_equal(python["end"], cpp["end"])
    assert python["start"].notna().all()


def test_the_example_fcfs_on_one_node_gives_the_times_worked_by_hand():
    jobs = umbra.run(ONE_NODE, TWO_JOBS, scheduler=Fcfs()).jobs.set_index("id")
    assert list(jobs["start"]) == pytest.approx([0, 7200], abs=1e-6)
    assert jobs.loc["small", "nodes"] == jobs.loc["whole", "nodes"] == "lab-n0"


class Recorder(umbra.Scheduler):
    """Starts every job it can, packed, and writes what it saw at each call to a file (the
    run happens in a process of its own: the policy object there is a copy)."""

    def __init__(self, path):
        super().__init__()
        self.path = path

    def schedule(self, state, events):
        with open(self.path, "a") as log:
            log.write(json.dumps({
                "now": state.now,
                "events": [(str(e.kind), e.job) for e in events],
                "queue": [job.name for job in state.queue],
                "running": [job.name for job in state.running],
                "free": [node.free_gpus for node in state.nodes],
                "site": [site.name for site in state.sites],
            }) + "\n")
        decisions = umbra.Decisions()
        free = umbra.FreeGpus(state)
        for job in state.queue:
            placement = free.place_packed(job.gpus)
            if placement is not None:
                free.take(placement)
                decisions.starts.append(umbra.StartJob(job=job.id, placement=placement))
        return decisions


def test_a_policy_sees_the_state_and_events_of_each_instant(tmp_path):
    log = tmp_path / "calls.jsonl"
    result = umbra.run(ONE_NODE, TWO_JOBS, scheduler=Recorder(str(log)))
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    assert result.manifest["scheduler"] == "python:Recorder"
    # At 0 the small job arrives on a free node; at 60 s the whole-node job waits for its 7
    # busy GPUs; at 7200 s the small one has finished and its GPUs are free again.
    assert calls[0] == {"now": 0, "events": [["EventKind.JOB_SUBMITTED", 0]],
                        "queue": ["small"], "running": [], "free": [8], "site": ["lab"]}
    assert calls[1] == {"now": 60, "events": [["EventKind.JOB_SUBMITTED", 1]],
                        "queue": ["whole"], "running": ["small"], "free": [7], "site": ["lab"]}
    assert calls[2]["now"] == pytest.approx(7200, abs=1e-6)
    assert calls[2]["events"] == [["EventKind.JOB_FINISHED", 0]]
    assert calls[2]["free"] == [8]


class Idle(umbra.Scheduler):
    def schedule(self, state, events):
        return None  # no decision


def test_a_policy_that_starts_nothing_leaves_the_jobs_queued():
    result = umbra.run(ONE_NODE, TWO_JOBS, scheduler=Idle())
    assert list(result.jobs["state"]) == ["queued", "queued"]
    assert result.summary["jobs_finished"] == 0


class Broken(umbra.Scheduler):
    def schedule(self, state, events):
        raise KeyError("no such site")


def test_an_exception_in_a_policy_fails_the_run_with_its_message():
    with pytest.raises(RuntimeError, match="no such site"):
        umbra.run(ONE_NODE, TWO_JOBS, scheduler=Broken())


def test_decisions_have_the_names_of_the_cpp_api():
    decisions = umbra.Decisions()
    placement = umbra.Placement([umbra.Slot(node=0, gpus=8)])
    decisions.starts.append(umbra.StartJob(3, placement))
    decisions.preemptions.append(umbra.PreemptJob(4, umbra.PreemptMode.SAVE))
    decisions.migrations.append(umbra.MigrateJob(5, placement))
    decisions.checkpoints.append(umbra.CheckpointJob(6))
    decisions.power_caps.append(umbra.SetPowerCap(node=1, pstate=2))
    decisions.reservations.append(umbra.Reservation(job=7, site=0, start=3600))
    decisions.wake_up_at = 120.0
    assert placement.total_gpus() == 8
    assert [d.job for d in decisions.starts] == [3]
    assert decisions.preemptions[0].mode == umbra.PreemptMode.SAVE
    assert umbra.PreemptJob(1).mode == umbra.PreemptMode.KILL  # the C++ default
    assert decisions.wake_up_at == 120.0


def test_a_scheduler_must_be_a_name_or_a_policy_object():
    with pytest.raises(TypeError, match="umbra.Scheduler"):
        umbra.run(ONE_NODE, TWO_JOBS, scheduler=42)


def test_umbra_run_scheduler_python_runs_the_example_as_the_cpp_fcfs(tmp_path):
    example = SOURCE / "schedulers/examples/fcfs.py"
    umbra_cli("run", GROUND_PLATFORM, GROUND_WORKLOAD, "--scheduler-python", f"{example}:Fcfs",
              "--out", tmp_path / "python")
    umbra_cli("run", GROUND_PLATFORM, GROUND_WORKLOAD, "--scheduler", "fcfs",
              "--out", tmp_path / "cpp")
    assert (tmp_path / "python/jobs.csv").read_bytes() == (tmp_path / "cpp/jobs.csv").read_bytes()
    manifest = json.loads((tmp_path / "python/manifest.json").read_text())
    assert manifest["scheduler"] == "python:Fcfs"
    assert [i["role"] for i in manifest["inputs"]][-1] == "scheduler-python"


@pytest.mark.parametrize("reference, message", [
    ("fcfs.py:Nope", "fcfs.py: it defines no class Nope"),
    ("fcfs.py", 'invalid --scheduler-python "fcfs.py": expected FILE:CLASS, such as policy.py:MyPolicy'),
    ("missing.py:Fcfs", "missing.py: no such Python file"),
])
def test_umbra_run_scheduler_python_refuses_what_it_cannot_run(reference, message):
    done = subprocess.run([UMBRA, "run", "--scheduler-python", reference], capture_output=True,
                          text=True, cwd=SOURCE / "schedulers/examples")
    assert done.returncode == 2
    assert done.stderr == f"umbra: error: {message}\n"


class Srtf(umbra.Scheduler):
    """srtf (schedulers/srtf.cpp) on the Python module's ranking helper."""

    def schedule(self, state, events):
        now = state.now
        return umbra.schedule_by_rank(state, lambda job: max(0.0, job.estimated_end - now),
                                      lambda job: job.remaining_estimate,
                                      umbra.PreemptMode.SAVE)


def test_a_python_srtf_on_schedule_by_rank_runs_as_the_cpp_srtf():
    python = umbra.run(GROUND_PLATFORM, GROUND_WORKLOAD, scheduler=Srtf()).jobs
    cpp = umbra.run(GROUND_PLATFORM, GROUND_WORKLOAD, scheduler="srtf").jobs
    for column in ("start", "end", "nodes", "preemptions"):
        pd.testing.assert_series_equal(python[column], cpp[column])
    assert cpp["preemptions"].sum() > 0  # the ranking preempts in this scenario


def test_an_availability_profile_plans_as_worked_by_hand():
    # 4 GPUs free now, 4 more from 100 s; 8 reserved over [100, 150).
    profile = umbra.AvailabilityProfile(0, 4, [umbra.Release(100, 4)])
    assert profile.earliest_start(8, 50) == 100
    assert profile.free_at(50) == 4
    profile.reserve(100, 50, 8)
    assert profile.free_at(120) == 0
    assert not profile.can_reserve(120, 10, 1)
    assert profile.earliest_start(2, 10) == 0      # fits before the reservation
    assert profile.earliest_start(2, 120) == 150   # would overlap it: after it
    assert profile.earliest_start(16, 10) is None  # never that many


class ShadowReader(umbra.Scheduler):
    """Writes, at its first call, each node's next shadow as the engine forecasts it; starts
    nothing."""

    def __init__(self, path):
        super().__init__()
        self.path = path

    def schedule(self, state, events):
        if state.now == 0:
            with open(self.path, "w") as log:
                for node in state.nodes:
                    shadow = state.forecasts.shadow_at_or_after(node.id, 0)
                    log.write(f"{node.name},{shadow.entry!r},{shadow.exit!r}\n")
        return umbra.Decisions()


def test_a_policy_reads_the_shadow_forecasts_that_umbra_eclipses_lists(tmp_path):
    platform = SOURCE / "platforms/power-eclipse-550.yaml"
    log = tmp_path / "shadows.csv"
    umbra.run(platform, SOURCE / "workloads/power-eclipse-jobs.yaml",
              scheduler=ShadowReader(str(log)))
    forecast = pd.read_csv(log, names=["satellite", "entry", "exit"]).set_index("satellite")
    windows = umbra.eclipses(platform, "6 h")
    epoch = pd.Timestamp("2026-03-20T12:00:00Z")
    for satellite, shadow in forecast.iterrows():
        mine = windows[windows["satellite"] == satellite]
        # A full eclipse reads penumbra, umbra, penumbra: the shadow spans the three.
        first_entry = (pd.to_datetime(mine["start"].iloc[0]) - epoch).total_seconds()
        first_exit = (pd.to_datetime(mine["end"].iloc[2]) - epoch).total_seconds()
        # Both are root-found edges to 1 ms, and the CSV prints milliseconds: 2 ms.
        assert shadow["entry"] == pytest.approx(first_entry, abs=2e-3)
        assert shadow["exit"] == pytest.approx(first_exit, abs=2e-3)
