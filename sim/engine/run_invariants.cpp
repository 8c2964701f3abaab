#include "sim/engine/run_invariants.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace umbra::engine {
namespace {

bool exceeds(double value, double bound) {
  return value > bound + kInvariantTolerance * std::max(1.0, std::abs(bound));
}

// The jobs of `runs` whose ids are `ids`, named for a message.
std::string job_names(std::span<const JobRun> runs, const std::vector<sched::JobId>& ids) {
  std::string names;
  for (const sched::JobId id : ids) {
    names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", runs[id].job->id);
  }
  return names.empty() ? "none" : names;
}

// Whether job `id` is in `list`, sorted by id (the queue, the running list).
template <class List>
bool listed(const List& list, sched::JobId id) {
  const auto found = std::lower_bound(
      list.begin(), list.end(), id, [](const auto& entry, sched::JobId i) { return entry.id < i; });
  return found != list.end() && found->id == id;
}

template <class List>
void check_sorted_once(const List& list, std::string_view what, double now) {
  for (std::size_t i = 1; i < list.size(); ++i) {
    if (list[i - 1].id >= list[i].id) {
      throw InvariantViolation(
          Invariant::kOneStage, now,
          fmt::format("the {} holds job \"{}\" out of id order or twice", what, list[i].name));
    }
  }
}

}  // namespace

void check_time_forward(double previous, double now) {
  if (now < previous) {
    throw InvariantViolation(Invariant::kTimeForward, now,
                             fmt::format("the previous check was at t = {:.9g} s", previous));
  }
}

void check_gpus_held_once(std::span<const JobRun> runs, std::span<const sched::RunningJob> running,
                          std::span<const sched::NodeState> nodes, std::span<const int> allocated,
                          const GpuEnergyLedger& energy, double now) {
  std::vector<int> held(nodes.size(), 0);
  const auto each_slot = [&](const auto& on_slot) {
    for (const sched::RunningJob& entry : running) {
      const JobRun& run = runs[entry.id];
      for (const sched::Slot& slot : run.placement.slots) on_slot(run, slot);
      if (!run.moving_to) continue;
      for (const sched::Slot& slot : run.moving_to->slots) on_slot(run, slot);
    }
  };
  each_slot([&](const JobRun&, const sched::Slot& slot) { held[slot.node] += slot.gpus; });
  // The jobs on node `n`, for a message: looked up only once a violation is found.
  const auto holders = [&](std::size_t n) {
    std::vector<sched::JobId> ids;
    each_slot([&](const JobRun& run, const sched::Slot& slot) {
      if (slot.node == n && (ids.empty() || ids.back() != run.id)) ids.push_back(run.id);
    });
    return job_names(runs, ids);
  };
  // Three counts kept apart agree on every node (contiguous arrays: cheap on a large fleet).
  const std::span<const int> ledger = energy.held_gpus();
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    if (held[n] == allocated[n] && held[n] == ledger[n]) continue;
    throw InvariantViolation(
        Invariant::kGpusHeldOnce, now,
        fmt::format("on node {} jobs {} hold {} GPUs, but the node's count says {} and the "
                    "energy ledger's {}",
                    nodes[n].name, holders(n), held[n], allocated[n], ledger[n]));
  }
  // Only a node where jobs hold GPUs can offer some of them as free too.
  each_slot([&](const JobRun&, const sched::Slot& slot) {
    const sched::NodeState& node = nodes[slot.node];
    if (held[slot.node] + node.free_gpus <= node.gpus) return;
    throw InvariantViolation(
        Invariant::kGpusHeldOnce, now,
        fmt::format("node {} has {} GPUs, of which jobs {} hold {} and {} are offered free",
                    node.name, node.gpus, holders(slot.node), held[slot.node], node.free_gpus));
  });
}

void check_one_stage(std::span<const JobRun> runs, const sched::ClusterState& state,
                     std::span<const sched::JobId> moved, std::size_t submitted, std::size_t ended,
                     double now) {
  check_sorted_once(state.running, "running list", now);
  // A queue entry of a moved job stands after a lower id and before a higher one.
  for (const sched::JobId id : moved) {
    const auto at = std::lower_bound(
        state.queue.begin(), state.queue.end(), id,
        [](const sched::QueuedJob& entry, sched::JobId i) { return entry.id < i; });
    if (at == state.queue.end() || at->id != id) continue;
    const bool after_lower = at == state.queue.begin() || std::prev(at)->id < id;
    const bool before_higher = std::next(at) == state.queue.end() || std::next(at)->id > id;
    if (!after_lower || !before_higher) {
      throw InvariantViolation(
          Invariant::kOneStage, now,
          fmt::format("the queue holds job \"{}\" out of id order or twice", at->name));
    }
  }
  // The whole check of one job, for the message once a violation is found.
  const auto check_listing = [&](const JobRun& run) {
    const bool queued = listed(state.queue, run.id);
    const bool running = listed(state.running, run.id);
    const bool belongs_queued = run.stage == JobStage::kQueued;
    const bool belongs_running = holds_gpus(run.stage);
    if (queued != belongs_queued || running != belongs_running) {
      const std::string lists = queued && running ? "both the queue and the running list"
                                : queued          ? "the queue"
                                : running         ? "the running list"
                                                  : "neither the queue nor the running list";
      throw InvariantViolation(Invariant::kOneStage, now,
                               fmt::format("job \"{}\" is in stage {} but listed in {}",
                                           run.job->id, stage_name(run.stage), lists));
    }
  };
  for (const sched::JobId id : moved) check_listing(runs[id]);
  for (const sched::RunningJob& entry : state.running) {
    if (!holds_gpus(runs[entry.id].stage)) check_listing(runs[entry.id]);
  }
  if (state.queue.size() + state.running.size() + ended == submitted) return;
  // A submitted job is in no list, or an unlisted one is not ended: find which, for the message.
  for (std::size_t j = 0; j < submitted && j < runs.size(); ++j) check_listing(runs[j]);
  throw InvariantViolation(
      Invariant::kOneStage, now,
      fmt::format("{} jobs were submitted, but {} are queued, {} running and {} ended", submitted,
                  state.queue.size(), state.running.size(), ended));
}

