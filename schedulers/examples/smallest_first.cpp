// smallest-first: an Umbra scheduling policy built out of tree, as a plugin.
//
// Each call orders the queue by GPUs asked (fewest first; the queue's (submit time, id) order
// breaks ties) and starts every job that fits now, skipping those that do not, on its packed
// placement: the list scheduling and placement rule of the built-in policies
// (schedulers/in_order_start.hpp, schedulers/free_gpus.hpp), installed with the scheduler API.
#include <algorithm>
#include <vector>

#include "schedulers/in_order_start.hpp"
#include "schedulers/plugin.hpp"

namespace {

using namespace umbra::sched;

class SmallestFirst final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    std::vector<const QueuedJob*> order;
    for (const QueuedJob& job : state.queue) order.push_back(&job);
    std::stable_sort(order.begin(), order.end(),
                     [](const QueuedJob* a, const QueuedJob* b) { return a->gpus < b->gpus; });
    Decisions decisions;
    start_in_order(order, WhenBlocked::kSkip, state, decisions);
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
