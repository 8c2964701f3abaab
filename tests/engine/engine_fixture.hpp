#pragma once
// Shared pieces of the engine tests: a small one-site platform written in YAML, workloads
// written in YAML, and tiny policies that each drive one situation.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schedulers/registry.hpp"
#include "schedulers/scheduler.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/output/run_result.hpp"
#include "sim/spec/platform_reader.hpp"
#include "sim/workload/native_reader.hpp"

namespace umbra::engine::testing {

// One site of `nodes` nodes with `gpus_per_node` GPUs of 1 PFLOPS, 100 W idle, 500 W busy;
// ports of 100 GB/s, NICs of 10 GB/s, storage of 1 GB/s, all latencies 0 unless given.
inline std::string one_site_platform(int nodes, int gpus_per_node,
                                     const std::string& latency = "0 s") {
  return "gpu_models:\n"
         "  - {name: G, peak: 1 PFLOPS, idle_power: 100 W, busy_power: 500 W}\n"
         "sites:\n"
         "  - name: lab\n"
         "    location: {latitude: 0, longitude: 0}\n"
         "    nodes: " +
         std::to_string(nodes) +
         "\n"
         "    gpus_per_node: " +
         std::to_string(gpus_per_node) +
         "\n"
         "    gpu_model: G\n"
         "    intra_node: {bandwidth: 100 GB/s, latency: " +
         latency +
         "}\n"
         "    network: {bandwidth: 10 GB/s, latency: " +
         latency +
         "}\n"
         "    storage: {bandwidth: 1 GB/s}\n";
}

// The first satellite of platforms/power-eclipse-550.yaml: the Sun in the orbit plane, eight
// busy GPUs and the bus draw 6.1 kW, the 3 kWh battery holds ~1,345 s of that in a ~2,130 s
// shadow that starts ~30 min after the epoch. `policy` is its power_policy, `battery` its
// battery's capacity.
inline std::string eclipse_satellite(const std::string& policy,
                                     const std::string& battery = "3 kWh") {
  return "epoch: 2026-03-20T12:00:00Z\n"
         "gpu_models:\n"
         "  - name: H100\n"
         "    peak: 989 TFLOPS\n"
         "    idle_power: 70 W\n"
         "    busy_power: 700 W\n"
         "    pstates:\n"
         "      - {speed: 0.8, busy_power: 500 W}\n"
         "      - {speed: 0.6, busy_power: 350 W}\n"
         "      - {speed: 0.4, busy_power: 250 W}\n"
         "satellites:\n"
         "  - name: sat\n"
         "    altitude: 550 km\n"
         "    inclination: 0\n"
         "    payload: {gpu_model: H100, gpus: 8, storage: 8 GB/s}\n"
         "    solar_array: {area: 40 m2, efficiency: 0.30, packing_factor: 0.85}\n"
         "    battery: {capacity: " +
         battery +
         ", max_charge_power: 5 kW, max_discharge_power: 8 kW,\n"
         "              min_state_of_charge: 0.2}\n"
         "    bus_power: 500 W\n"
         "    power_policy: " +
         policy + "\n";
}

// SimGrid's solver works to about 1e-9 relative: times worked by hand are met to 1e-6
// relative (absolute below 1 s).
inline double near_tolerance(double expected) { return 1e-6 * std::max(1.0, std::abs(expected)); }

struct Scenario {
  spec::PlatformSpec platform;
  workload::Workload workload;
};

inline Scenario scenario(const std::string& platform_yaml, const std::string& jobs_yaml) {
  Scenario s;
  s.platform = spec::read_platform_text(platform_yaml, "platform.yaml");
  s.workload = workload::read_workload_text(jobs_yaml, "jobs.yaml", s.platform);
  return s;
}

// With the run's invariants checked at every event (run_invariants.hpp), as every engine
// test runs.
inline SimulationOptions checked_options() {
  SimulationOptions options;
  options.checks = RunChecks::kEveryEvent;
  return options;
}

inline output::RunResult run(const Scenario& s, sched::Scheduler& scheduler) {
  return simulate(s.platform, s.workload, scheduler, checked_options());
}

using PolicyOptions = std::vector<std::pair<std::string, std::string>>;

// Runs `jobs` (items of a YAML job list) under `policy` with `options` on one node of four
// 1 PFLOPS GPUs at mfu 1, where a job of g GPUs and W FLOP computes for W / (g x 1e15) s.
inline output::RunResult run_on_one_node(const sched::SchedulerInfo& policy,
                                         const std::string& jobs,
                                         const PolicyOptions& options = {}) {
  const auto s = scenario(one_site_platform(1, 4), "defaults: {mfu: 1}\njobs:\n" + jobs);
  auto scheduler =
      policy.create({0, sched::check_policy_options(policy.name, policy.options, options)});
  return run(s, *scheduler);
}
// The same under the built-in policy named `builtin`.
inline output::RunResult run_on_one_node(std::string_view builtin, const std::string& jobs,
                                         const PolicyOptions& options = {}) {
  const auto registry = sched::SchedulerRegistry::with_builtins();
  return run_on_one_node(registry.find(builtin), jobs, options);
}

// A ground site, the lab, of one node of 2 GPUs of 1 PFLOPS, at the equator.
inline const std::string kOrbitHeader =
    "epoch: 2026-03-20T12:00:00Z\n"
    "gpu_models:\n"
    "  - {name: G, peak: 1 PFLOPS, idle_power: 100 W, busy_power: 500 W}\n"
    "sites:\n"
    "  - name: lab\n"
    "    location: {latitude: 0, longitude: 0}\n"
    "    nodes: 1\n"
    "    gpus_per_node: 2\n"
    "    gpu_model: G\n"
    "    network: {bandwidth: 10 GB/s, latency: 0 s}\n"
    "    storage: {bandwidth: 1 TB/s}\n";

// One equatorial satellite passing over a station beside the lab, joined by a 1 GB/s radio link.
inline const std::string kPasses = kOrbitHeader +
                                   "link_classes:\n"
                                   "  - {name: rf, kind: rf, rate: 1 GB/s, max_range: 3000 km}\n"
                                   "ground_stations:\n"
                                   "  - name: gs\n"
                                   "    location: {latitude: 0, longitude: 0}\n"
                                   "    backhaul: {bandwidth: 1 TB/s}\n"
                                   "satellites:\n"
                                   "  - name: sat\n"
                                   "    altitude: 550 km\n"
                                   "    inclination: 0\n"
                                   "    mean_anomaly: 180\n"
                                   "    payload: {gpu_model: G, gpus: 1}\n"
                                   "    terminals: [{link_class: rf, count: 1}]\n";

// Gives, at the first call at each time of its script, the decisions written for that time,
// and asks to be woken at the script's next time.
class ScriptedPolicy : public sched::Scheduler {
 public:
  using Script = std::vector<std::pair<double, sched::Decisions>>;
  explicit ScriptedPolicy(Script script) : script_(std::move(script)) {}

  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    sched::Decisions d;
    if (next_ < script_.size() && script_[next_].first == state.now) d = script_[next_++].second;
    if (next_ < script_.size()) d.wake_up_at = script_[next_].first;
    return d;
  }

 private:
  Script script_;
  std::size_t next_ = 0;
};

// Starts every queued job in order on the first free GPUs of the lowest nodes, when it fits,
// taking at most `per_node` GPUs of each node (all it has by default).
class GreedyInOrder : public sched::Scheduler {
 public:
  explicit GreedyInOrder(int per_node = std::numeric_limits<int>::max()) : per_node_(per_node) {}

  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    sched::Decisions decisions;
    std::vector<int> free;
    for (const auto& node : state.nodes) free.push_back(node.free_gpus);
    for (const auto& job : state.queue) {
      sched::Placement placement;
      int needed = job.gpus;
      for (std::size_t n = 0; n < free.size() && needed > 0; ++n) {
        const int take = std::min({needed, free[n], per_node_});
        if (take == 0) continue;
        placement.slots.push_back({n, take});
        needed -= take;
      }
      if (needed > 0) break;
      for (const auto& slot : placement.slots) free[slot.node] -= slot.gpus;
      decisions.starts.push_back({job.id, placement});
    }
    return decisions;
  }

 private:
  int per_node_;
};

}  // namespace umbra::engine::testing
