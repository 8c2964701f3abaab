// A ground site's grid cap: its IT power (GPUs idle and busy at their pstates) stays at or under
// power_cap / pue, the engine holding back starts that would break it (counting every held GPU
// busy), and the facility energy is the IT energy x PUE. GPUs of 1 PFLOPS, 100 W idle, 500 W
// busy, and at pstate 1 half speed at 200 W busy (100 W idle); jobs at mfu 1 compute
// W / (g x 1e15 x speed) s and do nothing else. Times and energies worked by hand in each test.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "schedulers/registry.hpp"
#include "sim/core/error.hpp"
#include "sim/output/summary.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

std::string capped_site(int nodes, int gpus_per_node, const std::string& grid) {
  return "gpu_models:\n"
         "  - {name: G, peak: 1 PFLOPS, idle_power: 100 W, busy_power: 500 W,\n"
         "     pstates: [{speed: 0.5, busy_power: 200 W}]}\n"
         "sites:\n"
         "  - {name: lab, location: {latitude: 0, longitude: 0}, nodes: " +
         std::to_string(nodes) + ", gpus_per_node: " + std::to_string(gpus_per_node) +
         ",\n"
         "     gpu_model: G, network: {bandwidth: 10 GB/s, latency: 0 s},\n"
         "     storage: {bandwidth: 1 GB/s}" +
         grid + "}\n";
}

// Two 2-GPU jobs of 100 s each, both submitted at 0.
const std::string kTwoJobs =
    "defaults: {mfu: 1}\n"
    "jobs:\n"
    "  - {id: a, submit: 0 s, gpus: 2, work: 2e17 FLOP}\n"
    "  - {id: b, submit: 0 s, gpus: 2, work: 2e17 FLOP}\n";

output::RunResult run_fcfs(const std::string& platform, const std::string& jobs) {
  const auto registry = sched::SchedulerRegistry::with_builtins();
  auto policy = registry.find("fcfs").create({});
  return testing::run(testing::scenario(platform, jobs), *policy);
}

TEST(SitePowerCap, WithoutACapBothJobsRunAtOnce) {
  // 4 GPUs busy: 2000 W for 100 s.
  const auto result = run_fcfs(capped_site(2, 2, ""), kTwoJobs);
  EXPECT_NEAR(*result.jobs[1].start, 0, 1e-9);
  EXPECT_NEAR(result.totals.energy_joules, 2e5, 1e-9 * 2e5);
}

TEST(SitePowerCap, AStartThatWouldBreakTheCapWaitsAndPueMultipliesTheEnergy) {
  // Cap 1750 W at PUE 1.25: 1400 W of IT. The 4 GPUs idle draw 400 W, so 1000 W is left, and a
  // busy GPU adds 400 W: 2 GPUs may be busy, one job at a time. a runs 0-100 and b 100-200,
  // each time 2 GPUs busy and 2 idle, 1200 W: 240 kJ of IT, 300 kJ from the grid.
  const auto result = run_fcfs(capped_site(2, 2, ", power_cap: 1750 W, pue: 1.25"), kTwoJobs);
  ASSERT_EQ(result.jobs[1].state, output::JobState::kFinished);
  EXPECT_NEAR(*result.jobs[0].start, 0, 1e-9);
  EXPECT_NEAR(*result.jobs[0].end, 100, 1e-9);
  EXPECT_NEAR(*result.jobs[1].start, 100, 1e-9);
  EXPECT_NEAR(*result.jobs[1].end, 200, 1e-9);
  EXPECT_NEAR(result.totals.energy_joules, 2.4e5, 1e-9 * 2.4e5);
  ASSERT_EQ(result.totals.site_energy.size(), 1U);
  EXPECT_NEAR(result.totals.site_energy[0].it_joules, 2.4e5, 1e-9 * 2.4e5);
  const output::Summary summary = output::summarise(result);
  EXPECT_NEAR(summary.facility_energy_joules, 3e5, 1e-9 * 3e5);
}

TEST(SitePowerCap, AStartLandingExactlyOnTheCapIsAllowed) {
  // 1400 W of IT at PUE 1: 4 GPUs busy draw 2000 W, too much; with a cap of 2000 W both start.
  const auto result = run_fcfs(capped_site(2, 2, ", power_cap: 2000 W"), kTwoJobs);
  EXPECT_NEAR(*result.jobs[1].start, 0, 1e-9);
}

