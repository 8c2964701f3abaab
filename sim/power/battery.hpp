#pragma once
// A battery between two events, when the power on the node's bus is constant. Powers are taken
// on the bus side: charging takes `charge` W from the bus and stores charge_efficiency x charge;
// discharging gives `discharge` W to the bus and draws discharge / discharge_efficiency from the
// store. Both are capped by the battery's maximum charge and discharge power. The stored energy
// stays in [floor, capacity], floor = min_state_of_charge x capacity: it changes linearly in
// time, so the moment it reaches either bound is found in closed form.
#include <optional>

#include "sim/spec/orbital_spec.hpp"

namespace umbra::power {

// Where the bus power goes for one constant net power (solar in minus load), W, all >= 0.
struct BatteryFlow {
  double charge = 0;     // surplus taken into the battery
  double discharge = 0;  // deficit covered by the battery
  double curtailed = 0;  // surplus neither used nor stored (array backed off)
  double unmet = 0;      // deficit beyond what the battery can give: the power policy's problem

  double charge_efficiency = 1;
  double discharge_efficiency = 1;

  // Rate of change of the stored energy, W.
  double stored_rate() const {
    return charge * charge_efficiency - discharge / discharge_efficiency;
  }
  // Conversion losses, W: what left the bus or the store without reaching the other.
  double loss_rate() const {
    return charge * (1 - charge_efficiency) + discharge * (1 / discharge_efficiency - 1);
  }
  // Net power the battery takes from the bus, W: > 0 charging, < 0 discharging.
  double bus_power() const { return charge - discharge; }
};

class Battery {
 public:
  // No battery: nothing stored, nothing given.
  Battery() = default;
  explicit Battery(const spec::BatterySpec& spec);
  static Battery from(const std::optional<spec::BatterySpec>& spec);

  double capacity() const { return capacity_; }  // J
  double energy() const { return energy_; }      // J stored now
  double floor_energy() const { return floor_; }
  double usable_energy() const { return energy_ - floor_; }  // J above the floor
  double state_of_charge() const { return capacity_ > 0 ? energy_ / capacity_ : 0; }
  bool full() const { return energy_ >= capacity_; }
  bool at_floor() const { return energy_ <= floor_; }
  double max_discharge_power() const { return max_discharge_; }
  double discharge_efficiency() const { return discharge_efficiency_; }

  // Bus power the battery can give now, W: its discharge limit, or 0 at the floor.
  double available_discharge() const { return at_floor() ? 0 : max_discharge_; }

  // The flow for `net_power` = solar in - load, W, in the battery's present state.
  BatteryFlow flow(double net_power) const;

  // Seconds until `flow` fills the battery or empties it to the floor; infinity if never.
  double time_to_bound(const BatteryFlow& flow) const;

  // Runs `flow` for `seconds` (at most time_to_bound(flow)); lands exactly on the bound when
  // `seconds` reaches it.
  void advance(const BatteryFlow& flow, double seconds);

 private:
  double capacity_ = 0;
  double floor_ = 0;
  double energy_ = 0;
  double max_charge_ = 0;
  double max_discharge_ = 0;
  double charge_efficiency_ = 1;
  double discharge_efficiency_ = 1;
};

}  // namespace umbra::power
