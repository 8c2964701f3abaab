#pragma once
// The arithmetic of a data-parallel training job (README.md, "How a job is simulated"): how
// much compute and ring all-reduce traffic one segment between two checkpoints holds.
#include "sim/workload/job.hpp"

namespace umbra::workload {

// One segment, from `progress` (model FLOPs done) to the next checkpoint or the end.
struct SegmentPlan {
  double target_progress = 0;        // model FLOPs done when the segment ends
  double gpu_flops_each = 0;         // FLOPs each GPU executes at peak (model FLOPs / MFU)
  double overlapped_bytes_each = 0;  // ring bytes each GPU sends while computing
  double exposed_bytes_each = 0;     // ring bytes each GPU sends after the compute
};

// `gpu_peak` is the FLOP/s of one GPU of the placement. Ring all-reduce: every GPU sends
// 2 (N-1)/N x gradient bytes per iteration to its ring neighbour.
SegmentPlan plan_segment(const Job& job, double progress, double gpu_peak);

// Model FLOPs between two checkpoints: checkpoint_interval seconds of full-speed progress on
// the job's GPUs; the whole job when it has no checkpoints.
double checkpoint_period_flops(const Job& job, double gpu_peak);

// Compute time of the whole job on its GPUs at `gpu_peak`, ignoring communication and
// checkpoints: the estimate used when a job gives no walltime.
double ideal_duration(const Job& job, double gpu_peak);

}  // namespace umbra::workload
