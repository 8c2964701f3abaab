#pragma once
// The metrics of a run, computed from its job records. Definitions (reference:
// traces-and-policies.md §3): JCT = end - submit; wait = first start - submit;
// makespan = end of the last job; GPU utilisation = allocated GPU-seconds / (GPUs x makespan).
// Percentiles interpolate linearly between closest ranks (the numpy default).
#include <optional>
#include <vector>

#include "sim/output/run_result.hpp"

namespace umbra::output {

struct Distribution {
  double mean = 0, median = 0, p99 = 0, max = 0;
};

// Restricts the job metrics (jobs, JCT, wait, preemptions, lost GPU-hours) to the jobs in a
// window, to measure the steady state as the literature does (traces-and-policies.md §3 end);
// makespan, utilisation and energy stay whole-run figures.
struct MeasureWindow {
  enum class By { kJobIndex, kSubmitTime };
  By by = By::kJobIndex;
  double from = 0;  // job index (0-based, workload order) or submit time (s); inclusive
  double to = 0;    // exclusive
};

struct Summary {
  int jobs_total = 0;
  int jobs_finished = 0;
  Distribution jct;
  Distribution wait;
  double makespan = 0;
  double gpu_utilisation = 0;
  double energy_joules = 0;
  double lost_gpu_hours = 0;
  int preemptions = 0;
  std::optional<MeasureWindow> window;
};

Summary summarise(const RunResult& result, const std::optional<MeasureWindow>& window = {});
double percentile(std::vector<double> values, double fraction);  // fraction in [0, 1]

}  // namespace umbra::output
