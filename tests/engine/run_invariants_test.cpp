// Each invariant of `umbra run --check` (sim/engine/run_invariants.hpp) fires on a state built
// to break it, from the engine's own structures, and stays quiet on the same state made right.
// The engine itself never breaks them: every engine test runs with the checks on
// (engine_fixture.hpp), and the CLI's runs with --check (tests/support/umbra_cli.hpp).
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "sim/engine/run_invariants.hpp"

namespace umbra::engine {
namespace {

// The message of the violation `check` raises, or "none".
std::string violation(const std::function<void()>& check) {
  try {
    check();
  } catch (const InvariantViolation& error) {
    return error.what();
  }
  return "none";
}

// Jobs "a" (2 GPUs) and "b" (3 GPUs) of a run, in stage `stage`, on node 0.
struct TwoJobs {
  std::vector<workload::Job> jobs{2};
  std::vector<JobRun> runs{2};
  explicit TwoJobs(JobStage stage) {
    const int gpus[] = {2, 3};
    for (std::size_t j = 0; j < 2; ++j) {
      jobs[j].id = j == 0 ? "a" : "b";
      jobs[j].gpus = gpus[j];
      runs[j].job = &jobs[j];
      runs[j].id = j;
      runs[j].stage = stage;
      runs[j].placement.slots = {{0, gpus[j]}};
    }
  }
  // The running list of the jobs `ids`.
  static std::vector<sched::RunningJob> running(std::initializer_list<sched::JobId> ids) {
    std::vector<sched::RunningJob> list;
    for (const sched::JobId id : ids) list.emplace_back().id = id;
    return list;
  }
};

std::vector<sched::NodeState> two_nodes_of_four() {
  std::vector<sched::NodeState> nodes(2);
  for (std::size_t n = 0; n < 2; ++n) {
    nodes[n].id = n;
    nodes[n].name = n == 0 ? "n0" : "n1";
    nodes[n].gpus = 4;
    nodes[n].free_gpus = 4;
  }
  return nodes;
}

GpuEnergyLedger ledger_of_two_nodes_of_four() {
  return GpuEnergyLedger({{4, {{100, 500}}}, {4, {{100, 500}}}}, 2);
}

TEST(RunInvariants, TimeNeverGoesBack) {
  EXPECT_EQ(violation([] { check_time_forward(10, 10); }), "none");
  EXPECT_EQ(violation([] { check_time_forward(10, 9.5); }),
            "invariant \"simulated time never goes back\" violated at t = 9.5 s: the previous "
            "check was at t = 10 s");
}

TEST(RunInvariants, NoGpuHeldByTwoJobs) {
  TwoJobs two(JobStage::kComputing);  // 2 + 3 GPUs on a node of 4
  auto nodes = two_nodes_of_four();
  nodes[0].free_gpus = 0;
  GpuEnergyLedger energy = ledger_of_two_nodes_of_four();
  energy.hold(0, 0, 2, 0);
  energy.hold(0, 1, 3, 0);
  const std::vector<int> allocated{5, 0};
  const auto running = TwoJobs::running({0, 1});
  EXPECT_EQ(
      violation([&] { check_gpus_held_once(two.runs, running, nodes, allocated, energy, 60); }),
      "invariant \"no GPU held by two jobs\" violated at t = 60 s: node n0 has 4 GPUs, of "
      "which jobs \"a\", \"b\" hold 5 and 0 are offered free");
}

TEST(RunInvariants, NoGpuHeldAndOfferedFree) {
  TwoJobs two(JobStage::kComputing);
  two.runs[1].stage = JobStage::kEnded;  // only "a" holds its 2 GPUs
  auto nodes = two_nodes_of_four();
  GpuEnergyLedger energy = ledger_of_two_nodes_of_four();
  energy.hold(0, 0, 2, 0);
  const std::vector<int> allocated{2, 0};
  const auto running = TwoJobs::running({0});
  nodes[0].free_gpus = 2;
  EXPECT_EQ(
      violation([&] { check_gpus_held_once(two.runs, running, nodes, allocated, energy, 60); }),
      "none");
  nodes[0].free_gpus = 3;
  EXPECT_EQ(
      violation([&] { check_gpus_held_once(two.runs, running, nodes, allocated, energy, 60); }),
      "invariant \"no GPU held by two jobs\" violated at t = 60 s: node n0 has 4 GPUs, of "
      "which jobs \"a\" hold 2 and 3 are offered free");
}

TEST(RunInvariants, GpuCountsAgreeWithTheHolders) {
  TwoJobs two(JobStage::kComputing);
  two.runs[1].stage = JobStage::kQueued;
  two.runs[0].moving_to = sched::Placement{{{1, 2}}};  // a migration's target is held too
  auto nodes = two_nodes_of_four();
  nodes[0].free_gpus = 2;
  nodes[1].free_gpus = 2;
  GpuEnergyLedger energy = ledger_of_two_nodes_of_four();
  energy.hold(0, 0, 2, 0);
  energy.hold(1, 0, 2, 0);
  const auto running = TwoJobs::running({0});
  EXPECT_EQ(violation([&] {
              check_gpus_held_once(two.runs, running, nodes, {{2, 2}}, energy, 60);
            }),
            "none");
  EXPECT_EQ(violation([&] {
              check_gpus_held_once(two.runs, running, nodes, {{2, 0}}, energy, 60);
            }),
            "invariant \"no GPU held by two jobs\" violated at t = 60 s: on node n1 jobs \"a\" "
            "hold 2 GPUs, but the node's count says 0 and the energy ledger's 2");
}

TEST(RunInvariants, EveryJobInTheListOfItsStage) {
  const std::vector<sched::JobId> moved{0, 1};  // both moved since the last check
  TwoJobs two(JobStage::kQueued);
  two.runs[1].stage = JobStage::kComputing;
  sched::ClusterState state;
  state.queue.resize(1);
  state.queue[0].id = 0;
  state.queue[0].name = "a";
  state.running.resize(1);
  state.running[0].id = 1;
  state.running[0].name = "b";
  EXPECT_EQ(violation([&] { check_one_stage(two.runs, state, moved, 2, 0, 5); }), "none");

  two.runs[0].stage = JobStage::kEnded;  // ended, but still in the queue
  EXPECT_EQ(violation([&] { check_one_stage(two.runs, state, moved, 2, 0, 5); }),
            "invariant \"every job in exactly one stage\" violated at t = 5 s: job \"a\" is in "
            "stage ended but listed in the queue");
  two.runs[0].stage = JobStage::kQueued;
  state.queue.emplace_back();  // "b" queued and running at once
  state.queue.back().id = 1;
  state.queue.back().name = "b";
  EXPECT_EQ(violation([&] { check_one_stage(two.runs, state, moved, 2, 0, 5); }),
            "invariant \"every job in exactly one stage\" violated at t = 5 s: job \"b\" is in "
            "stage computing but listed in both the queue and the running list");
  state.queue.push_back(state.queue.back());
  EXPECT_EQ(violation([&] { check_one_stage(two.runs, state, moved, 2, 0, 5); }),
            "invariant \"every job in exactly one stage\" violated at t = 5 s: the queue holds "
            "job \"b\" out of id order or twice");
}

TEST(RunInvariants, EverySubmittedJobListedOrEnded) {
  const std::vector<sched::JobId> moved{0, 1};
  TwoJobs two(JobStage::kQueued);  // both submitted, "a" alone in the queue
  sched::ClusterState state;
  state.queue.resize(1);
  state.queue[0].id = 0;
  state.queue[0].name = "a";
  EXPECT_EQ(violation([&] { check_one_stage(two.runs, state, moved, 2, 0, 5); }),
            "invariant \"every job in exactly one stage\" violated at t = 5 s: job \"b\" is in "
            "stage queued but listed in neither the queue nor the running list");
  two.runs[1].stage = JobStage::kEnded;  // "b" ended, but not counted so
  EXPECT_EQ(violation([&] { check_one_stage(two.runs, state, moved, 2, 0, 5); }),
            "invariant \"every job in exactly one stage\" violated at t = 5 s: 2 jobs were "
            "submitted, but 1 are queued, 0 running and 0 ended");
  EXPECT_EQ(violation([&] { check_one_stage(two.runs, state, moved, 2, 1, 5); }), "none");
  two.runs[1].stage = JobStage::kWaiting;  // "b" not submitted yet
  EXPECT_EQ(violation([&] { check_one_stage(two.runs, state, moved, 1, 0, 5); }), "none");
}

TEST(RunInvariants, GpuSecondsAllocatedAreUsefulLostAndStalled) {
  // Job "b", 3 GPUs, holding them since t = 100 after 600 GPU-s of earlier allocations: at
  // t = 200 it was allocated 600 + 100 x 3 = 900 GPU-s.
  TwoJobs two(JobStage::kWaiting);
  JobRun& b = two.runs[1];
  b.stage = JobStage::kComputing;
  b.attained_gpu_seconds = 600;
  b.run_start = 100;
  b.record.lost_gpu_seconds = 500;
  b.record.route_wait_seconds = 100;  // 300 GPU-s stalled: 100 useful
  const std::vector<sched::JobId> changed{1};
  ClosedGpuSeconds closed(2);
  EXPECT_EQ(violation([&] { check_gpu_seconds_balanced(two.runs, changed, closed, 600, 200); }),
            "none");
  b.route_wait_since = 160;  // waiting for a route for 40 s more: 120 GPU-s
  EXPECT_EQ(violation([&] { check_gpu_seconds_balanced(two.runs, changed, closed, 600, 200); }),
            "invariant \"GPU-seconds allocated = useful + lost + stalled\" violated at t = 200 "
            "s: job \"b\" was allocated 900 GPU-s, of which 500 lost and 420 stalled: -20 useful");
  b.route_wait_since.reset();
  EXPECT_EQ(violation([&] { check_gpu_seconds_balanced(two.runs, changed, closed, 650, 200); }),
            "invariant \"GPU-seconds allocated = useful + lost + stalled\" violated at t = 200 "
            "s: the run's allocated GPU-seconds are 650, its jobs' ended allocations sum to 600");
}

TEST(RunInvariants, EndedAllocationsSummedOverChecks) {
  // "a" ended an allocation of 100 GPU-s since the last check, which saw "b"'s 600: the checks
  // add "a"'s, and then "b"'s growth to 900 once "b" gives back its GPUs.
  TwoJobs two(JobStage::kQueued);
  ClosedGpuSeconds closed(2);
  two.runs[1].attained_gpu_seconds = 600;
  EXPECT_EQ(violation([&] { check_gpu_seconds_balanced(two.runs, {{1}}, closed, 600, 10); }),
            "none");
  two.runs[0].attained_gpu_seconds = 100;
  EXPECT_EQ(violation([&] { check_gpu_seconds_balanced(two.runs, {{0}}, closed, 700, 20); }),
            "none");
  two.runs[1].attained_gpu_seconds = 900;
  EXPECT_EQ(violation([&] { check_gpu_seconds_balanced(two.runs, {{1}}, closed, 700, 30); }),
            "invariant \"GPU-seconds allocated = useful + lost + stalled\" violated at t = 30 "
            "s: the run's allocated GPU-seconds are 700, its jobs' ended allocations sum to 1000");
  EXPECT_EQ(closed.sum, 1000);
}

TEST(RunInvariants, StateOfChargeWithinFloorAndFull) {
  spec::BatterySpec spec;
  spec.capacity = 3.6e6;  // 1 kWh
  spec.min_state_of_charge = 0.2;
  spec.initial_state_of_charge = 0.2;
  EXPECT_EQ(violation([&] { check_charge_within_bounds(power::Battery(spec), "sat-1", 7); }),
            "none");
  spec.initial_state_of_charge = 0.19;
  EXPECT_EQ(violation([&] { check_charge_within_bounds(power::Battery(spec), "sat-1", 7); }),
            "invariant \"state of charge within [floor, 1]\" violated at t = 7 s: node sat-1: "
            "state of charge 0.19, outside [0.2, 1]");
  spec.initial_state_of_charge = 1.01;
  EXPECT_EQ(violation([&] { check_charge_within_bounds(power::Battery(spec), "sat-1", 7); }),
            "invariant \"state of charge within [floor, 1]\" violated at t = 7 s: node sat-1: "
            "state of charge 1.01, outside [0.2, 1]");
}

TEST(RunInvariants, EnergyLedgerOfEachNodeBalanced) {
  power::EnergyLedger ledger;
  ledger.solar_in = 1000;
  ledger.used = 600;
  ledger.stored_change = 300;
  ledger.losses = 50;
  ledger.curtailed = 50;
  EXPECT_EQ(violation([&] { check_energy_ledger_balanced(ledger, "sat-1", 7); }), "none");
  ledger.curtailed = 40;  // 10 J of sunlight gone nowhere
  EXPECT_EQ(violation([&] { check_energy_ledger_balanced(ledger, "sat-1", 7); }),
            "invariant \"per-node energy ledger balanced\" violated at t = 7 s: node sat-1: solar "
            "in 1000 J, used 600 J, stored 300 J, losses 50 J, curtailed 40 J: 10 J unaccounted");
}

TEST(RunInvariants, NoTransferOnALinkThatIsDown) {
  TwoJobs two(JobStage::kCheckpointing);
  std::vector<SimulatedEdge> edges(2);
  edges[0] = {"sat-1", "sat-2", "laser", 0, 0, nullptr, nullptr};
  edges[1] = {"station", "lab", "backhaul", 1e9, 0, nullptr, nullptr};
  InFlightTransfer transfer;
  transfer.job = 1;
  transfer.hops = {{1, false}, {0, true}};
  const std::vector<const InFlightTransfer*> transfers{&transfer};
  bool laser_up = true;
  const auto up = [&](std::size_t edge) { return edge != 0 || laser_up; };
  EXPECT_EQ(violation([&] { check_no_transfer_on_down_link(two.runs, transfers, edges, up, 3); }),
            "none");
  laser_up = false;
  EXPECT_EQ(violation([&] { check_no_transfer_on_down_link(two.runs, transfers, edges, up, 3); }),
            "invariant \"no transfer on a link that is down\" violated at t = 3 s: a transfer of "
            "job \"b\" is in flight over the laser link sat-1-sat-2, which is down");
  transfer.link_lost = true;  // cut as its link went down: its runner resumes it
  EXPECT_EQ(violation([&] { check_no_transfer_on_down_link(two.runs, transfers, edges, up, 3); }),
            "none");
}

}  // namespace
}  // namespace umbra::engine
