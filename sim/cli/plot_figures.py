# The figures of `umbra plot` (README.md, "Figures"), drawn with matplotlib; embedded in the
# umbra binary at build time and run as `python3 -c SCRIPT sweep|run DIR OUT`.
# A sweep: mean JCT against load per policy with its 95 % interval, the CDF of JCT per policy,
# and the headline metrics per policy. A run: jobs on their nodes over time with their
# preemptions, migrations and failures, GPUs held and computing over time, contact links up per
# link class, and the powered satellites' state of charge and power with their shadow.
# Every figure is written as PNG and SVG, without dates, so that the same inputs give the same
# bytes.
import csv
import json
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

HOURS = "time since the scenario start (h)"

# How a stretch on GPUs ended (allocations.csv's `ended`) -> its marker on the Gantt chart.
STRETCH_ENDS = {
    "preempted": ("v", "black", "preempted"),
    "migrated": (">", "tab:blue", "migrated"),
    "power-failed": ("X", "tab:red", "failed by power (node dark)"),
    "power-suspended": ("s", "tab:orange", "suspended by power"),
    "walltime": ("|", "black", "killed at its walltime"),
}


def lanes(stretches):
    """The stretches of one node, each on the lowest lane free at its start."""
    ends = []
    placed = []
    for stretch in sorted(stretches, key=lambda s: (s["start"], s["end"], s["job"])):
        lane = next((i for i, end in enumerate(ends) if end <= stretch["start"]), len(ends))
        if lane == len(ends):
            ends.append(0.0)
        ends[lane] = stretch["end"]
        placed.append((lane, stretch))
    return max(len(ends), 1), placed


def gantt(jobs, allocations, out):
    """Every stretch a job held a node's GPUs, on that node's row (jobs sharing a node side by
    side in lanes), with a marker where a stretch ended otherwise than by finishing; the legend
    counts the events (a job on three nodes preempted once: three markers, one event)."""
    index = {job["id"]: i for i, job in enumerate(jobs)}
    finished = {job["id"] for job in jobs if job["state"] == "finished"}
    by_node = {}
    for row in allocations:
        stretch = {"job": row["job"], "start": number(row["start"]) / 3600,
                   "end": number(row["end"]) / 3600, "ended": row["ended"]}
        by_node.setdefault(row["node"], []).append(stretch)
    nodes = sorted(by_node, key=natural_key)
    figure, ax = plt.subplots(figsize=(12, max(3.0, 0.22 * len(nodes) + 1.5)))
    # The default colours but grey, which marks jobs that did not finish.
    colours = [c for c in plt.rcParams["axes.prop_cycle"].by_key()["color"] if c != "#7f7f7f"]
    marks = {ended: ([], []) for ended in STRETCH_ENDS}
    events = {ended: set() for ended in STRETCH_ENDS}  # (job, time): a job's nodes end together
    for row, node in enumerate(nodes):
        count, placed = lanes(by_node[node])
        height = 0.8 / count
        for lane, stretch in placed:
            job = stretch["job"]
            colour = colours[index[job] % len(colours)] if job in finished else "0.6"
            y = row - 0.4 + height * (lane + 0.5)
            ax.barh(y, stretch["end"] - stretch["start"], left=stretch["start"], height=height,
                    color=colour, edgecolor="black", linewidth=0.2)
            if stretch["ended"] in marks:
                marks[stretch["ended"]][0].append(stretch["end"])
                marks[stretch["ended"]][1].append(y)
                events[stretch["ended"]].add((job, stretch["end"]))
    handles = []
    for ended, (x, y) in marks.items():
        marker, colour, label = STRETCH_ENDS[ended]
        if x:
            ax.scatter(x, y, marker=marker, color=colour, s=22, zorder=3, linewidths=1.2)
            handles.append(plt.Line2D([], [], linestyle="", marker=marker, color=colour,
                                      label=f"{label} ({len(events[ended])})"))
    if any(job["state"] != "finished" and job["start"] != "" for job in jobs):
        handles.append(plt.Rectangle((0, 0), 1, 1, facecolor="0.6", label="job not finished"))
    ax.set_yticks(range(len(nodes)), nodes, fontsize="x-small" if len(nodes) > 30 else "small")
    ax.set_ylim(len(nodes) - 0.5, -0.5)
    ax.set_xlabel(HOURS)
    ax.set_ylabel("node")
    ax.set_title("jobs on their nodes' GPUs (a colour per job; jobs sharing a node side by side)")
    ax.grid(alpha=0.3, axis="x")
    save(figure, out, "gantt", legend_below=handles)


