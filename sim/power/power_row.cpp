#include "sim/power/power_row.hpp"

namespace umbra::power {
namespace {

std::string mode_name(NodeMode mode) {
  switch (mode) {
    case NodeMode::kRunning:
      return "running";
    case NodeMode::kSuspended:
      return "suspended";
    case NodeMode::kOff:
      return "off";
  }
  return "";
}

}  // namespace

output::PowerRow power_row(std::size_t node, const PowerSnapshot& snapshot, bool has_gpus) {
  const OperatingPoint& point = snapshot.point;
  const bool running = point.mode == NodeMode::kRunning;
  return {node,
          snapshot.time,
          event_names(snapshot.events),
          snapshot.illumination,
          snapshot.solar_in,
          snapshot.load,
          snapshot.battery_power,
          snapshot.state_of_charge,
          has_gpus && running ? std::optional<int>(point.pstate) : std::nullopt,
          mode_name(point.mode)};
}

}  // namespace umbra::power
