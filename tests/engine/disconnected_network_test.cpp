// Shells whose laser links leave some satellites apart for good, through the real engine: which
// nodes the policy sees joined, placements that stay inside what the network joins, the refusal
// of a job that nothing joined can hold, and a run whose policy splits jobs anyway, which stops
// with the engine's message instead of spinning. The geometry is worked at the top of each
// platform; the laser range is 5,000 km and a 550 km orbit has radius r = 6,928 km.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "schedulers/registry.hpp"
#include "sim/core/error.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

// Satellites of 2 GPUs of 1 PFLOPS, no ground site, lasers of 10 GB/s up to 5,000 km that
// acquire at once; no power limits (no solar array, no battery).
std::string shell(int planes, int per_plane, int phasing) {
  return "epoch: 2026-03-20T12:00:00Z\n"
         "gpu_models:\n"
         "  - {name: G, peak: 1 PFLOPS, idle_power: 100 W, busy_power: 500 W}\n"
         "link_classes:\n"
         "  - {name: laser, kind: laser, rate: 10 GB/s, max_range: 5000 km}\n"
         "shells:\n"
         "  - name: s\n"
         "    altitude: 550 km\n"
         "    inclination: 53\n"
         "    planes: " +
         std::to_string(planes) + "\n    satellites_per_plane: " + std::to_string(per_plane) +
         "\n    phasing: " + std::to_string(phasing) +
         "\n"
         "    payload: {gpu_model: G, gpus: 2}\n"
         "    terminals: [{link_class: laser, count: 4}]\n"
         "    isl: {topology: plus-grid, link_class: laser}\n";
}

// Two planes of ten (Walker delta 53:20/2/0): in-plane neighbours 36 deg apart are
// 2 r sin 18 deg = 4,282 km apart, always in range; the planes' nodes are 180 deg of RAAN
// apart, and a satellite and its neighbour in the other plane (same slot, same argument of
// latitude) never come closer than 8,339 km (sampled over an orbit). The network joins each
// plane, never the two: nodes 0-9 and 10-19.
const std::string kTwoHalves = shell(2, 10, 0);

// One plane of four: neighbours 90 deg apart, 2 r sin 45 deg = 9,798 km: no link ever comes up,
// each satellite stands alone.
const std::string kFourApart = shell(1, 4, 0);

// Records the nodes' components at its first call; starts nothing.
class ComponentRecorder : public sched::Scheduler {
 public:
  std::vector<sched::ComponentId> ever, now;
  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    if (ever.empty()) {
      for (const auto& node : state.nodes) {
        ever.push_back(node.ever_component);
        now.push_back(node.component_now);
      }
    }
    return {};
  }
};

TEST(DisconnectedNetwork, ThePolicySeesEachPlaneAsOneComponent) {
  const auto s = testing::scenario(
      kTwoHalves, "jobs:\n  - {id: a, submit: 0 s, gpus: 2, work: 1e15 FLOP, mfu: 1}\n");
  ComponentRecorder recorder;
  testing::run(s, recorder);
  std::vector<sched::ComponentId> halves(20, 0);
  std::fill(halves.begin() + 10, halves.end(), 10);
  EXPECT_EQ(recorder.ever, halves);
  EXPECT_EQ(recorder.now, halves);  // the in-plane links are up from the start
}

