#include "sim/workload/training_model.hpp"

#include <algorithm>

#include "sim/workload/profile_progress.hpp"

namespace umbra::workload {

double checkpoint_period_flops(const Job& job, double gpu_peak) {
  if (job.checkpoint_interval <= 0) return job.work_flops;
  return job.checkpoint_interval * job.gpus * gpu_peak * job.mfu;
}

double total_work(const Job& job) {
  switch (speed_model(job)) {
    case SpeedModel::kFlops:
      return job.work_flops;
    case SpeedModel::kProfile:
      return job.profiled->profile->completion_progress();
    case SpeedModel::kMeasuredThroughput:
      return job.iterations;
  }
  return job.work_flops;
}

SegmentPlan plan_work(const Job& job, double progress, double target_progress) {
  SegmentPlan plan;
  plan.target_progress = target_progress;
  const double flops = target_progress - progress;
  const double n = job.gpus;
  plan.gpu_flops_each = flops / n / job.mfu;
  if (speed_model(job) != SpeedModel::kFlops || job.gpus <= 1 || job.gradient_bytes <= 0 ||
      flops <= 0)
    return plan;
  const double iterations = flops / (job.work_flops / job.iterations);
  const double ring_bytes = iterations * 2.0 * (n - 1) / n * job.gradient_bytes;
  const double ring_steps = iterations * 2.0 * (n - 1);
  if (job.comm_overlap > 0) plan.overlapped = {ring_bytes * job.comm_overlap, ring_steps};
  if (job.comm_overlap < 1) plan.exposed = {ring_bytes * (1 - job.comm_overlap), ring_steps};
  return plan;
}

SegmentPlan plan_segment(const Job& job, double progress, double gpu_peak) {
  return plan_work(job, progress,
                   std::min(job.work_flops, progress + checkpoint_period_flops(job, gpu_peak)));
}

SegmentPlan plan_profiled_segment(const Job& job, const Placement& placement, double progress,
                                  double checkpointed, double gpu_speed) {
  const ApplicationProfile& profile = *job.profiled->profile;
  const ProfiledRun run(profile, job.profiled->batch_size, placement);
  const int epoch = profile.epoch_at_progress(progress);
  SegmentPlan plan;
  plan.end = SegmentEnd::kEpoch;
  plan.target_progress = profile.progress_at_epoch(epoch + 1);
  if (job.checkpoint_interval > 0) {
    const TrainingState saved{profile.epoch_at_progress(checkpointed), checkpointed};
    const double checkpoint = run.advance(saved, job.checkpoint_interval).progress;
    if (checkpoint < plan.target_progress) {
      plan.target_progress = checkpoint;
      plan.end = SegmentEnd::kCheckpoint;
    }
  }
  plan.gpu_flops_each = (plan.target_progress - progress) / run.goodput(epoch) * gpu_speed;
  return plan;
}

SegmentPlan plan_measured_segment(const Job& job, double iterations_per_second, double progress,
                                  double gpu_speed) {
  SegmentPlan plan;
  plan.target_progress = job.iterations;
  if (job.checkpoint_interval > 0) {
    plan.target_progress =
        std::min(plan.target_progress, progress + job.checkpoint_interval * iterations_per_second);
  }
  plan.gpu_flops_each = (plan.target_progress - progress) / iterations_per_second * gpu_speed;
  return plan;
}

double work_gpu_seconds(const Job& job, double progress, double gpu_peak) {
  if (speed_model(job) == SpeedModel::kFlops) return progress / (gpu_peak * job.mfu);
  // Measured progress as its share of the job's FLOP equivalent (profile_estimate.hpp,
  // job_fields.cpp read_measured).
  return progress / total_work(job) * ideal_duration(job, gpu_peak) * job.gpus;
}

double ideal_duration(const Job& job, double gpu_peak) {
  return job.work_flops / (job.gpus * gpu_peak * job.mfu);
}

}  // namespace umbra::workload
