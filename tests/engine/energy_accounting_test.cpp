// Independent accounts of the same energy must agree: SimGrid's host_energy plugin integrates
// every node's draw over the run; the engine's ledger (sim/engine/gpu_energy_ledger.hpp)
// charges each job its GPUs' idle power over its allocation plus the busy increment while they
// computed, at the pstate of the moment, and the GPUs no job held their idle power; a
// satellite's power model draws for the GPUs computing. So total = sum of jobs + unallocated,
// and a satellite's load less its bus is its GPUs' draw.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "schedulers/registry.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

TEST(EnergyAccounting, JobsPlusIdleGpusEqualTheEnergyPluginsTotal) {
  // Jobs share nodes (2 GPUs of 4), cross nodes (6 GPUs), exchange gradients and checkpoint,
  // so GPUs sit allocated but idle during communication and checkpoint writes.
  const auto s =
      testing::scenario(testing::one_site_platform(3, 4, "2 us"),
                        "defaults: {mfu: 0.5, comm_overlap: 0.3, iterations: 50, gradient: 20 GB}\n"
                        "jobs:\n"
                        "  - {id: a, submit: 0 s, gpus: 2, work: 1e18 FLOP, checkpoint: {size: 50 "
                        "GB, interval: 200 s}}\n"
                        "  - {id: b, submit: 5 s, gpus: 6, work: 3e18 FLOP}\n"
                        "  - {id: c, submit: 9 s, gpus: 1, work: 2e17 FLOP}\n"
                        "  - {id: d, submit: 30 s, gpus: 4, work: 2e18 FLOP, checkpoint: {size: 10 "
                        "GB, interval: 100 s}}\n");
  const auto registry = sched::SchedulerRegistry::with_builtins();
  auto policy = registry.find("fcfs-fit").create({});
  const auto result = testing::run(s, *policy);

  double jobs_energy = 0;
  for (const auto& job : result.jobs) {
    ASSERT_EQ(job.state, output::JobState::kFinished) << job.id;
    jobs_energy += job.energy_joules;
  }
  const double idle_watts = 100;  // the fixture's GPU model
  const double unallocated =
      result.totals.platform_gpus * result.totals.end_time - result.totals.allocated_gpu_seconds;
  const double expected_total = jobs_energy + idle_watts * unallocated;
  EXPECT_NEAR(result.totals.energy_joules, expected_total, 1e-6 * expected_total);
  // And the busy part is really there: more than idle power over the allocations.
  EXPECT_GT(jobs_energy, idle_watts * result.totals.allocated_gpu_seconds * 1.5);
}

// The eclipse satellite (engine_fixture.hpp) under `shutdown` with a 0.5 kWh battery (0.4 kWh
// above its floor), which cannot carry its eight idle 70 W GPUs and 500 W bus through the
// ~2,130 s shadow that starts ~30 min after the epoch: it goes dark for a while, then a 60 s job
// runs after sunrise. A dark node draws nothing: the GPUs' energy is their idle power over the
// time the node was on (the run less the ledger's dark seconds) plus the job's busy increment.
TEST(EnergyAccounting, ADarkSatelliteDrawsNothing) {
  // 60 s on 8 GPUs at 989 TFLOPS x mfu 1.
  const auto s = testing::scenario(
      testing::eclipse_satellite("shutdown", "0.5 kWh"),
      "jobs:\n  - {id: j, submit: 5000 s, gpus: 8, work: 4.7472e17 FLOP, mfu: 1}\n");
  testing::GreedyInOrder policy;
  const auto result = testing::run(s, policy);
  ASSERT_EQ(result.jobs[0].state, output::JobState::kFinished);
  ASSERT_TRUE(result.totals.satellite_power);
  const double dark = result.totals.satellite_power->off_seconds;
  ASSERT_GT(dark, 60);  // it did go dark
  const double idle_watts = 8 * 70;
  const double allocated = result.totals.allocated_gpu_seconds;
  EXPECT_NEAR(allocated, 8 * 60, 1e-6);
  const double busy_increment = result.jobs[0].energy_joules - 70 * allocated;
  EXPECT_NEAR(busy_increment, (700 - 70) * allocated, 1e-6);
  const double expected = idle_watts * (result.totals.end_time - dark) + busy_increment;
  EXPECT_NEAR(result.totals.energy_joules, expected, 1e-9 * expected);
}

