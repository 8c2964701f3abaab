// tiresias and themis-ftf driven by the real engine on one 4-GPU node of 1 PFLOPS GPUs at mfu 1:
// a job of g GPUs and W FLOP runs W / (g x 1e15) s. Walltime estimates are the exact runtimes
// and no job has checkpoint bytes, so a preempted job that is killed starts over and one that
// saves resumes at once where it stopped. Times worked by hand in each test;
// "round" and "lease" are the policies' 300 s re-evaluations, counted from the call that asks.
#include <gtest/gtest.h>

#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

const testing::PolicyOptions kKill = {{"preemption", "kill"}};
const std::string kLongAAndShortB =
    "  - {id: A, submit: 0 s, gpus: 4, work: 4e18 FLOP, walltime: 1000 s}\n"
    "  - {id: B, submit: 10 s, gpus: 4, work: 4e17 FLOP, walltime: 100 s}\n";

TEST(Tiresias, OneQueueIsFirstInFirstOutUntilARoundSeesTheDemotion) {
  // Default thresholds 3250 and 7200 GPU-s. A: 4 GPUs, 1000 s from 0. B: 4 GPUs, 100 s from 10.
  // At 10 A has 40 GPU-s: both in queue 0, A submitted first keeps the node (las would run B
  // now). Rounds at 310 (1240 GPU-s) and 610 (2440) change nothing; A reaches 3250 at 812.5 s,
  // seen at the round of 910 (3640): A drops to queue 1 and B preempts it, running 910-1010. A
  // starts over at 1010 and ends at 2010, having lost 910 s x 4 GPUs.
  const auto result = testing::run_on_one_node("tiresias", kLongAAndShortB, kKill);
  const auto& a = result.jobs[0];
  const auto& b = result.jobs[1];
  EXPECT_NEAR(*b.start, 910, 1e-6);
  EXPECT_NEAR(*b.end, 1010, 1e-6);
  EXPECT_NEAR(*a.start, 0, 1e-6);
  EXPECT_NEAR(*a.end, 2010, 1e-6);
  EXPECT_EQ(a.preemptions, 1);
  EXPECT_NEAR(a.lost_gpu_seconds, 3640, 1e-6);
  EXPECT_EQ(b.preemptions, 0);
}

// One threshold of 400 GPU-s (two queues). A: 4 GPUs, 250 s from 0. B: 1 GPU, 1000 s from 120.
// At 120 A has 480 GPU-s, so queue 1: B (queue 0) starts and A, which cannot fit beside it, is
// preempted after a run of 120 s. The next round is at 420.
const std::string kStarvedJobs =
    "  - {id: A, submit: 0 s, gpus: 4, work: 1e18 FLOP, walltime: 250 s}\n"
    "  - {id: B, submit: 120 s, gpus: 1, work: 1e18 FLOP, walltime: 1000 s}\n";

TEST(Tiresias, ByDefaultADemotedJobSavesAndResumesWhereItStopped) {
  // As above under `preemption: save`: B runs 910-1010, and A resumes at 1010 with its last
  // 90 s of work, ending at 1100 having lost nothing.
  const auto result = testing::run_on_one_node("tiresias", kLongAAndShortB);
  const auto& a = result.jobs[0];
  EXPECT_NEAR(*result.jobs[1].start, 910, 1e-6);
  EXPECT_NEAR(*a.end, 1100, 1e-6);
  EXPECT_EQ(a.preemptions, 1);
  EXPECT_EQ(a.lost_gpu_seconds, 0);
}

TEST(Tiresias, AStarvedJobIsPromotedToTheTopQueue) {
  // Starve factor 1.5: A is promoted once it has waited 1.5 x 120 = 180 s, seen at the round of
  // 420 (waited 300 s). Back in queue 0 with B (300 GPU-s < 400), A goes first by submit time:
  // B is preempted at 420 (300 GPU-s lost) and A runs 420-670. B starts over at 670, ends 1670.
  const auto result = testing::run_on_one_node(
      "tiresias", kStarvedJobs,
      {{"queues", "400"}, {"starve_factor", "1.5"}, {"preemption", "kill"}});
  const auto& a = result.jobs[0];
  const auto& b = result.jobs[1];
  EXPECT_NEAR(*b.start, 120, 1e-6);
  EXPECT_NEAR(*a.end, 670, 1e-6);
  EXPECT_NEAR(*b.end, 1670, 1e-6);
  EXPECT_EQ(a.preemptions, 1);
  EXPECT_NEAR(a.lost_gpu_seconds, 480, 1e-6);
  EXPECT_EQ(b.preemptions, 1);
  EXPECT_NEAR(b.lost_gpu_seconds, 300, 1e-6);
}

