// A profile-driven job in the engine (sim/workload/training_model.hpp plan_profiled_segment):
// cifar10 at batch size 2048 on 4 GPUs runs at its profile's goodput on the placement it gets,
// with no all-reduce on top, and its progress (epoch and progress within it) is kept by a
// preemption that saves, rolled back by one that kills. The expected times come from the
// profile model on a fixed placement (sim/workload/profile_progress.hpp, itself checked against
// the Pollux artifact by tests/workload/application_profile_test.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim/workload/pollux_applications.hpp"
#include "sim/workload/profile_progress.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

using testing::near_tolerance;

constexpr int kBatchSize = 2048;

double seconds_alone(const workload::Placement& placement) {
  const workload::ProfiledRun run(*workload::find_pollux_application("cifar10"), kBatchSize,
                                  placement);
  return run.seconds_to_completion({});
}

// With a gradient for the FLOP model, which a profile-driven job must not all-reduce on top of
// its measured step time (the FLOP model sends 5 TB on the Pollux testbed and ends 313 s later).
std::string cifar10_job(const std::string& extra = "") {
  return "jobs:\n  - {id: j, submit: 0 s, gpus: 4, application: cifar10, batch_size: 2048, "
         "gradient: 1 GB" +
         extra + "}\n";
}

// On two nodes of 4 GPUs: all four GPUs on node 0, or two on each node.
output::JobRecord run_alone(int per_node) {
  const auto s = testing::scenario(testing::one_site_platform(2, 4), cifar10_job());
  testing::GreedyInOrder policy(per_node);
  return testing::run(s, policy).jobs.at(0);
}

// Each test runs one simulation: SimGrid runs one engine per process.
TEST(ProfiledJob, RunsAtItsProfilesSpeedOnAWholeNode) {
  const output::JobRecord packed = run_alone(4);
  ASSERT_TRUE(packed.end);
  EXPECT_NEAR(*packed.end, seconds_alone({4}), near_tolerance(seconds_alone({4})));
  EXPECT_EQ(packed.bytes_moved, 0);  // its step time includes the synchronisation
}

// The two placements were measured at different speeds.
TEST(ProfiledJob, RunsAtItsProfilesSpeedOnTwoNodes) {
  ASSERT_GT(std::abs(seconds_alone({2, 2}) - seconds_alone({4})), 10);
  const output::JobRecord split = run_alone(2);
  ASSERT_TRUE(split.end);
  EXPECT_NEAR(*split.end, seconds_alone({2, 2}), near_tolerance(seconds_alone({2, 2})));
  EXPECT_EQ(split.bytes_moved, 0);
}

// Starts the job on node 0 at 0, preempts it at 1000 s with `mode`, starts it again at 1100 s.
class PreemptAt1000 : public sched::Scheduler {
 public:
  explicit PreemptAt1000(sched::PreemptMode mode) : mode_(mode) {}
  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    sched::Decisions d;
    if (state.now == 0) d.wake_up_at = 1000;
    if (state.now == 1000 && !preempted_) {
      preempted_ = true;
      d.preemptions.push_back({0, mode_});
      d.wake_up_at = 1100;
    }
    if (!state.queue.empty() && (state.now == 0 || state.now >= 1100)) {
      d.starts.push_back({0, {{{0, 4}}}});
    }
    return d;
  }

 private:
  sched::PreemptMode mode_;
  bool preempted_ = false;
};

output::JobRecord run_preempted(sched::PreemptMode mode, const std::string& extra,
                                workload::OverheadStarts overhead_starts) {
  auto s = testing::scenario(testing::one_site_platform(1, 4), cifar10_job(extra));
  s.workload.jobs.at(0).overhead_starts = overhead_starts;
  PreemptAt1000 policy(mode);
  return testing::run(s, policy).jobs.at(0);
}

// Saved at 1000 s (mid-epoch), idle 100 s, a 30 s restart: 130 s later than alone; with the
// overhead at every start, 30 s more for the first.
TEST(ProfiledJob, APreemptionThatSavesKeepsItsEpochAndProgress) {
  const double alone = seconds_alone({4});
  ASSERT_GT(alone, 1100);
  const output::JobRecord job = run_preempted(sched::PreemptMode::kSave, ", restart_overhead: 30 s",
                                              workload::OverheadStarts::kAfterFirst);
  ASSERT_TRUE(job.end);
  EXPECT_NEAR(*job.end, alone + 130, near_tolerance(alone));
  EXPECT_EQ(job.preemptions, 1);
}

TEST(ProfiledJob, TheOverheadAtEveryStartDelaysTheFirstToo) {
  const double alone = seconds_alone({4});
  const output::JobRecord job = run_preempted(sched::PreemptMode::kSave, ", restart_overhead: 30 s",
                                              workload::OverheadStarts::kEvery);
  ASSERT_TRUE(job.end);
  EXPECT_NEAR(*job.end, alone + 160, near_tolerance(alone));
}

// Checkpoints every 300 s of progress, 4 GB each, written (and read) at the site's 1 GB/s: 4 s,
// one after each 300 s of compute but the last.
constexpr double kInterval = 300, kWrite = 4;
const std::string kCheckpoint = ", checkpoint: {size: 4 GB, interval: 300 s}";
double checkpoints_in(double compute) {
  return std::ceil(compute / kInterval) - 1;
}

TEST(ProfiledJob, CheckpointsEveryIntervalOfItsProgress) {
  const double alone = seconds_alone({4});
  const auto s = testing::scenario(testing::one_site_platform(1, 4), cifar10_job(kCheckpoint));
  testing::GreedyInOrder greedy;
  const output::JobRecord job = testing::run(s, greedy).jobs.at(0);
  ASSERT_TRUE(job.end);
  const double expected = alone + kWrite * checkpoints_in(alone);
  EXPECT_NEAR(*job.end, expected, near_tolerance(expected));
  EXPECT_EQ(job.checkpoints_written, checkpoints_in(alone));
}

// Killed at 1000 s, after its third checkpoint (900 s of compute and 3 x 4 s written: done at
// 912 s), it loses 88 s on 4 GPUs; started again at 1100 s, it restores for 4 s and computes
// the rest, alone - 900 s, with a checkpoint after each further 300 s but the last.
TEST(ProfiledJob, APreemptionThatKillsRollsBackToItsLastCheckpoint) {
  const double alone = seconds_alone({4});
  ASSERT_GT(alone, 1200);
  const output::JobRecord job =
      run_preempted(sched::PreemptMode::kKill, kCheckpoint, workload::OverheadStarts::kAfterFirst);
  ASSERT_TRUE(job.end);
  const double left = alone - 3 * kInterval;
  const double expected = 1100 + kWrite + left + kWrite * checkpoints_in(left);
  EXPECT_NEAR(*job.end, expected, near_tolerance(expected));
  EXPECT_NEAR(job.lost_gpu_seconds, 4 * (1000 - 912), 1e-6);
}

}  // namespace
}  // namespace umbra::engine
