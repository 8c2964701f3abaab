// themis-ftf: finish-time fairness, preemptive (Themis, Mahajan et al., NSDI'20).
//
// A job's finish-time fairness is rho = T_shared / T_isolated: the time it will have spent in
// the shared cluster once done, over the time it needs alone. T_isolated is its estimate (a full
// run on its GPUs); T_shared = (now - submit) + its remaining time if it ran from now on: a
// running job's estimated end minus now (never below 0), a queued job's remaining estimate (the
// work since its last checkpoint is lost). rho is 1 for a job never held back, grows while it
// waits, and stays constant while it runs (until it overruns its estimate).
//
// Leases: running jobs keep their GPUs until the current lease ends. Themis leases each
// allocation; here one lease of kLease seconds (the round of las) runs for the whole cluster,
// started when jobs begin to wait beside running ones. At its end every job, running or
// waiting, is ranked by rho with the key -rho of priority_preemption.hpp: the most unfairly
// treated get the GPUs first, and running jobs of lower rho are preempted for them; a new lease
// starts if jobs still wait. Between lease ends (submissions, completions) waiting jobs start by
// rho on the GPUs left free.
//
// Simplifications of the paper: no auction (no agents bidding for partial allocations, no
// fairness knob f limiting the offer to the worst 1-f of the apps) but one central greedy walk by
// rho; jobs, not apps of several jobs; rigid jobs, so T_isolated is the run on the requested
// GPUs and placement does not change a job's speed in rho.
#include <algorithm>
#include <limits>
#include <optional>

#include "schedulers/builtin_policies.hpp"
#include "schedulers/priority_preemption.hpp"

namespace umbra::sched {
namespace {

constexpr double kLease = 300;  // s

double finish_time_fairness(double now, double submit_time, double remaining, double estimate) {
  return (now - submit_time + remaining) / estimate;
}

class FinishTimeFairness final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    const bool lease_ends = lease_end_ && state.now >= *lease_end_;
    constexpr double kKeepsItsGpus = -std::numeric_limits<double>::infinity();
    Decisions decisions = schedule_by_rank(
        state, {[&](const RunningJob& job) {
                  if (!lease_ends) return kKeepsItsGpus;
                  return -finish_time_fairness(state.now, job.submit_time,
                                               std::max(0.0, job.estimated_end - state.now),
                                               job.estimate);
                },
                [&](const QueuedJob& job) {
                  return -finish_time_fairness(state.now, job.submit_time, job.remaining_estimate,
                                               job.estimate);
                }});
    if (lease_ends || !lease_end_) {
      lease_end_ = next_ranking_round(state, decisions, kLease);
      decisions.wake_up_at = lease_end_;
    }
    return decisions;
  }

 private:
  std::optional<double> lease_end_;  // none while no job waits beside a running one
};

}  // namespace

SchedulerInfo themis_ftf_scheduler() {
  return {"themis-ftf",
          "preemptive finish-time fairness (Themis): highest T_shared/T_isolated first, 300 s "
          "leases",
          [](const SchedulerOptions&) { return std::make_unique<FinishTimeFairness>(); }};
}

}  // namespace umbra::sched
