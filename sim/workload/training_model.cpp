#include "sim/workload/training_model.hpp"

#include <algorithm>

namespace umbra::workload {

double checkpoint_period_flops(const Job& job, double gpu_peak) {
  if (job.checkpoint_interval <= 0) return job.work_flops;
  return job.checkpoint_interval * job.gpus * gpu_peak * job.mfu;
}

SegmentPlan plan_work(const Job& job, double progress, double target_progress) {
  SegmentPlan plan;
  plan.target_progress = target_progress;
  const double flops = target_progress - progress;
  const double n = job.gpus;
  plan.gpu_flops_each = flops / n / job.mfu;
  if (job.gpus <= 1 || job.gradient_bytes <= 0 || flops <= 0) return plan;
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

double ideal_duration(const Job& job, double gpu_peak) {
  return job.work_flops / (job.gpus * gpu_peak * job.mfu);
}

}  // namespace umbra::workload
