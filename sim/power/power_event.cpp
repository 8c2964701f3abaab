#include "sim/power/power_event.hpp"

#include <array>
#include <utility>

namespace umbra::power {

std::string event_names(PowerEvents events) {
  static constexpr std::array<std::pair<PowerEvent, const char*>, 18> kNames = {{
      {kStart, "start"},
      {kEclipseEntry, "eclipse-entry"},
      {kUmbraEntry, "umbra-entry"},
      {kUmbraExit, "umbra-exit"},
      {kEclipseExit, "eclipse-exit"},
      {kPenumbraStep, "penumbra-step"},
      {kSolarStep, "solar-step"},
      {kLoadChange, "load-change"},
      {kBatteryFull, "battery-full"},
      {kBatteryFloor, "battery-floor"},
      {kCurtailStart, "curtail-start"},
      {kCurtailStop, "curtail-stop"},
      {kPstate, "pstate"},
      {kSuspend, "suspend"},
      {kResume, "resume"},
      {kShutdown, "shutdown"},
      {kPowerOn, "power-on"},
      {kEnd, "end"},
  }};
  std::string names;
  for (const auto& [event, name] : kNames) {
    if ((events & event) == 0) continue;
    if (!names.empty()) names += '+';
    names += name;
  }
  return names;
}

}  // namespace umbra::power
