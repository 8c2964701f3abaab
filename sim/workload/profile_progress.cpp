#include "sim/workload/profile_progress.hpp"

namespace umbra::workload {

ProfiledRun::ProfiledRun(const ApplicationProfile& profile, int target_batch_size,
                         const Placement& placement)
    : profile_(profile),
      batch_size_(profile.batch_configuration(target_batch_size, gpu_count(placement)).batch_size),
      seconds_per_step_(profile.seconds_per_step(placement, target_batch_size)) {}

bool ProfiledRun::complete(const TrainingState& state) const {
  return state.epoch > profile_.completion_epoch();
}

double ProfiledRun::goodput(int epoch) const {
  return profile_.gain(batch_size_, epoch) / seconds_per_step_;
}

double ProfiledRun::seconds_to_epoch_end(const TrainingState& state) const {
  if (complete(state)) return 0;
  return (profile_.progress_at_epoch(state.epoch + 1) - state.progress) / goodput(state.epoch);
}

TrainingState ProfiledRun::advance(TrainingState state, double seconds) const {
  while (!complete(state)) {
    const double rate = goodput(state.epoch);
    const double epoch_end = profile_.progress_at_epoch(state.epoch + 1);
    // As Job.step: the epoch ends when the progress would reach its end, not only pass it.
    if (state.progress + rate * seconds < epoch_end) {
      state.progress += rate * seconds;
      break;
    }
    seconds -= (epoch_end - state.progress) / rate;
    state.progress = epoch_end;
    ++state.epoch;
  }
  return state;
}

double ProfiledRun::seconds_to_completion(TrainingState state) const {
  double seconds = 0;
  while (!complete(state)) {
    seconds += seconds_to_epoch_end(state);
    state.progress = profile_.progress_at_epoch(state.epoch + 1);
    ++state.epoch;
  }
  return seconds;
}

}  // namespace umbra::workload
