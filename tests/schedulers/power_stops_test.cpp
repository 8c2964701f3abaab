// battery-aware keeps the forecasts' answers for a call (schedulers/power_stops.hpp): its
// decisions must be those of its rule asked job by job (start_sunlit_first admitting a node
// only if Forecasts::power_lost_at(node, busy, now + the job's remaining estimate) is none),
// whatever the forecasts say, and it must ask again only what it does not know.
#include <gtest/gtest.h>

#include <vector>

#include "schedulers/orbital_placement.hpp"
#include "schedulers/power_stops.hpp"
#include "sim/core/rng.hpp"
#include "tests/schedulers/hand_forecasts.hpp"
#include "tests/schedulers/hand_snapshots.hpp"

namespace umbra::sched {
namespace {

using testing::decide;
using testing::HandForecasts;
using testing::queued;
using testing::Starts;
using testing::starts;

// The rule asked job by job, as battery-aware was written before it kept the answers.
Starts asked_job_by_job(const ClusterState& state) {
  return starts(start_sunlit_first(state, [&](const QueuedJob& job, NodeId node, int busy) {
    return !state.forecasts->power_lost_at(node, busy, state.now + job.remaining_estimate);
  }));
}

TEST(BatteryAware, DecidesAsItsRuleAskedJobByJob) {
  // Two orbital clusters of 4 and 3 satellites (2 to 8 GPUs each) and a ground site of two
  // 4-GPU nodes, some GPUs busy; stops, shadows, job ends on a grid of 500 s so that a stop
  // often falls exactly at a job's end; some nodes stopped now.
  int differing = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    Rng rng(seed);
    const auto draw = [&](int low, int high) {
      return low + static_cast<int>(rng.uniform_int(static_cast<std::uint64_t>(high - low + 1)));
    };
    testing::ToyPlatform platform{{}, {}, {4, 4}};
    for (int i = 0; i < 4; ++i) platform[0].push_back(draw(2, 8));
    for (int i = 0; i < 3; ++i) platform[1].push_back(draw(2, 8));
    HandForecasts forecasts;
    const double now = 1000;
    ClusterState state = testing::snapshot(platform, {0, 1}, now, &forecasts);
    JobId running = 1000;
    for (const NodeState& node : std::vector<NodeState>(state.nodes)) {
      const int busy = draw(0, node.gpus);
      if (busy > 0) testing::run_on_node(state, running++, node.id, busy, now + 3600);
      if (!node.orbital) continue;
      for (int load = 1; load <= node.gpus; ++load) {
        if (draw(0, 2) > 0) forecasts.stops[{node.id, load}] = now + 500.0 * draw(0, 12);
      }
      if (draw(0, 9) == 0) forecasts.stopped.insert(node.id);
      if (draw(0, 1) == 0) {
        const double entry = now + 500.0 * draw(0, 6);
        forecasts.shadows[node.id] = {entry, entry + 2100};
      }
    }
    for (JobId id = 0; id < 30; ++id) {
      state.queue.push_back(queued(id, draw(1, 8), 500.0 * draw(0, 12)));
    }
    const Starts expected = asked_job_by_job(state);
    const Starts decided = starts(decide("battery-aware", state));
    EXPECT_EQ(decided, expected) << "seed " << seed;
    differing += decided != expected;
  }
  EXPECT_EQ(differing, 0);
}

// Orbital cluster 0: node 0 (4 GPUs, 1 busy) stops at 2000 with 2 busy and never with 4; node
// 1 (4 GPUs) has stopped (its stop, 1000, is given whatever the end). Now 1000.
TEST(PowerStops, AsksANodeAndLoadAgainOnlyWhenWhatIsKeptDoesNotAnswer) {
  HandForecasts forecasts;
  forecasts.stops[{0, 2}] = 2000;
  forecasts.stops[{1, 1}] = 1000;
  forecasts.stopped = {1};
  ClusterState state = testing::snapshot({{4, 4}, {4}}, {0}, 1000, &forecasts);
  testing::run_on_node(state, 100, 0, 1, 5000);
  PowerStops stops(state);
  EXPECT_TRUE(stops.outlasts(0, 2, 1500));   // asked: none by 1500
  EXPECT_TRUE(stops.outlasts(0, 2, 1200));   // kept: none by 1500
  EXPECT_FALSE(stops.outlasts(0, 2, 2000));  // asked: the stop, 2000
  EXPECT_FALSE(stops.outlasts(0, 2, 3000));  // kept: the stop comes before
  EXPECT_TRUE(stops.outlasts(0, 2, 1999));   // asked again: none by 1999
  EXPECT_EQ(forecasts.queries.size(), 3u);
  EXPECT_TRUE(stops.outlasts(0, 4, 1e9));  // asked
  EXPECT_TRUE(stops.outlasts(0, 4, 1e8));  // kept
  EXPECT_EQ(forecasts.queries.size(), 4u);
  EXPECT_FALSE(stops.outlasts(1, 1, 1000));  // asked: stopped
  EXPECT_FALSE(stops.outlasts(1, 1, 900));   // asked again, being before the stop: stopped
  EXPECT_EQ(forecasts.queries.size(), 6u);
}

// A walk that failed stands for a later job of its size only over the ends its admissions
// answer alike. Orbital cluster 0: node 0 (4 GPUs, 2 busy, sunlit throughout) ranks before
// node 1 (4 GPUs, entering the shadow at 100); the ground (node 2) is full; now 0. Node 0 with 4
// busy stops at 1500; node 1 with 2 busy at 500 and never with 4 (a table need not be monotone).
//   J0 (4 GPUs, ends 1000): node 0 takes 2 (4 busy: none by 1000, admitted); node 1 with the 2
//     left, 2 busy: stops at 500, refused. It fails: for ends in [500, 1000] the walk is known.
//   J1 (4 GPUs, ends 2000): outside them: walked. Node 0 stops by 2000, refused; node 1 takes
//     all 4: never stops: {1:4}.
TEST(PowerStops, AFailedWalkStandsOnlyForTheEndsItsAdmissionsAnswerAlike) {
  HandForecasts forecasts;
  forecasts.stops[{0, 4}] = 1500;
  forecasts.stops[{1, 2}] = 500;
  forecasts.shadows[1] = {100, 2200};
  ClusterState state = testing::snapshot({{4, 4}, {2}}, {0}, 0, &forecasts);
  testing::run_on_node(state, 100, 0, 2, 5000);
  testing::run_on_node(state, 101, 2, 2, 5000);
  state.queue = {queued(0, 4, 1000), queued(1, 4, 2000)};
  EXPECT_EQ(starts(decide("battery-aware", state)), (Starts{{1, {{{1, 4}}}}}));
  EXPECT_EQ(asked_job_by_job(state), (Starts{{1, {{{1, 4}}}}}));
}

}  // namespace
}  // namespace umbra::sched
