#include "schedulers/priority_preemption.hpp"

#include <gtest/gtest.h>

#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched {
namespace {

// Keys: the job id itself, so lower ids rank first.
const RankingKeys kById{[](const RunningJob& job) { return static_cast<double>(job.id); },
                        [](const QueuedJob& job) { return static_cast<double>(job.id); }};

RunningJob running_on(JobId id, NodeId node, int gpus) {
  RunningJob job;
  job.id = id;
  job.gpus = gpus;
  job.site = 0;
  job.placement = {{{node, gpus}}};
  return job;
}

QueuedJob queued(JobId id, int gpus) {
  QueuedJob job;
  job.id = id;
  job.gpus = gpus;
  return job;
}

TEST(PriorityPreemption, FreeGpusElsewhereMeanNoPreemption) {
  // Two 4-GPU nodes; job 5 holds node 0; job 1 (better ranked) arrives for 4 GPUs: node 1 is
  // free, so it starts there and job 5 keeps running.
  ClusterState state = testing::toy_cluster({{4, 4}});
  state.nodes[0].free_gpus = 0;
  state.running = {running_on(5, 0, 4)};
  state.queue = {queued(1, 4)};
  const Decisions decisions = schedule_by_rank(state, kById, PreemptMode::kKill);
  EXPECT_TRUE(decisions.preemptions.empty());
  ASSERT_EQ(decisions.starts.size(), 1u);
  EXPECT_EQ(decisions.starts[0].placement, (Placement{{{1, 4}}}));
}

// Both 4-GPU nodes busy with jobs 5 and 7; job 1 waits for 4 GPUs.
ClusterState both_nodes_busy() {
  ClusterState state = testing::toy_cluster({{4, 4}});
  state.nodes[0].free_gpus = 0;
  state.nodes[1].free_gpus = 0;
  state.running = {running_on(5, 0, 4), running_on(7, 1, 4)};
  state.queue = {queued(1, 4)};
  return state;
}

TEST(PriorityPreemption, TheWorstRankedRunningJobMakesRoom) {
  // Job 7, ranked last, is preempted and job 1 takes its node; job 5 keeps running.
  const ClusterState state = both_nodes_busy();
  const Decisions decisions = schedule_by_rank(state, kById, PreemptMode::kKill);
  ASSERT_EQ(decisions.preemptions.size(), 1u);
  EXPECT_EQ(decisions.preemptions[0].job, 7u);
  ASSERT_EQ(decisions.starts.size(), 1u);
  EXPECT_EQ(decisions.starts[0].job, 1u);
  EXPECT_EQ(decisions.starts[0].placement, (Placement{{{1, 4}}}));
}

TEST(PriorityPreemption, AJobPreemptedToSaveKeepsItsGpusUntilItHasLeft) {
  // As above, saving: job 7 is preempted in save mode and keeps node 1 while it writes its
  // checkpoint, so job 1 does not start yet.
  ClusterState state = both_nodes_busy();
  const Decisions saving = schedule_by_rank(state, kById, PreemptMode::kSave);
  ASSERT_EQ(saving.preemptions.size(), 1u);
  EXPECT_EQ(saving.preemptions[0].job, 7u);
  EXPECT_EQ(saving.preemptions[0].mode, PreemptMode::kSave);
  EXPECT_TRUE(saving.starts.empty());
  // While job 7 saves (leaving), it is neither preempted again nor counted for job 1's budget:
  // job 3, ranked before job 5, cannot take node 0 from it either, as job 1 comes first.
  state.running[1].leaving = true;
  state.queue = {queued(1, 4), queued(3, 4)};
  const Decisions meanwhile = schedule_by_rank(state, kById, PreemptMode::kSave);
  ASSERT_EQ(meanwhile.preemptions.size(), 1u);
  EXPECT_EQ(meanwhile.preemptions[0].job, 5u);  // job 1 takes node 0's budget from job 5
  EXPECT_TRUE(meanwhile.starts.empty());
}

TEST(PriorityPreemption, AJobThatCannotFitNeverPreemptsAnything) {
  // Job 1 wants 12 GPUs of a site of 8: it is never chosen, so nobody is preempted for it.
  ClusterState state = testing::toy_cluster({{4, 4}});
  state.nodes[0].free_gpus = 0;
  state.running = {running_on(5, 0, 4)};
  state.queue = {queued(1, 12), queued(6, 2)};
  const Decisions decisions = schedule_by_rank(state, kById, PreemptMode::kKill);
  EXPECT_TRUE(decisions.preemptions.empty());
  ASSERT_EQ(decisions.starts.size(), 1u);
  EXPECT_EQ(decisions.starts[0].job, 6u);
}

TEST(PriorityPreemption, RoundsOnlyWhileAJobWaitsBesideARunningOne) {
  // Job 1 wants 12 GPUs of a site of 8. Beside running job 5 a round is due 300 s on; alone on
  // an idle cluster nothing can change, so none is.
  ClusterState state = testing::toy_cluster({{4, 4}});
  state.now = 50;
  state.nodes[0].free_gpus = 0;
  state.running = {running_on(5, 0, 4)};
  state.queue = {queued(1, 12)};
  EXPECT_EQ(next_ranking_round(state, schedule_by_rank(state, kById, PreemptMode::kKill), 300), 350);
  state.nodes[0].free_gpus = 4;
  state.running.clear();
  EXPECT_EQ(next_ranking_round(state, schedule_by_rank(state, kById, PreemptMode::kKill), 300), std::nullopt);
}

}  // namespace
}  // namespace umbra::sched
