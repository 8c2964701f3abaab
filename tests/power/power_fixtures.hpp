#pragma once
// The node of the shipped scenario platforms/power-eclipse-550.yaml, as plain specs: eight
// H100-class GPUs (700 W busy, 70 W idle; pstates 500, 350, 250 W busy), a 500 W bus and a
// 3 kWh battery (5 kW charge, 8 kW discharge, 95 % each way, floor 20 %).
#include "sim/power/power_timeline.hpp"

namespace umbra::power::testing {

inline spec::GpuModelSpec eclipse_gpu() {
  spec::GpuModelSpec model;
  model.name = "H100";
  model.idle_watts = 70;
  model.busy_watts = 700;
  model.pstates = {{1.0, 700, 70}, {0.8, 500, 70}, {0.6, 350, 70}, {0.4, 250, 70}};
  return model;
}

inline spec::BatterySpec eclipse_battery() {
  spec::BatterySpec battery;
  battery.capacity = 3 * 3.6e6;
  battery.max_charge_power = 5e3;
  battery.max_discharge_power = 8e3;
  battery.charge_efficiency = 0.95;
  battery.discharge_efficiency = 0.95;
  battery.min_state_of_charge = 0.2;
  battery.initial_state_of_charge = 1;
  return battery;
}

inline NodeDemand busy_eclipse_node() {
  return {500, 8, GpuActivity::kBusy};
}

}  // namespace umbra::power::testing
