#!/usr/bin/env python3
"""Writes the orbital engine benchmark's scenario (bench/README.md, "Orbital engine: 1,584
satellites, 1,000 jobs, 7 days") into the folder given, seeded:

- platform.yaml: the 72 x 22 Starlink-like shell of platforms/leo-starlink-shell.yaml (550 km,
  53 deg, Walker delta 1584/72/1, one 8-H100 node per satellite, its solar array, battery, bus,
  `throttle` policy, four laser terminals and plus-grid ISLs), each satellite also carrying one
  Ka-band ground terminal; two ground sites (Iowa 16 x 8 GPUs, Oregon 8 x 8 GPUs, a WAN between
  them) and ten ground stations between ~53 deg S and ~46 deg N, each with a 100 Gbps backhaul
  to its nearest site.
- jobs.csv: a native CSV of JOBS jobs (default 1,000) with Poisson arrivals over DAYS days
  (default 6.5, so that the last jobs end near day 7), 8-256 GPUs, durations log-uniform from
  30 min to 12 h on the reference H100, gradients (2 bytes/parameter) and hourly checkpoints
  (14 bytes/parameter) of 1B-13B models, about one job in five reading a 50 GB-1 TB data set
  held by a ground site.

Usage: make_scenario.py OUT_DIR [JOBS] [SEED] [DAYS]
"""
import math
import os
import random
import sys

SITES = (("iowa", 41.26, -95.86, 16, "200 Gbps"), ("oregon", 45.60, -121.18, 8, "100 Gbps"))

# Ten stations within the shell's reach (53 deg inclination, 25 deg elevation mask: up to
# ~62 deg of latitude), spread over both hemispheres.
STATIONS = (
    ("iowa-gs", 41.26, -95.86),
    ("oregon-gs", 45.60, -121.18),
    ("hawaii", 19.82, -155.47),
    ("santiago", -33.45, -70.67),
    ("punta-arenas", -53.16, -70.91),
    ("madrid", 40.43, -4.25),
    ("hartebeesthoek", -25.89, 27.69),
    ("bangalore", 13.03, 77.51),
    ("perth", -31.80, 115.89),
    ("tokyo", 35.68, 139.69),
)

# (GPUs, weight) and the models a job of that size trains (parameters).
SIZES = ((8, 0.25), (16, 0.25), (32, 0.20), (64, 0.15), (128, 0.10), (256, 0.05))
MODELS = {8: (1e9, 3e9), 16: (1e9, 3e9), 32: (3e9, 7e9), 64: (3e9, 7e9), 128: (7e9, 13e9),
          256: (7e9, 13e9)}


def great_circle_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def write_platform(path):
    lines = [
        "# Orbital engine benchmark (bench/orbital_engine/make_scenario.py): the Starlink-like",
        "# shell of platforms/leo-starlink-shell.yaml with a Ka terminal per satellite, two",
        "# ground sites and ten ground stations.",
        "name: orbital-bench",
        "epoch: 2026-03-20T12:00:00Z",
        "gpu_models:",
        "  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W, memory: 80 GB}",
        "sites:",
    ]
    for name, lat, lon, nodes, storage in SITES:
        lines += [
            f"  - name: {name}",
            f"    location: {{latitude: {lat}, longitude: {lon}}}",
            f"    nodes: {nodes}",
            "    gpus_per_node: 8",
            "    gpu_model: H100",
            "    network: {bandwidth: 400 Gbps, latency: 5 us}",
            f"    storage: {{bandwidth: {storage}}}",
        ]
    lines += [
        "wan:",
        "  - {between: [iowa, oregon], bandwidth: 100 Gbps}",
        "link_classes:",
        "  - {name: laser-isl, kind: laser, rate: 100 Gbps, max_range: 5000 km,",
        "     grazing_altitude: 80 km, acquisition_time: 10 s, power: 50 W}",
        "  - {name: ka-ground, kind: rf, rate: 10 Gbps, max_range: 2500 km, elevation_mask: 25,",
        "     power: 200 W}",
        "ground_stations:",
    ]
    for name, lat, lon in STATIONS:
        site = min(SITES, key=lambda s: great_circle_km(lat, lon, s[1], s[2]))[0]
        lines += [
            f"  - name: {name}",
            f"    location: {{latitude: {lat}, longitude: {lon}}}",
            "    min_elevation: 25",
            "    antennas: 4",
            f"    backhaul: {{site: {site}, bandwidth: 100 Gbps}}",
        ]
    lines += [
        "shells:",
        "  - name: starlink",
        "    altitude: 550 km",
        "    inclination: 53",
        "    planes: 72",
        "    satellites_per_plane: 22",
        "    phasing: 1",
        "    pattern: delta",
        "    payload: {gpu_model: H100, gpus: 8}",
        "    solar_array: {area: 60 m2, efficiency: 0.30, packing_factor: 0.85,",
        "                  degradation_per_year: 0.02, pointing: sun-tracking}",
        "    battery: {capacity: 12 kWh, max_charge_power: 8 kW, max_discharge_power: 8 kW,",
        "              min_state_of_charge: 0.4}",
        "    bus_power: 800 W",
        "    power_policy: throttle",
        "    terminals:",
        "      - {link_class: laser-isl, count: 4}",
        "      - {link_class: ka-ground, count: 1}",
        "    isl: {topology: plus-grid, link_class: laser-isl}",
    ]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def write_jobs(path, jobs, seed, days):
    rng = random.Random(seed)
    rate_per_s = jobs / (days * 86400.0)
    t = 0.0
    with open(path, "w") as f:
        f.write("id,submit,user,gpus,duration,reference_gpu,iterations,gradient,mfu,"
                "comm_overlap,checkpoint_size,checkpoint_interval,walltime,dataset,"
                "dataset_site\n")
        for i in range(jobs):
            t += rng.expovariate(rate_per_s)
            gpus = rng.choices([g for g, _ in SIZES], [w for _, w in SIZES])[0]
            params = rng.choice(MODELS[gpus])
            # Log-uniform between 30 min and 12 h of compute on the reference GPU.
            seconds = 1800.0 * math.exp(rng.uniform(0.0, math.log(24.0)))
            # One all-reduce every 5-15 s of compute.
            iterations = max(1, int(seconds / rng.uniform(5.0, 15.0)))
            walltime = seconds * rng.uniform(1.2, 2.0)
            dataset, dataset_site = "", ""
            if rng.random() < 0.2:
                dataset = f"{rng.uniform(50.0, 1000.0):.1f} GB"
                dataset_site = rng.choice(SITES)[0]
            f.write(f"j{i:04d},{t:.3f} s,u{rng.randrange(40)},{gpus},{seconds:.3f} s,H100,"
                    f"{iterations},{2 * params:.0f} B,0.4,0.5,{14 * params:.0f} B,1 h,"
                    f"{walltime:.3f} s,{dataset},{dataset_site}\n")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    days = float(sys.argv[4]) if len(sys.argv) > 4 else 6.5
    os.makedirs(out, exist_ok=True)
    write_platform(os.path.join(out, "platform.yaml"))
    write_jobs(os.path.join(out, "jobs.csv"), jobs, seed, days)


if __name__ == "__main__":
    main()
