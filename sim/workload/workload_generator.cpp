#include "sim/workload/workload_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

#include "sim/core/error.hpp"
#include "sim/core/units.hpp"
#include "sim/workload/trace_sink.hpp"

namespace umbra::workload {
namespace {

// Independent streams of the run's Rng, one per purpose.
enum Stream : std::uint64_t { kSizes = 1, kDurations = 2, kArrivals = 3, kModels = 4 };

constexpr int kMaxRedraws = 1000;             // per job, for a size or duration outside its range
constexpr double kCheckpointInterval = 3600;  // s of progress, as for trace jobs
constexpr double kMfu = 0.4;
constexpr std::size_t kMaxSpanJobs = 10'000'000;  // a --span that would fill the memory

// Draws until `accept` holds; InputError when the distribution rarely gives such a value.
template <class Accept>
double draw(const Distribution& distribution, Rng& rng, Accept accept, const std::string& what) {
  for (int attempt = 0; attempt < kMaxRedraws; ++attempt) {
    const double value = distribution.sample(rng);
    if (accept(value)) return value;
  }
  throw InputError(
      fmt::format("\"{}\" gave no {} in {} draws", distribution.description(), what, kMaxRedraws));
}

const ModelProfile& pick_model(const GeneratorOptions& options, int gpus, Rng& rng) {
  if (options.models.empty()) return model_profile_for_gpus(gpus);
  double total = 0;
  for (const auto& [profile, weight] : options.models) total += weight;
  double u = rng.uniform() * total;
  for (const auto& [profile, weight] : options.models) {
    if (u < weight) return *profile;
    u -= weight;
  }
  return *options.models.back().first;
}

// The realised load is G / (capacity x S): G the jobs' GPU-seconds, S the span, a sum of N
// random gaps of mean m. S is in the denominator, so E[1/S] > 1/E[S] and gaps of mean
// G / (capacity x load x N) overshoot the target on average (by 11 % for 10 jobs). This returns
// the N' for which gaps of mean G / (capacity x load x N') give the target on average over
// seeds. Poisson arrivals: S is Gamma(N, m), E[1/S] = 1 / ((N - 1) m) exactly, so N' = N - 1
// (one job alone has E[1/S] infinite: N' = 1). Gaps resampled from a trace, to second order in
// their coefficient of variation cv: E[1/S] = (1 + cv^2 / N) / (N m), so N' = N / (1 + cv^2 / N).
double span_gaps_for_target(int jobs, const std::vector<double>& trace_gaps, double trace_mean) {
  const double n = static_cast<double>(jobs);
  if (trace_gaps.empty()) return std::max(1.0, n - 1);
  double squares = 0;
  for (const double gap : trace_gaps) squares += (gap - trace_mean) * (gap - trace_mean);
  const double cv2 = squares / static_cast<double>(trace_gaps.size()) / (trace_mean * trace_mean);
  return n / (1 + cv2 / n);
}

}  // namespace

GeneratedWorkload generate_workload(const spec::PlatformSpec& platform,
                                    const GeneratorOptions& options) {
  if (!options.span && options.jobs <= 0) throw InputError("--jobs must be positive");
  if (options.span && !(*options.span > 0)) throw InputError("--span must be positive");
  if (!(options.load > 0)) throw InputError("--load must be positive");
  GeneratedWorkload out;
  out.reference_gpu = find_reference_gpu(platform, options.reference_gpu).name;
  const int capacity = options.capacity_gpus;
  const int largest = platform.largest_site_gpus();
  if (capacity <= 0) throw InputError("the platform has no GPUs to offer a load to");
  if (options.load > 1) {
    out.warnings.push_back(fmt::format(
        "the offered load {:.2f} exceeds the platform's capacity: the queue grows without bound "
        "and the run never reaches a steady state",
        options.load));
  }

  const Rng root(options.seed);
  Rng sizes = root.fork(kSizes), durations = root.fork(kDurations);
  Rng arrivals = root.fork(kArrivals), models = root.fork(kModels);
  double gpu_seconds = 0;
  const double span_gpu_seconds =
      options.span ? options.load * static_cast<double>(capacity) * *options.span : 0;
  const auto more_jobs = [&] {
    if (!options.span) return out.jobs.size() < static_cast<std::size_t>(options.jobs);
    if (out.jobs.size() >= kMaxSpanJobs) {
      throw InputError(fmt::format("--span {} at load {:g} of {} GPUs needs more than {} jobs",
                                   format_duration(*options.span), options.load, capacity,
                                   kMaxSpanJobs));
    }
    return gpu_seconds < span_gpu_seconds;
  };
  while (more_jobs()) {
    GeneratedJob& job = out.jobs.emplace_back();
    job.id = fmt::format("job-{:06d}", out.jobs.size());
    job.gpus = static_cast<int>(std::lround(draw(
        options.sizes, sizes,
        [&](double v) { return std::lround(v) >= 1 && std::lround(v) <= largest; },
        fmt::format("size between 1 and {} GPUs (the largest site)", largest))));
    job.duration = draw(
        options.durations, durations, [](double v) { return v >= 1e-3; }, "duration >= 1 ms");
    job.profile = &pick_model(options, job.gpus, models);
    gpu_seconds += job.gpus * job.duration;
  }
  const int job_count = static_cast<int>(out.jobs.size());

  const double trace_mean =
      options.trace_gaps.empty()
          ? 0
          : std::accumulate(options.trace_gaps.begin(), options.trace_gaps.end(), 0.0) /
                static_cast<double>(options.trace_gaps.size());
  if (!options.trace_gaps.empty() && trace_mean <= 0) {
    throw InputError("the arrival trace's jobs are all submitted at once: no gaps to resample");
  }
  const double mean_gap =
      gpu_seconds / (options.load * static_cast<double>(capacity) *
                     span_gaps_for_target(job_count, options.trace_gaps, trace_mean));
  double now = 0;
  for (GeneratedJob& job : out.jobs) {
    now += options.trace_gaps.empty()
               ? arrivals.exponential(mean_gap)
               : options.trace_gaps[arrivals.uniform_int(options.trace_gaps.size())] *
                     (mean_gap / trace_mean);
    job.submit = now;
  }
  out.offered_load = offered_load(out.jobs, capacity);
  const auto heaviest = std::max_element(out.jobs.begin(), out.jobs.end(),
                                         [](const GeneratedJob& x, const GeneratedJob& y) {
                                           return x.gpus * x.duration < y.gpus * y.duration;
                                         });
  const double share = heaviest->gpus * heaviest->duration / gpu_seconds;
  if (share > kDominantJobShare) {
    out.warnings.push_back(fmt::format(
        "{} ({} GPU{} x {}) holds {:.1f} % of the workload's GPU-time: one job dominates, so the "
        "realised load and the makespan hang on it (more jobs or a lighter-tailed --durations "
        "spread it)",
        heaviest->id, heaviest->gpus, heaviest->gpus == 1 ? "" : "s",
        format_duration(heaviest->duration), 100 * share));
  }
  return out;
}

double offered_load(const std::vector<GeneratedJob>& jobs, int capacity_gpus) {
  if (jobs.empty() || capacity_gpus <= 0) return 0;
  double gpu_seconds = 0;
  for (const GeneratedJob& job : jobs) gpu_seconds += job.gpus * job.duration;
  const double span = jobs.back().submit;
  return span > 0 ? gpu_seconds / (capacity_gpus * span) : 0;
}

std::string generated_workload_csv(const GeneratedWorkload& workload) {
  std::string csv =
      "# Generated by umbra workload generate: duration on the reference GPU, model from the\n"
      "# profile table (gradient bf16, checkpoint 14 bytes per parameter). Every quantity\n"
      "# carries its unit, so that reading it back warns of none.\n"
      "id,submit,gpus,duration,reference_gpu,iterations,gradient,mfu,checkpoint_size,"
      "checkpoint_interval\n";
  for (const GeneratedJob& job : workload.jobs) {
    const ModelProfile& profile = *job.profile;
    const double iterations = std::max(1.0, std::round(job.duration / profile.iteration_time));
    fmt::format_to(std::back_inserter(csv),
                   "{},{:.3f} s,{},{:.3f} s,{},{:.0f},{:.0f} B,{},{:.0f} B,{:.0f} s\n", job.id,
                   job.submit, job.gpus, job.duration, workload.reference_gpu, iterations,
                   profile.gradient_bytes(), kMfu, profile.checkpoint_bytes(), kCheckpointInterval);
  }
  return csv;
}

}  // namespace umbra::workload
