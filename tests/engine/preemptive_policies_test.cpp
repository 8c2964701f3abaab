// srtf and las driven by the real engine on one 4-GPU node, jobs of 4 GPUs whose walltime
// estimates are their exact runtimes and which never checkpoint, so a preempted job starts
// over. Times worked by hand in each test.
#include <gtest/gtest.h>

#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

// A: 4 GPUs for 100 s from 0. B: 4 GPUs for 20 s from 10. C: 4 GPUs for 200 s from 10.
const std::string kA = "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP, walltime: 100 s}\n";
const std::string kB = "  - {id: B, submit: 10 s, gpus: 4, work: 8e16 FLOP, walltime: 20 s}\n";
const std::string kC = "  - {id: C, submit: 10 s, gpus: 4, work: 8e17 FLOP, walltime: 200 s}\n";

TEST(Srtf, AShorterArrivalPreemptsTheRunningJob) {
  // At 10, A has 90 s left and B needs 20: B runs 10-30, A (no checkpoint) starts over at 30
  // and ends at 130, having lost 10 s x 4 GPUs.
  const auto result = testing::run_on_one_node("srtf", kA + kB);
  const auto& a = result.jobs[0];
  const auto& b = result.jobs[1];
  EXPECT_NEAR(*b.start, 10, 1e-6);
  EXPECT_NEAR(*b.end, 30, 1e-6);
  EXPECT_NEAR(*a.start, 0, 1e-6);
  EXPECT_NEAR(*a.end, 130, 1e-6);
  EXPECT_EQ(a.preemptions, 1);
  EXPECT_NEAR(a.lost_gpu_seconds, 40, 1e-6);
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
  // A starts over at 210 and ends at 310. (The round at 310 finds nothing left to do.)
  const auto result = testing::run_on_one_node("las", kA + kC);
  const auto& a = result.jobs[0];
  const auto& c = result.jobs[1];
  EXPECT_NEAR(*c.start, 10, 1e-6);
  EXPECT_NEAR(*c.end, 210, 1e-6);
  EXPECT_NEAR(*a.end, 310, 1e-6);
  EXPECT_EQ(a.preemptions, 1);
  EXPECT_NEAR(a.lost_gpu_seconds, 40, 1e-6);
  EXPECT_EQ(c.preemptions, 0);
}

}  // namespace
}  // namespace umbra::engine