// A GPU capped to a slower pstate draws that pstate's power. One GPU of 1 PFLOPS at mfu 1,
// 1000 s of work at pstate 0 (500 W busy); capped at 500 s to pstate 1 (half speed, 300 W busy,
// 50 W idle), the other half of the work takes 1000 s: 500 x 500 + 1000 x 300 = 550 kJ, and
// the run (the node's only GPU) is the job's.
TEST(EnergyAccounting, ACappedGpuDrawsItsPstatesPower) {
  sched::Decisions start, cap;
  start.starts.push_back({0, {{{0, 1}}}});
  cap.power_caps.push_back({0, 1});
  testing::ScriptedPolicy policy({{0, start}, {500, cap}});
  const auto s = testing::scenario(
      "gpu_models:\n"
      "  - name: G\n"
      "    peak: 1 PFLOPS\n"
      "    idle_power: 100 W\n"
      "    busy_power: 500 W\n"
      "    pstates: [{speed: 0.5, busy_power: 300 W, idle_power: 50 W}]\n"
      "sites:\n"
      "  - name: lab\n"
      "    location: {latitude: 0, longitude: 0}\n"
      "    nodes: 1\n"
      "    gpus_per_node: 1\n"
      "    gpu_model: G\n"
      "    network: {bandwidth: 10 GB/s, latency: 0 s}\n"
      "    storage: {bandwidth: 1 GB/s}\n",
      "jobs:\n  - {id: a, submit: 0 s, gpus: 1, work: 1e18 FLOP, mfu: 1}\n");
  const auto result = testing::run(s, policy);
  ASSERT_TRUE(result.jobs[0].end);
  EXPECT_NEAR(*result.jobs[0].end, 1500, testing::near_tolerance(1500));
  EXPECT_NEAR(result.jobs[0].energy_joules, 550e3, 1e-6 * 550e3);
  EXPECT_NEAR(result.totals.energy_joules, 550e3, 1e-6 * 550e3);
  EXPECT_NEAR(result.totals.unallocated_gpu_joules, 0, 1e-6);
}

// Two satellites of the eclipse fixture's kind, one throttling and one with a small battery
// that shuts down, share 4-GPU jobs that exchange gradients over the node's fabric and write
// checkpoints, so GPUs sit held but idle, run at lower pstates and go dark.
TEST(EnergyAccounting, UnderThrottlingAndShutdownsEveryAccountAgrees) {
  std::string platform =
      "epoch: 2026-03-20T12:00:00Z\n"
      "gpu_models:\n"
      "  - name: H100\n"
      "    peak: 989 TFLOPS\n"
      "    idle_power: 70 W\n"
      "    busy_power: 700 W\n"
      "    pstates:\n"
      "      - {speed: 0.8, busy_power: 500 W, idle_power: 60 W}\n"
      "      - {speed: 0.6, busy_power: 350 W, idle_power: 50 W}\n"
      "      - {speed: 0.4, busy_power: 250 W, idle_power: 40 W}\n"
      "satellites:\n";
  for (const auto& [name, policy, battery] :
       {std::tuple{"a", "throttle", "3 kWh"}, std::tuple{"b", "shutdown", "0.5 kWh"}}) {
    platform += fmt::format(
        "  - name: {}\n"
        "    altitude: 550 km\n"
        "    inclination: 0\n"
        "    payload: {{gpu_model: H100, gpus: 8, storage: 8 GB/s}}\n"
        "    solar_array: {{area: 40 m2, efficiency: 0.30, packing_factor: 0.85}}\n"
        "    battery: {{capacity: {}, max_charge_power: 5 kW, max_discharge_power: 8 kW,\n"
        "              min_state_of_charge: 0.2}}\n"
        "    bus_power: 500 W\n"
        "    power_policy: {}\n",
        name, battery, policy);
  }
  std::string jobs =
      "defaults: {gpus: 4, work: 7e18 FLOP, mfu: 0.5, iterations: 2000, gradient: 10 GB,\n"
      "           comm_overlap: 0.5, checkpoint: {size: 100 GB, interval: 10 min}}\n"
      "jobs:\n";
  for (int j = 0; j < 6; ++j) jobs += fmt::format("  - {{id: j{}, submit: {} s}}\n", j, 600 * j);
  const auto s = testing::scenario(platform, jobs);
  testing::GreedyInOrder policy;
  const auto result = testing::run(s, policy);

  ASSERT_TRUE(result.totals.satellite_power);
  const output::SatellitePowerTotals& power = *result.totals.satellite_power;
  ASSERT_GT(power.throttled_seconds, 0);  // the run does throttle,
  ASSERT_GT(power.off_seconds, 0);        // and go dark
  double jobs_energy = 0;
  for (const auto& job : result.jobs) jobs_energy += job.energy_joules;
  ASSERT_GT(jobs_energy, result.totals.unallocated_gpu_joules);  // the jobs did run
  const double total = result.totals.energy_joules;  // the host_energy plugin's
  EXPECT_NEAR(jobs_energy + result.totals.unallocated_gpu_joules, total, 1e-9 * total);
  // The satellites' loads: their GPUs and their 500 W buses while on (no terminals).
  const double bus = 500 * (2 * result.totals.end_time - power.off_seconds);
  EXPECT_NEAR(power.used - bus, total, 1e-9 * total);
}

}  // namespace
}  // namespace umbra::engine
