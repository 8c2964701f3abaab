// The engine runs training jobs as SimGrid activities: compute, ring all-reduce, checkpoints.
// Expected times are closed forms of the model in README.md ("How a job is simulated");
// SimGrid's solver works to about 1e-9 relative, so the tolerances below are 1e-6 relative
// unless stated.
#include <gtest/gtest.h>

#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

using testing::GreedyInOrder;
using testing::near_tolerance;
using testing::one_site_platform;
using testing::scenario;

TEST(TrainingJob, ComputeOnlyJobTakesWorkOverPeakTimesMfu) {
  // 1e18 FLOP on 2 GPUs of 1e15 FLOP/s at MFU 0.5: 1e18 / (2 * 1e15 * 0.5) = 1000 s.
  const auto s = scenario(one_site_platform(1, 4),
                          "jobs:\n  - {id: a, submit: 10 s, gpus: 2, work: 1e18 FLOP, mfu: 0.5}\n");
  GreedyInOrder policy;
  const auto result = testing::run(s, policy);
  ASSERT_EQ(result.jobs.size(), 1u);
  EXPECT_EQ(result.jobs[0].state, output::JobState::kFinished);
  EXPECT_NEAR(*result.jobs[0].start, 10.0, 1e-9);
  EXPECT_NEAR(*result.jobs[0].end, 1010.0, near_tolerance(1010.0));
}

TEST(TrainingJob, ExposedAllReduceRunsAfterTheComputeOnTheNvlinkPorts) {
  // 2 GPUs in one node, 10 iterations of 4 GB gradient, no overlap: each GPU sends
  // 10 * 2 (2-1)/2 * 4 GB = 40 GB to its neighbour over 100 GB/s ports: 0.4 s after 1000 s.
  const auto s = scenario(one_site_platform(1, 2),
                          "jobs:\n  - {id: a, submit: 0 s, gpus: 2, work: 1e18 FLOP, mfu: 0.5,\n"
                          "           iterations: 10, gradient: 4 GB, comm_overlap: 0}\n");
  GreedyInOrder policy;
  const auto result = testing::run(s, policy);
  EXPECT_NEAR(*result.jobs[0].end, 1000.4, near_tolerance(1000.4));
}

TEST(TrainingJob, OverlappedAllReduceHidesBehindComputeUntilItIsLonger) {
  // Same job with full overlap: the 0.4 s of traffic hides in the 1000 s compute.
  const auto hidden =
      scenario(one_site_platform(1, 2),
               "jobs:\n  - {id: a, submit: 0 s, gpus: 2, work: 1e18 FLOP, mfu: 0.5,\n"
               "           iterations: 10, gradient: 4 GB, comm_overlap: 1}\n");
  GreedyInOrder policy;
  EXPECT_NEAR(*testing::run(hidden, policy).jobs[0].end, 1000.0, near_tolerance(1000.0));
}

TEST(TrainingJob, RingAcrossNodesIsBoundByTheNics) {
  // 2 nodes x 1 GPU: the ring crosses the 10 GB/s NICs. 10 iterations x 2 (1/2) x 4 GB = 40 GB
  // each way over a 10 GB/s NIC: 4 s exposed after 1000 s of compute.
  const auto s = scenario(one_site_platform(2, 1),
                          "jobs:\n  - {id: a, submit: 0 s, gpus: 2, work: 1e18 FLOP, mfu: 0.5,\n"
                          "           iterations: 10, gradient: 4 GB, comm_overlap: 0}\n");
  GreedyInOrder policy;
  EXPECT_NEAR(*testing::run(s, policy).jobs[0].end, 1004.0, near_tolerance(1004.0));
}

TEST(TrainingJob, TwoJobsSharingANicSlowEachOtherDown) {
  // Two 2-GPU jobs on nodes of 2 GPUs, each split by the policy over node 0 and node 1, so
  // both rings cross the same NICs: each NIC carries 40 GB of each job, 80 GB at 10 GB/s =
  // 8 s instead of 4 s.
  class Split : public sched::Scheduler {
   public:
    sched::Decisions schedule(const sched::ClusterState& state,
                              std::span<const sched::Event>) override {
      sched::Decisions d;
      for (const auto& job : state.queue) d.starts.push_back({job.id, {{{0, 1}, {1, 1}}}});
      return d;
    }
  } split;
  const auto s = scenario(one_site_platform(2, 2),
                          "jobs:\n"
                          "  - {id: a, submit: 0 s, gpus: 2, work: 1e18 FLOP, mfu: 0.5,\n"
                          "     iterations: 10, gradient: 4 GB, comm_overlap: 0}\n"
                          "  - {id: b, submit: 0 s, gpus: 2, work: 1e18 FLOP, mfu: 0.5,\n"
                          "     iterations: 10, gradient: 4 GB, comm_overlap: 0}\n");
  const auto result = testing::run(s, split);
  EXPECT_NEAR(*result.jobs[0].end, 1008.0, near_tolerance(1008.0));
  EXPECT_NEAR(*result.jobs[1].end, 1008.0, near_tolerance(1008.0));
}

