// The decisions a policy may take on a running job (CheckpointJob, MigrateJob) and the restart
// overhead, driven by the real engine on one site of two 4-GPU nodes. A single job of 4 GPUs
// computes for 1000 s at mfu 1 and has a 10 GB checkpoint, written or read in 10 s at the
// site storage's 1 GB/s; its periodic checkpoint interval is longer than the job, so every
// checkpoint is one a policy asked for. Times worked by hand in each test.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <stdexcept>

#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

using sched::ClusterState;
using sched::Decisions;
using sched::Event;
using sched::EventKind;

// Starts the queued job on node 0 when it comes, then at each time of `script` takes that
// step's decisions (the policy asks to be woken at each).
class Scripted final : public sched::Scheduler {
 public:
  using Step = std::function<void(const ClusterState&, Decisions&)>;
  explicit Scripted(std::map<double, Step> script) : script_(std::move(script)) {}

  Decisions schedule(const ClusterState& state, std::span<const Event> events) override {
    Decisions decisions;
    for (const Event& event : events) {
      if (event.kind == EventKind::kJobMigrated) migrated_at.push_back(state.now);
    }
    for (const auto& job : state.queue) {
      if (job.preemptions == 0 && state.nodes[0].free_gpus == 4) {
        decisions.starts.push_back({job.id, {{{0, 4}}}});
      }
    }
    const auto step = script_.find(state.now);
    if (step != script_.end()) step->second(state, decisions);
    const auto next = script_.upper_bound(state.now);
    if (next != script_.end()) decisions.wake_up_at = next->first;
    return decisions;
  }

  std::vector<double> migrated_at;

 private:
  std::map<double, Scripted::Step> script_;
};

const std::string kJob =
    "defaults: {mfu: 1}\n"
    "jobs:\n"
    "  - {id: J, submit: 0 s, gpus: 4, work: 4e18 FLOP,\n"
    "     checkpoint: {size: 10 GB, interval: 1e6 s}EXTRA}\n";

output::RunResult run_script(Scripted& policy, const std::string& extra = "") {
  std::string jobs = kJob;
  jobs.replace(jobs.find("EXTRA"), 5, extra);
  return testing::run(testing::scenario(testing::one_site_platform(2, 4), jobs), policy);
}

Scripted::Step checkpoint() {
  return [](const ClusterState&, Decisions& d) { d.checkpoints.push_back({0}); };
}
Scripted::Step migrate_to_node_1() {
  return [](const ClusterState&, Decisions& d) { d.migrations.push_back({0, {{{1, 4}}}}); };
}

TEST(PolicyDecisions, ACheckpointNowIsWrittenAndAPreemptionAfterItLosesOnlyWhatFollowed) {
  // Compute 0-300, checkpoint 300-310 (30 % saved), compute from 310, preempted at 600 and
  // started again at once: 290 s x 4 GPUs lost, restore 600-610, the last 700 s to 1310.
  sched::JobProgress seen;
  Scripted policy({{300, checkpoint()}, {600, [&](const ClusterState& state, Decisions& d) {
                                           seen = state.running.at(0).progress;
                                           d.preemptions.push_back({0});
                                           d.starts.push_back({0, {{{0, 4}}}});
                                         }}});
  const auto result = run_script(policy);
  const auto& job = result.jobs.at(0);
  EXPECT_NEAR(*job.end, 1310, 1e-6);
  EXPECT_NEAR(job.lost_gpu_seconds, 290 * 4, 1e-6);
  EXPECT_EQ(job.checkpoints_written, 1);
  EXPECT_NEAR(seen.done, 0.3, 1e-9);
  EXPECT_NEAR(seen.checkpointed, 0.3, 1e-9);
  EXPECT_NEAR(seen.checkpoint_time, 310, 1e-6);
  EXPECT_EQ(seen.checkpoint_site, sched::SiteId{0});
}

TEST(PolicyDecisions, ACheckpointAskedAsASegmentEndsIsTheSegmentsOwn) {
  // Periodic checkpoints every 300 s of progress: compute 0-300, and the policy asks for one
  // at 300, the instant the computation ends (before SimGrid has told its runner). The
  // segment's own checkpoint serves: 300-310, then 310-610, ..., 3 writes in all, end 1030.
  Scripted policy({{300, checkpoint()}});
  const auto result = testing::run(
      testing::scenario(testing::one_site_platform(2, 4),
                        "defaults: {mfu: 1}\n"
                        "jobs:\n"
                        "  - {id: J, submit: 0 s, gpus: 4, work: 4e18 FLOP,\n"
                        "     checkpoint: {size: 10 GB, interval: 300 s}}\n"),
      policy);
  const auto& job = result.jobs.at(0);
  EXPECT_EQ(job.checkpoints_written, 3);
  EXPECT_NEAR(*job.end, 1030, 1e-6);
}

TEST(PolicyDecisions, ARestartOverheadDelaysEveryStartButTheFirst) {
  // As above, with a 30 s restart overhead: the first start pays nothing, the restart at 600
  // pays 30 s before its restore, so the job ends 30 s later, at 1340.
  Scripted policy({{300, checkpoint()}, {600, [](const ClusterState&, Decisions& d) {
                                           d.preemptions.push_back({0});
                                           d.starts.push_back({0, {{{0, 4}}}});
                                         }}});
  const auto result = run_script(policy, ", restart_overhead: 30 s");
  EXPECT_NEAR(*result.jobs.at(0).end, 1340, 1e-6);
}

