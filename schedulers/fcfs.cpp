// fcfs: strict first-come, first-served (README "Scheduling policies").
//
// Each call walks the queue in (submit time, job id) order and starts each job on its packed
// placement (FreeGpus::place_packed) while it fits; it stops at the first job that does not
// fit: head-of-line blocking, so no job ever starts before an earlier-submitted one and start
// times are non-decreasing in submit order. Never asks for a wake-up: only a submission or a
// completion can let a job start.
#include "schedulers/builtin_policies.hpp"
#include "schedulers/in_order_start.hpp"

namespace umbra::sched {
namespace {

class Fcfs final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    Decisions decisions;
    start_in_queue_order(WhenBlocked::kStop, state, decisions);
    return decisions;
  }
};

}  // namespace

SchedulerInfo fcfs_scheduler() {
  return {"fcfs", "strict first-come first-served: stops at the first job that does not fit",
          [](const SchedulerOptions&) { return std::make_unique<Fcfs>(); }};
}

}  // namespace umbra::sched
