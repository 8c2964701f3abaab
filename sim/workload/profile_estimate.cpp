#include "sim/workload/profile_estimate.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sim/workload/profile_progress.hpp"

namespace umbra::workload {

Placement packed_placement(int replicas, int gpus_per_node) {
  Placement placement;
  for (int left = replicas; left > 0; left -= gpus_per_node) {
    placement.push_back(std::min(left, gpus_per_node));
  }
  return placement;
}

ProfiledEstimate estimate_profiled_run(const ProfiledTraining& training, int replicas) {
  const ApplicationProfile& profile = *training.profile;
  ProfiledEstimate estimate;
  estimate.placement = packed_placement(replicas, profile.max_gpus_per_node());
  const ProfiledRun run(profile, training.batch_size, estimate.placement);
  estimate.run_time = run.seconds_to_completion({});
  estimate.steps =
      estimate.run_time / profile.seconds_per_step(estimate.placement, training.batch_size);
  return estimate;
}

ProfiledEstimate profiled_estimate(const ProfiledTraining& training, int replicas,
                                   const SourcePosition& where) {
  try {
    return estimate_profiled_run(training, replicas);
  } catch (const OutsideProfile& outside) {
    throw InputError(where, fmt::format("application \"{}\" at batch size {} on {} GPUs is "
                                        "outside its measurements ({})",
                                        training.profile->name(), training.batch_size, replicas,
                                        outside.what()));
  }
}

}  // namespace umbra::workload
