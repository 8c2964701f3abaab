// themis-ftf: finish-time fairness, preemptive (Themis, Mahajan et al., NSDI'20).
//
// A job's finish-time fairness is rho = T_shared / T_isolated: the time it will have spent in
// the shared cluster once done, over the time it needs alone. T_isolated is its estimate (a full
// run on its GPUs); T_shared = (now - submit) + its remaining time if it ran from now on: a
// running job's estimated end minus now (never below 0), a queued job's remaining estimate (the
// work since its last checkpoint is lost). rho is 1 for a job never held back, grows while it
// waits, and stays constant while it runs (until it overruns its estimate).
//
// Leases: Themis leases each allocation; here leases of kLease seconds run for the whole
// cluster, ending at 0, 300, 600, ... s (PeriodicRounds). Between lease ends (submissions,
// completions) running jobs keep their GPUs and waiting jobs start by rho on the GPUs left
// free. At a lease end every job, running or waiting, is ranked by rho with the key -rho of
// priority_preemption.hpp: the most unfairly treated get the GPUs first, and running jobs of
// lower rho lose theirs.
//
// A lease ends with the job's state saved, as a Themis app checkpoints when its lease expires.
// Under the default `preemption: save` a losing job writes its checkpoint as it leaves. Under
// `kill`, a losing job whose last save (a checkpoint, JobProgress::checkpoint_time, or its start
// from one) is at most a lease old is preempted; one with more work unsaved checkpoints now
// (CheckpointJob) and keeps its GPUs one more lease, and the jobs that would have taken them
// wait. The ranking is then made again with every running job keeping its GPUs but the losers
// that are preempted, so no job is preempted that the plain ranking would have kept. A
// preemption thus loses at most one lease of work, not up to a whole checkpoint interval (an
// hour of progress for trace workloads) at every lease change.
//
// Simplifications of the paper: no auction (no agents bidding for partial allocations, no
// fairness knob f limiting the offer to the worst 1-f of the apps) but one central greedy walk by
// rho; jobs, not apps of several jobs; rigid jobs, so T_isolated is the run on the requested
// GPUs and placement does not change a job's speed in rho.
#include <algorithm>
#include <functional>
#include <limits>
#include <vector>

#include "schedulers/builtin_policies.hpp"
#include "schedulers/last_save.hpp"
#include "schedulers/periodic_rounds.hpp"
#include "schedulers/priority_preemption.hpp"

namespace umbra::sched {
namespace {

constexpr double kLease = 300;  // s

double finish_time_fairness(double now, double submit_time, double remaining, double estimate) {
  return (now - submit_time + remaining) / estimate;
}

bool preempted(const Decisions& decisions, JobId job) {
  return std::any_of(decisions.preemptions.begin(), decisions.preemptions.end(),
                     [&](const PreemptJob& preemption) { return preemption.job == job; });
}

class FinishTimeFairness final : public PeriodicRounds {
 public:
  explicit FinishTimeFairness(PreemptMode mode) : PeriodicRounds(kLease), mode_(mode) {}

 protected:
  Decisions between_rounds(const ClusterState& state, std::span<const Event>) override {
    return rank(state, [](const RunningJob&) { return true; });
  }

  Decisions round(const ClusterState& state, std::span<const Event>) override {
    Decisions decisions = rank(state, [](const RunningJob&) { return false; });
    if (mode_ == PreemptMode::kSave) return decisions;  // the losers save as they leave
    std::vector<JobId> to_save;
    for (const RunningJob& job : state.running) {
      if (state.now - last_save(job) > kLease && preempted(decisions, job.id)) {
        to_save.push_back(job.id);
      }
    }
    if (to_save.empty()) return decisions;
    const Decisions plain = std::move(decisions);
    decisions = rank(state, [&](const RunningJob& job) {
      return !preempted(plain, job.id) ||
             std::find(to_save.begin(), to_save.end(), job.id) != to_save.end();
    });
    for (const JobId job : to_save) decisions.checkpoints.push_back({job});
    return decisions;
  }

 private:
  // schedule_by_rank by rho, the running jobs `keeps` says keeping their GPUs whatever their rho.
  Decisions rank(const ClusterState& state,
                 const std::function<bool(const RunningJob&)>& keeps) const {
    constexpr double kKeepsItsGpus = -std::numeric_limits<double>::infinity();
    return schedule_by_rank(state,
                            {[&](const RunningJob& job) {
                               if (keeps(job)) return kKeepsItsGpus;
                               return -finish_time_fairness(
                                   state.now, job.submit_time,
                                   std::max(0.0, job.estimated_end - state.now), job.estimate);
                             },
                             [&](const QueuedJob& job) {
                               return -finish_time_fairness(state.now, job.submit_time,
                                                            job.remaining_estimate, job.estimate);
                             }},
                            mode_);
  }

  PreemptMode mode_;
};

}  // namespace

SchedulerInfo themis_ftf_scheduler() {
  return {"themis-ftf",
          "preemptive finish-time fairness (Themis): highest T_shared/T_isolated first, 300 s "
          "leases ending with a checkpoint",
          [](const SchedulerOptions& options) {
            return std::make_unique<FinishTimeFairness>(preemption_mode(options));
          },
          {preemption_option()}};
}

}  // namespace umbra::sched
