# The figures of `umbra plot` (README.md, "Figures"), drawn with matplotlib; embedded in the
# umbra binary at build time and run as `python3 -c SCRIPT sweep|run DIR OUT`.
# A sweep: mean JCT against load per policy with its 95 % interval, the CDF of JCT per policy,
# and the headline metrics per policy. A run: jobs on their nodes over time, allocated GPUs over
# time, and each powered satellite's state of charge with its shadow.
# Every figure is written as PNG and SVG, without dates, so that the same inputs give the same
# bytes.
import csv
import math
import os
import re
import sys

try:
    import matplotlib
except ImportError:
    sys.exit("umbra: error: matplotlib is missing: install Debian's python3-matplotlib")

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

plt.rcParams["svg.hashsalt"] = "umbra"
plt.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG: searchable, and smaller
plt.rcParams["figure.dpi"] = 100


def save(figure, out, name, legend_below=None):
    """Writes the figure; `legend_below`, a list of handles, goes in a row under the axes."""
    if legend_below:
        space = 0.45 / figure.get_figheight()  # inches kept for the legend's row
        figure.legend(handles=legend_below, loc="lower center", ncol=len(legend_below),
                      fontsize="small", frameon=False)
        figure.tight_layout(rect=(0, space, 1, 1))
    else:
        figure.tight_layout()
    figure.savefig(os.path.join(out, name + ".png"), dpi=120, metadata={"Software": None})
    figure.savefig(os.path.join(out, name + ".svg"), metadata={"Date": None, "Creator": None})
    plt.close(figure)
    print(os.path.join(out, name) + ".png, .svg")


def read_csv(path):
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


def number(text):
    return float(text) if text not in ("", None) else math.nan


# ---- a sweep ----

LOAD = re.compile(r"(?:^|-)load([0-9.eE+-]+)$")


def load_of(workload):
    """The load of a generated workload's label (load0.5, NAME-load1.5), else None."""
    match = LOAD.search(workload)
    try:
        return float(match.group(1)) if match else None
    except ValueError:
        return None


def in_order(values):
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def panels(rows):
    """The (platform, run options) pairs of a sweep, in its order: one panel each."""
    return in_order((row["platform"], row["run_options"]) for row in rows)


def panel_title(platform, run_options):
    return platform + (f", {run_options}" if run_options else "")


def statistics(rows, metric):
    """(platform, workload, policy, run_options) -> (mean, low, high) of one metric."""
    table = {}
    for row in rows:
        if row["metric"] == metric:
            key = (row["platform"], row["workload"], row["policy"], row["run_options"])
            table[key] = (number(row["mean"]), number(row["ci95_low"]), number(row["ci95_high"]))
    return table


def jct_against_load(rows, out):
    table = statistics(rows, "jct.mean_s")
    workloads = in_order(row["workload"] for row in rows)
    policies = in_order(row["policy"] for row in rows)
    loads = [load_of(w) for w in workloads]
    by_load = all(load is not None for load in loads)
    keys = panels(rows)
    figure, axes = plt.subplots(1, len(keys), figsize=(6.4 * len(keys), 4.4), squeeze=False)
    for ax, (platform, run_options) in zip(axes[0], keys):
        for policy in policies:
            points = []
            for i, workload in enumerate(workloads):
                value = table.get((platform, workload, policy, run_options))
                if value:
                    points.append((loads[i] if by_load else i, *value))
            if not points:
                continue
            points.sort()
            x = [p[0] for p in points]
            mean = [p[1] / 3600 for p in points]
            line = ax.plot(x, mean, marker="o", label=policy)[0]
            low = [p[2] / 3600 for p in points]
            high = [p[3] / 3600 for p in points]
            if not any(math.isnan(v) for v in low + high):
                ax.fill_between(x, low, high, color=line.get_color(), alpha=0.2, linewidth=0)
        if by_load:
            ax.set_xlabel("offered load (of the generator's GPUs)")
        else:
            ax.set_xticks(range(len(workloads)), workloads, rotation=20, ha="right")
            ax.set_xlabel("workload")
        ax.set_ylabel("mean JCT (h)")
        ax.set_ylim(bottom=0)
        ax.set_title(panel_title(platform, run_options))
        ax.grid(alpha=0.3)
        ax.legend(title="policy (band: 95 % CI over seeds)", fontsize="small")
    save(figure, out, "jct-vs-load")


