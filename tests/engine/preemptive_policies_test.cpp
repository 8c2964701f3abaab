// srtf and las driven by the real engine on one 4-GPU node, jobs of 4 GPUs whose walltime
// estimates are their exact runtimes. Without checkpoint bytes a job that saves does so at once;
// one that is killed starts over. Times worked by hand in each test.
#include <gtest/gtest.h>

#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

// A: 4 GPUs for 100 s from 0. B: 4 GPUs for 20 s from 10. C: 4 GPUs for 200 s from 10.
const std::string kA = "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP, walltime: 100 s}\n";
const std::string kB = "  - {id: B, submit: 10 s, gpus: 4, work: 8e16 FLOP, walltime: 20 s}\n";
const std::string kC = "  - {id: C, submit: 10 s, gpus: 4, work: 8e17 FLOP, walltime: 200 s}\n";
const testing::PolicyOptions kKill = {{"preemption", "kill"}};

TEST(Srtf, AShorterArrivalPreemptsTheRunningJobWhichStartsOverWhenKilled) {
  // At 10, A has 90 s left and B needs 20: B runs 10-30, A (no checkpoint) starts over at 30
  // and ends at 130, having lost 10 s x 4 GPUs.
  const auto result = testing::run_on_one_node("srtf", kA + kB, kKill);
  const auto& a = result.jobs[0];
  const auto& b = result.jobs[1];
  EXPECT_NEAR(*b.start, 10, 1e-6);
  EXPECT_NEAR(*b.end, 30, 1e-6);
  EXPECT_NEAR(*a.start, 0, 1e-6);
  EXPECT_NEAR(*a.end, 130, 1e-6);
  EXPECT_EQ(a.preemptions, 1);
  EXPECT_NEAR(a.lost_gpu_seconds, 40, 1e-6);
}

TEST(Srtf, APreemptedJobThatSavesResumesWhereItStopped) {
  // The default `preemption: save`, no checkpoint bytes: at 10 A keeps its 10 s of work, B runs
  // 10-30, A resumes at 30 with 90 s left and ends at 120, losing nothing.
  const auto result = testing::run_on_one_node("srtf", kA + kB);
  const auto& a = result.jobs[0];
  const auto& b = result.jobs[1];
  EXPECT_NEAR(*b.start, 10, 1e-6);
  EXPECT_NEAR(*a.end, 120, 1e-6);
  EXPECT_EQ(a.preemptions, 1);
  EXPECT_EQ(a.lost_gpu_seconds, 0);
}

// A with a 4 GB checkpoint, read and written over the 1 GB/s storage of the node: 4 s each way.
const std::string kA4GB =
    "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP, walltime: 100 s,\n"
    "     checkpoint: {size: 4 GB, interval: 1 h}}\n";

TEST(Srtf, ASavingJobWritesItsCheckpointBeforeItsGpusAreFree) {
  // At 10 A stops and writes 4 GB, 10-14, its GPUs held; B starts at 14 and ends at 34; A reads
  // its checkpoint back 34-38, computes its last 90 s and ends at 128.
  const auto result = testing::run_on_one_node("srtf", kA4GB + kB);
  const auto& a = result.jobs[0];
  const auto& b = result.jobs[1];
  EXPECT_NEAR(*b.start, 14, 1e-6);
  EXPECT_NEAR(*b.end, 34, 1e-6);
  EXPECT_NEAR(*a.end, 128, 1e-6);
  EXPECT_EQ(a.checkpoints_written, 1);
  EXPECT_EQ(a.lost_gpu_seconds, 0);
}

// A with a checkpoint of 40 GB (40 s to write or read) after each 50 s of work: it computes
// 0-50 and writes 50-90. B arrives at 60, during the write, with 20 s against A's 40 s left by
// its estimate.
const std::string kA40GB =
    "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP, walltime: 100 s,\n"
    "     checkpoint: {size: 40 GB, interval: 50 s}}\n";
const std::string kBAt60 =
    "  - {id: B, submit: 60 s, gpus: 4, work: 8e16 FLOP, walltime: 20 s}\n";

TEST(Srtf, AJobKilledWhileWritingACheckpointKeepsOnlyItsPreviousOne) {
  // Killed at 60, A has no complete checkpoint: it loses 60 s x 4 GPUs. B runs 60-80; A starts
  // over at 80: 80-130 computes, 130-170 writes, 170-220 computes.
  const auto result = testing::run_on_one_node("srtf", kA40GB + kBAt60, kKill);
  const auto& a = result.jobs[0];
  EXPECT_NEAR(*result.jobs[1].start, 60, 1e-6);
  EXPECT_NEAR(a.lost_gpu_seconds, 240, 1e-6);
  EXPECT_NEAR(*a.end, 220, 1e-6);
}

TEST(Srtf, AJobSavingWhileWritingACheckpointFinishesItBeforeItLeaves) {
  // Preempted to save at 60, A finishes its write at 90 and leaves with 50 s of work saved. B
  // runs 90-110; A reads its checkpoint 110-150 and computes its last 50 s, 150-200.
  const auto result = testing::run_on_one_node("srtf", kA40GB + kBAt60);
  const auto& a = result.jobs[0];
  EXPECT_NEAR(*result.jobs[1].start, 90, 1e-6);
  EXPECT_NEAR(*result.jobs[1].end, 110, 1e-6);
  EXPECT_EQ(a.lost_gpu_seconds, 0);
  EXPECT_NEAR(*a.end, 200, 1e-6);
  EXPECT_EQ(a.checkpoints_written, 1);
}

TEST(Srtf, ALongerArrivalWaits) {
  // At 10, A has 90 s left and C needs 200: A runs to 100, C runs 100-300.
  const auto result = testing::run_on_one_node("srtf", kA + kC);
  EXPECT_NEAR(*result.jobs[0].end, 100, 1e-6);
  EXPECT_EQ(result.jobs[0].preemptions, 0);
  EXPECT_NEAR(*result.jobs[1].start, 100, 1e-6);
  EXPECT_NEAR(*result.jobs[1].end, 300, 1e-6);
}

TEST(Las, ANewJobPreemptsOneThatHasAlreadyBeenServed) {
  // At 10, A has 40 GPU-seconds of service and C none: C runs 10-210 whatever its length, and
  // A, killed, starts over at 210 and ends at 310. (The round at 310 finds nothing left to do.)
  const auto result = testing::run_on_one_node("las", kA + kC, kKill);
  const auto& a = result.jobs[0];
  const auto& c = result.jobs[1];
  EXPECT_NEAR(*c.start, 10, 1e-6);
  EXPECT_NEAR(*c.end, 210, 1e-6);
  EXPECT_NEAR(*a.end, 310, 1e-6);
  EXPECT_EQ(a.preemptions, 1);
  EXPECT_NEAR(a.lost_gpu_seconds, 40, 1e-6);
  EXPECT_EQ(c.preemptions, 0);
}

TEST(Las, APreemptedJobThatSavesKeepsItsService) {
  // As above, saving: A resumes at 210 with 90 s left and ends at 300.
  const auto result = testing::run_on_one_node("las", kA + kC);
  const auto& a = result.jobs[0];
  EXPECT_NEAR(*result.jobs[1].end, 210, 1e-6);
  EXPECT_NEAR(*a.end, 300, 1e-6);
  EXPECT_EQ(a.lost_gpu_seconds, 0);
}

}  // namespace
}  // namespace umbra::engine
