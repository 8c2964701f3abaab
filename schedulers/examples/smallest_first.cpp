// smallest-first: an Umbra scheduling policy built out of tree, as a plugin.
//
// Each call orders the queue by GPUs asked (fewest first; the queue's (submit time, id) order
// breaks ties) and starts every job that fits now, skipping those that do not. A job takes the
// free GPUs of the first site that has enough, lowest nodes first.
#include <algorithm>
#include <optional>
#include <vector>

#include "schedulers/plugin.hpp"

namespace {

using namespace umbra::sched;

// Takes `gpus` GPUs out of `free` (free GPUs per node) in the first site that has that many.
std::optional<Placement> take_gpus(const ClusterState& state, std::vector<int>& free, int gpus) {
  for (const SiteState& site : state.sites) {
    int site_free = 0;
    for (const NodeId node : site.nodes) site_free += free[node];
    if (site_free < gpus) continue;
    Placement placement;
    for (const NodeId node : site.nodes) {
      const int take = std::min(free[node], gpus);
      if (take == 0) continue;
      placement.slots.push_back({node, take});
      free[node] -= take;
      gpus -= take;
    }
    return placement;
  }
  return std::nullopt;
}

class SmallestFirst final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    std::vector<const QueuedJob*> order;
    for (const QueuedJob& job : state.queue) order.push_back(&job);
    std::stable_sort(order.begin(), order.end(),
                     [](const QueuedJob* a, const QueuedJob* b) { return a->gpus < b->gpus; });
    std::vector<int> free;
    for (const NodeState& node : state.nodes) free.push_back(node.free_gpus);
    Decisions decisions;
    for (const QueuedJob* job : order) {
      if (auto placement = take_gpus(state, free, job->gpus)) {
        decisions.starts.push_back({job->id, std::move(*placement)});
      }
    }
    return decisions;
  }
};

SchedulerInfo smallest_first() {
  return {"smallest-first",
          "starts the jobs asking for the fewest GPUs first; skips what does not fit",
          [](const SchedulerOptions&) { return std::make_unique<SmallestFirst>(); }};
}

}  // namespace

UMBRA_SCHEDULER_PLUGIN(smallest_first)
