#include "schedulers/availability_profile.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched {
namespace {

// 1 GPU free at 0; +2 at 10; +1 at 20 (4 in all from 20).
AvailabilityProfile staircase() {
  AvailabilityProfile profile(0, 1);
  profile.release_at(10, 2);
  profile.release_at(20, 1);
  return profile;
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
  expected_at_50.placement = {{{0, 3}}};
  RunningJob overdue;
  overdue.id = 1;
  overdue.estimated_end = 20;
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

}  // namespace
}  // namespace umbra::sched
