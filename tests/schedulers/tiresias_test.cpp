// tiresias' queues on hand-made snapshots: one 4-GPU node at t = 1000, a running job of 4 GPUs
// (started now, so its service is what it had before) and a queued one of 4 GPUs. Whoever ranks
// first holds the node.
#include <gtest/gtest.h>

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
  EXPECT_TRUE(
      queued_job_preempts(tiresias_killing({{"queues", "100"}}), {0, 0, 150}, {1, 5, 99}));
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
            "options: queues, starve_factor, round, preemption");
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

}  // namespace
}  // namespace umbra::sched