def natural_key(name):
    """node-2 before node-10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"([0-9]+)", name)]


def gpu_use(buckets, out):
    """GPUs held by jobs and GPUs computing, means over the buckets of gpu_use.csv."""
    edges = [number(b["start"]) / 3600 for b in buckets] + [number(buckets[-1]["end"]) / 3600]
    held = [number(b["held_gpus"]) for b in buckets]
    computing = [number(b["computing_gpus"]) for b in buckets]
    figure, ax = plt.subplots(figsize=(10, 3.8))
    ax.stairs(held, edges, fill=True, color="tab:blue", alpha=0.25, label="held by jobs")
    ax.stairs(computing, edges, color="tab:green", linewidth=0.9, label="computing")
    width = number(buckets[0]["end"]) - number(buckets[0]["start"])
    ax.set_xlabel(HOURS)
    ax.set_ylabel("GPUs")
    ax.set_ylim(bottom=0)
    ax.set_title(f"GPUs held and computing (means over {width:.0f} s)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small", loc="upper right")
    save(figure, out, "gpus")


def link_availability(windows, end_of_run, out):
    """Each contact link's windows, a row per link and a panel per link class
    (link_windows.csv), with the mean number of its links up."""
    classes = in_order(w["class"] for w in windows)
    links = {c: in_order((w["a"], w["b"]) for w in windows if w["class"] == c) for c in classes}
    heights = [min(4.0, 1.0 + 0.02 * len(links[c])) for c in classes]
    figure, axes = plt.subplots(len(classes), 1, figsize=(11, sum(heights) + 1.2), sharex=True,
                                squeeze=False, gridspec_kw={"height_ratios": heights})
    for ax, link_class in zip(axes[:, 0], classes):
        row = {link: i for i, link in enumerate(links[link_class])}
        spans = {}
        up_seconds = 0.0
        for w in windows:
            if w["class"] == link_class:
                start, end = number(w["start"]), number(w["end"])
                spans.setdefault(row[(w["a"], w["b"])], []).append(
                    (start / 3600, (end - start) / 3600))
                up_seconds += end - start
        for i, bars in spans.items():
            ax.broken_barh(bars, (i - 0.4, 0.8), color="tab:purple", linewidth=0)
        ax.set_ylim(len(row) - 0.5, -0.5)
        ax.set_yticks([])
        ax.set_ylabel(f"{len(row)} links", fontsize="small")
        mean_up = up_seconds / end_of_run if end_of_run > 0 else 0
        ax.set_title(f"{link_class}: a row per link, {mean_up:.1f} links up on average",
                     fontsize="small", loc="left")
        ax.grid(alpha=0.3, axis="x")
    axes[-1, 0].set_xlabel(HOURS)
    figure.suptitle("contact windows per link class (a bar per window a link was up)")
    save(figure, out, "links")


SHADOW = [("penumbra", "0.88"), ("umbra", "0.7")]  # (name, band colour)


def shadow_of(illumination):
    if illumination <= 0:
        return "umbra"
    return "penumbra" if illumination < 1 else None


def state_of_charge(power, end_of_run, out, most=6):
    """The `most` powered satellites that drew the most power, in the file's order: state of
    charge (linear between events, as the battery moves) and power drawn (constant between
    events), with the Earth's shadow as bands: umbra (none of the Sun seen) darker, penumbra
    (part of it) lighter, each power.csv row holding until the node's next."""
    peak = {}
    for r in power:
        peak[r["node"]] = max(peak.get(r["node"], 0.0), number(r["load_w"]))
    order = in_order(r["node"] for r in power)
    chosen = sorted(order, key=lambda n: (-peak[n], order.index(n)))[:most]
    nodes = [n for n in order if n in chosen]
    figure, axes = plt.subplots(len(nodes), 1, figsize=(11, 2.0 * len(nodes) + 0.8),
                                sharex=True, squeeze=False)
    colour = dict(SHADOW)
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
        band_from, band = None, None
        for time, r in zip(t + [end_of_run / 3600], rows + [None]):
            shadow = shadow_of(number(r["illumination"])) if r is not None else None
            if shadow == band:
                continue
            if band is not None:
                ax.axvspan(band_from, time, color=colour[band], linewidth=0)
            band_from, band = time, shadow
        ax.set_title(node, fontsize="small", loc="left")
    handles = [plt.Line2D([], [], color="tab:blue", label="state of charge"),
               plt.Line2D([], [], color="tab:red", label="power drawn")]
    handles += [plt.Rectangle((0, 0), 1, 1, color=c, label=f"in {name}") for name, c in SHADOW]
    axes[-1, 0].set_xlabel(HOURS)
    figure.suptitle(f"the {len(nodes)} satellites that drew the most power")
    save(figure, out, "power", legend_below=handles)


def plot_run(run, out):
    def read(name):
        return read_csv(os.path.join(run, name))
    with open(os.path.join(run, "summary.json")) as file:
        end_of_run = json.load(file)["simulated_end_s"]
    gantt(read("jobs.csv"), read("allocations.csv"), out)
    buckets = read("gpu_use.csv")
    if buckets:
        gpu_use(buckets, out)
    windows = read("link_windows.csv")
    if windows:
        link_availability(windows, end_of_run, out)
    if os.path.exists(os.path.join(run, "power.csv")):
        state_of_charge(read("power.csv"), end_of_run, out)


if __name__ == "__main__":
    kind, folder, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    (plot_sweep if kind == "sweep" else plot_run)(folder, out)
