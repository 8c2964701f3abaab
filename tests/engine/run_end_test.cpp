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
  EXPECT_EQ(result.totals.jobs_never_started, 2);
  for (const auto& job : result.jobs) EXPECT_EQ(job.state, output::JobState::kQueued) << job.id;
  const auto warnings = output::run_warnings(result);
  ASSERT_FALSE(warnings.empty());
  EXPECT_EQ(warnings.front(),
            "the run stopped at 721.00 h: 2 jobs waited with none running and no job had started "
            "or ended for 30 days; the policy never starts them (state queued in jobs.csv)");
}

TEST(RunEnd, ARunThatFinishesHasNoSuchWarning) {
  const auto result = testing::run_on_one_node(
      "fcfs", "  - {id: A, submit: 0 s, gpus: 4, work: 4e17 FLOP}\n");
  EXPECT_FALSE(result.totals.gave_up_at.has_value());
  EXPECT_DOUBLE_EQ(result.totals.end_time, 100);
}

}  // namespace
}  // namespace umbra::engine