TEST(Tiresias, WithoutPromotionAStarvedJobWaitsForTheOtherToBeDemoted) {
  // No promotion: at 420 B (300 GPU-s) is still in queue 0 and keeps running; at the round of
  // 720 B has 600 GPU-s, joins A in queue 1, and A (submitted first) preempts it: A runs
  // 720-970, B starts over at 970 and ends at 1970, having lost 600 GPU-s.
  const auto result =
      testing::run_on_one_node("tiresias", kStarvedJobs, {{"queues", "400"}, {"preemption", "kill"}});
  const auto& a = result.jobs[0];
  const auto& b = result.jobs[1];
  EXPECT_NEAR(*a.end, 970, 1e-6);
  EXPECT_NEAR(*b.end, 1970, 1e-6);
  EXPECT_EQ(b.preemptions, 1);
  EXPECT_NEAR(b.lost_gpu_seconds, 600, 1e-6);
}

TEST(ThemisFtf, ALeaseEndGivesTheGpusToTheHighestRho) {
  // rho = ((now - submit) + remaining) / estimate. A: 4 GPUs, 400 s from 0. B: 4 GPUs, 1000 s
  // from 10. C: 4 GPUs, 100 s from 20. Leases end at 300, 600, ... for the whole cluster.
  //  10: B waits beside A; A keeps the node until the lease ends, so C waits from 20 too.
  // 300: rho A = 400/400 = 1, B = (290 + 1000)/1000 = 1.29, C = (280 + 100)/100 = 3.8: C takes
  //      the node. A's last save, its start, is one lease old, so A is preempted (1200 GPU-s
  //      lost) rather than checkpointed; C runs 300-400.
  // 400: C ends; rho A = (400 + 400)/400 = 2 beats B = (390 + 1000)/1000 = 1.39: A starts
  //      over, 400-800.
  // 600: rho A = (800 - 0)/400 = 2 still beats B = (590 + 1000)/1000 = 1.59: A keeps.
  // 800: A ends; B runs 800-1800.
  const auto result =
      testing::run_on_one_node("themis-ftf",
                               "  - {id: A, submit: 0 s, gpus: 4, work: 1.6e18 FLOP, "
                               "walltime: 400 s}\n"
                               "  - {id: B, submit: 10 s, gpus: 4, work: 4e18 FLOP, walltime: "
                               "1000 s}\n"
                               "  - {id: C, submit: 20 s, gpus: 4, work: 4e17 FLOP, walltime: "
                               "100 s}\n",
                               kKill);
  const auto& a = result.jobs[0];
  const auto& b = result.jobs[1];
  const auto& c = result.jobs[2];
  EXPECT_NEAR(*c.start, 300, 1e-6);
  EXPECT_NEAR(*c.end, 400, 1e-6);
  EXPECT_NEAR(*a.end, 800, 1e-6);
  EXPECT_EQ(a.preemptions, 1);
  EXPECT_NEAR(a.lost_gpu_seconds, 1200, 1e-6);
  EXPECT_NEAR(*b.start, 800, 1e-6);
  EXPECT_NEAR(*b.end, 1800, 1e-6);
  EXPECT_EQ(b.preemptions, 0);
}

TEST(ThemisFtf, AtACompletionTheHighestRhoStartsFirst) {
  // A: 4 GPUs, 100 s from 0. B: 4 GPUs, 1000 s from 10. C: 4 GPUs, 50 s from 20.
  // At 100 A ends: rho B = (90 + 1000)/1000 = 1.09, C = (80 + 50)/50 = 2.6, so C runs 100-150
  // although B came first; then B runs 150-1150. No preemption.
  const auto result =
      testing::run_on_one_node("themis-ftf",
                               "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP, walltime: "
                               "100 s}\n"
                               "  - {id: B, submit: 10 s, gpus: 4, work: 4e18 FLOP, walltime: "
                               "1000 s}\n"
                               "  - {id: C, submit: 20 s, gpus: 4, work: 2e17 FLOP, walltime: "
                               "50 s}\n");
  EXPECT_NEAR(*result.jobs[2].start, 100, 1e-6);
  EXPECT_NEAR(*result.jobs[2].end, 150, 1e-6);
  EXPECT_NEAR(*result.jobs[1].start, 150, 1e-6);
  EXPECT_NEAR(*result.jobs[1].end, 1150, 1e-6);
  for (const auto& job : result.jobs) EXPECT_EQ(job.preemptions, 0) << job.id;
}

}  // namespace
}  // namespace umbra::engine
