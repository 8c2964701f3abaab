#pragma once
// The GPUs held by jobs and the GPUs computing over a run, as means over buckets of time
// (gpu_use.csv): utilisation over time without a row per change, since the computing GPUs
// change at every step of every job. Buckets are kFirstBucketSeconds wide at first; when the
// run outgrows kMostBuckets of them, neighbours merge in pairs and the width doubles, so that a
// run of any length has at most kMostBuckets, and at least half as many once it has merged.
#include <array>
#include <cstddef>
#include <vector>

namespace umbra::output {

// Mean GPUs over [start, end), s.
struct GpuUseBucket {
  double start = 0, end = 0;
  double held = 0, computing = 0;
};

class GpuTimeline {
 public:
  static constexpr double kFirstBucketSeconds = 60;
  static constexpr std::size_t kMostBuckets = 4096;

  enum class Use { kHeld, kComputing };
  // `gpus` of that use from `now` on (times never decrease).
  void set(Use use, double gpus, double now);
  // The buckets up to `end`, the last one cut there.
  std::vector<GpuUseBucket> buckets(double end);

 private:
  void advance(double now);  // accounts the levels from last_ to now

  double width_ = kFirstBucketSeconds;
  std::vector<std::array<double, 2>> gpu_seconds_;  // per bucket: held, computing
  std::array<double, 2> gpus_{0, 0};
  double last_ = 0;
};

}  // namespace umbra::output
