#pragma once
// What a profile-driven job (job.hpp ProfiledTraining) takes when it runs alone on the placement
// it asks for: the estimate from which its FLOP fields are set, so that the FLOP model, and the
// policies that plan with a job's work, see it as the profile says it runs.
#include "sim/core/error.hpp"
#include "sim/workload/application_profile.hpp"
#include "sim/workload/job.hpp"

namespace umbra::workload {

// `replicas` packed on nodes of `gpus_per_node`, full nodes first: 10 on 4-GPU nodes are
// {4, 4, 2} (the placement the artifact's Tiresias gives a job on an empty cluster).
Placement packed_placement(int replicas, int gpus_per_node);

struct ProfiledEstimate {
  Placement placement;  // packed on nodes of the profile's largest measured node
  double run_time = 0;  // s from the first step to completion, without restarts
  double steps = 0;     // optimiser steps in that time
};

// The job of `replicas` GPUs alone on its packed placement; OutsideProfile when the profile
// does not cover it.
ProfiledEstimate estimate_profiled_run(const ProfiledTraining& training, int replicas);

// The same for a job read at `where`: a job its profile does not cover is an InputError there
// ("application \"yolov3\" at batch size 64 on 48 GPUs: ...").
ProfiledEstimate profiled_estimate(const ProfiledTraining& training, int replicas,
                                   const SourcePosition& where);

}  // namespace umbra::workload
