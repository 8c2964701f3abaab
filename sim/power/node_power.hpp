#pragma once
// One node's power state driven event by event: the engine (or power_timeline.hpp) asks for the
// next internal event, advances to it or to an earlier external one (a demand change), and reads
// what changed. Between events solar input and load are constant, so the battery moves in closed
// form (battery.hpp) and the next event is exact: the end of the current solar segment, or the
// battery reaching full charge or its floor. At every event the power policy picks the node's
// operating point again (power_budget.hpp).
#include <optional>
#include <span>
#include <vector>

#include "sim/power/battery.hpp"
#include "sim/power/energy_ledger.hpp"
#include "sim/power/power_budget.hpp"
#include "sim/power/power_event.hpp"
#include "sim/power/solar_profile.hpp"

namespace umbra::power {

struct NodePowerModel {
  spec::PowerPolicy policy = spec::PowerPolicy::kThrottle;
  const spec::GpuModelSpec* gpu_model = nullptr;  // may be null for a node without GPUs
  std::optional<spec::BatterySpec> battery;
};

// The node's state from an instant on (a row of power.csv).
struct PowerSnapshot {
  double time = 0;
  PowerEvents events = 0;
  double illumination = 0;
  double solar_in = 0;       // W
  double load = 0;           // W
  double battery_power = 0;  // W taken from the bus: > 0 charging, < 0 discharging
  double state_of_charge = 0;
  OperatingPoint point;
};

class NodePower {
 public:
  // `solar` covers [0, horizon] without gaps (solar_profile.hpp) and must outlive this object.
  NodePower(const NodePowerModel& model, std::span<const SolarSegment> solar,
            const NodeDemand& demand);

  double now() const { return now_; }
  double horizon() const { return solar_.back().end; }
  // The next instant at which something changes without outside help; horizon() at the end.
  double next_event_time() const;
  // Moves to `time` in [now(), next_event_time()] and returns what changed there.
  PowerEvents advance_to(double time);
  // A new demand from now on; returns what changed.
  PowerEvents set_demand(const NodeDemand& demand);
  // Its segments from `dropped` on, followed by more (a longer horizon), before reaching the
  // horizon; the dropped ones are behind it (dropped <= current_segment()).
  void extend_solar(std::span<const SolarSegment> longer, std::size_t dropped);
  // The index of the segment it is in.
  std::size_t current_segment() const { return segment_; }

  PowerSnapshot snapshot(PowerEvents events) const;
  const OperatingPoint& point() const { return point_; }
  const Battery& battery() const { return battery_; }
  // Accounts up to now().
  const EnergyLedger& ledger() const { return ledger_; }

 private:
  const SolarSegment& segment() const { return solar_[std::min(segment_, solar_.size() - 1)]; }
  BatteryFlow flow() const;
  // Picks the operating point again; returns the mode and pstate changes, and curtailment's.
  PowerEvents decide();
  void account(const BatteryFlow& flow, double seconds);

  NodePowerModel model_;
  std::span<const SolarSegment> solar_;
  NodeDemand demand_;
  std::vector<OperatingPoint> options_;
  Battery battery_;
  OperatingPoint point_;
  double initial_energy_ = 0;
  bool curtailing_ = false;
  double now_ = 0;
  std::size_t segment_ = 0;
  EnergyLedger ledger_;
};

}  // namespace umbra::power