TEST(TrainingJob, CheckpointsCostTheirWriteTimeToSharedStorage) {
  // 1 GPU, 3000 s of compute, a 2 GB checkpoint every 1000 s of progress: two checkpoints
  // (none after the last segment) of 2 GB at 1 GB/s = 2 s each: ends at 3004 s.
  const auto s = scenario(one_site_platform(1, 1),
                          "jobs:\n  - {id: a, submit: 0 s, gpus: 1, work: 1.5e18 FLOP, mfu: 0.5,\n"
                          "           checkpoint: {size: 2 GB, interval: 1000 s}}\n");
  GreedyInOrder policy;
  const auto result = testing::run(s, policy);
  EXPECT_NEAR(*result.jobs[0].end, 3004.0, near_tolerance(3004.0));
  EXPECT_EQ(result.jobs[0].checkpoints_written, 2);
}

TEST(TrainingJob, EnergyIsBusyPowerWhileComputingAndIdlePowerOtherwise) {
  // 1 GPU busy 1000 s at 500 W = 500 kJ for the job. The platform has 2 GPUs over the 1000 s
  // run: the idle one draws 100 W x 1000 s = 100 kJ, total 600 kJ.
  const auto s = scenario(one_site_platform(1, 2),
                          "jobs:\n  - {id: a, submit: 0 s, gpus: 1, work: 5e17 FLOP, mfu: 0.5}\n");
  GreedyInOrder policy;
  const auto result = testing::run(s, policy);
  EXPECT_NEAR(result.jobs[0].energy_joules, 5e5, 1.0);
  EXPECT_NEAR(result.totals.energy_joules, 6e5, 1.0);
}

TEST(TrainingJob, PreemptionRollsBackToTheLastCheckpointAndRestoresIt) {
  // 1 GPU, 1000 s of compute, a 1 GB checkpoint (1 s at 1 GB/s) every 300 s of progress.
  // Run 1: compute 0-300, checkpoint 300-301, compute from 301, preempted at 500: the 199 s
  // since the checkpoint are lost. Run 2 from 600: restore 600-601, then 700 s of compute in
  // segments 601-901, checkpoint 901-902, 902-1202, checkpoint 1202-1203, 1203-1303.
  sched::Decisions start, preempt;
  start.starts.push_back({0, {{{0, 1}}}});
  preempt.preemptions.push_back({0});
  testing::ScriptedPolicy policy({{0, start}, {500, preempt}, {600, start}});
  const auto s = scenario(one_site_platform(1, 1),
                          "jobs:\n  - {id: a, submit: 0 s, gpus: 1, work: 5e17 FLOP, mfu: 0.5,\n"
                          "           checkpoint: {size: 1 GB, interval: 300 s}}\n");
  const auto result = testing::run(s, policy);
  const auto& job = result.jobs[0];
  EXPECT_EQ(job.preemptions, 1);
  EXPECT_NEAR(job.lost_gpu_seconds, 199.0, 1e-6);
  EXPECT_NEAR(*job.start, 0.0, 1e-9);
  EXPECT_NEAR(*job.end, 1303.0, near_tolerance(1303.0));
  EXPECT_EQ(job.checkpoints_written, 3);
  EXPECT_NEAR(result.totals.allocated_gpu_seconds, 500.0 + 703.0, 1e-3);
}

TEST(TrainingJob, APlacementOnBusyGpusIsAnInternalError) {
  class DoubleBooking : public sched::Scheduler {
   public:
    sched::Decisions schedule(const sched::ClusterState& state,
                              std::span<const sched::Event>) override {
      sched::Decisions d;
      for (const auto& job : state.queue) d.starts.push_back({job.id, {{{0, 1}}}});
      return d;
    }
  } policy;
  const auto s = scenario(one_site_platform(1, 1),
                          "jobs:\n  - {id: a, submit: 0 s, gpus: 1, work: 1e18 FLOP}\n"
                          "  - {id: b, submit: 0 s, gpus: 1, work: 1e18 FLOP}\n");
  EXPECT_THROW(testing::run(s, policy), std::logic_error);
}

}  // namespace
}  // namespace umbra::engine
