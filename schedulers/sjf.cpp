// sjf: non-preemptive shortest job first by walltime estimate (README "Scheduling policies").
//
// Each call orders the queue by the job's walltime estimate `estimate` (the full-run estimate,
// user-given or the ideal runtime), ascending; ties go to the earlier submit time, then the
// lower job id. It starts jobs in that order on their packed placement (FreeGpus::place_packed)
// and, like strict fcfs, stops at the first job that does not fit (the blocking rule of Helios'
// sjf): a short wide job blocks longer narrow ones behind it. Running jobs are never
// preempted. Never asks for a wake-up.
#include <algorithm>
#include <tuple>

#include "schedulers/builtin_policies.hpp"
#include "schedulers/in_order_start.hpp"

namespace umbra::sched {
namespace {

class ShortestJobFirst final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    auto order = in_queue_order(state);
    std::sort(order.begin(), order.end(), [](const QueuedJob* a, const QueuedJob* b) {
      return std::tie(a->estimate, a->submit_time, a->id) <
             std::tie(b->estimate, b->submit_time, b->id);
    });
    Decisions decisions;
    start_in_order(order, WhenBlocked::kStop, state, decisions);
    return decisions;
  }
};

}  // namespace

SchedulerInfo sjf_scheduler() {
  return {"sjf", "shortest walltime estimate first, non-preemptive, stops at the first misfit",
          [](const SchedulerOptions&) { return std::make_unique<ShortestJobFirst>(); }};
}

}  // namespace umbra::sched
