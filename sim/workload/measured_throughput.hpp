#pragma once
// The speed of a job with a measured throughput per GPU model (job.hpp MeasuredThroughput) on
// the GPUs it got. A synchronous data-parallel job steps at the pace of its slowest GPU, so on
// a placement of several GPU models it runs at the lowest of their throughputs.
#include <optional>
#include <span>
#include <string_view>

#include "sim/workload/job.hpp"

namespace umbra::workload {

// The job's iterations per second on GPUs of `gpu_model`, or nothing when it has none there.
std::optional<double> throughput_on(const MeasuredThroughput& measured, std::string_view gpu_model);

// Its iterations per second on a placement whose nodes have GPUs of `gpu_models` (one entry per
// node): the lowest of their throughputs. std::logic_error for a model it has none for (the
// workload reader refuses such a job on a platform where it could be placed there).
double placement_throughput(const MeasuredThroughput& measured,
                            std::span<const std::string_view> gpu_models);

}  // namespace umbra::workload
