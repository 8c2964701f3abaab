#include "sim/workload/job.hpp"

namespace umbra::workload {

std::optional<AtWalltime> parse_at_walltime(std::string_view text) {
  if (text == "kill") return AtWalltime::kKill;
  if (text == "ignore") return AtWalltime::kIgnore;
  return std::nullopt;
}

SpeedModel speed_model(const Job& job) {
  if (job.profiled) return SpeedModel::kProfile;
  if (job.measured) return SpeedModel::kMeasuredThroughput;
  return SpeedModel::kFlops;
}

bool pays_restart_overhead(const Job& job, int start) {
  return start > 1 || job.overhead_starts == OverheadStarts::kEvery;
}

}  // namespace umbra::workload
