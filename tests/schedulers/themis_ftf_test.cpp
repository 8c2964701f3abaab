// themis-ftf's leases and finish-time fairness on hand-made snapshots of one 4-GPU node: R
// runs on all of it from 0, with an estimate of 1000 s unless said; queued jobs want 4 GPUs.
#include <gtest/gtest.h>

#include "schedulers/registry.hpp"
#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched {
namespace {

constexpr JobId kR = 0;

ClusterState node_held_by_r(double now, double r_estimate) {
  ClusterState state = testing::toy_cluster({{4}});
  state.now = now;
  state.nodes[0].free_gpus = 0;
  RunningJob r;
  r.id = kR;
  r.gpus = 4;
  r.estimate = r_estimate;
  r.estimated_end = r_estimate;
  r.placement = {{{0, 4}}};
  state.running = {r};
  return state;
}

QueuedJob waiting(JobId id, double submit_time, double estimate) {
  QueuedJob job;
  job.id = id;
  job.submit_time = submit_time;
  job.gpus = 4;
  job.estimate = job.remaining_estimate = estimate;
  return job;
}

std::unique_ptr<Scheduler> themis() {
  return SchedulerRegistry::with_builtins().find("themis-ftf").create({});
}

TEST(ThemisFtf, RunningJobsKeepTheirGpusUntilTheLeaseEnds) {
  // Q (10 s, submitted at 0) waits beside R: the lease ends at 300. At 100 Q's rho is
  // (100 + 10)/10 = 11 against R's 1, yet R keeps the node; at 300 Q preempts R, and R now
  // waits beside Q, so a new lease ends at 600.
  const auto policy = themis();
  ClusterState state = node_held_by_r(0, 1000);
  state.queue = {waiting(1, 0, 10)};
  const Decisions at_0 = policy->schedule(state, {});
  EXPECT_TRUE(at_0.starts.empty());
  ASSERT_TRUE(at_0.wake_up_at.has_value());
  EXPECT_EQ(*at_0.wake_up_at, 300);

  state.now = 100;
  const Decisions at_100 = policy->schedule(state, {});
  EXPECT_TRUE(at_100.preemptions.empty());
  EXPECT_TRUE(at_100.starts.empty());
  EXPECT_FALSE(at_100.wake_up_at.has_value()) << "the lease ending at 300 stands";

  state.now = 300;
  const Decisions at_300 = policy->schedule(state, {});
  ASSERT_EQ(at_300.preemptions.size(), 1u);
  EXPECT_EQ(at_300.preemptions[0].job, kR);
  ASSERT_EQ(at_300.starts.size(), 1u);
  EXPECT_EQ(at_300.starts[0].job, 1u);
  ASSERT_TRUE(at_300.wake_up_at.has_value());
  EXPECT_EQ(*at_300.wake_up_at, 600);
}

TEST(ThemisFtf, AnOverdueJobHasNoTimeLeftRatherThanANegativeOne) {
  // R's estimate is 100 s; at 300 it is overdue: T_shared = 300 + 0, rho = 3. Q (1000 s,
  // submitted at 0) has rho = (300 + 1000)/1000 = 1.3, so R keeps the node. (Counting R's time
  // left as 100 - 300 would give rho = 1 and hand the node to Q.)
  const auto policy = themis();
  ClusterState state = node_held_by_r(0, 100);
  state.queue = {waiting(1, 0, 1000)};
  policy->schedule(state, {});  // starts the lease ending at 300
  state.now = 300;
  const Decisions at_300 = policy->schedule(state, {});
  EXPECT_TRUE(at_300.preemptions.empty());
  EXPECT_TRUE(at_300.starts.empty());
}

}  // namespace
}  // namespace umbra::sched
