#pragma once
// A node's whole power timeline over a horizon, for a piecewise-constant demand: every event of
// node_power.hpp in order, with the node's state from each on, and the energy ledger. This is
// what `umbra power` prints; the engine drives NodePower itself, event by event.
#include <span>
#include <vector>

#include "sim/power/node_power.hpp"

namespace umbra::power {

// The demand from `time` on, until the next step.
struct LoadStep {
  double time = 0;  // seconds since the scenario epoch
  NodeDemand demand;
};

struct PowerTimeline {
  std::vector<PowerSnapshot> rows;  // the first at 0 (start), the last at the horizon (end)
  EnergyLedger ledger;
};

// `loads` sorted by time, the first at 0; steps at or after the horizon are ignored.
PowerTimeline power_timeline(const NodePowerModel& model, std::span<const SolarSegment> solar,
                             std::span<const LoadStep> loads);

}  // namespace umbra::power
