#include "sim/workload/training_model.hpp"

#include <algorithm>

namespace umbra::workload {

double checkpoint_period_flops(const Job& job, double gpu_peak) {
  if (job.checkpoint_interval <= 0) return job.work_flops;
  return job.checkpoint_interval * job.gpus * gpu_peak * job.mfu;
}

SegmentPlan plan_segment(const Job& job, double progress, double gpu_peak) {
  SegmentPlan plan;
  plan.target_progress =
      std::min(job.work_flops, progress + checkpoint_period_flops(job, gpu_peak));
  const double segment_flops = plan.target_progress - progress;
  const double n = job.gpus;
  plan.gpu_flops_each = segment_flops / n / job.mfu;
  if (job.gpus > 1 && job.gradient_bytes > 0) {
    const double iterations = segment_flops / (job.work_flops / job.iterations);
    const double ring_bytes = iterations * 2.0 * (n - 1) / n * job.gradient_bytes;
    plan.overlapped_bytes_each = ring_bytes * job.comm_overlap;
    plan.exposed_bytes_each = ring_bytes - plan.overlapped_bytes_each;
  }
  return plan;
}

double ideal_duration(const Job& job, double gpu_peak) {
  return job.work_flops / (job.gpus * gpu_peak * job.mfu);
}

}  // namespace umbra::workload
