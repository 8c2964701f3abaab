// tiresias' queues on hand-made snapshots: one 4-GPU node at t = 1000, a running job of 4 GPUs
// (started now, so its service is what it had before) and a queued one of 4 GPUs. Whoever ranks
// first holds the node.
#include <gtest/gtest.h>

#include <map>

#include "schedulers/builtin_policies.hpp"
#include "sim/core/error.hpp"
#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched {
namespace {

constexpr double kNow = 1000;

struct Contender {
  JobId id = 0;
  double submit_time = 0;
  double attained_gpu_seconds = 0;
};

ClusterState one_node_held_by(const Contender& running, const Contender& queued) {
  ClusterState state = testing::toy_cluster({{4}});
  state.now = kNow;
  state.nodes[0].free_gpus = 0;
  RunningJob run;
  run.id = running.id;
  run.submit_time = running.submit_time;
  run.start_time = kNow;
  run.gpus = 4;
  run.attained_before = running.attained_gpu_seconds;
  run.placement = {{{0, 4}}};
  state.running = {run};
  QueuedJob wait;
  wait.id = queued.id;
  wait.submit_time = queued.submit_time;
  wait.gpus = 4;
  wait.attained_gpu_seconds = queued.attained_gpu_seconds;
  state.queue = {wait};
  return state;
}

// Tiresias with `options` given and preemptions that kill, so that a queued job that takes the
// node starts in the same call.
std::unique_ptr<Scheduler> tiresias_killing(
    std::vector<std::pair<std::string, std::string>> options = {}) {
  const SchedulerInfo info = tiresias_scheduler();
  options.emplace_back("preemption", "kill");
  return info.create({0, check_policy_options(info.name, info.options, options)});
}

// True if the queued job takes the node from the running one.
bool queued_job_preempts(const std::unique_ptr<Scheduler>& policy, const Contender& running,
                         const Contender& queued) {
  const Decisions decisions = policy->schedule(one_node_held_by(running, queued), {});
  const bool preempts = decisions.preemptions.size() == 1 &&
                        decisions.preemptions[0].job == running.id &&
                        decisions.starts.size() == 1 && decisions.starts[0].job == queued.id;
  const bool keeps = decisions.preemptions.empty() && decisions.starts.empty();
  EXPECT_TRUE(preempts || keeps) << "a decision that is neither";
  return preempts;
}

TEST(Tiresias, AJobLeavesAQueueWhenItsServiceReachesTheThreshold) {
  // Default thresholds 3250 and 7200 GPU-s: 3250 is already queue 1, 3249 still queue 0.
  EXPECT_TRUE(queued_job_preempts(tiresias_killing(), {0, 0, 3250}, {1, 5, 3249}));
  EXPECT_FALSE(queued_job_preempts(tiresias_killing(), {0, 0, 3249}, {1, 5, 3248}));
}

TEST(Tiresias, TheThirdQueueWaitsForTheSecond) {
  EXPECT_TRUE(queued_job_preempts(tiresias_killing(), {0, 0, 7200}, {1, 5, 7199}));
}

TEST(Tiresias, WithinAQueueTheEarlierSubmitGoesFirstWhateverItsService) {
  // Both in queue 1: the job submitted at 0 takes the node from the one submitted at 5 although
  // it has received more service (las would keep the running one), and the other way round
  // the running job keeps it.
  EXPECT_TRUE(queued_job_preempts(tiresias_killing(), {1, 5, 3300}, {0, 0, 7000}));
  EXPECT_FALSE(queued_job_preempts(tiresias_killing(), {0, 0, 7000}, {1, 5, 3300}));
}

TEST(Tiresias, ThresholdsAreConfigurable) {
  // 150 and 99 GPU-s share queue 0 by default; a threshold of 100 puts them apart.
  EXPECT_FALSE(queued_job_preempts(tiresias_killing(), {0, 0, 150}, {1, 5, 99}));
  EXPECT_TRUE(queued_job_preempts(tiresias_killing({{"queues", "100"}}), {0, 0, 150}, {1, 5, 99}));
}

TEST(Tiresias, ByDefaultAPreemptedJobSavesAndTheWinnerStartsOnceItHasLeft) {
  const auto policy = tiresias_scheduler().create({});
  const Decisions decisions = policy->schedule(one_node_held_by({0, 0, 3250}, {1, 5, 3249}), {});
  ASSERT_EQ(decisions.preemptions.size(), 1u);
  EXPECT_EQ(decisions.preemptions[0].mode, PreemptMode::kSave);
  EXPECT_TRUE(decisions.starts.empty());
}

TEST(Tiresias, OptionsAreCheckedAgainstItsDeclarations) {
  const SchedulerInfo info = tiresias_scheduler();
  const auto message = [&](std::vector<std::pair<std::string, std::string>> given) {
    try {
      check_policy_options(info.name, info.options, given);
    } catch (const InputError& error) {
      return error.message();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message({{"queues", "3250,7200"}, {"round", "5 min"}}), "accepted");
  EXPECT_EQ(message({{"queue", "100"}}),
            "policy \"tiresias\" has no option \"queue\" (did you mean \"queues\"?); its "
            "options: queues, starve_factor, round, preemption, queue_order, placement, decide");
  EXPECT_EQ(message({{"queues", "7200,3250"}}),
            "option \"queues\" of policy \"tiresias\": got \"7200,3250\", expected numbers "
            "separated by commas, ascending (\"3250,7200\") (expected numbers in ascending order)");
  EXPECT_EQ(message({{"preemption", "pause"}}),
            "option \"preemption\" of policy \"tiresias\": got \"pause\", expected one of save, "
            "kill");
  EXPECT_EQ(message({{"round", "300"}, {"round", "60"}}),
            "option \"round\" of policy \"tiresias\" is given twice");
}

TEST(Tiresias, TheRoundIsAnOption) {
  const SchedulerInfo info = tiresias_scheduler();
  const auto policy =
      info.create({0, check_policy_options(info.name, info.options, {{"round", "1 min"}})});
  const Decisions decisions = policy->schedule(one_node_held_by({0, 0, 0}, {1, 5, 0}), {});
  ASSERT_TRUE(decisions.wake_up_at.has_value());
  EXPECT_EQ(*decisions.wake_up_at, kNow + 60);
}

TEST(Tiresias, AsksForARoundWhileAJobWaitsBesideARunningOne) {
  const auto policy = tiresias_scheduler().create({});
  const Decisions decisions = policy->schedule(one_node_held_by({0, 0, 0}, {1, 5, 0}), {});
  ASSERT_TRUE(decisions.wake_up_at.has_value());
  EXPECT_EQ(*decisions.wake_up_at, kNow + 300);
}

// The Pollux artifact's variant (schedulers/tiresias.cpp), worked by hand on snapshots of its
// 4-GPU nodes. Its threshold is 16 GPU-hours = 57,600 GPU-seconds. `changed` replaces some of
// its options.
std::unique_ptr<Scheduler> pollux_artifact_tiresias(
    const std::map<std::string, std::string>& changed = {}) {
  std::map<std::string, std::string> chosen{{"queues", "57600"},
                                            {"round", "60"},
                                            {"queue_order", "entry"},
                                            {"placement", "most-free"},
                                            {"decide", "rounds"}};
  for (const auto& [name, value] : changed) chosen[name] = value;
  const SchedulerInfo info = tiresias_scheduler();
  return info.create(
      {0, check_policy_options(info.name, info.options, {chosen.begin(), chosen.end()})});
}

RunningJob running_job(JobId id, double submit, NodeId node, int gpus, double attained) {
  RunningJob job;
  job.id = id;
  job.submit_time = submit;
  job.gpus = gpus;
  job.attained_before = attained;
  job.placement = {{{node, gpus}}};
  return job;
}

QueuedJob queued_job(JobId id, double submit, int gpus) {
  QueuedJob job;
  job.id = id;
  job.submit_time = submit;
  job.gpus = gpus;
  return job;
}

// Four 4-GPU nodes at t = 600: job 0 holds 3 GPUs of node 0 and job 1 2 GPUs of node 1, both in
// queue 0; jobs 2 (2 GPUs) and 3 (6 GPUs) wait. 11 GPUs are free, so both start.
// most-free: job 2 goes to node 2 (4 free, the first of the two emptiest), leaving 1, 2, 2, 4
// free; job 3 takes node 3's 4, then 2 more from the most free, nodes 1 and 2 with 2 each: the
// first, node 1. (packed: job 2 takes the best fit, node 1's 2; job 3 node 2 whole, then the
// best fit for 2, node 3.)
TEST(TiresiasPolluxArtifact, PlacesOnTheNodesWithTheMostFreeGpus) {
  const auto snapshot = [] {
    ClusterState state = testing::toy_cluster({{4, 4, 4, 4}});
    state.now = 600;
    state.nodes[0].free_gpus = 1;
    state.nodes[1].free_gpus = 2;
    state.running = {running_job(0, 0, 0, 3, 0), running_job(1, 1, 1, 2, 0)};
    for (RunningJob& job : state.running) job.start_time = 600;
    state.queue = {queued_job(2, 2, 2), queued_job(3, 3, 6)};
    return state;
  };
  const Decisions most_free = pollux_artifact_tiresias()->schedule(snapshot(), {});
  ASSERT_EQ(most_free.starts.size(), 2u);
  EXPECT_EQ(most_free.starts[0].placement, (Placement{{{2, 2}}}));
  EXPECT_EQ(most_free.starts[1].placement, (Placement{{{1, 2}, {3, 4}}}));
  const Decisions packed =
      pollux_artifact_tiresias({{"placement", "packed"}})->schedule(snapshot(), {});
  ASSERT_EQ(packed.starts.size(), 2u);
  EXPECT_EQ(packed.starts[0].placement, (Placement{{{1, 2}}}));
  EXPECT_EQ(packed.starts[1].placement, (Placement{{{2, 4}, {3, 2}}}));
}

// Two 4-GPU nodes held since t = 600 by job 0 (submitted at 0, 50,000 GPU-s before this run) and
// job 1 (submitted at 100, 57,600: in queue 1 when first seen, at 600). At 1200 job 0 has
// 50,000 + 600 s x 4 = 52,400 GPU-s, still queue 0; at 3000, 50,000 + 2400 x 4 = 59,600: it
// enters queue 1 then, after job 1. Job 2 (4 GPUs, submitted at 2900, queue 0) ranks first and
// takes one node; of the two queue-1 jobs the one that entered first, job 1, keeps the other, and
// job 0 is preempted although it was submitted first (queue_order=submit keeps job 0 instead).
TEST(TiresiasPolluxArtifact, AQueueGoesByTheTimeJobsEnteredIt) {
  for (const std::string order : {"entry", "submit"}) {
    const auto policy = pollux_artifact_tiresias({{"queue_order", order}});
    ClusterState state = testing::toy_cluster({{4, 4}});
    state.nodes[0].free_gpus = state.nodes[1].free_gpus = 0;
    state.running = {running_job(0, 0, 0, 4, 50000), running_job(1, 100, 1, 4, 57600)};
    for (RunningJob& job : state.running) job.start_time = 600;
    for (const double now : {600.0, 1200.0}) {
      state.now = now;
      const Decisions calm = policy->schedule(state, {});
      EXPECT_TRUE(calm.preemptions.empty() && calm.starts.empty()) << order << " at " << now;
    }
    state.now = 3000;
    state.queue = {queued_job(2, 2900, 4)};
    const Decisions decisions = policy->schedule(state, {});
    ASSERT_EQ(decisions.preemptions.size(), 1u) << order;
    EXPECT_EQ(decisions.preemptions[0].job, order == "entry" ? 0u : 1u) << order;
    EXPECT_EQ(decisions.preemptions[0].mode, PreemptMode::kSave) << order;
  }
}

// decide=rounds: a job submitted at 630 onto a free node waits for the round at 660, as the
// artifact's simulator only decides at its 60 s steps; then it starts, and the policy asks for
// the next round while jobs remain.
TEST(TiresiasPolluxArtifact, DecidesOnlyAtMultiplesOfTheRound) {
  const auto policy = pollux_artifact_tiresias();
  ClusterState state = testing::toy_cluster({{4}});
  state.queue = {queued_job(0, 630, 4)};
  state.now = 630;
  const Decisions between = policy->schedule(state, {});
  EXPECT_TRUE(between.starts.empty());
  ASSERT_TRUE(between.wake_up_at.has_value());
  EXPECT_EQ(*between.wake_up_at, 660);
  state.now = 660;
  const Decisions at_round = policy->schedule(state, {});
  ASSERT_EQ(at_round.starts.size(), 1u);
  ASSERT_TRUE(at_round.wake_up_at.has_value());
  EXPECT_EQ(*at_round.wake_up_at, 720);
}

// decide=rounds: the GPUs of a job preempted at a round are free once it has saved, just after
// the round (here 0.3 s); the artifact hands them out within the same step, so the waiting job
// starts then rather than at the next round.
TEST(TiresiasPolluxArtifact, GivesTheGpusOfARoundsPreemptionsOnceTheyAreSaved) {
  const auto policy = pollux_artifact_tiresias();
  ClusterState state = testing::toy_cluster({{4}});
  state.queue = {queued_job(0, 600, 4)};
  state.now = 660.3;
  const Decisions saved =
      policy->schedule(state, std::vector<Event>{{EventKind::kJobPreempted, 1}});
  ASSERT_EQ(saved.starts.size(), 1u);
  EXPECT_EQ(saved.starts[0].job, 0u);
}

}  // namespace
}  // namespace umbra::sched
