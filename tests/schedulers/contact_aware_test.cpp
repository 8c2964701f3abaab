// Golden tests of contact-aware on hand-made snapshots: bandwidths and ground contacts are
// chosen by hand and every expected placement or checkpoint is worked out in the comments
// from the rules at the top of schedulers/contact_aware.cpp (ties within 60 s, at most an
// hour to a contact, checkpoints at most every 600 s, rounds every 60 s).
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
using testing::run_on_node;
using testing::snapshot;
using testing::Starts;
using testing::starts;

// A job of 4 GPUs reading `bytes` of data from site 0.
QueuedJob reading(JobId id, double bytes) {
  QueuedJob job = queued(id, 4, 3600);
  job.progress.dataset_bytes = bytes;
  job.progress.dataset_site = 0;
  return job;
}

// Ground site 0 = node 0 (the data's site, full), ground site 1 = node 1, orbital cluster 2 =
// node 2, orbital cluster 3 = node 3; 4 GPUs each; now 0. 1 TB from node 0 arrives:
//   at site 1 over 1 GB/s at 1000 s;
//   at cluster 2, out of reach now, through its contact from 100 s at 10 GB/s: 100 + 100 = 200;
//   at cluster 3 over 2 GB/s at 500 s.
// J0 (1 TB) goes to cluster 2 (200; nothing else within 60 s), J1 (1 TB) to cluster 3 (500
// against 1000), J2 (no data set) to the one site left, 1. fcfs-fit would have put J0 on site
// 1, the lowest with a free node.
TEST(ContactAware, StartsEachJobWhereItsDataSetArrivesFirst) {
  HandForecasts forecasts;
  forecasts.bandwidths = {{{0, 1}, 1e9}, {{0, 3}, 2e9}};
  forecasts.contacts = {{2, {{100, 700, 0, 10e9}}}};
  ClusterState state = snapshot({{4}, {4}, {4}, {4}}, {2, 3}, 0, &forecasts);
  run_on_node(state, 100, 0, 4, 5000);
  state.queue = {reading(0, 1e12), reading(1, 1e12), queued(2, 4, 3600)};
  EXPECT_EQ(starts(decide("contact-aware", state)),
            (Starts{{0, {{{2, 4}}}}, {1, {{{3, 4}}}}, {2, {{{1, 4}}}}}));
  EXPECT_EQ(starts(decide("fcfs-fit", state)),
            (Starts{{0, {{{1, 4}}}}, {1, {{{2, 4}}}}, {2, {{{3, 4}}}}}));
}

// Ground site 0 = node 0 (the data's site, 4 GPUs), ground site 1 = nodes 1 and 2 (2 GPUs
// each), orbital cluster 2 = node 3 (4 GPUs); now 0.
//   J0 (1 TB, staged at cluster 2 already): ready there now, at site 0 over 1 TB/s at 1 s,
//     site 1 never (no route): sites 0 and 2 tie within 60 s, and the packed placement
//     among them (one node each) takes the lower, site 0.
//   J1 (1 TB, staged nowhere): cluster 2 (no route, no contact) never, site 1 never: the
//     earliest is never and all tie: packed, site 2 (one node) before site 1 (two).
TEST(ContactAware, TiesWithinAMinuteGoToThePackedPlacement) {
  HandForecasts forecasts;
  forecasts.bandwidths = {{{0, 0}, 1e12}};
  ClusterState state = snapshot({{4}, {2, 2}, {4}}, {2}, 0, &forecasts);
  state.queue = {reading(0, 1e12), reading(1, 1e12)};
  state.queue[0].progress.dataset_staged_at = 2;
  EXPECT_EQ(starts(decide("contact-aware", state)), (Starts{{0, {{{0, 4}}}}, {1, {{{3, 4}}}}}));
}

