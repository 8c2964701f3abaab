#include "schedulers/availability_profile.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <tuple>

#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched {
namespace {

// 1 GPU free at 0; +2 at 10; +1 at 20 (4 in all from 20). Releases are given out of order.
AvailabilityProfile staircase() {
  return AvailabilityProfile(0, 1, {{20, 1}, {10, 2}});
}

TEST(AvailabilityProfile, ReleasesAtTheSameTimeAddUp) {
  const AvailabilityProfile profile(0, 0, {{5, 1}, {5, 2}, {7, 1}});
  EXPECT_EQ(profile.free_at(4.9), 0);
  EXPECT_EQ(profile.free_at(5), 3);
  EXPECT_EQ(profile.free_at(7), 4);
  EXPECT_THROW(AvailabilityProfile(3, 0, {{3, 1}}), std::logic_error);
}

TEST(AvailabilityProfile, EarliestStartFollowsReleases) {
  const auto profile = staircase();
  EXPECT_EQ(profile.earliest_start(1, 100), 0);
  EXPECT_EQ(profile.earliest_start(3, 5), 10);
  EXPECT_EQ(profile.earliest_start(4, 5), 20);
  EXPECT_EQ(profile.earliest_start(5, 5), std::nullopt);
}

TEST(AvailabilityProfile, ReservationsLeaveHolesThatFitOnlyShortJobs) {
  auto profile = staircase();
  profile.reserve(20, 5, 4);  // 0 free over [20,25)
  // 3 GPUs over [10,20) fit a job of up to 10 s; a longer one must wait for 25.
  EXPECT_EQ(profile.earliest_start(3, 10), 10);
  EXPECT_EQ(profile.earliest_start(3, 11), 25);
  EXPECT_EQ(profile.free_at(22), 0);
  EXPECT_EQ(profile.free_at(25), 4);
  EXPECT_FALSE(profile.can_reserve(15, 6, 1));
  EXPECT_THROW(profile.reserve(0, 30, 1), std::logic_error);
  profile.cancel(20, 5, 4);
  EXPECT_EQ(profile.earliest_start(3, 11), 10);
}

TEST(SiteProfiles, ReturnRunningJobsGpusAtTheirEstimatedEnds) {
  // Two sites of one 4-GPU node. Site 0 runs a 3-GPU job expected to end at 50; site 1 runs a
  // 4-GPU job that is overdue (expected at 20, now is 30): it ends just after now.
  ClusterState state = testing::toy_cluster({{4}, {4}});
  state.now = 30;
  state.nodes[0].free_gpus = 1;
  state.nodes[1].free_gpus = 0;
  RunningJob expected_at_50;
  expected_at_50.estimated_end = 50;
  expected_at_50.gpus = 3;
  expected_at_50.site = 0;
  expected_at_50.placement = {{{0, 3}}};
  RunningJob overdue;
  overdue.id = 1;
  overdue.estimated_end = 20;
  overdue.gpus = 4;
  overdue.site = 1;
  overdue.placement = {{{1, 4}}};
  state.running = {expected_at_50, overdue};
  const auto profiles = site_profiles(state);
  EXPECT_EQ(profiles[0].free_at(30), 1);
  EXPECT_EQ(profiles[0].free_at(50), 4);
  EXPECT_EQ(profiles[1].free_at(30), 0);
  EXPECT_GT(*profiles[1].earliest_start(4, 1), 30);
  EXPECT_LT(*profiles[1].earliest_start(4, 1), 30.001);
  // 2 GPUs: site 0 at 50, site 1 just after 30.
  EXPECT_EQ(earliest_site_start(profiles, 2, 10)->site, 1U);
  // 1 GPU: both... only site 0 now.
  const auto one = earliest_site_start(profiles, 1, 10);
  EXPECT_EQ(one->site, 0U);
  EXPECT_EQ(one->start, 30);
}

TEST(EarliestReleaseStart, AgreesWithTheProfilesItAvoidsBuilding) {
  // Site 0: one 8-GPU node, 2 free, jobs of 3 and 2 GPUs ending at 40 and 60, and a job this
  // call started on 1 GPU ending at 50. Site 1: one 4-GPU node, 0 free, a 4-GPU job ending at 45.
  ClusterState state = testing::toy_cluster({{8}, {4}});
  state.now = 10;
  state.nodes[0].free_gpus = 3;
  state.nodes[1].free_gpus = 0;
  const auto running = [](JobId id, double end, int gpus, SiteId site, NodeId node) {
    RunningJob job;
    job.id = id;
    job.estimated_end = end;
    job.gpus = gpus;
    job.site = site;
    job.placement = {{{node, gpus}}};
    return job;
  };
  state.running = {running(0, 40, 3, 0, 0), running(1, 60, 2, 0, 0), running(2, 45, 4, 1, 1)};
  FreeGpus free(state);
  free.take({{{0, 1}}});  // the job started this call
  const std::vector<std::vector<Release>> started = {{{50, 1}}, {}};
  // Free in site 0: 2 now, 5 from 40, 6 from 50, 8 from 60; site 1: 0 now, 4 from 45.
  for (const auto& [gpus, site, start, free_then] :
       std::vector<std::tuple<int, SiteId, double, int>>{
           {2, 0, 10, 2}, {4, 0, 40, 5}, {6, 0, 50, 6}, {8, 0, 60, 8}}) {
    const auto found = earliest_release_start(state, free, started, gpus);
    ASSERT_TRUE(found) << gpus;
    EXPECT_EQ(found->site, site) << gpus;
    EXPECT_EQ(found->start, start) << gpus;
    EXPECT_EQ(found->free_then, free_then) << gpus;
  }
  EXPECT_FALSE(earliest_release_start(state, free, started, 9));
  // The full profiles of the same releases agree on every size.
  std::vector<AvailabilityProfile> profiles;
  profiles.emplace_back(10, 2, std::vector<Release>{{40, 3}, {60, 2}, {50, 1}});
  profiles.emplace_back(10, 0, std::vector<Release>{{45, 4}});
  for (int gpus = 1; gpus <= 8; ++gpus) {
    EXPECT_EQ(earliest_release_start(state, free, started, gpus)->start,
              earliest_site_start(profiles, gpus, 1.0)->start)
        << gpus;
  }
}

}  // namespace
}  // namespace umbra::sched