TEST(PolicyDecisions, AMigratedJobCheckpointsThenResumesOnItsNewGpus) {
  // Moved at 300: checkpoint on node 0 300-310, node 1 reads it 310-320, computes 700 s to
  // 1020. Node 1's GPUs are held from 300, node 0's are free from 310.
  std::vector<int> free_at_305;
  Scripted policy({{300, migrate_to_node_1()}, {305, [&](const ClusterState& state, Decisions&) {
                                                  for (const auto& node : state.nodes)
                                                    free_at_305.push_back(node.free_gpus);
                                                }}});
  const auto result = run_script(policy);
  const auto& job = result.jobs.at(0);
  EXPECT_NEAR(*job.end, 1020, 1e-6);
  EXPECT_EQ(job.migrations, 1);
  EXPECT_EQ(job.checkpoints_written, 1);
  EXPECT_NEAR(job.lost_gpu_seconds, 0, 1e-9);
  EXPECT_EQ(job.nodes, std::vector<std::string>{"lab-n1"});
  ASSERT_EQ(policy.migrated_at.size(), 1u);
  EXPECT_NEAR(policy.migrated_at[0], 310, 1e-6);
  EXPECT_EQ(free_at_305, (std::vector<int>{0, 0}));
}

TEST(PolicyDecisions, AMigrationPaysTheRestartOverheadToo) {
  // Moved at 300 as above: the new GPUs pay 30 s before reading the checkpoint, end at 1050.
  Scripted policy({{300, migrate_to_node_1()}});
  const auto result = run_script(policy, ", restart_overhead: 30 s");
  EXPECT_NEAR(*result.jobs.at(0).end, 1050, 1e-6);
}

TEST(PolicyDecisions, AMigrationAskedDuringACheckpointWaitsForItAndWritesNoOther) {
  // Checkpoint 300-310; the move asked at 305 happens at its end: read 310-320, end 1020.
  Scripted policy({{300, checkpoint()}, {305, migrate_to_node_1()}});
  const auto result = run_script(policy);
  const auto& job = result.jobs.at(0);
  EXPECT_NEAR(*job.end, 1020, 1e-6);
  EXPECT_EQ(job.checkpoints_written, 1);
  EXPECT_EQ(job.migrations, 1);
}

TEST(PolicyDecisions, MovingAJobOntoBusyGpusIsRefused) {
  Scripted policy({{300, [](const ClusterState&, Decisions& d) {
                      d.migrations.push_back({0, {{{0, 4}}}});
                    }}});
  try {
    run_script(policy);
    FAIL() << "the move was accepted";
  } catch (const std::logic_error& error) {
    EXPECT_STREQ(error.what(),
                 "the scheduler moved job \"J\" on 4 GPUs of node lab-n0 which has 0 free");
  }
}

TEST(PolicyDecisions, CheckpointingAJobThatIsNotRunningIsRefused) {
  Scripted policy({{2000, checkpoint()}});
  EXPECT_THROW(run_script(policy), std::logic_error);
}

// One ground node of 4 GPUs of 1 PFLOPS whose pstate 1 runs at half speed.
const std::string kThrottlingSite =
    "gpu_models:\n"
    "  - {name: G, peak: 1 PFLOPS, idle_power: 100 W, busy_power: 500 W,\n"
    "     pstates: [{speed: 0.5, busy_power: 200 W}]}\n"
    "sites:\n"
    "  - {name: lab, location: {latitude: 0, longitude: 0}, nodes: 1, gpus_per_node: 4,\n"
    "     gpu_model: G, network: {bandwidth: 10 GB/s, latency: 0 s},\n"
    "     storage: {bandwidth: 1 GB/s}}\n";

output::RunResult run_capped(Scripted& policy) {
  return testing::run(
      testing::scenario(kThrottlingSite, kJob.substr(0, kJob.find("EXTRA")) + "}\n"), policy);
}

TEST(PolicyDecisions, APowerCapSlowsTheNodeUntilItIsLifted) {
  // Capped at pstate 1 from 200 to 600: 200 s at full speed, 400 s at half (200 s of work),
  // then the 600 s left at full speed: the job ends at 1200.
  std::vector<int> caps_seen;
  Scripted policy({{200,
                    [](const ClusterState&, Decisions& d) {
                      d.power_caps.push_back({0, 1});
                    }},
                   {600, [&](const ClusterState& state, Decisions& d) {
                      caps_seen.push_back(state.nodes[0].power_cap);
                      d.power_caps.push_back({0, 0});
                    }}});
  const auto result = run_capped(policy);
  EXPECT_NEAR(*result.jobs.at(0).end, 1200, 1e-6);
  ASSERT_FALSE(caps_seen.empty());  // the lift brings one more call, with kPowerChanged
  EXPECT_EQ(caps_seen.front(), 1);
}

TEST(PolicyDecisions, ACapAtAPstateTheGpuDoesNotHaveIsRefused) {
  Scripted policy({{200, [](const ClusterState&, Decisions& d) {
                      d.power_caps.push_back({0, 2});
                    }}});
  try {
    run_capped(policy);
    FAIL() << "the cap was accepted";
  } catch (const std::logic_error& error) {
    EXPECT_NE(std::string(error.what()).find("pstate 2"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace umbra::engine
