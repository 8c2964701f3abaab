#include "sim/output/run_warnings.hpp"

#include <fmt/format.h>

namespace umbra::output {

std::vector<std::string> run_warnings(const RunResult& result) {
  std::vector<std::string> warnings;
  const RunTotals& totals = result.totals;
  if (totals.gave_up_at && totals.gave_up_because == RunTotals::GaveUp::kNeverStarted) {
    warnings.push_back(fmt::format(
        "the run stopped at {:.2f} h: {} jobs waited with none running and no job had started or "
        "ended for {:g} days; the policy never starts them (state queued in jobs.csv)",
        *totals.gave_up_at / 3600, totals.jobs_left, kLongestPolicyIdle / 86400));
  } else if (totals.gave_up_at) {
    warnings.push_back(fmt::format(
        "the run stopped at {:.2f} h: jobs ran but none saved progress or finished for {:g} "
        "days; each is stopped before its next checkpoint, again and again (a preemption that "
        "kills, rounds shorter than the checkpoint interval?); {} jobs left unfinished",
        *totals.gave_up_at / 3600, kLongestPolicyIdle / 86400, totals.jobs_left));
  }
  for (const JobRecord& job : result.jobs) {
    if (job.isolated_seconds <= 0 || job.route_wait_seconds <= job.isolated_seconds) continue;
    warnings.push_back(fmt::format(
        "job \"{}\" waited {:.2f} h for routes, longer than its ideal duration of {:.2f} h: the "
        "network did not join its nodes, their storage or its data set's site meanwhile "
        "(route_wait_s in jobs.csv, stalled_gpu_hours in summary.json)",
        job.id, job.route_wait_seconds / 3600, job.isolated_seconds / 3600));
  }
  return warnings;
}

}  // namespace umbra::output
