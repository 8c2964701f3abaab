// Two independent accounts of the same energy must agree: SimGrid's host_energy plugin
// integrates every node's draw over the run, while the engine charges each job its GPUs'
// idle power over its allocation plus the busy increment while it computed. What no job
// holds is idle: total = sum of jobs + idle power x unallocated GPU-seconds.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace umbra::engine
