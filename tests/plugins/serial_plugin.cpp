// A test plugin with the policy "serial": one job at a time, in queue order, on the first
// GPUs of the first site. It calls Placement::total_gpus(), defined in the umbra executable, so
// loading it checks that the executable exports the scheduler API's functions.
#include <algorithm>

#include "schedulers/plugin.hpp"

namespace {

using namespace umbra::sched;

class Serial final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    Decisions decisions;
    if (!state.running.empty() || state.queue.empty()) return decisions;
    const QueuedJob& job = state.queue.front();
    Placement placement;
    for (const NodeId node : state.sites.front().nodes) {
      const int take = std::min(state.nodes[node].free_gpus, job.gpus - placement.total_gpus());
      if (take > 0) placement.slots.push_back({node, take});
    }
    if (placement.total_gpus() == job.gpus) decisions.starts.push_back({job.id, placement});
    return decisions;
  }
};

SchedulerInfo serial() {
  return {"serial", "one job at a time, in queue order",
          [](const SchedulerOptions&) { return std::make_unique<Serial>(); }};
}

}  // namespace

UMBRA_SCHEDULER_PLUGIN(serial)
