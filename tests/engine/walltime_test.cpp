// Walltime like a batch system: a job whose `on_walltime` is kill (or the run's --walltime kill)
// is killed when its walltime has passed since it started, losing its work since its last
// checkpoint; by default (ignore) the walltime is only an estimate. One node of four 1 PFLOPS
// GPUs at mfu 1: a job of 4 GPUs and W FLOP computes for W / 4e15 s.
#include <gtest/gtest.h>

#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

TEST(Walltime, IgnoredByDefaultTheJobRunsPastItsEstimate) {
  const auto result = testing::run_on_one_node(
      "fcfs", "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP, walltime: 60 s}\n");
  EXPECT_EQ(result.jobs[0].state, output::JobState::kFinished);
  EXPECT_NEAR(*result.jobs[0].end, 100, 1e-9);
}

TEST(Walltime, AJobKilledAtItsWalltimeLeavesItsGpusToTheNext) {
  // A (100 s of work, walltime 60 s) is killed at 60 with 240 GPU-s lost; B, waiting for the
  // whole node, starts at 60 and runs its 20 s.
  const auto result = testing::run_on_one_node(
      "fcfs",
      "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP, walltime: 60 s, on_walltime: kill}\n"
      "  - {id: B, submit: 1 s, gpus: 4, work: 8e16 FLOP}\n");
  const auto& a = result.jobs[0];
  EXPECT_EQ(a.state, output::JobState::kKilledAtWalltime);
  EXPECT_NEAR(*a.end, 60, 1e-9);
  EXPECT_NEAR(a.lost_gpu_seconds, 240, 1e-9);
  EXPECT_NEAR(*result.jobs[1].start, 60, 1e-9);
  EXPECT_EQ(result.jobs[1].state, output::JobState::kFinished);
}

TEST(Walltime, AKilledJobLosesOnlyItsWorkSinceItsLastCheckpoint) {
  // Checkpoints of 1 kB (1 us to write) every 30 s of work: at its walltime, 50 s, A last saved at
  // 30 s + 1 us, so it loses 20 s x 4 GPUs.
  const auto result = testing::run_on_one_node(
      "fcfs",
      "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP, walltime: 50 s, on_walltime: kill,\n"
      "     checkpoint: {size: 1 kB, interval: 30 s}}\n");
  EXPECT_EQ(result.jobs[0].state, output::JobState::kKilledAtWalltime);
  EXPECT_NEAR(result.jobs[0].lost_gpu_seconds, 80, 1e-5);
}

TEST(Walltime, APreemptedJobHasItsWalltimeAfreshAtEachStart) {
  // srtf (kill): A runs 0-10, B preempts it and runs 10-30; A starts over at 30 and needs 100 s,
  // more than its 70 s walltime from that start: killed at 100.
  const auto result = testing::run_on_one_node(
      "srtf",
      "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP, walltime: 70 s, on_walltime: kill}\n"
      "  - {id: B, submit: 10 s, gpus: 4, work: 8e16 FLOP, walltime: 20 s}\n",
      {{"preemption", "kill"}});
  EXPECT_EQ(result.jobs[0].state, output::JobState::kKilledAtWalltime);
  EXPECT_NEAR(*result.jobs[0].end, 100, 1e-9);
}

}  // namespace
}  // namespace umbra::engine
