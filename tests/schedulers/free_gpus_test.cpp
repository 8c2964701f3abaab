#include "schedulers/free_gpus.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched {
namespace {

using testing::toy_cluster;

// A cluster whose nodes have the given free GPUs (installed: `installed` each, one site per
// inner list).
ClusterState with_free(const std::vector<std::vector<int>>& free_per_site, int installed) {
  testing::ToyPlatform platform;
  for (const auto& site : free_per_site) platform.emplace_back(site.size(), installed);
  ClusterState state = toy_cluster(platform);
  NodeId node = 0;
  for (const auto& site : free_per_site) {
    for (const int free : site) state.nodes[node++].free_gpus = free;
  }
  return state;
}

TEST(PlacePacked, OneNodeJobTakesTheBestFit) {
  // Free 4, 2, 4, 1 (of 4): 1 GPU fits node 3 exactly, 2 GPUs node 1, 3 GPUs node 0 (4 free,
  // tied with node 2: lower id).
  const auto state = with_free({{4, 2, 4, 1}}, 4);
  const FreeGpus free(state);
  EXPECT_EQ(free.place_packed(1), (Placement{{{3, 1}}}));
  EXPECT_EQ(free.place_packed(2), (Placement{{{1, 2}}}));
  EXPECT_EQ(free.place_packed(3), (Placement{{{0, 3}}}));
}

TEST(PlacePacked, LargeJobTakesWholeFreeNodesThenTheBestFitForTheRest) {
  // Free 4, 2, 4, 1: 6 GPUs = node 0 whole (4, lower id of the two free nodes) + 2 on node 1
  // (best fit for 2); 9 GPUs = nodes 0 and 2 whole + 1 on node 3; 11 = everything.
  const auto state = with_free({{4, 2, 4, 1}}, 4);
  const FreeGpus free(state);
  EXPECT_EQ(free.place_packed(6), (Placement{{{0, 4}, {1, 2}}}));
  EXPECT_EQ(free.place_packed(9), (Placement{{{0, 4}, {2, 4}, {3, 1}}}));
  EXPECT_EQ(free.place_packed(11), (Placement{{{0, 4}, {1, 2}, {2, 4}, {3, 1}}}));
  EXPECT_EQ(free.place_packed(12), std::nullopt);
}

// One site of six 4-GPU nodes that the network joins in two groups, as a shell's planes:
// nodes 0, 2, 4 (ever-component 0) and 1, 3, 5 (ever-component 1). Free 4, 4, 2, 4, 0, 4.
ClusterState two_components() {
  ClusterState state = with_free({{4, 4, 2, 4, 0, 4}}, 4);
  for (NodeId node = 0; node < 6; ++node) state.nodes[node].ever_component = node % 2;
  return state;
}

TEST(PlacePacked, KeepsAJobInsideOneEverComponent) {
  const ClusterState state = two_components();
  const FreeGpus free(state);
  // 8 GPUs: component 0 has 4 + 2 free, too few; component 1 has 12: nodes 1 and 3 whole.
  // Without components the rule would take nodes 0 and 1 (most free, lowest ids), which the
  // network never joins.
  EXPECT_EQ(free.place_packed(8), (Placement{{{1, 4}, {3, 4}}}));
  // 6 GPUs: two nodes in either component ({0:4, 2:2} or {1:4, 3:2}): the lower component.
  EXPECT_EQ(free.place_packed(6), (Placement{{{0, 4}, {2, 2}}}));
  // 13 GPUs: the site has 18 free, no component more than 12.
  EXPECT_EQ(free.place_packed(13), std::nullopt);
}

TEST(PlacePacked, ChoosesTheComponentNeedingFewestNodes) {
  // 4 GPUs: component 0 holds them on node 0 alone, component 1 on node 1 alone: tie, node 0.
  // With node 0 full, component 0 needs nodes 2 and 4 (2 + 0 free: it cannot), so node 1.
  ClusterState state = two_components();
  EXPECT_EQ(FreeGpus(state).place_packed(4), (Placement{{{0, 4}}}));
  state.nodes[0].free_gpus = 0;
  EXPECT_EQ(FreeGpus(state).place_packed(4), (Placement{{{1, 4}}}));
}

TEST(PlacePacked, FragmentedSiteStillHoldsAJobItHasTheGpusFor) {
  // Free 2, 2, 2 (of 4), no whole node: 5 GPUs = nodes 0 and 1 (most free, lower ids) + 1 on
  // node 2.
  const auto state = with_free({{2, 2, 2}}, 4);
  EXPECT_EQ(FreeGpus(state).place_packed(5), (Placement{{{0, 2}, {1, 2}, {2, 1}}}));
}

TEST(PlacePacked, ChoosesTheSiteNeedingFewestNodesTiesToTheLowerSite) {
  // Site 0 = nodes 0, 1 with 2 free each; site 1 = node 2 with 4 free (all of 4).
  // 4 GPUs: 2 nodes in site 0, 1 in site 1: site 1. 2 GPUs: one node in either: site 0.
  const auto state = with_free({{2, 2}, {4}}, 4);
  const FreeGpus free(state);
  EXPECT_EQ(free.place_packed(4), (Placement{{{2, 4}}}));
  EXPECT_EQ(free.place_packed(2), (Placement{{{0, 2}}}));
  // Restricted to site 1, 2 GPUs go to node 2; a job no allowed site holds gets nothing.
  const auto only_site_1 = [](SiteId site) { return site == 1; };
  EXPECT_EQ(free.place_packed(2, only_site_1), (Placement{{{2, 2}}}));
  EXPECT_EQ(free.place_packed(5, only_site_1), std::nullopt);
  // 5 GPUs fit neither site alone (4 free each), although 8 are free in total.
  EXPECT_EQ(free.place_packed(5), std::nullopt);
}

TEST(FreeGpus, TakeAndGiveBackKeepCount) {
  const auto state = with_free({{4, 2}, {3}}, 4);
  FreeGpus free(state);
  EXPECT_EQ(free.total_free(), 9);
  const Placement placement{{{0, 3}, {1, 2}}};
  free.take(placement);
  EXPECT_EQ(free.free_on(0), 1);
  EXPECT_EQ(free.free_on(1), 0);
  EXPECT_EQ(free.free_in(0), 1);
  EXPECT_EQ(free.free_in(1), 3);
  EXPECT_EQ(free.total_free(), 4);
  free.give_back(placement);
  EXPECT_EQ(free.free_in(0), 6);
  EXPECT_EQ(free.total_free(), 9);
}

TEST(FreeGpus, RefusesToOverAllocateAndLeavesCountsIntact) {
  const auto state = with_free({{4, 2}}, 4);
  FreeGpus free(state);
  // Node 0 is fine, node 1 has only 2 free: nothing is taken.
  EXPECT_THROW(free.take(Placement{{{0, 1}, {1, 3}}}), std::logic_error);
  EXPECT_EQ(free.free_on(0), 4);
  EXPECT_EQ(free.free_on(1), 2);
  // The same node twice counts as the sum.
  EXPECT_THROW(free.take(Placement{{{1, 2}, {1, 1}}}), std::logic_error);
  EXPECT_EQ(free.free_on(1), 2);
  // Node 1 has 4 installed, 2 free: giving back 3 is more than was ever taken.
  EXPECT_THROW(free.give_back(Placement{{{1, 3}}}), std::logic_error);
  EXPECT_EQ(free.free_on(1), 2);
}

}  // namespace
}  // namespace umbra::sched
