#pragma once
// What changed at an instant of a node's power timeline. Several can coincide (the battery
// reaching its floor and the node shutting down), so they are bits of one set.
#include <string>

namespace umbra::power {

enum PowerEvent : unsigned {
  kStart = 1u << 0,          // the beginning of the horizon
  kEclipseEntry = 1u << 1,   // sunlit -> penumbra (or straight into umbra)
  kUmbraEntry = 1u << 2,     // penumbra -> umbra
  kUmbraExit = 1u << 3,      // umbra -> penumbra
  kEclipseExit = 1u << 4,    // penumbra (or umbra) -> sunlit
  kPenumbraStep = 1u << 5,   // the next step of a penumbra transit: partial sunlight changed
  kSolarStep = 1u << 6,      // the next step of a sunlit stretch: flux or incidence drifted
  kLoadChange = 1u << 7,     // the node's demand changed
  kBatteryFull = 1u << 8,    // the battery reached full charge
  kBatteryFloor = 1u << 9,   // the battery reached its minimum state of charge
  kCurtailStart = 1u << 10,  // surplus sun starts being thrown away
  kCurtailStop = 1u << 11,
  kPstate = 1u << 12,    // a running node's GPUs changed pstate (throttled or sped up)
  kSuspend = 1u << 13,   // the node paused its GPUs
  kResume = 1u << 14,    // from suspended back to running
  kShutdown = 1u << 15,  // the node went dark
  kPowerOn = 1u << 16,   // from dark back to running or suspended
  kEnd = 1u << 17,       // the end of the horizon
};
using PowerEvents = unsigned;

// "eclipse-entry+curtail-stop": the names of `events` joined by '+', in the order above.
std::string event_names(PowerEvents events);

}  // namespace umbra::power
