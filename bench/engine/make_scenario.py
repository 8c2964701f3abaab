#!/usr/bin/env python3
"""Writes the engine benchmark's scenario: a 10,000-GPU ground platform (2 sites of 625 nodes
of 8 GPUs) and a synthetic workload of 100,000 jobs (Poisson arrivals, a mix of job sizes whose
offered load is about 90 % of the platform), both seeded, to the folder given."""
import os
import random
import sys

def main():
    out = sys.argv[1]
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "platform.yaml"), "w") as f:
        f.write("name: ground-10k\n"
                "gpu_models:\n"
                "  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}\n"
                "sites:\n")
        for name, lat, lon in (("east", 39.0, -77.5), ("west", 45.6, -121.2)):
            f.write(f"  - name: {name}\n"
                    f"    location: {{latitude: {lat}, longitude: {lon}}}\n"
                    "    nodes: 625\n    gpus_per_node: 8\n    gpu_model: H100\n"
                    "    network: {bandwidth: 400 Gbps, latency: 5 us}\n"
                    "    storage: {bandwidth: 1 Tbps}\n")
        f.write("wan:\n  - {between: [east, west], bandwidth: 400 Gbps}\n")

    rng = random.Random(seed)
    sizes = [(1, 0.45), (2, 0.15), (4, 0.15), (8, 0.15), (16, 0.05), (32, 0.03), (64, 0.02)]
    mean_gpus = sum(g * p for g, p in sizes)
    mean_hours = 1.0
    load = 0.9
    # Arrival rate so that rate x mean GPU-hours = load x 10,000 GPUs.
    rate_per_s = load * 10_000 / (mean_gpus * mean_hours * 3600)
    t = 0.0
    with open(os.path.join(out, "jobs.csv"), "w") as f:
        f.write("id,submit,user,gpus,duration,reference_gpu,iterations,gradient,"
                "checkpoint_size,checkpoint_interval,walltime\n")
        for i in range(jobs):
            t += rng.expovariate(rate_per_s)
            gpus = rng.choices([g for g, _ in sizes], [p for _, p in sizes])[0]
            hours = rng.expovariate(1 / mean_hours)
            params = 1e8 * gpus
            f.write(f"j{i},{t:.3f} s,u{rng.randrange(200)},{gpus},{hours * 3600:.3f} s,H100,"
                    f"{max(1, int(hours * 2000))},{2 * params:.0f} B,{14 * params:.0f} B,1 h,"
                    f"{hours * 3600 * rng.uniform(1.0, 2.0):.3f} s\n")

if __name__ == "__main__":
    main()
