// Golden tests of the orbit-aware policies (ground-only, sunlit-first, battery-aware) on
// hand-made snapshots, with shadows and power forecasts chosen by hand; every expected
// placement is worked out in the comments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
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
using testing::random_jobs;
using testing::run_on_node;
using testing::run_toy;
using testing::snapshot;
using testing::Starts;
using testing::starts;
using testing::ToyPlatform;

// Ground site 0 = nodes 0-2 (2 GPUs each), orbital cluster 1 = node 3 (8 GPUs); now 10.
// R0 runs on node 0 until 50, R1 on all of node 3 until 20.
//   J0 (2 GPUs, 20 s): the ground's best fit is node 1 (nodes 1 and 2 tie, lower id); ends 30.
//   J1 (8 GPUs): larger than the ground site (6): passed over, never the head.
//   J2 (4 GPUs, 100 s): 2 free on the ground: the head. Ground free: 2 now, 4 from 30 (J0),
//     6 from 50 (R0): T_s = 30 in site 0, extra = 4 - 4 = 0. (The orbital node, 8 free from
//     20, is not considered.)
//   J3 (2 GPUs, 30 s): would end at 40 > 30 with no extra GPU, and orbit is not allowed: waits.
//   J4 (1 GPU, 15 s), J5 (1 GPU, 20 s): end by 25 and 30 <= T_s: both on node 2.
ClusterState ground_and_orbit_busy() {
  ClusterState state = snapshot({{2, 2, 2}, {8}}, {1}, 10, nullptr);
  run_on_node(state, 100, 0, 2, 50);
  run_on_node(state, 101, 3, 8, 20);
  state.queue = {queued(0, 2, 20), queued(1, 8, 10), queued(2, 4, 100),
                 queued(3, 2, 30), queued(4, 1, 15), queued(5, 1, 20)};
  return state;
}

TEST(GroundOnly, PassesOverAnOrbitOnlyJobAndBackfillsOnTheGround) {
  const Decisions decisions = decide("ground-only", ground_and_orbit_busy());
  EXPECT_EQ(starts(decisions), (Starts{{0, {{{1, 2}}}}, {4, {{{2, 1}}}}, {5, {{{2, 1}}}}}));
  EXPECT_EQ(decisions.reservations, (std::vector<Reservation>{{2, 0, 30}}));
}

TEST(GroundOnly, EasyOnTheSameSnapshotReservesInOrbit) {
  // J0 as above. J1 (8 GPUs) is easy's head: the ground never holds it, orbit at 20 (R1's
  // end): T_s = 20 in site 1. Site 0 is not reserved, so J2 (4) is refused only for lack of
  // GPUs, J3 (2) takes node 2, and no GPU is left for J4 and J5.
  const Decisions decisions = decide("easy", ground_and_orbit_busy());
  EXPECT_EQ(starts(decisions), (Starts{{0, {{{1, 2}}}}, {3, {{{2, 2}}}}}));
  EXPECT_EQ(decisions.reservations, (std::vector<Reservation>{{1, 1, 20}}));
}

TEST(GroundOnly, StartsGroundJobsInOrderWhileOrbitStaysIdle) {
  // An idle 4-GPU ground node 0 and an idle 8-GPU satellite node 1; now 0. J0 (2 GPUs, 50 s)
  // and J2 (2, 30 s) fill node 0; J1 (8) is passed over; J3 (1) is the head, reserved at 30
  // (J2's end), though the satellite could run it now.
  ClusterState state = snapshot({{4}, {8}}, {1}, 0, nullptr);
  state.queue = {queued(0, 2, 50), queued(1, 8, 50), queued(2, 2, 30), queued(3, 1, 10)};
  const Decisions decisions = decide("ground-only", state);
  EXPECT_EQ(starts(decisions), (Starts{{0, {{{0, 2}}}}, {2, {{{0, 2}}}}}));
  EXPECT_EQ(decisions.reservations, (std::vector<Reservation>{{3, 0, 30}}));
}