def jct_cdf(sweep, cells, out):
    """One panel per workload of the sweep's first platform and run options: the CDF of the
    finished jobs' JCT per policy, every seed's jobs pooled."""
    first = (cells[0]["platform"], cells[0]["run_options"])
    workloads = in_order(c["workload"] for c in cells if (c["platform"], c["run_options"]) == first)
    policies = in_order(c["policy"] for c in cells)
    figure, axes = plt.subplots(1, len(workloads), figsize=(5.2 * len(workloads), 4.2),
                                squeeze=False, sharey=True)
    for ax, workload in zip(axes[0], workloads):
        for policy in policies:
            jct = []
            seeds = 0
            for c in cells:
                if (c["platform"], c["run_options"], c["workload"], c["policy"]) != (
                        *first, workload, policy):
                    continue
                path = os.path.join(sweep, c["folder"], "jobs.csv")
                if not os.path.exists(os.path.join(sweep, c["folder"], "manifest.json")):
                    continue
                seeds += 1
                jct += [number(j["jct"]) / 3600 for j in read_csv(path) if j["state"] == "finished"]
            if not jct:
                continue
            jct.sort()
            fraction = [(i + 1) / len(jct) for i in range(len(jct))]
            ax.step(jct, fraction, where="post", label=f"{policy} ({seeds} seeds)")
        ax.set_xscale("log")
        ax.set_xlabel("JCT (h, log scale)")
        ax.set_title(panel_title(first[0], first[1]) + f": {workload}")
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize="small", loc="lower right")
    axes[0][0].set_ylabel("fraction of finished jobs")
    save(figure, out, "jct-cdf")


HEADLINES = [
    ("jct.mean_s", "mean JCT (h)", 1 / 3600),
    ("jct.p99_s", "p99 JCT (h)", 1 / 3600),
    ("makespan_s", "makespan (h)", 1 / 3600),
    ("gpu_utilisation", "GPU utilisation (%)", 100),
    ("energy_kwh_per_useful_gpu_hour", "kWh per useful GPU-hour", 1),
    ("lost_gpu_hours", "GPU-hours lost to rollbacks", 1),
]


def metric_bars(rows, out):
    """The headline metrics of the first platform and run options: a bar per workload and
    policy, with its 95 % interval."""
    first = panels(rows)[0]
    rows = [r for r in rows if (r["platform"], r["run_options"]) == first]
    workloads = in_order(r["workload"] for r in rows)
    policies = in_order(r["policy"] for r in rows)
    figure, axes = plt.subplots(2, 3, figsize=(15, 7.5))
    width = 0.8 / len(policies)
    handles = []
    for ax, (metric, label, scale) in zip(axes.flat, HEADLINES):
        table = statistics(rows, metric)
        for p, policy in enumerate(policies):
            x, mean, error = [], [], []
            for w, workload in enumerate(workloads):
                value = table.get((first[0], workload, policy, first[1]))
                if value is None:
                    continue
                x.append(w - 0.4 + width * (p + 0.5))
                mean.append(value[0] * scale)
                half = (value[2] - value[1]) / 2 * scale
                error.append(0 if math.isnan(half) else half)
            bars = ax.bar(x, mean, width, yerr=error, capsize=2, label=policy)
            if ax is axes.flat[0]:
                handles.append(bars)
        ax.set_xticks(range(len(workloads)), workloads)
        ax.set_ylim(bottom=0, top=None if ax.get_ylim()[1] > 0 else 1)
        ax.set_title(label)
        ax.grid(alpha=0.3, axis="y")
    figure.suptitle(panel_title(*first) + ": mean over seeds, error bars the 95 % interval")
    save(figure, out, "metrics", legend_below=handles)


def plot_sweep(sweep, out):
    rows = read_csv(os.path.join(sweep, "sweep.csv"))
    cells = read_csv(os.path.join(sweep, "cells.csv"))
    if not rows:
        sys.exit(f"umbra: error: {sweep}/sweep.csv holds no cell that finished")
    jct_against_load(rows, out)
    jct_cdf(sweep, cells, out)
    metric_bars(rows, out)


# ---- a run ----


