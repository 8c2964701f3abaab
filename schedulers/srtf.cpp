// srtf: preemptive shortest remaining time first (reference §3: "the preemptive counterpart
// [of SJF] is SRTF: order by remaining time, and preempt running jobs").
//
// The key is the job's remaining estimated time: a running job's estimated end minus now
// (never below 0), a queued job's remaining estimate (its estimate scaled by the work left
// since its last checkpoint). Ranking, keeping, preempting and starting follow
// priority_preemption.hpp. A preempted job loses its work since its last checkpoint, which the
// key does not foresee. Never asks for a wake-up: remaining times only change order at
// submissions and completions.
#include <algorithm>

#include "schedulers/builtin_policies.hpp"
#include "schedulers/priority_preemption.hpp"

namespace umbra::sched {
namespace {

class ShortestRemainingTimeFirst final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    return schedule_by_rank(
        state, {[&](const RunningJob& job) { return std::max(0.0, job.estimated_end - state.now); },
                [](const QueuedJob& job) { return job.remaining_estimate; }});
  }
};

}  // namespace

SchedulerInfo srtf_scheduler() {
  return {"srtf", "preemptive shortest remaining (estimated) time first",
          [](const SchedulerOptions&) { return std::make_unique<ShortestRemainingTimeFirst>(); }};
}

}  // namespace umbra::sched
