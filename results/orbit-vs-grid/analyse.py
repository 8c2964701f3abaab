#!/usr/bin/env python3
"""The orbit-vs-grid table and figure, from the sweep's cells (results/orbit-vs-grid/run.sh).

Per shell size and policy, over the seeds: the mean and the 95 % confidence interval of the
mean (Student's t, as `umbra sweep collect`) of
  - throughput: useful GPU-hours (summary.json, the work done) per day of makespan;
  - mean JCT;
  - energy per useful GPU-hour: facility energy (the ground's IT energy x its PUE, from the
    grid; the shell's IT energy, from the sun) over useful GPU-hours, and the grid's part;
  - GPU-hours held per useful GPU-hour: what communication, checkpoints and staging cost;
  - work lost to eclipses: GPU-hours rolled back when a satellite went dark.
Every cell's metrics go to CELLS.csv too (check.sh reruns some cells against it).
Usage: analyse.py RUNS_DIR TABLE.md FIGURE_DIR CELLS.csv   (FIGURE_DIR empty: no figure)
"""
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# t(0.975, n - 1) for n = 2 .. 10 seeds (any table of Student's t, e.g. NIST/SEMATECH
# e-Handbook of Statistical Methods, 1.3.6.7.2).
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}
GROUND_SITE = "grid"
WORKLOAD = "grows"

METRICS = [
    # key, column header, figure label
    ("throughput", "useful GPU-h/day", "throughput (useful GPU-h per day)"),
    ("jct_h", "mean JCT (h)", "mean JCT (h)"),
    ("kwh", "kWh/useful GPU-h", "energy per useful GPU-h (kWh)"),
    ("grid_kwh", "grid kWh/useful GPU-h", "of which from the grid (kWh)"),
    ("held_per_useful", "held/useful GPU-h", "GPU-h held per useful GPU-h"),
    ("eclipse_lost", "GPU-h lost to eclipses", "work lost to eclipses (GPU-h)"),
]


def shell_size(platform):
    return int(platform.rsplit("-", 1)[1])


def cell_metrics(summary, gpus):
    useful = summary["useful_gpu_hours"]
    makespan_h = summary["makespan_s"] / 3600
    grid = next(s for s in summary["sites"] if s["site"] == GROUND_SITE)
    held = summary["gpu_utilisation"] * gpus * makespan_h
    return {
        "throughput": useful / (makespan_h / 24),
        "jct_h": summary["jct"]["mean_s"] / 3600,
        "kwh": summary["facility_energy_j"] / 3.6e6 / useful,
        "grid_kwh": grid["facility_energy_j"] / 3.6e6 / useful,
        "held_per_useful": held / useful,
        # Rollbacks here come from satellites going dark only: no policy of the sweep preempts.
        "eclipse_lost": summary["lost_gpu_hours"],
    }


def statistics(values):
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, None
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return mean, T975[n - 1] * sd / math.sqrt(n)


def platform_gpus(platform_dir):
    """GPUs of a shell-N platform: the ground's 512 and 8 per satellite."""
    return 512 + 8 * shell_size(platform_dir)


def read_cells(runs):
    """(size, policy) -> {metric: [values in seed order]}, and one row per cell."""
    groups, rows = {}, []
    for platform in sorted(os.listdir(runs)):
        folder = os.path.join(runs, platform, WORKLOAD)
        if not platform.startswith("shell-") or not os.path.isdir(folder):
            continue
        for policy in sorted(os.listdir(folder)):
            seeds = sorted(os.listdir(os.path.join(folder, policy)), key=lambda s: int(s[4:]))
            for seed in seeds:
                cell = os.path.join(folder, policy, seed)
                if not os.path.isfile(os.path.join(cell, "manifest.json")):
                    sys.exit(f"analyse.py: {cell} did not finish")
                with open(os.path.join(cell, "summary.json")) as f:
                    summary = json.load(f)
                values = cell_metrics(summary, platform_gpus(platform))
                group = groups.setdefault((shell_size(platform), policy), {})
                for key, value in values.items():
                    group.setdefault(key, []).append(value)
                rows.append([str(shell_size(platform)), policy, seed[4:]] +
                            [repr(values[key]) for key, _, _ in METRICS])
    return groups, rows


def write_cells(rows, path):
    rows.sort(key=lambda row: (int(row[0]), row[1], int(row[2])))
    with open(path, "w") as f:
        f.write(",".join(["satellites", "policy", "seed"] + [m[0] for m in METRICS]) + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def formatted(values, decimals):
    mean, half = statistics(values)
    return f"{mean:,.{decimals}f}" + (f" ± {half:,.{decimals}f}" if half is not None else "")


def write_table(groups, path):
    decimals = {"throughput": 0, "jct_h": 2, "kwh": 3, "grid_kwh": 3, "held_per_useful": 2,
                "eclipse_lost": 1}
    lines = ["| satellites | policy | seeds | " + " | ".join(m[1] for m in METRICS) + " |",
             "| " + " | ".join(["---"] * (3 + len(METRICS))) + " |"]
    for (size, policy), group in sorted(groups.items()):
        cells = [formatted(group[key], decimals[key]) for key, _, _ in METRICS]
        lines.append(f"| {size} | {policy} | {len(group['jct_h'])} | " + " | ".join(cells) + " |")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def write_figure(groups, out):
    os.makedirs(out, exist_ok=True)
    sizes = sorted({size for size, _ in groups})
    policies = sorted({policy for _, policy in groups})
    shown = ["throughput", "jct_h", "kwh", "held_per_useful"]
    figure, axes = plt.subplots(2, 2, figsize=(11, 7.5))
    for ax, key in zip(axes.flat, shown):
        label = next(m[2] for m in METRICS if m[0] == key)
        for offset, policy in enumerate(policies):
            x, mean, half = [], [], []
            for i, size in enumerate(sizes):
                group = groups.get((size, policy))
                if not group:
                    continue
                m, h = statistics(group[key])
                x.append(i + (offset - (len(policies) - 1) / 2) * 0.08)
                mean.append(m)
                half.append(h or 0)
            line = ax.errorbar(x, mean, yerr=half, marker="o", capsize=3, label=policy)
            if key == "kwh":
                grid = [statistics(groups[(s, policy)]["grid_kwh"])[0] for s in sizes
                        if (s, policy) in groups]
                ax.plot(x, grid, linestyle="--", marker="x", color=line.lines[0].get_color(),
                        label=f"{policy}: from the grid")
        ax.set_xticks(range(len(sizes)), [str(s) for s in sizes])
        ax.set_xlabel("satellites in the shell (8 GPUs each)")
        ax.set_ylabel(label)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    figure.suptitle("A 512-GPU ground site capped to half its GPUs, beside growing shells; "
                    "workload 0.7 of all GPUs over 12 h (bars: 95 % CI over seeds)",
                    fontsize="medium")
    figure.tight_layout()
    figure.savefig(os.path.join(out, "orbit-vs-grid.png"), dpi=120, metadata={"Software": None})
    figure.savefig(os.path.join(out, "orbit-vs-grid.svg"), metadata={"Date": None, "Creator": None})


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    runs, table, figure, cells = sys.argv[1:]
    groups, rows = read_cells(runs)
    if not groups:
        sys.exit(f"analyse.py: no cells in {runs}")
    write_table(groups, table)
    write_cells(rows, cells)
    if figure:
        write_figure(groups, figure)


if __name__ == "__main__":
    main()