// Six jobs of 6 GPUs (3 satellites each) at once, 3.6e19 FLOP at mfu 1 on 6 PFLOPS: 6,000 s
// of computation, with the whole all-reduce overlapped (2 x 5/6 x 10 iterations x 1 GB =
// 16.7 GB per GPU at 10 GB/s over in-plane hops: seconds), so each ends at 6,000 s. fcfs's
// packed placement takes nodes 0-2, 3-5, 6-8, then, with only node 9 left in the first plane,
// 10-12, 13-15, 16-18: each ring inside one plane. Without the components the fourth job took
// nodes 9, 10 and 11, whose ring waits for a route between the planes for ever.
TEST(DisconnectedNetwork, FcfsPlacesEachJobInsideOneHalf) {
  std::string jobs =
      "defaults: {gpus: 6, work: 3.6e19 FLOP, mfu: 1, iterations: 10, "
      "gradient: 1 GB, comm_overlap: 1}\njobs:\n";
  for (int j = 0; j < 6; ++j) jobs += "  - {id: j" + std::to_string(j) + ", submit: 0 s}\n";
  const auto s = testing::scenario(kTwoHalves, jobs);
  auto fcfs = sched::SchedulerRegistry::with_builtins().find("fcfs").create({});
  const output::RunResult result = testing::run(s, *fcfs);
  const std::vector<std::vector<std::string>> nodes = {
      {"s-p00-s00", "s-p00-s01", "s-p00-s02"}, {"s-p00-s03", "s-p00-s04", "s-p00-s05"},
      {"s-p00-s06", "s-p00-s07", "s-p00-s08"}, {"s-p01-s00", "s-p01-s01", "s-p01-s02"},
      {"s-p01-s03", "s-p01-s04", "s-p01-s05"}, {"s-p01-s06", "s-p01-s07", "s-p01-s08"}};
  ASSERT_EQ(result.jobs.size(), 6u);
  for (std::size_t j = 0; j < 6; ++j) {
    const output::JobRecord& job = result.jobs[j];
    EXPECT_EQ(job.state, output::JobState::kFinished) << job.id;
    EXPECT_EQ(job.nodes, nodes[j]) << job.id;
    EXPECT_EQ(job.transfer_failures, 0) << job.id;
    EXPECT_EQ(job.route_wait_seconds, 0) << job.id;
    EXPECT_NEAR(job.end.value_or(-1), 6000, 1e-6) << job.id;
  }
}

// fcfs would have to split a 4-GPU job over two satellites that no link ever joins.
TEST(DisconnectedNetwork, AJobNoComponentHoldsIsRefusedBeforeTheRun) {
  const auto s = testing::scenario(
      kFourApart, "jobs:\n  - {id: wide, submit: 0 s, gpus: 4, work: 1e15 FLOP}\n");
  auto fcfs = sched::SchedulerRegistry::with_builtins().find("fcfs").create({});
  try {
    testing::run(s, *fcfs);
    FAIL() << "the run was not refused";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "jobs.yaml:2:5: job \"wide\" asks for 4 GPUs but laser links join at most 2 "
                 "GPUs of one cluster (in \"s\"): the others are split by laser links that "
                 "never come up over the contact plan's first day ('umbra contacts' lists those "
                 "that do)");
  }
}

// Four 2-GPU jobs, all running at once from day 2, each split over two satellites that no link
// ever joins: their rings wait for a route, and 30 days after its start the first job gives up
// and stops the run with its message (kLongestRouteWait). The others, which have waited 28
// days, must stop with it, not look for a route at that instant for ever: the test's timeout
// (CMakeLists.txt) catches a run that spins.
TEST(DisconnectedNetwork, SplitJobsStopTheRunWithTheirMessage) {
  const std::string jobs =
      "defaults: {gpus: 2, work: 1e18 FLOP, mfu: 1, gradient: 1 GB}\n"
      "jobs:\n"
      "  - {id: j0, submit: 0 s}\n"
      "  - {id: j1, submit: 2 d}\n"
      "  - {id: j2, submit: 2 d}\n"
      "  - {id: j3, submit: 2 d}\n";
  const auto s = testing::scenario(kFourApart, jobs);
  testing::GreedyInOrder spread(1);  // one GPU per node: it ignores the components
  try {
    testing::run(s, spread);
    FAIL() << "the run ended without an error";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("job \"j0\" found no path from s-p00-s0"), std::string::npos) << message;
    EXPECT_NE(message.find("for 30 days: the platform never joins them"), std::string::npos)
        << message;
  }
}

}  // namespace
}  // namespace umbra::engine