// Asks node 0 to run at pstate 1 at its first call, starts the job on the whole node once the
// site's free GPUs allow it, and at `lift_at` (if given) asks for pstate 0 again.
class ThrottleToFit final : public sched::Scheduler {
 public:
  explicit ThrottleToFit(std::optional<double> lift_at) : lift_at_(lift_at) {}

  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    sched::Decisions decisions;
    headroom_seen.push_back(state.sites[0].power_headroom_watts);
    free_seen.push_back(state.nodes[0].free_gpus);
    if (state.nodes[0].power_cap == 0 && !lifted_) decisions.power_caps.push_back({0, 1});
    for (const auto& job : state.queue) {
      if (state.nodes[0].free_gpus >= job.gpus) decisions.starts.push_back({job.id, {{{0, 4}}}});
    }
    if (lift_at_ && state.now < *lift_at_) decisions.wake_up_at = *lift_at_;
    if (lift_at_ && state.now == *lift_at_) {
      decisions.power_caps.push_back({0, 0});
      lifted_ = true;
    }
    return decisions;
  }

  std::vector<double> headroom_seen;
  std::vector<int> free_seen;

 private:
  std::optional<double> lift_at_;
  bool lifted_ = false;
};

const std::string kFourGpuJob =
    "defaults: {mfu: 1}\n"
    "jobs:\n"
    "  - {id: j, submit: 0 s, gpus: 4, work: 4e17 FLOP}\n";

TEST(SitePowerCap, ASlowerPstateLetsMoreGpusRunUnderTheCap) {
  // 1000 W of IT on one node of 4 GPUs. At pstate 0 the idle draw is 400 W, 600 W is left and
  // one GPU may be busy (400 W): the policy sees 600 W and 1 free GPU. At pstate 1 a busy GPU
  // adds 100 W, so all 4 may (800 W): the job runs at half speed, 200 s at 4 x 200 W = 160 kJ.
  ThrottleToFit policy(std::nullopt);
  const auto result =
      testing::run(testing::scenario(capped_site(1, 4, ", power_cap: 1 kW"), kFourGpuJob), policy);
  ASSERT_GE(policy.headroom_seen.size(), 2U);
  EXPECT_NEAR(policy.headroom_seen[0], 600, 1e-9);
  EXPECT_EQ(policy.free_seen[0], 1);
  EXPECT_NEAR(policy.headroom_seen[1], 600, 1e-9);  // 1000 - 4 x 100 W idle at pstate 1
  EXPECT_EQ(policy.free_seen[1], 4);
  ASSERT_EQ(result.jobs[0].state, output::JobState::kFinished);
  EXPECT_NEAR(*result.jobs[0].start, 0, 1e-9);
  EXPECT_NEAR(*result.jobs[0].end, 200, 1e-9);
  EXPECT_NEAR(result.totals.energy_joules, 1.6e5, 1e-9 * 1.6e5);
}

TEST(SitePowerCap, LiftingAPstateThatWouldBreakTheCapIsRefused) {
  // Back at pstate 0 the 4 busy GPUs would draw 2000 W, over the 1000 W of IT.
  ThrottleToFit policy(100.0);
  try {
    testing::run(testing::scenario(capped_site(1, 4, ", power_cap: 1 kW"), kFourGpuJob), policy);
    FAIL() << "the lift was accepted";
  } catch (const std::logic_error& error) {
    EXPECT_STREQ(error.what(),
                 "the scheduler set node lab-n0 to pstate 0, which would take site lab over its "
                 "IT power limit of 1000 W (power_cap / pue)");
  }
}

TEST(SitePowerCap, AJobNoCapCanFeedIsRefusedAtItsEntry) {
  // 1000 W of IT on 4 GPUs: at pstate 1, 400 W idle leaves 600 W, 6 busy GPUs' worth (100 W
  // each) but only 4 GPUs; under 500 W, 100 W is left: one busy GPU, and a 2-GPU job never
  // starts.
  const std::string jobs =
      "defaults: {mfu: 1}\n"
      "jobs:\n"
      "  - {id: j, submit: 0 s, gpus: 2, work: 4e17 FLOP}\n";
  EXPECT_NO_THROW(run_fcfs(capped_site(1, 4, ", power_cap: 1 kW"), jobs));
  try {
    run_fcfs(capped_site(1, 4, ", power_cap: 500 W"), jobs);
    FAIL() << "the job was accepted";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "jobs.yaml:3:5: job \"j\" asks for 2 GPUs but no site can power that many busy "
                 "at once: site \"lab\" feeds at most 1 under its power_cap / pue of 500 W, at "
                 "its slowest pstate");
  }
}

}  // namespace
}  // namespace umbra::engine
