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
//
// A job with a measured throughput per GPU model (job.hpp MeasuredThroughput) counts its progress
// in iterations, at the throughput of the GPU model it got, and likewise sends no traffic.
//
// A profile-driven job (job.hpp ProfiledTraining) counts its progress in its profile's units
// (profile_progress.hpp) and runs at the profile's goodput on its placement. It has no
// all-reduce traffic: the measured step time includes the synchronisation. What that loses is
// contention: its gradients share no link with other jobs' traffic, so it runs at the speed
// measured on an otherwise idle network.
#include "sim/workload/application_profile.hpp"
#include "sim/workload/job.hpp"

namespace umbra::workload {

// The ring all-reduce of some iterations, one of its two parts.
struct RingExchange {
  double bytes_each = 0;  // bytes each GPU sends to its ring neighbour
  double steps = 0;       // ring steps, each paying the ring's per-step latency
};

// Where a segment ends: at a checkpoint (or the job's end), which saves the progress, or, for
// a profile-driven job, at an epoch boundary, where its goodput changes and it goes on.
enum class SegmentEnd { kCheckpoint, kEpoch };

// The work from `progress` (model FLOPs done, or a profile's progress) to `target_progress`.
struct SegmentPlan {
  double target_progress = 0;  // progress when the segment ends
  SegmentEnd end = SegmentEnd::kCheckpoint;
  double gpu_flops_each = 0;  // FLOPs each GPU executes at peak (model FLOPs / MFU)
  RingExchange overlapped;    // during the compute
  RingExchange exposed;       // after the compute
};

// The progress at which the job is done: its model FLOPs, or its profile's completion progress.
double total_work(const Job& job);

// The work from `progress` to `target_progress`. Iterations are a fluid: a range that holds 2.5
// iterations' FLOPs exchanges 2.5 iterations' bytes and steps. A profile-driven job exchanges
// nothing.
SegmentPlan plan_work(const Job& job, double progress, double target_progress);

// One segment, from `progress` to the next checkpoint or the end; `gpu_peak` is the FLOP/s of
// one GPU of the placement.
SegmentPlan plan_segment(const Job& job, double progress, double gpu_peak);

// One segment of a profile-driven job on `placement` (GPUs on each node), from `progress` to the
// first of its epoch's end, its next checkpoint (checkpoint_interval seconds of its goodput on
// this placement after the progress `checkpointed`) and its completion, so that its goodput is
// constant across the segment. Its compute is the segment's duration on each GPU, as FLOPs at
// `gpu_speed` (the GPU's FLOP/s at full speed): a GPU in a slower power state takes longer in
// proportion.
SegmentPlan plan_profiled_segment(const Job& job, const Placement& placement, double progress,
                                  double checkpointed, double gpu_speed);

// One segment of a job with measured throughputs running at `iterations_per_second` on its
// placement (measured_throughput.hpp), from `progress` (iterations done) to its next checkpoint
// (checkpoint_interval seconds at that rate later) or its end. Its compute, as in
// plan_profiled_segment, is the segment's duration on each GPU as FLOPs at `gpu_speed`. It
// exchanges nothing: a measured throughput includes the job's synchronisation.
SegmentPlan plan_measured_segment(const Job& job, double iterations_per_second, double progress,
                                  double gpu_speed);

// GPU-seconds of computation that `progress` took on GPUs of `gpu_peak` FLOP/s.
double work_gpu_seconds(const Job& job, double progress, double gpu_peak);

// Model FLOPs between two checkpoints: checkpoint_interval seconds of full-speed progress on
// the job's GPUs; the whole job when it has no checkpoints.
double checkpoint_period_flops(const Job& job, double gpu_peak);

// Compute time of the whole job on its GPUs at `gpu_peak`, ignoring communication and
// checkpoints: the estimate used when a job gives no walltime.
double ideal_duration(const Job& job, double gpu_peak);

}  // namespace umbra::workload
