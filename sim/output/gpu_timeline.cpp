#include "sim/output/gpu_timeline.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace umbra::output {

void GpuTimeline::set(Use use, double gpus, double now) {
  advance(now);
  gpus_[static_cast<std::size_t>(use)] = gpus;
}

void GpuTimeline::advance(double now) {
  while (last_ < now) {
    auto bucket = static_cast<std::size_t>(std::floor(last_ / width_));
    if (bucket >= kMostBuckets) {
      for (std::size_t b = 0; b < kMostBuckets / 2; ++b) {
        for (std::size_t use = 0; use < 2; ++use) {
          gpu_seconds_[b][use] = gpu_seconds_[2 * b][use] + gpu_seconds_[2 * b + 1][use];
        }
      }
      gpu_seconds_.resize(kMostBuckets / 2);
      width_ *= 2;
      continue;
    }
    if (gpu_seconds_.size() <= bucket) gpu_seconds_.resize(bucket + 1, {0, 0});
    const double until = std::min(now, static_cast<double>(bucket + 1) * width_);
    for (std::size_t use = 0; use < 2; ++use) {
      gpu_seconds_[bucket][use] += gpus_[use] * (until - last_);
    }
    last_ = until;
  }
}

std::vector<GpuUseBucket> GpuTimeline::buckets(double end) {
  advance(end);
  std::vector<GpuUseBucket> out;
  for (std::size_t b = 0; b < gpu_seconds_.size(); ++b) {
    const double start = static_cast<double>(b) * width_;
    const double until = std::min(end, start + width_);
    if (until <= start) break;
    out.push_back(
        {start, until, gpu_seconds_[b][0] / (until - start), gpu_seconds_[b][1] / (until - start)});
  }
  return out;
}

}  // namespace umbra::output