def gantt(jobs, out):
    """Each job from its first start to its end on the nodes of its last placement; jobs that
    were preempted, migrated or failed by power hatched, jobs not finished in grey."""
    nodes = in_order(n for j in jobs for n in j["nodes"].split(";") if n)
    row = {n: i for i, n in enumerate(nodes)}
    figure, ax = plt.subplots(figsize=(12, max(3.0, 0.22 * len(nodes) + 1.5)))
    # The default colours but grey, which marks jobs that did not finish.
    colours = [c for c in plt.rcParams["axes.prop_cycle"].by_key()["color"] if c != "#7f7f7f"]
    marked = {"preempted": "//", "migrated": "xx", "failed by power": ".."}
    for i, job in enumerate(jobs):
        if job["start"] == "":
            continue
        start = number(job["start"]) / 3600
        end = number(job["end"]) / 3600 if job["end"] else start
        hatch = None
        if int(job["power_failures"]) > 0:
            hatch = marked["failed by power"]
        elif int(job["migrations"]) > 0:
            hatch = marked["migrated"]
        elif int(job["preemptions"]) > 0:
            hatch = marked["preempted"]
        colour = colours[i % len(colours)] if job["state"] == "finished" else "0.6"
        for node in job["nodes"].split(";"):
            if node:
                ax.barh(row[node], end - start, left=start, height=0.8, color=colour,
                        hatch=hatch, edgecolor="black", linewidth=0.3)
    ax.set_yticks(range(len(nodes)), nodes, fontsize="x-small" if len(nodes) > 30 else "small")
    ax.invert_yaxis()
    ax.set_xlabel("time since the scenario start (h)")
    ax.set_ylabel("node")
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="black", hatch=h,
                             label=label) for label, h in marked.items()]
    handles.append(plt.Rectangle((0, 0), 1, 1, facecolor="0.6", label="not finished"))
    ax.set_title("jobs from their first start to their end, on their last placement "
                 "(jobs sharing a node overlap)")
    ax.grid(alpha=0.3, axis="x")
    save(figure, out, "gantt", legend_below=handles)


def allocated_gpus(jobs, out):
    """Allocated GPUs over time, each job counted from its first start to its end."""
    changes = []
    for job in jobs:
        if job["start"] != "" and job["end"] != "":
            changes.append((number(job["start"]) / 3600, int(job["gpus"])))
            changes.append((number(job["end"]) / 3600, -int(job["gpus"])))
    changes.sort()
    time, level, total = [0.0], [0], 0
    for t, change in changes:
        total += change
        time.append(t)
        level.append(total)
    figure, ax = plt.subplots(figsize=(10, 3.6))
    ax.step(time, level, where="post")
    ax.set_xlabel("time since the scenario start (h)")
    ax.set_ylabel("allocated GPUs")
    ax.set_ylim(bottom=0)
    ax.set_title("GPUs held by jobs (first start to end: a preempted job's gaps included)")
    ax.grid(alpha=0.3)
    save(figure, out, "gpus")


def state_of_charge(power, out, most=6):
    """The `most` powered satellites that drew the most power, in the file's order: state of
    charge (linear between events, as the battery moves) and power drawn (constant between
    events), with the time in the Earth's shadow (illumination below 1) shaded."""
    peak = {}
    for r in power:
        peak[r["node"]] = max(peak.get(r["node"], 0.0), number(r["load_w"]))
    order = in_order(r["node"] for r in power)
    chosen = sorted(order, key=lambda n: (-peak[n], order.index(n)))[:most]
    nodes = [n for n in order if n in chosen]
    figure, axes = plt.subplots(len(nodes), 1, figsize=(11, 2.0 * len(nodes) + 0.8),
                                sharex=True, squeeze=False)
    for ax, node in zip(axes[:, 0], nodes):
        rows = [r for r in power if r["node"] == node]
        t = [number(r["time"]) / 3600 for r in rows]
        ax.plot(t, [100 * number(r["state_of_charge"]) for r in rows], color="tab:blue")
        ax.set_ylabel("charge (%)")
        ax.set_ylim(0, 105)
        right = ax.twinx()
        right.step(t, [number(r["load_w"]) / 1000 for r in rows], where="post",
                   color="tab:red", linewidth=0.8)
        right.set_ylabel("power (kW)")
        right.set_ylim(0, 1.25 * peak[node] / 1000 if peak[node] > 0 else 1)
        shadow_from = None
        for time, r in zip(t + [t[-1]], rows + [None]):
            dark = r is not None and number(r["illumination"]) < 1
            if dark and shadow_from is None:
                shadow_from = time
            elif not dark and shadow_from is not None:
                ax.axvspan(shadow_from, time, color="0.85", linewidth=0)
                shadow_from = None
        ax.set_title(node, fontsize="small", loc="left")
    handles = [plt.Line2D([], [], color="tab:blue", label="state of charge"),
               plt.Line2D([], [], color="tab:red", label="power drawn"),
               plt.Rectangle((0, 0), 1, 1, color="0.85", label="in shadow")]
    axes[-1, 0].set_xlabel("time since the scenario start (h)")
    figure.suptitle(f"the {len(nodes)} satellites that drew the most power")
    save(figure, out, "power", legend_below=handles)


def plot_run(run, out):
    jobs = read_csv(os.path.join(run, "jobs.csv"))
    gantt(jobs, out)
    allocated_gpus(jobs, out)
    if os.path.exists(os.path.join(run, "power.csv")):
        state_of_charge(read_csv(os.path.join(run, "power.csv")), out)


if __name__ == "__main__":
    kind, folder, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    (plot_sweep if kind == "sweep" else plot_run)(folder, out)
