#include "sim/output/summary.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace umbra::output {

std::string_view to_string(JobState state) {
  switch (state) {
    case JobState::kFinished:
      return "finished";
    case JobState::kKilledAtWalltime:
      return "walltime";
    case JobState::kRunning:
      return "running";
    case JobState::kQueued:
      return "queued";
  }
  return "unknown";
}

std::string_view to_string(AllocationEnd end) {
  switch (end) {
    case AllocationEnd::kFinished:
      return "finished";
    case AllocationEnd::kPreempted:
      return "preempted";
    case AllocationEnd::kMigrated:
      return "migrated";
    case AllocationEnd::kPowerFailed:
      return "power-failed";
    case AllocationEnd::kPowerSuspended:
      return "power-suspended";
    case AllocationEnd::kKilledAtWalltime:
      return "walltime";
    case AllocationEnd::kRunning:
      return "running";
  }
  return "unknown";
}

double percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = fraction * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(rank));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (rank - static_cast<double>(below)) * (values[above] - values[below]);
}

namespace {

Distribution distribution(const std::vector<double>& values) {
  if (values.empty()) return {};
  const double sum = std::accumulate(values.begin(), values.end(), 0.0);
  return {sum / static_cast<double>(values.size()), percentile(values, 0.5),
          percentile(values, 0.99), *std::max_element(values.begin(), values.end())};
}

}  // namespace

Summary summarise(const RunResult& result, const std::optional<MeasureWindow>& window) {
  Summary summary;
  summary.window = window;
  std::vector<double> jct, wait, fairness;
  bool all_finished = true;
  for (std::size_t index = 0; index < result.jobs.size(); ++index) {
    const auto& job = result.jobs[index];
    all_finished = all_finished && job.state == JobState::kFinished;
    if (job.end) summary.makespan = std::max(summary.makespan, *job.end);
    summary.useful_gpu_hours += job.work_gpu_seconds / 3600;
    if (window) {
      const double at =
          window->by == MeasureWindow::By::kJobIndex ? static_cast<double>(index) : job.submit;
      if (at < window->from || at >= window->to) continue;
    }
    ++summary.jobs_total;
    summary.lost_gpu_hours += job.lost_gpu_seconds / 3600.0;
    summary.stalled_gpu_hours += job.route_wait_seconds * job.gpus / 3600.0;
    summary.preemptions += job.preemptions;
    summary.power_failures += job.power_failures;
    summary.migrations += job.migrations;
    summary.checkpoint_bytes_shipped += job.checkpoint_bytes_shipped;
    if (job.start) wait.push_back(*job.start - job.submit);
    if (job.state != JobState::kFinished) {
      ++summary.jobs_lost;
      if (job.state == JobState::kKilledAtWalltime) ++summary.jobs_killed_at_walltime;
      continue;
    }
    ++summary.jobs_finished;
    jct.push_back(*job.end - job.submit);
    if (job.isolated_seconds > 0) fairness.push_back(jct.back() / job.isolated_seconds);
  }
  summary.jct = distribution(jct);
  summary.wait = distribution(wait);
  summary.finish_time_fairness = distribution(fairness);
  const double span =
      all_finished && !result.jobs.empty() ? summary.makespan : result.totals.end_time;
  summary.gpu_utilisation =
      span > 0 && result.totals.platform_gpus > 0
          ? result.totals.allocated_gpu_seconds / (result.totals.platform_gpus * span)
          : 0;
  summary.energy_joules = result.totals.energy_joules;
  summary.unallocated_gpu_energy_joules = result.totals.unallocated_gpu_joules;
  for (const SiteEnergy& site : result.totals.site_energy) {
    summary.facility_energy_joules += site.facility_joules();
  }
  summary.energy_kwh_per_useful_gpu_hour =
      summary.useful_gpu_hours > 0 ? summary.energy_joules / 3.6e6 / summary.useful_gpu_hours : 0;
  return summary;
}

}  // namespace umbra::output