TEST(GroundOnly, DecidesAsEasyWouldWithoutTheOrbitalCluster) {
  // Jobs of up to 8 GPUs, which both ground sites hold: an orbital cluster beside them changes
  // nothing. Estimates up to 3x the runtime.
  const ToyPlatform ground{{2, 2, 2, 2}, {4, 4}};
  ToyPlatform with_orbit = ground;
  with_orbit.push_back({8, 8});  // site 2, nodes 6 and 7: after the ground's node ids
  const auto registry = SchedulerRegistry::with_builtins();
  std::ptrdiff_t reserved = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto jobs = random_jobs(seed, 60, 8, 3);
    const auto easy = registry.find("easy").create({});
    const auto ground_only = registry.find("ground-only").create({});
    const auto expected = run_toy(*easy, ground, jobs);
    const auto run = run_toy(*ground_only, with_orbit, jobs, {2});
    EXPECT_EQ(run.start, expected.start) << "seed " << seed;
    EXPECT_EQ(run.placement, expected.placement) << "seed " << seed;
    EXPECT_EQ(run.reservations, expected.reservations) << "seed " << seed;
    reserved += std::count_if(run.reservations.begin(), run.reservations.end(),
                              [](const auto& promised) { return !promised.empty(); });
  }
  EXPECT_GT(reserved, 0) << "no head was ever blocked: the test proves nothing";
}

// Orbital cluster 0 = nodes 0, 1; orbital cluster 1 = nodes 2, 3, 4 (4 GPUs each); ground
// site 2 = node 5 (8 GPUs). Now 1000. Sunlit time ahead: node 0 120 s (shadow from 1120),
// node 1 200 s (from 1200), node 2 3000 s (from 4000), node 3 unbounded (no shadow), node 4
// 0 (in shadow since 900).
//   J0 (4): cluster 0 would take node 1 (200 s); cluster 1 takes node 3 (unbounded): {3:4}.
//     A packed placement would have taken node 0, the lowest.
//   J1 (8): cluster 0 takes nodes 1 and 0: min 120 s; cluster 1 nodes 2 and 4: min 0 s.
//     Cluster 0 wins: {0:4, 1:4}.
//   J2 (12): no site holds it now: skipped.
//   J3 (8): only cluster 1 holds it, nodes 2 and 4, though node 4 is in shadow: orbit before
//     the ground: {2:4, 4:4}.
//   J4 (2): no orbital GPU is left: the ground, {5:2}.
TEST(SunlitFirst, PicksTheClusterSunlitLongestThenFallsBackToTheGround) {
  HandForecasts forecasts;
  forecasts.shadows = {{0, {1120, 3220}}, {1, {1200, 3300}}, {2, {4000, 6100}}, {4, {900, 3000}}};
  ClusterState state = snapshot({{4, 4}, {4, 4, 4}, {8}}, {0, 1}, 1000, &forecasts);
  state.queue = {queued(0, 4, 600), queued(1, 8, 600), queued(2, 12, 600), queued(3, 8, 600),
                 queued(4, 2, 600)};
  const Decisions decisions = decide("sunlit-first", state);
  EXPECT_EQ(
      starts(decisions),
      (Starts{{0, {{{3, 4}}}}, {1, {{{0, 4}, {1, 4}}}}, {3, {{{2, 4}, {4, 4}}}}, {4, {{{5, 2}}}}}));
  EXPECT_TRUE(decisions.reservations.empty());
  EXPECT_FALSE(decisions.wake_up_at.has_value());
}

TEST(SunlitFirst, TakesTheNodesSunlitLongestFirstTiesToTheLowerId) {
  // One orbital cluster of three 2-GPU nodes; now 0; node 0 enters shadow at 500, nodes 1 and
  // 2 are sunlit throughout. J0 (3): node 1 whole, then 1 GPU of node 2: {1:2, 2:1}. J1 (2):
  // node 2's last GPU, then node 0: {0:1, 2:1}, in node order.
  HandForecasts forecasts;
  forecasts.shadows = {{0, {500, 2600}}};
  ClusterState state = snapshot({{2, 2, 2}}, {0}, 0, &forecasts);
  state.queue = {queued(0, 3, 100), queued(1, 2, 100)};
  EXPECT_EQ(starts(decide("sunlit-first", state)),
            (Starts{{0, {{{1, 2}, {2, 1}}}}, {1, {{{0, 1}, {2, 1}}}}}));
}

