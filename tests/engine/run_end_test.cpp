// When a run ends: when nothing more can happen, or when the engine gives up on jobs its policy
// never starts (output::kLongestPolicyIdle). A policy that keeps asking to be called would keep
// a run going forever otherwise, as the Sun's shadow events do on an orbital platform.
#include <gtest/gtest.h>

#include "sim/output/run_warnings.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

// Never starts anything, and asks to be called again every hour.
class NeverStarts final : public sched::Scheduler {
 public:
  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    sched::Decisions decisions;
    decisions.wake_up_at = state.now + 3600;
    return decisions;
  }
};

TEST(RunEnd, TheEngineGivesUpOnJobsThePolicyNeverStarts) {
  // Submitted at 0 and 10 s; called at 0, at 10 and every hour from there. The first call more
  // than 30 days after the last submission is at 10 s + 721 h: the run stops there with both
  // jobs queued.
  const auto s = testing::scenario(testing::one_site_platform(1, 4),
                                   "defaults: {mfu: 1}\n"
                                   "jobs:\n"
                                   "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP}\n"
                                   "  - {id: B, submit: 10 s, gpus: 1, work: 4e17 FLOP}\n");
  NeverStarts policy;
  const auto result = testing::run(s, policy);
  ASSERT_TRUE(result.totals.gave_up_at.has_value());
  EXPECT_DOUBLE_EQ(*result.totals.gave_up_at, 10 + 721 * 3600.0);
  EXPECT_DOUBLE_EQ(result.totals.end_time, 10 + 721 * 3600.0);
  EXPECT_EQ(result.totals.gave_up_because, output::RunTotals::GaveUp::kNeverStarted);
  EXPECT_EQ(result.totals.jobs_left, 2);
  for (const auto& job : result.jobs) EXPECT_EQ(job.state, output::JobState::kQueued) << job.id;
  const auto warnings = output::run_warnings(result);
  ASSERT_FALSE(warnings.empty());
  EXPECT_EQ(warnings.front(),
            "the run stopped at 721.00 h: 2 jobs waited with none running and no job had started "
            "or ended for 30 days; the policy never starts them (state queued in jobs.csv)");
}

TEST(RunEnd, TheEngineGivesUpOnJobsThatNeverSaveProgress) {
  // las killing at its 300 s rounds, jobs checkpointing every hour of progress: A runs 0-300,
  // B (less service) takes the node 300-600, A (tied, submitted first) 600-900, and so on; no
  // run lasts the hour to a checkpoint, so nothing is ever saved. The first call more than 30
  // days on is the round at 2,592,300 s: the run stops there, both jobs unfinished.
  const auto result = testing::run_on_one_node(
      "las",
      "  - {id: A, submit: 0 s, gpus: 4, work: 2.88e19 FLOP, checkpoint: {size: 1 GB, interval: "
      "1 h}}\n"
      "  - {id: B, submit: 0 s, gpus: 4, work: 2.88e19 FLOP, checkpoint: {size: 1 GB, interval: "
      "1 h}}\n",
      {{"preemption", "kill"}});
  ASSERT_TRUE(result.totals.gave_up_at.has_value());
  EXPECT_DOUBLE_EQ(*result.totals.gave_up_at, 2592300);
  EXPECT_EQ(result.totals.gave_up_because, output::RunTotals::GaveUp::kNoProgress);
  EXPECT_EQ(result.totals.jobs_left, 2);
  for (const auto& job : result.jobs) EXPECT_NE(job.state, output::JobState::kFinished) << job.id;
  EXPECT_EQ(output::run_warnings(result).front(),
            "the run stopped at 720.08 h: jobs ran but none saved progress or finished for 30 "
            "days; each is stopped before its next checkpoint, again and again (a preemption that "
            "kills, rounds shorter than the checkpoint interval?); 2 jobs left unfinished");
}

TEST(RunEnd, ARunThatFinishesHasNoSuchWarning) {
  const auto result = testing::run_on_one_node(
      "fcfs", "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP}\n");
  EXPECT_FALSE(result.totals.gave_up_at.has_value());
  EXPECT_DOUBLE_EQ(result.totals.end_time, 100);
}

}  // namespace
}  // namespace umbra::engine
