#pragma once
// The metrics of a run, computed from its job records. Definitions, as in the batch-scheduling
// literature (Feitelson & Rudolph, "Metrics and Benchmarking for Parallel Job Scheduling",
// JSSPP 1998): JCT = end - submit; wait = first start - submit;
// makespan = end of the last job; GPU utilisation = allocated GPU-seconds / (GPUs x makespan).
// Percentiles interpolate linearly between closest ranks (the numpy default).
//
// Further metrics:
// - Finish-time fairness rho = JCT / T_isolated for each finished job (Themis, NSDI'20), where
//   T_isolated is the job's run time alone on its allocation. Umbra takes it to be the job's
//   ideal duration (JobRecord::isolated_seconds: its compute time on its GPUs at the peak of the
//   first site large enough for it, or at its measured throughput on that site's GPU model,
//   with no queueing, communication, checkpoints or preemption), so rho >= 1 unless the job
//   ran on faster GPUs than that site's; jobs without an ideal duration are left out. Reported
//   as a distribution (mean, median, p99, max). (The themis-ftf policy ranks jobs by its
//   estimate instead, the user's walltime when given; the metric measures the outcome, so it
//   does not depend on how good the estimates were.)
// - Stalled GPU-hours: GPUs held while their job waited for a route (every job's
//   route_wait_seconds x its GPUs: a transfer had no path and nothing computed), not counting
//   the waits that a rollback threw away, which are lost ones.
// - Useful GPU-hours = the work the jobs' kept progress is, in GPU-hours alone on their GPUs
//   (every job's work_gpu_seconds: GPUs x T_isolated for a finished job), over the whole run. GPU time held for communication, checkpoints, staging, restarts,
//   stalls or rolled-back work is not useful, nor is the time a slow placement or pstate adds.
// - Energy per useful GPU-hour (kWh per GPU-hour) = GPU energy of the whole run / useful
//   GPU-hours; 0 when no work was done. Energy counts every GPU, idle or busy, so idle
//   capacity raises it.
// - Facility energy = the sum over sites of IT energy x PUE (ground sites' pue; 1 in orbit): the
//   grid energy with cooling and power losses.
// - Jobs lost = jobs whose final state is not finished (still running or queued when the run
//   ended), counted from the records.
#include <optional>
#include <vector>

#include "sim/output/run_result.hpp"

namespace umbra::output {

struct Distribution {
  double mean = 0, median = 0, p99 = 0, max = 0;
};

// Restricts the job metrics (jobs, jobs lost, JCT, wait, finish-time fairness, preemptions,
// lost and stalled GPU-hours) to the jobs in a window, to measure the steady state as the
// literature does (leaving out the warm-up and drain-down jobs); makespan, utilisation and
// energy stay whole-run figures.
struct MeasureWindow {
  enum class By { kJobIndex, kSubmitTime };
  By by = By::kJobIndex;
  double from = 0;  // job index (0-based, workload order) or submit time (s); inclusive
  double to = 0;    // exclusive
};

struct Summary {
  int jobs_total = 0;
  int jobs_finished = 0;
  int jobs_lost = 0;            // not finished: killed at their walltime, or still waiting
  int jobs_killed_at_walltime = 0;
  Distribution jct;
  Distribution wait;
  Distribution finish_time_fairness;  // rho, dimensionless
  double makespan = 0;
  double gpu_utilisation = 0;
  double energy_joules = 0;           // IT: the GPUs'
  double unallocated_gpu_energy_joules = 0;  // the part drawn by GPUs no job held
  double facility_energy_joules = 0;  // what the grid gave: each site's IT energy x its PUE
  double useful_gpu_hours = 0;
  double energy_kwh_per_useful_gpu_hour = 0;
  double lost_gpu_hours = 0;
  double stalled_gpu_hours = 0;
  int preemptions = 0;
  int power_failures = 0;  // jobs failed by a node going dark, counted per failure
  int migrations = 0;
  double checkpoint_bytes_shipped = 0;
  std::optional<MeasureWindow> window;
};

Summary summarise(const RunResult& result, const std::optional<MeasureWindow>& window = {});
double percentile(std::vector<double> values, double fraction);  // fraction in [0, 1]

}  // namespace umbra::output
