// srtf: preemptive shortest remaining time first, the preemptive counterpart of sjf: order by
// remaining time, and preempt running jobs (README "Scheduling policies").
//
// The key is the job's remaining estimated time: a running job's estimated end minus now
// (never below 0), a queued job's remaining estimate (its estimate scaled by the work left
// since its last checkpoint). Ranking, keeping, preempting and starting follow
// priority_preemption.hpp. A preempted job saves its progress first (option `preemption`: save),
// or loses its work since its last checkpoint (kill), which the key does not foresee. Never asks
// for a wake-up: remaining times only change order at submissions and completions.
#include <algorithm>

#include "schedulers/builtin_policies.hpp"
#include "schedulers/priority_preemption.hpp"

namespace umbra::sched {
namespace {

class ShortestRemainingTimeFirst final : public Scheduler {
 public:
  explicit ShortestRemainingTimeFirst(PreemptMode mode) : mode_(mode) {}

  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    return schedule_by_rank(
        state,
        {[&](const RunningJob& job) { return std::max(0.0, job.estimated_end - state.now); },
         [](const QueuedJob& job) { return job.remaining_estimate; }},
        mode_);
  }

 private:
  PreemptMode mode_;
};

}  // namespace

SchedulerInfo srtf_scheduler() {
  return {"srtf",
          "preemptive shortest remaining (estimated) time first",
          [](const SchedulerOptions& options) {
            return std::make_unique<ShortestRemainingTimeFirst>(preemption_mode(options));
          },
          {preemption_option()}};
}

}  // namespace umbra::sched
