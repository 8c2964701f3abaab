#pragma once
// Synthetic workloads at a target load. The load is relative to a GPU capacity the caller
// chooses (`umbra workload generate --load-of`: the ground sites', the satellites' or all):
// load 0.8 offers, on average over seeds, 0.8 x capacity GPUs busy with jobs' run times, i.e.
//   offered load = sum over jobs of (GPUs x duration) / (capacity GPUs x arrival span);
// one seed's realised load differs from the target by the luck of its draws.
// Sizes and durations are drawn first (so the realised mean of GPUs x duration is known),
// then the arrival rate that gives the target load on average over seeds (the span is in the
// load's denominator: workload_generator.cpp sizes the gaps for it): Poisson arrivals (exponential
// gaps), or the gaps of a trace, resampled and scaled to the same mean. Models come from a weighted
// mix of the profile table, or by GPU count. Each purpose draws from its own stream of the seeded
// umbra::Rng, so the same seed gives the same bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/spec/platform_spec.hpp"
#include "sim/workload/distribution.hpp"
#include "sim/workload/model_profiles.hpp"

namespace umbra::workload {

struct GeneratorOptions {
  int jobs = 1000;
  // s; when set, jobs are drawn until their GPU-time offers the load over this span, and `jobs`
  // is not used: a workload that grows with the capacity it is offered to.
  std::optional<double> span;
  double load = 0.8;
  int capacity_gpus = 0;           // the GPUs the load is relative to; must be positive
  std::vector<double> trace_gaps;  // s between a trace's arrivals; empty: Poisson
  Distribution sizes = Distribution::parse("choice:1,2,4,8@0.4,0.3,0.2,0.1", std::nullopt, "");
  Distribution durations = Distribution::parse("lognormal:8,1.5", Quantity::kTime, "");
  std::vector<std::pair<const ModelProfile*, double>> models;  // weights; empty: by GPU count
  std::uint64_t seed = 0;
  std::string reference_gpu;  // a GPU model of the platform; empty: the first one
};

struct GeneratedJob {
  std::string id;
  double submit = 0;  // s
  int gpus = 0;
  double duration = 0;  // s on the reference GPU
  const ModelProfile* profile = nullptr;
};

struct GeneratedWorkload {
  std::vector<GeneratedJob> jobs;  // in submit order
  std::string reference_gpu;
  double offered_load = 0;  // as realised, by the formula above
  std::vector<std::string> warnings;
};

GeneratedWorkload generate_workload(const spec::PlatformSpec& platform,
                                    const GeneratorOptions& options);

// A job above this share of the workload's GPU-time gets a warning: a heavy tail (the default
// lognormal:8,1.5 now and then draws a job of hundreds of hours) then sets the realised load and
// the makespan.
inline constexpr double kDominantJobShare = 0.10;

// sum(GPUs x duration) / (capacity GPUs x submit time of the last job).
double offered_load(const std::vector<GeneratedJob>& jobs, int capacity_gpus);

// The native CSV of a generated workload (native_reader.hpp reads it back).
std::string generated_workload_csv(const GeneratedWorkload& workload);

}  // namespace umbra::workload
