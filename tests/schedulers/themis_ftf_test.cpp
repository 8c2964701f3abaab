// themis-ftf's leases and finish-time fairness on hand-made snapshots of one 4-GPU node: R
// runs on all of it from 0, with an estimate of 1000 s unless said; queued jobs want 4 GPUs.
#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "schedulers/registry.hpp"
#include "tests/schedulers/hand_snapshots.hpp"
#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched {
namespace {

constexpr JobId kR = 0;

ClusterState node_held_by_r(double now, double r_estimate) {
  ClusterState state = testing::snapshot({{4}}, {}, now, nullptr);
  testing::run_on_node(state, kR, 0, 4, r_estimate);
  state.running.back().estimate = r_estimate;
  return state;
}

QueuedJob waiting(JobId id, double submit_time, double estimate) {
  QueuedJob job = testing::queued(id, 4, estimate);
  job.submit_time = submit_time;
  return job;
}

// themis-ftf with `preemption` as given: the lease-end checkpoints below are those of "kill".
std::unique_ptr<Scheduler> themis(const std::string& preemption = "kill") {
  const SchedulerRegistry registry = SchedulerRegistry::with_builtins();
  const SchedulerInfo& info = registry.find("themis-ftf");
  return info.create(
      {0, check_policy_options(info.name, info.options, {{"preemption", preemption}})});
}

// The jobs some decisions preempt, start and checkpoint, in their order.
using Verdict = std::tuple<std::vector<JobId>, std::vector<JobId>, std::vector<JobId>>;

Verdict verdict(const Decisions& decisions) {
  Verdict result;
  for (const auto& preemption : decisions.preemptions)
    std::get<0>(result).push_back(preemption.job);
  for (const auto& start : decisions.starts) std::get<1>(result).push_back(start.job);
  for (const auto& checkpoint : decisions.checkpoints)
    std::get<2>(result).push_back(checkpoint.job);
  return result;
}

TEST(ThemisFtf, RunningJobsKeepTheirGpusUntilTheLeaseEnds) {
  // Q (10 s, submitted at 0) waits beside R: the lease ends at 300. At 100 Q's rho is
  // (100 + 10)/10 = 11 against R's 1, yet R keeps the node; at 300 Q preempts R (R's work
  // since its start, 300 s, is one lease: it may be lost), and R now waits beside Q, so the
  // next lease ends at 600.
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
  EXPECT_EQ(at_100.wake_up_at, 300) << "the lease ending at 300 stands";

  state.now = 300;
  const Decisions at_300 = policy->schedule(state, {});
  EXPECT_EQ(verdict(at_300), (Verdict{{kR}, {1}, {}}));
  EXPECT_EQ(at_300.wake_up_at, 600);
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

TEST(ThemisFtf, AJobWithMoreThanALeaseOfWorkUnsavedCheckpointsAndKeepsItsGpusOneMoreLease) {
  // R (estimate 10000 s) last checkpointed at 3000. At the lease end at 3600 Q (1000 s,
  // submitted at 0) has rho = (3600 + 1000)/1000 = 4.6 against R's 1: R loses, but it has
  // 600 s of work unsaved, more than a lease: it checkpoints and keeps the node, Q waits. At
  // 3900 its checkpoint (written at 3610) is 290 s old: R is preempted for Q.
  const auto policy = themis();
  ClusterState state = node_held_by_r(3600, 10000);
  state.running[0].progress.checkpoint_time = 3000;
  state.queue = {waiting(1, 0, 1000)};
  const Decisions at_3600 = policy->schedule(state, {});
  EXPECT_EQ(verdict(at_3600), (Verdict{{}, {}, {kR}}));
  EXPECT_EQ(at_3600.wake_up_at, 3900);

  state.now = 3900;
  state.running[0].progress.checkpoint_time = 3610;
  EXPECT_EQ(verdict(policy->schedule(state, {})), (Verdict{{kR}, {1}, {}}));
}

// One site of two 4-GPU nodes at the lease end at 3600. A (estimate 4000) runs on node 0
// since 0, last checkpointed at 3500; B (estimate 8000) on node 1 since 0, at 3000: rho = 1
// for both. Q1 (submitted at 0, 100 s) and Q2 (at 1, 100 s) wait: rho 37 and 36.99. The
// plain ranking gives both nodes to Q1 and Q2 and preempts A and B.
ClusterState two_losers_at_a_lease_end() {
  ClusterState state = testing::toy_cluster({{4, 4}});
  state.now = 3600;
  testing::run_on_node(state, 10, 0, 4, 4000);
  testing::run_on_node(state, 11, 1, 4, 8000);
  for (auto& job : state.running) job.estimate = job.estimated_end;
  state.running[0].progress.checkpoint_time = 3500;
  state.running[1].progress.checkpoint_time = 3000;
  state.queue = {waiting(1, 0, 100), waiting(2, 1, 100)};
  return state;
}

TEST(ThemisFtf, SavingLosersLeaveAtTheLeaseEndWithTheirWorkAndTheWinnersStartOnceTheyHave) {
  // Under the default `preemption: save` both A and B are preempted to save, whatever they have
  // unsaved; nobody starts until their checkpoints are written and their nodes free.
  const Decisions decisions = themis("save")->schedule(two_losers_at_a_lease_end(), {});
  EXPECT_EQ(verdict(decisions), (Verdict{{10, 11}, {}, {}}));
  for (const auto& preemption : decisions.preemptions) {
    EXPECT_EQ(preemption.mode, PreemptMode::kSave);
  }
}

TEST(ThemisFtf, ASavedLoserYieldsWhileAnUnsavedOneCheckpointsAndNoOtherJobIsPreempted) {
  // Under `kill`: B has 600 s unsaved, so it checkpoints and keeps node 1; A, 100 s unsaved,
  // yields node 0 to Q1; Q2 waits.
  const Decisions decisions = themis()->schedule(two_losers_at_a_lease_end(), {});
  EXPECT_EQ(verdict(decisions), (Verdict{{10}, {1}, {11}}));
  EXPECT_EQ(decisions.starts[0].placement, (Placement{{{0, 4}}}));
}

}  // namespace
}  // namespace umbra::sched
