#include "sim/power/power_row.hpp"

namespace umbra::power {
namespace {

output::PowerMode mode_of(NodeMode mode) {
  switch (mode) {
    case NodeMode::kRunning:
      return output::PowerMode::kRunning;
    case NodeMode::kSuspended:
      return output::PowerMode::kSuspended;
    case NodeMode::kOff:
      return output::PowerMode::kOff;
  }
  return output::PowerMode::kOff;
}

}  // namespace

output::PowerRow power_row(std::size_t node, const PowerSnapshot& snapshot, bool has_gpus) {
  const OperatingPoint& point = snapshot.point;
  const bool running = point.mode == NodeMode::kRunning;
  return {snapshot.time,
          snapshot.illumination,
          snapshot.solar_in,
          snapshot.load,
          snapshot.battery_power,
          snapshot.state_of_charge,
          static_cast<std::uint32_t>(node),
          snapshot.events,
          has_gpus && running ? static_cast<std::int16_t>(point.pstate) : std::int16_t{-1},
          mode_of(point.mode)};
}

}  // namespace umbra::power
