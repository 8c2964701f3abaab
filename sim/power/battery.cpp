#include "sim/power/battery.hpp"

#include <algorithm>
#include <limits>

namespace umbra::power {

Battery::Battery(const spec::BatterySpec& spec)
    : capacity_(spec.capacity),
      floor_(spec.min_state_of_charge * spec.capacity),
      energy_(spec.initial_state_of_charge * spec.capacity),
      max_charge_(spec.max_charge_power),
      max_discharge_(spec.max_discharge_power),
      charge_efficiency_(spec.charge_efficiency),
      discharge_efficiency_(spec.discharge_efficiency) {}

Battery Battery::from(const std::optional<spec::BatterySpec>& spec) {
  return spec ? Battery(*spec) : Battery();
}

BatteryFlow Battery::flow(double net_power) const {
  BatteryFlow flow;
  flow.charge_efficiency = charge_efficiency_;
  flow.discharge_efficiency = discharge_efficiency_;
  if (net_power >= 0) {
    flow.charge = full() ? 0 : std::min(net_power, max_charge_);
    flow.curtailed = net_power - flow.charge;
  } else {
    flow.discharge = std::min(-net_power, available_discharge());
    flow.unmet = -net_power - flow.discharge;
  }
  return flow;
}

double Battery::time_to_bound(const BatteryFlow& flow) const {
  const double rate = flow.stored_rate();
  if (rate > 0) return (capacity_ - energy_) / rate;
  if (rate < 0) return (energy_ - floor_) / -rate;
  return std::numeric_limits<double>::infinity();
}

void Battery::advance(const BatteryFlow& flow, double seconds) {
  const double rate = flow.stored_rate();
  if (seconds >= time_to_bound(flow)) {
    energy_ = rate > 0 ? capacity_ : floor_;
  } else {
    energy_ = std::clamp(energy_ + rate * seconds, floor_, capacity_);
  }
}

}  // namespace umbra::power
