#!/usr/bin/env python3
"""Writes the oracle values of tests/workload/application_profile_test.cpp from the Pollux
artifact itself (petuum/adaptdl, branch osdi21-artifact, folder simulator/, Apache-2.0), so that
the C++ profile model is compared with the code that produced the published results.

Usage: application_profile_oracle.py ARTIFACT_SIMULATOR_DIR COMMIT > data/application_profile_oracle.csv
where ARTIFACT_SIMULATOR_DIR is a checkout of the artifact's simulator/ folder, e.g.
  git -C adaptdl archive osdi21-artifact simulator | tar -x -C /tmp
Needs Debian's python3-numpy, python3-scipy and python3-pandas (pandas 1.x: the artifact calls
DataFrame.append). Only the artifact's applications.py and its Job class (simulator.py) are
run; the modules that Job's module imports for the other policies (autograd, pymoo) are stubbed,
as Tiresias's job progress never calls them.

Rows: kind,application,placement,batch_size,local_bsz,epoch,value1,value2
  step_time     placement, local_bsz        -> step_time, sync_time ("outside": the artifact fails)
  grad_stats    batch_size, epoch           -> grad_sqr, grad_var
  progress      epoch                       -> get_progress(epoch)
  epoch_at      value1 = progress           -> value2 = get_epoch(progress)
  batch_config  placement, batch_size       -> atomic_bsz, accum_steps (Job.update_local_bsz)
  goodput       placement, batch_size, epoch -> progress per second (Job.step over 1 s)
  completion    placement, batch_size       -> completion time after the 30 s restart (Job.step
                                               in 60 s steps, with its rounding), max_epochs
"""
import glob
import os
import sys
import types
import warnings

warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[1])


def stub(name, **attributes):
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    sys.modules[name] = module


class _Policy:
    pass


stub("goodput", GoodputFunction=None, fit_perf_params=lambda *args: None)
stub("speedup", SpeedupFunction=None)
stub("pollux", PolluxPolicy=type("PolluxPolicy", (_Policy,), {}))
stub("optimus", OptimusPolicy=type("OptimusPolicy", (_Policy,), {}))

import applications  # noqa: E402
import pandas  # noqa: E402
import simulator  # noqa: E402

PLACEMENTS = [
    (1,), (2,), (3,), (4,), (2, 1), (1, 3), (3, 1), (4, 2), (2, 2), (4, 4), (1, 1, 2), (2, 1, 1),
    (4, 4, 4), (3, 2, 1), (4, 4, 4, 4), (4, 3, 2, 1), (2, 2, 2, 2, 2), (1, 1, 1, 1, 1, 1),
    (4, 4, 4, 4, 2), (4, 4, 4, 4, 4, 4), (3, 3, 3, 3, 3, 3, 3, 3), (4,) * 8, (2,) * 8,
    (4,) * 12, (1,) * 17, (4,) * 16, (2,) * 24, (4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 2),
]


def workload_jobs():
    """The (num_replicas, batch_size) of each application in the four loads' workloads."""
    jobs = {}
    for folder in ("workloads", "workloads-0.5", "workloads-1.5", "workloads-2.0"):
        for path in sorted(glob.glob(os.path.join(sys.argv[1], folder, "workload-*.csv"))):
            for job in pandas.read_csv(path).itertuples():
                jobs.setdefault(job.application, set()).add((job.num_replicas, job.batch_size))
    return {name: sorted(pairs) for name, pairs in jobs.items()}


def text(placement):
    return "-".join(map(str, placement))


def row(*cells):
    print(",".join(repr(c) if isinstance(c, float) else str(c) for c in cells))


def main():
    print(f"# Made by tests/workload/application_profile_oracle.py from the Pollux artifact at commit "
          f"{sys.argv[2]}")
    print("kind,application,placement,batch_size,local_bsz,epoch,value1,value2")
    for name, app in sorted(applications.APPLICATIONS.items()):
        lo, hi = int(app.min_local_bsz), int(app.placements.local_bsz.max())
        local_sizes = sorted({lo, hi, (lo + hi) // 2, int(lo * 1.5), lo + 1, hi - 1, int(hi * 0.7),
                              hi + 1, max(lo - 1, 1)})
        for placement in PLACEMENTS:
            for local_bsz in local_sizes:
                try:
                    step, sync = app.get_throughput(placement, local_bsz)
                    row("step_time", name, text(placement), 0, local_bsz, 0, float(step), float(sync))
                except (AssertionError, ValueError):
                    row("step_time", name, text(placement), 0, local_bsz, 0, "outside", "outside")
        sizes = list(app.validation)
        batch_sizes = sorted(set(sizes) | {(a + b) / 2 for a, b in zip(sizes, sizes[1:])} |
                             {sizes[0] + 1, sizes[-1] - 1, int(sizes[0] * 2.5)})
        epochs = sorted({0, 1, app.max_epochs // 2, app.max_epochs - 1})
        for batch_size in batch_sizes:
            for epoch in epochs:
                sqr, var = app.get_grad_stats(batch_size, epoch)
                row("grad_stats", name, "", float(batch_size), 0, epoch, float(sqr), float(var))
        for epoch in range(app.max_epochs + 1):
            row("progress", name, "", 0, 0, epoch, float(app.get_progress(epoch)), 0)
        # Probes between epoch ends, not at them: pandas' CSV parser may round a progress to the
        # next double from a correctly rounded parse, which moves an exact end by one bit.
        ends = [app.get_progress(epoch) for epoch in range(app.max_epochs + 1)]
        for probe in [(a + b) / 2 for a, b in zip(ends, ends[1:])] + [ends[-1] * 1.01 + 0.5]:
            row("epoch_at", name, "", 0, 0, 0, float(probe), int(app.get_epoch(probe)))
        targets = sorted(set(sizes) | {sizes[-1] // 3, sizes[0] * 3})
        for placement in PLACEMENTS:
            for batch_size in targets:
                job = simulator.Job("j", app, 0, target_batch_size=batch_size)
                job.update_local_bsz(placement)
                row("batch_config", name, text(placement), batch_size, 0, 0, job.atomic_bsz,
                    job.accum_steps)
                for epoch in epochs:
                    job = simulator.Job("j", app, 0, target_batch_size=batch_size)
                    job.reallocate(placement)
                    job.epoch, job.progress = epoch, app.get_progress(epoch)
                    start = job.progress
                    try:
                        job.step(30 + 1)
                    except (AssertionError, ValueError):
                        continue
                    if job.epoch != epoch:
                        continue  # crossed an epoch boundary within the second
                    row("goodput", name, text(placement), batch_size, 0, epoch,
                        float(job.progress - start), 0)
        # A few placements, and every (replicas, batch size) of the artifact's workloads packed
        # on 4-GPU nodes.
        runs = [(placement, sizes[len(sizes) // 2])
                for placement in ((4,), (4, 4), (4, 4, 4, 4, 4, 4), (1,))]
        runs += [(tuple([4] * (replicas // 4) + ([replicas % 4] if replicas % 4 else [])), batch)
                 for replicas, batch in workload_jobs().get(name, [])]
        for placement, batch_size in runs:
            job = simulator.Job("j", app, 0, target_batch_size=batch_size)
            job.reallocate(placement)
            try:
                while job.completion_time is None and job.current_time < 30 * 24 * 3600:
                    job.step(60)
            except (AssertionError, ValueError):
                continue
            if job.completion_time is not None:
                row("completion", name, text(placement), batch_size, 0, 0,
                    float(job.completion_time - 30), app.max_epochs)


if __name__ == "__main__":
    main()
