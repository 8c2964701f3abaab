#pragma once
// The arithmetic of a data-parallel training job (README.md, "How a job is simulated"): how
// much compute and ring all-reduce traffic one segment between two checkpoints holds.
//
// Each iteration all-reduces the gradient over the ring of the job's N GPUs: 2 (N-1) steps
// (reduce-scatter, then all-gather), in each of which every GPU sends 1/N of the gradient to
// its ring neighbour, so the alpha-beta cost of an iteration's all-reduce is
// 2 (N-1) x alpha + 2 (N-1)/N x gradient / beta (Thakur, Rabenseifner and Gropp, "Optimization
// of Collective Communication Operations in MPICH", IJHPCA 2005). The `comm_overlap` fraction of
// the gradient is all-reduced during the backward pass (as the buckets of PyTorch DDP are),
// beside the compute; the rest after it. Each of the two parts is a whole ring all-reduce and
// pays every step's latency: splitting the bytes does not split the latency.
#include "sim/workload/job.hpp"

namespace umbra::workload {

// The ring all-reduce of some iterations, one of its two parts.
struct RingExchange {
  double bytes_each = 0;  // bytes each GPU sends to its ring neighbour
  double steps = 0;       // ring steps, each paying the ring's per-step latency
};

// The work from `progress` (model FLOPs done) to `target_progress`.
struct SegmentPlan {
  double target_progress = 0;  // model FLOPs done when the segment ends
  double gpu_flops_each = 0;   // FLOPs each GPU executes at peak (model FLOPs / MFU)
  RingExchange overlapped;     // during the compute
  RingExchange exposed;        // after the compute
};

// The work from `progress` to `target_progress`. Iterations are a fluid: a range that holds 2.5
// iterations' FLOPs exchanges 2.5 iterations' bytes and steps.
SegmentPlan plan_work(const Job& job, double progress, double target_progress);

// One segment, from `progress` to the next checkpoint or the end; `gpu_peak` is the FLOP/s of
// one GPU of the placement.
SegmentPlan plan_segment(const Job& job, double progress, double gpu_peak);

// Model FLOPs between two checkpoints: checkpoint_interval seconds of full-speed progress on
// the job's GPUs; the whole job when it has no checkpoints.
double checkpoint_period_flops(const Job& job, double gpu_peak);

// Compute time of the whole job on its GPUs at `gpu_peak`, ignoring communication and
// checkpoints: the estimate used when a job gives no walltime.
double ideal_duration(const Job& job, double gpu_peak);

}  // namespace umbra::workload
