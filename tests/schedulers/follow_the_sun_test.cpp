// Golden tests of follow-the-sun on hand-made snapshots: shadows, power forecasts and
// bandwidths are chosen by hand and every expected move or checkpoint is worked out in the
// comments from the rules at the top of schedulers/follow_the_sun.cpp (rounds every 60 s,
// lookahead 900 s, minimum stay 1800 s, margin 60 s, settling time 1800 s).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "schedulers/registry.hpp"
#include "tests/schedulers/hand_forecasts.hpp"
#include "tests/schedulers/hand_snapshots.hpp"
#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched {
namespace {

using testing::decide;
using testing::HandForecasts;
using testing::queued;
using testing::snapshot;
using testing::Starts;
using testing::starts;

constexpr JobId kR = 100;
constexpr double kCheckpointBytes = 100e9;

// Job R on all 4 GPUs of `node` since 0, estimated to end at `estimated_end`.
void run_r(ClusterState& state, NodeId node, double estimated_end) {
  testing::run_on_node(state, kR, node, 4, estimated_end);
  state.running.back().progress.checkpoint_bytes = kCheckpointBytes;
}

using Migrations = std::vector<std::pair<JobId, Placement>>;

Migrations migrations(const Decisions& decisions) {
  Migrations result;
  for (const auto& move : decisions.migrations) result.emplace_back(move.job, move.placement);
  return result;
}

std::vector<JobId> checkpoints(const Decisions& decisions) {
  std::vector<JobId> result;
  for (const auto& checkpoint : decisions.checkpoints) result.push_back(checkpoint.job);
  return result;
}

std::unique_ptr<Scheduler> follow_the_sun() {
  return SchedulerRegistry::with_builtins().find("follow-the-sun").create({});
}

// Orbital cluster 0 = nodes 0-3, ground site 1 = node 4, 4 GPUs each; now 600. R runs on node
// 0 until 10000 (est.); node 0 enters the shadow at 1000, 400 s ahead: within the lookahead.
// A target node must stay sunlit and powered with 4 busy GPUs until 600 + 900 + 1800 = 3300.
//   Node 1: sunlit throughout, but would stop computing at 2000 with 4 busy GPUs: refused.
//   Node 2: enters the shadow at 2000: refused.
//   Node 3: sunlit throughout, never stops: R's target, {3:4}. The checkpoint, 100 GB at
//     10 GB/s from node 0, takes 10 s: 600 + 10 + 60 = 670 <= 1000, the move pays.
//   J0 (4 GPUs) then starts as sunlit-first would on what is left: node 1 (sunlit
//   throughout) before node 2; sunlit-first does not look at power. Without the move it
//   would have had node 1 too, and R would have stayed.
TEST(FollowTheSun, MovesAJobAboutToEnterTheShadowToANodeThatStaysSunlitAndPowered) {
  HandForecasts forecasts;
  forecasts.shadows = {{0, {1000, 3100}}, {2, {2000, 4100}}};
  forecasts.limits = {{1, {4, 2000}}};
  forecasts.bandwidths = {{{0, 3}, 10e9}};
  ClusterState state = snapshot({{4, 4, 4, 4}, {4}}, {0}, 600, &forecasts);
  run_r(state, 0, 10000);
  state.queue = {queued(0, 4, 3600)};
  const Decisions decisions = decide("follow-the-sun", state);
  EXPECT_EQ(migrations(decisions), (Migrations{{kR, {{{3, 4}}}}}));
  EXPECT_EQ(starts(decisions), (Starts{{0, {{{1, 4}}}}}));
  EXPECT_TRUE(checkpoints(decisions).empty());

  EXPECT_EQ(starts(decide("sunlit-first", state)), (Starts{{0, {{{1, 4}}}}}));
}

// Orbital cluster 0 = nodes 0 and 1, ground site 1 = node 2, 4 GPUs each; now 600. R runs on
// node 0, which enters the shadow at 700; node 1 is in the shadow (refused), so the target is
// the ground, {2:4}. At 1 GB/s the 100 GB checkpoint takes 100 s: 600 + 100 + 60 = 760 > 700,
// too late: R stays (nothing is lost in the shadow, no checkpoint). At 10 GB/s it takes 10 s:
// 670 <= 700, R moves to the ground.
TEST(FollowTheSun, MovesToTheGroundOnlyWhenTheCheckpointGetsThereBeforeTheShadow) {
  for (const double bandwidth : {1e9, 10e9}) {
    HandForecasts forecasts;
    forecasts.shadows = {{0, {700, 2800}}, {1, {500, 2600}}};
    forecasts.bandwidths = {{{0, 2}, bandwidth}};
    ClusterState state = snapshot({{4, 4}, {4}}, {0}, 600, &forecasts);
    run_r(state, 0, 10000);
    const Decisions decisions = decide("follow-the-sun", state);
    const Migrations expected = bandwidth == 10e9 ? Migrations{{kR, {{{2, 4}}}}} : Migrations{};
    EXPECT_EQ(migrations(decisions), expected) << bandwidth;
    EXPECT_TRUE(checkpoints(decisions).empty()) << bandwidth;
  }
}

TEST(FollowTheSun, LeavesAJobEstimatedToEndBeforeTheShadow) {
  // As in the first test (node 3 the target), but R is estimated to end at 990 or 1000, by
  // node 0's shadow entry at 1000: it stays. Estimated to end at 1001, it moves.
  for (const double end : {990.0, 1000.0, 1001.0}) {
    HandForecasts forecasts;
    forecasts.shadows = {{0, {1000, 3100}}};
    forecasts.bandwidths = {{{0, 1}, 10e9}};
    ClusterState state = snapshot({{4, 4}}, {0}, 600, &forecasts);
    run_r(state, 0, end);
    const Migrations expected = end > 1000 ? Migrations{{kR, {{{1, 4}}}}} : Migrations{};
    EXPECT_EQ(migrations(decide("follow-the-sun", state)), expected) << end;
  }
}

// Orbital cluster 0 = nodes 0 and 1, no ground; node 1 is in the shadow, so R (on node 0) has
// nowhere to go. Node 0 would stop computing at 800 with R on it. Rounds at 600, 660, 720, 780:
// R checkpoints at the last round by which the next round plus the margin reaches the loss,
// 720 (800 <= 720 + 60 + 60; at 660, 800 > 780). At 780 its checkpoint, written at 730, is
// younger than 60 + 60 s: not asked again.
TEST(FollowTheSun, CheckpointsAJobWithNowhereToGoAtTheLastRoundBeforeItsPowerLoss) {
  HandForecasts forecasts;
  forecasts.shadows = {{1, {500, 2600}}};
  forecasts.limits = {{0, {1, 800}}};
  forecasts.bandwidths = {{{0, 1}, 10e9}};
  const auto policy = follow_the_sun();
  std::vector<std::vector<JobId>> asked;
  for (const double now : {600.0, 660.0, 720.0, 780.0}) {
    ClusterState state = snapshot({{4, 4}}, {0}, now, &forecasts);
    run_r(state, 0, 10000);
    if (now == 780) state.running.back().progress.checkpoint_time = 730;
    const Decisions decisions = policy->schedule(state, {});
    EXPECT_TRUE(decisions.migrations.empty()) << now;
    asked.push_back(checkpoints(decisions));
  }
  EXPECT_EQ(asked, (std::vector<std::vector<JobId>>{{}, {}, {kR}, {}}));
}

// Orbital cluster 0 = nodes 0-2, 4 GPUs each. At 600 R moves from node 0 (shadow at 1000) to
// node 1 (sunlit throughout; node 2 ties and has the higher id). Then the forecasts change:
// node 1 would stop computing at 1000 with 4 busy GPUs. At 660 and 900 R was moved less than
// 1800 s ago and stays, though node 2 is sunlit throughout; at 900, 1000 <= 900 + 120, it
// checkpoints instead. At 2400 (600 + 1800) it may move again: node 1 now enters the shadow
// at 2800, node 0 is in it, and R goes to node 2.
TEST(FollowTheSun, DoesNotMoveAJobAgainWithinTheSettlingTime) {
  HandForecasts forecasts;
  forecasts.shadows = {{0, {1000, 3100}}};
  forecasts.bandwidths = {{{0, 1}, 10e9}, {{1, 2}, 10e9}};
  const auto policy = follow_the_sun();
  ClusterState at_600 = snapshot({{4, 4, 4}}, {0}, 600, &forecasts);
  run_r(at_600, 0, 100000);
  EXPECT_EQ(migrations(policy->schedule(at_600, {})), (Migrations{{kR, {{{1, 4}}}}}));

  forecasts.limits = {{1, {4, 1000}}};
  for (const double now : {660.0, 900.0}) {
    ClusterState moved = snapshot({{4, 4, 4}}, {0}, now, &forecasts);
    run_r(moved, 1, 100000);
    const Decisions decisions = policy->schedule(moved, {});
    EXPECT_TRUE(decisions.migrations.empty()) << now;
    EXPECT_EQ(checkpoints(decisions), now == 900 ? std::vector<JobId>{kR} : std::vector<JobId>{})
        << now;
  }

  forecasts.limits.clear();
  forecasts.shadows = {{0, {1000, 3100}}, {1, {2800, 4900}}};
  ClusterState at_2400 = snapshot({{4, 4, 4}}, {0}, 2400, &forecasts);
  run_r(at_2400, 1, 100000);
  EXPECT_EQ(migrations(policy->schedule(at_2400, {})), (Migrations{{kR, {{{2, 4}}}}}));
}

TEST(FollowTheSun, DecidesAsSunlitFirstWithoutForecasts) {
  // Nothing threatens a job without forecasts: the starts are sunlit-first's, on orbital
  // clusters before the ground, whatever the extra calls of the rounds.
  const testing::ToyPlatform platform{{2, 2, 2, 2}, {4, 4}, {8}};
  const auto registry = SchedulerRegistry::with_builtins();
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto jobs = testing::random_jobs(seed, 60, 8, 3);
    const auto sunlit_first = registry.find("sunlit-first").create({});
    const auto expected = testing::run_toy(*sunlit_first, platform, jobs, {0, 1});
    const auto run = testing::run_toy(*follow_the_sun(), platform, jobs, {0, 1});
    EXPECT_EQ(run.start, expected.start) << "seed " << seed;
    EXPECT_EQ(run.placement, expected.placement) << "seed " << seed;
  }
}

}  // namespace
}  // namespace umbra::sched