// Orbital cluster 0 = node 0 (first ground contact at 5000), orbital cluster 1 = node 1
// (contact at 3000), ground site 2 = node 2; 4 GPUs each; now 0.
//   J0 (checkpoints): cluster 0 is refused (no contact in the next 3600 s); clusters 1 and 2
//     tie (no data set), packed: the lower, 1.
//   J1 (checkpoints): cluster 0 refused, cluster 1 full: the ground, {2:4}.
//   J2 (no checkpoints): cluster 0.
TEST(ContactAware, KeepsCheckpointingJobsOffClustersWithoutAContactWithinTheHour) {
  HandForecasts forecasts;
  forecasts.contacts = {{0, {{5000, 5600, 2, 1e9}}}, {1, {{3000, 3600, 2, 1e9}}}};
  ClusterState state = snapshot({{4}, {4}, {4}}, {0, 1}, 0, &forecasts);
  state.queue = {queued(0, 4, 3600), queued(1, 4, 3600), queued(2, 4, 3600)};
  state.queue[0].progress.checkpoint_bytes = state.queue[1].progress.checkpoint_bytes = 1e11;
  EXPECT_EQ(starts(decide("contact-aware", state)),
            (Starts{{0, {{{1, 4}}}}, {1, {{{2, 4}}}}, {2, {{{0, 4}}}}}));
}

// Orbital cluster 0 = nodes 0-2, ground site 1 = node 3; 4 GPUs each. R0 runs on node 0, R1
// on node 1, R2 on node 2, all since 0 and checkpointing; R3 on the ground. Contacts: node 0
// from 630 to 1200, node 1 from 500 to 560, node 2 from 650 to 900; R2 last checkpointed at
// 300. Rounds at 600, 660, 720:
//   600: no contact began in (540, 600] and is on.
//   660: node 0's began at 630: R0 checkpoints. Node 2's began at 650, but R2's checkpoint
//        is 360 s old, under 600 s.
//   720: node 0's contact is still on but began before 660: nothing.
TEST(ContactAware, CheckpointsAnOrbitalJobAsAGroundContactOfItsNodeBegins) {
  HandForecasts forecasts;
  forecasts.contacts = {
      {0, {{630, 1200, 1, 1e9}}}, {1, {{500, 560, 1, 1e9}}}, {2, {{650, 900, 1, 1e9}}}};
  const auto policy = SchedulerRegistry::with_builtins().find("contact-aware").create({});
  std::vector<std::vector<JobId>> asked;
  for (const double now : {600.0, 660.0, 720.0}) {
    ClusterState state = snapshot({{4, 4, 4}, {4}}, {0}, now, &forecasts);
    for (NodeId node = 0; node < 4; ++node) {
      run_on_node(state, node, node, 4, 10000);
      state.running.back().progress.checkpoint_bytes = 1e11;
    }
    state.running[2].progress.checkpoint_time = 300;
    std::vector<JobId> jobs;
    for (const auto& checkpoint : policy->schedule(state, {}).checkpoints) {
      jobs.push_back(checkpoint.job);
    }
    asked.push_back(jobs);
  }
  EXPECT_EQ(asked, (std::vector<std::vector<JobId>>{{}, {0}, {}}));
}

TEST(ContactAware, DecidesAsFcfsFitWithoutSatellites) {
  const auto registry = SchedulerRegistry::with_builtins();
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto jobs = testing::random_jobs(seed, 60, 8, 3);
    for (const testing::ToyPlatform& platform :
         {testing::ToyPlatform{{2, 2, 2, 2}}, testing::ToyPlatform{{2, 2, 2, 2}, {4, 4}}}) {
      const auto fcfs_fit = registry.find("fcfs-fit").create({});
      const auto contact_aware = registry.find("contact-aware").create({});
      const auto expected = testing::run_toy(*fcfs_fit, platform, jobs);
      const auto run = testing::run_toy(*contact_aware, platform, jobs);
      EXPECT_EQ(run.start, expected.start) << "seed " << seed;
      EXPECT_EQ(run.placement, expected.placement) << "seed " << seed;
    }
  }
}

}  // namespace
}  // namespace umbra::sched