TEST(SunlitFirst, KeepsAJobInsideOneEverComponent) {
  // One orbital cluster of four 2-GPU nodes that the network joins as {0, 1} and {2, 3}; now 0;
  // node 0 enters shadow at 100, node 2 at 500, nodes 1 and 3 are sunlit throughout. J0 (3
  // GPUs) would take nodes 1 and 3 (both sunlit throughout) across the two groups; inside
  // component 0 it gets nodes 1 and 0 (sunlit 100 s), inside component 2 nodes 3 and 2 (500
  // s): component 2, {2:1, 3:2}.
  HandForecasts forecasts;
  forecasts.shadows = {{0, {100, 2200}}, {2, {500, 2600}}};
  ClusterState state = snapshot({{2, 2, 2, 2}}, {0}, 0, &forecasts);
  for (const NodeId node : {2, 3}) state.nodes[node].ever_component = 2;
  state.queue = {queued(0, 3, 100)};
  EXPECT_EQ(starts(decide("sunlit-first", state)), (Starts{{0, {{{2, 1}, {3, 2}}}}}));
}

TEST(SunlitFirst, WithoutForecastsEveryNodeIsSunlitAndOrbitStillComesFirst) {
  // Orbital clusters 0 (nodes 0-2, 2 GPUs each) and 1 (node 3, 4 GPUs), ground node 4 (4
  // GPUs), no forecasts: every placement is sunlit throughout, nodes go by id and clusters tie
  // to the lower id. J0 (3): cluster 0, {0:2, 1:1}, though cluster 1 or the ground would hold
  // it on one node. J1 (4): only cluster 1 has 4 free: {3:4}. J2 (1): node 1's last GPU.
  ClusterState state = snapshot({{2, 2, 2}, {4}, {4}}, {0, 1}, 0, nullptr);
  state.queue = {queued(0, 3, 100), queued(1, 4, 100), queued(2, 1, 100)};
  EXPECT_EQ(starts(decide("sunlit-first", state)),
            (Starts{{0, {{{0, 2}, {1, 1}}}}, {1, {{{3, 4}}}}, {2, {{{1, 1}}}}}));
}

TEST(SunlitFirst, DecidesAsFcfsFitWithoutSatellites) {
  const auto registry = SchedulerRegistry::with_builtins();
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto jobs = random_jobs(seed, 60, 8, 3);
    for (const ToyPlatform& platform :
         {ToyPlatform{{2, 2, 2, 2}}, ToyPlatform{{2, 2, 2, 2}, {4, 4}}}) {
      const auto fcfs_fit = registry.find("fcfs-fit").create({});
      const auto sunlit_first = registry.find("sunlit-first").create({});
      const auto expected = run_toy(*fcfs_fit, platform, jobs);
      const auto run = run_toy(*sunlit_first, platform, jobs);
      EXPECT_EQ(run.start, expected.start) << "seed " << seed;
      EXPECT_EQ(run.placement, expected.placement) << "seed " << seed;
    }
  }
}

