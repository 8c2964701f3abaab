// las: least attained service, preemptive (Tiresias' continuous LAS, without its discretised
// queues): the job that has received the fewest GPU-seconds so far goes first.
//
// The key is the attained GPU-seconds: a running job's service up to now, a queued job's
// service before it was preempted (0 for a new job). Ranking, keeping, preempting and starting
// follow priority_preemption.hpp. Service grows while jobs run, so besides submissions and
// completions the policy re-ranks every round (option `round`, default 300 s; Gavel and Blox use
// 300-360 s rounds) while jobs are waiting.
#include "schedulers/builtin_policies.hpp"
#include "schedulers/priority_preemption.hpp"

namespace umbra::sched {
namespace {

class LeastAttainedService final : public Scheduler {
 public:
  LeastAttainedService(PreemptMode mode, double round) : mode_(mode), round_(round) {}

  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    Decisions decisions = schedule_by_rank(
        state,
        {[&](const RunningJob& job) { return job.attained_gpu_seconds(state.now); },
         [](const QueuedJob& job) { return job.attained_gpu_seconds; }},
        mode_);
    // Re-rank in a round while some job waits beside a running one: only running jobs gain
    // service, so with none running the order cannot change.
    decisions.wake_up_at = next_ranking_round(state, decisions, round_);
    return decisions;
  }

 private:
  PreemptMode mode_;
  double round_;  // s
};

}  // namespace

SchedulerInfo las_scheduler() {
  return {"las",
          "preemptive least attained GPU-service first, re-ranked every round",
          [](const SchedulerOptions& options) {
            return std::make_unique<LeastAttainedService>(
                preemption_mode(options), options.values.number(ranking_round_option()));
          },
          {preemption_option(), ranking_round_option()}};
}

}  // namespace umbra::sched
