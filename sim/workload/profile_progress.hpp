#pragma once
// A profile-driven job on a placement that does not change: how its progress grows with time,
// in the continuous time of an event-driven engine. Between two epoch boundaries the goodput is
// constant (the batch configuration depends on the placement only, the gradient statistics on
// the epoch), so progress is piecewise linear in time and each piece ends at an epoch boundary.
//
// The artifact advances jobs in 60 s steps and, when a step crosses an epoch boundary, rounds
// the time to it to whole seconds (simulator.py Job.step, `delta = round(...)`) while setting
// the progress exactly to the boundary. That rounding is not kept here. It moves each epoch's
// end by up to half a second, and the moves add up along the job's clock, so a job of E epochs
// ends up to E / 2 s earlier or later than the exact time: at most 50 s for the 100 epochs of
// cifar10, 1 s for bert's 2, and usually much less, as the moves have either sign. Completion
// times here are exact rather than whole seconds.
#include "sim/workload/application_profile.hpp"

namespace umbra::workload {

// Where a job is in its training.
struct TrainingState {
  int epoch = 0;        // the epoch being trained (0-based)
  double progress = 0;  // progress_at_epoch(epoch) <= progress < progress_at_epoch(epoch + 1)
};

class ProfiledRun {
 public:
  // The job at `target_batch_size` on `placement`; the profile outlives the run.
  ProfiledRun(const ApplicationProfile& profile, int target_batch_size, const Placement& placement);

  // Complete: past the completion epoch (Job.step sets completion when epoch > completion).
  bool complete(const TrainingState& state) const;
  // Progress per second during `epoch`.
  double goodput(int epoch) const;
  // Seconds until the current epoch ends (0 when complete).
  double seconds_to_epoch_end(const TrainingState& state) const;
  // The state after `seconds` of training from `state`, across as many epochs as they cover; a
  // job that completes stays at its completion.
  TrainingState advance(TrainingState state, double seconds) const;
  // Seconds from `state` to completion.
  double seconds_to_completion(TrainingState state) const;

 private:
  const ApplicationProfile& profile_;
  // What the goodput needs of the placement, fixed for the run (ApplicationProfile::goodput).
  int batch_size_;  // as configured on the placement's replicas
  double seconds_per_step_;
};

}  // namespace umbra::workload
