#include "sim/workload/job.hpp"

namespace umbra::workload {

std::optional<AtWalltime> parse_at_walltime(std::string_view text) {
  if (text == "kill") return AtWalltime::kKill;
  if (text == "ignore") return AtWalltime::kIgnore;
  return std::nullopt;
}

}  // namespace umbra::workload
