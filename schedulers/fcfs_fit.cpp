// fcfs-fit: first-come, first-served order, skipping jobs that do not fit (the "fit-job-first"
// variant of FCFS in Tiresias' simulator, SymbioticLab/Tiresias).
//
// Each call walks the queue in (submit time, job id) order and starts every job that fits now
// on its packed placement (FreeGpus::place_packed); a job that does not fit waits and later
// ones are still tried. Large jobs can starve behind a stream of small ones: nothing is
// reserved for them. Never asks for a wake-up.
#include "schedulers/builtin_policies.hpp"
#include "schedulers/in_order_start.hpp"

namespace umbra::sched {
namespace {

class FcfsFit final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    Decisions decisions;
    start_in_queue_order(WhenBlocked::kSkip, state, decisions);
    return decisions;
  }
};

}  // namespace

SchedulerInfo fcfs_fit_scheduler() {
  return {"fcfs-fit", "first-come first-served order, skipping jobs that do not fit",
          [](const SchedulerOptions&) { return std::make_unique<FcfsFit>(); }};
}

}  // namespace umbra::sched