void check_gpu_seconds_balanced(std::span<const JobRun> runs, std::span<const sched::JobId> changed,
                                ClosedGpuSeconds& closed, double allocated_gpu_seconds,
                                double now) {
  for (const sched::JobId id : changed) {
    const JobRun& run = runs[id];
    closed.sum += run.attained_gpu_seconds - closed.by_job[id];
    closed.by_job[id] = run.attained_gpu_seconds;
    const int gpus = run.job->gpus;
    const double allocated =
        run.attained_gpu_seconds + (holds_gpus(run.stage) ? (now - run.run_start) * gpus : 0);
    const double lost = run.record.lost_gpu_seconds;
    const double waiting = run.route_wait_since ? now - *run.route_wait_since : 0;
    const double stalled = (run.record.route_wait_seconds + waiting) * gpus;
    const double tolerance = kInvariantTolerance * std::max(1.0, allocated);
    if (lost < -tolerance || stalled < -tolerance || allocated < -tolerance ||
        lost + stalled > allocated + tolerance) {
      throw InvariantViolation(
          Invariant::kGpuSecondsBalanced, now,
          fmt::format("job \"{}\" was allocated {:.9g} GPU-s, of which {:.9g} lost and {:.9g} "
                      "stalled: {:.9g} useful",
                      run.job->id, allocated, lost, stalled, allocated - lost - stalled));
    }
  }
  if (exceeds(closed.sum, allocated_gpu_seconds) || exceeds(allocated_gpu_seconds, closed.sum)) {
    throw InvariantViolation(
        Invariant::kGpuSecondsBalanced, now,
        fmt::format("the run's allocated GPU-seconds are {:.9g}, its jobs' ended allocations "
                    "sum to {:.9g}",
                    allocated_gpu_seconds, closed.sum));
  }
}

void check_charge_within_bounds(const power::Battery& battery, std::string_view node, double now) {
  if (battery.capacity() <= 0) return;  // no battery
  const double slack = kInvariantTolerance * battery.capacity();
  if (battery.energy() < battery.floor_energy() - slack ||
      battery.energy() > battery.capacity() + slack) {
    throw InvariantViolation(
        Invariant::kChargeWithinBounds, now,
        fmt::format("node {}: state of charge {:.9g}, outside [{:.9g}, 1]", node,
                    battery.state_of_charge(), battery.floor_energy() / battery.capacity()));
  }
}

void check_energy_ledger_balanced(const power::EnergyLedger& ledger, std::string_view node,
                                  double now) {
  if (!(ledger.relative_imbalance() <= kInvariantTolerance)) {  // NaN fails too
    throw InvariantViolation(
        Invariant::kEnergyLedgerBalanced, now,
        fmt::format("node {}: solar in {:.9g} J, used {:.9g} J, stored {:.9g} J, losses {:.9g} "
                    "J, curtailed {:.9g} J: {:.9g} J unaccounted",
                    node, ledger.solar_in, ledger.used, ledger.stored_change, ledger.losses,
                    ledger.curtailed, ledger.imbalance()));
  }
}

void check_no_transfer_on_down_link(std::span<const JobRun> runs,
                                    std::span<const InFlightTransfer* const> transfers,
                                    std::span<const SimulatedEdge> edges,
                                    const std::function<bool(std::size_t edge)>& edge_up,
                                    double now) {
  for (const InFlightTransfer* transfer : transfers) {
    if (transfer->link_lost) continue;  // cut when its link went down: its runner resumes it
    for (const network::RouterHop& hop : transfer->hops) {
      if (edge_up(hop.edge)) continue;
      const SimulatedEdge& edge = edges[hop.edge];
      throw InvariantViolation(
          Invariant::kNoTransferOnDownLink, now,
          fmt::format("a transfer of job \"{}\" is in flight over the {} link {}-{}, which is "
                      "down",
                      runs[transfer->job].job->id, edge.link_class, edge.a, edge.b));
    }
  }
}

}  // namespace umbra::engine