// Orbital cluster 0 = nodes 0 and 1 (4 GPUs each), ground site 1 = node 2 (8 GPUs); now 100.
// R runs on 2 GPUs of node 1. Node 0 is sunlit throughout, node 1 enters shadow at 1900, so
// node 0 ranks first. Forecasts: node 0 stops at 700 (10 min from now) with any busy GPU;
// node 1 at 700 with 4 busy GPUs or more.
//   J0 (4 GPUs, 1 h): node 0, 4 busy: limited at 700 < 3700, refused; node 1, 2 + 2 = 4 busy:
//     refused. The ground: {2:4}.
//   J1 (1 GPU, 300 s left of 7200): node 0, 1 busy until 400: the stop at 700 comes
//     after: {0:1}.
//   J2 (1 GPU, 1 h): node 0, now 4 - 3 + 1 = 2 busy: refused; node 1, 4 - 2 + 1 = 3 busy:
//     admitted: {1:1}.
ClusterState throttling_soon(const Forecasts* forecasts) {
  ClusterState state = snapshot({{4, 4}, {8}}, {0}, 100, forecasts);
  run_on_node(state, 100, 1, 2, 5000);
  state.queue = {queued(0, 4, 3600), queued(1, 1, 7200), queued(2, 1, 3600)};
  state.queue[1].remaining_estimate = 300;
  return state;
}

HandForecasts throttling_forecasts() {
  HandForecasts forecasts;
  forecasts.shadows = {{1, {1900, 4000}}};
  forecasts.limits = {{0, {1, 700}}, {1, {4, 700}}};
  return forecasts;
}

TEST(BatteryAware, RefusesANodeThatWouldThrottleDuringTheJobAndPicksTheGround) {
  const HandForecasts forecasts = throttling_forecasts();
  const Decisions decisions = decide("battery-aware", throttling_soon(&forecasts));
  EXPECT_EQ(starts(decisions), (Starts{{0, {{{2, 4}}}}, {1, {{{0, 1}}}}, {2, {{{1, 1}}}}}));
  EXPECT_EQ(forecasts.queries,
            (std::vector<HandForecasts::Query>{
                {0, 4, 3700}, {1, 4, 3700}, {0, 1, 400}, {0, 2, 3700}, {1, 3, 3700}}));
}

TEST(BatteryAware, SunlitFirstTakesTheNodeThatWouldThrottle) {
  // The same snapshot: J0 takes node 0 whole; J1 and J2 fill node 1 (its 2 free GPUs).
  const HandForecasts forecasts = throttling_forecasts();
  EXPECT_EQ(starts(decide("sunlit-first", throttling_soon(&forecasts))),
            (Starts{{0, {{{0, 4}}}}, {1, {{{1, 1}}}}, {2, {{{1, 1}}}}}));
}

TEST(BatteryAware, TriesTheOtherClustersBeforeTheGround) {
  // Orbital clusters 0 (node 0) and 1 (node 1), ground site 2 (node 2), 4 GPUs each; now 0.
  // Node 0 is sunlit throughout but stops at 600 under any load; node 1 enters shadow at
  // 1000 and holds out. J0 (4 GPUs, 1 h): refused on node 0, admitted on node 1: {1:4}.
  HandForecasts forecasts;
  forecasts.shadows = {{1, {1000, 3100}}};
  forecasts.limits = {{0, {1, 600}}};
  ClusterState state = snapshot({{4}, {4}, {4}}, {0, 1}, 0, &forecasts);
  state.queue = {queued(0, 4, 3600)};
  EXPECT_EQ(starts(decide("battery-aware", state)), (Starts{{0, {{{1, 4}}}}}));
}

TEST(OrbitAwarePolicies, RunEveryWorkloadToCompletionWithOrbitalClusters) {
  // Two orbital clusters before a ground site, without forecasts; run_toy throws on a
  // placement on busy GPUs, over two sites, or of the wrong size, or when jobs are left that
  // nothing will start (ground-only: the ground site holds every job).
  const ToyPlatform platform{{2, 2, 2, 2}, {4, 4}, {8, 8}};
  const auto registry = SchedulerRegistry::with_builtins();
  for (const char* name :
       {"ground-only", "sunlit-first", "battery-aware", "follow-the-sun", "contact-aware"}) {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      const auto jobs = random_jobs(seed, 80, 8, 3);
      const auto policy = registry.find(name).create({});
      const auto run = run_toy(*policy, platform, jobs, {0, 1});
      for (JobId id = 0; id < jobs.size(); ++id) {
        EXPECT_GE(run.start[id], jobs[id].submit) << name << " job " << id;
      }
    }
  }
}

}  // namespace
}  // namespace umbra::sched
