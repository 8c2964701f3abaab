#include "sim/power/node_power.hpp"

#include <algorithm>
#include <stdexcept>

namespace umbra::power {
namespace {

PowerEvents phase_change(SunPhase from, SunPhase to) {
  if (from == to) return from == SunPhase::kPenumbra ? kPenumbraStep : kSolarStep;
  PowerEvents events = 0;
  if (from == SunPhase::kSunlit) events |= kEclipseEntry;
  if (to == SunPhase::kSunlit) events |= kEclipseExit;
  if (to == SunPhase::kUmbra) events |= kUmbraEntry;
  if (from == SunPhase::kUmbra) events |= kUmbraExit;
  return events;
}

PowerEvents mode_change(const OperatingPoint& from, const OperatingPoint& to) {
  if (from.mode == to.mode) {
    return from.mode == NodeMode::kRunning && from.pstate != to.pstate ? PowerEvents{kPstate} : 0;
  }
  if (to.mode == NodeMode::kOff) return kShutdown;
  if (from.mode == NodeMode::kOff) return kPowerOn;
  return to.mode == NodeMode::kSuspended ? kSuspend : kResume;
}

}  // namespace

NodePower::NodePower(const NodePowerModel& model, std::span<const SolarSegment> solar,
                     const NodeDemand& demand)
    : model_(model),
      solar_(solar),
      demand_(demand),
      options_(operating_points(model.policy, demand, model.gpu_model)),
      battery_(Battery::from(model.battery)),
      point_(options_.front()),
      initial_energy_(battery_.energy()) {
  decide();
  ledger_.min_state_of_charge = ledger_.max_state_of_charge = battery_.state_of_charge();
}

void NodePower::extend_solar(std::span<const SolarSegment> longer, std::size_t dropped) {
  if (segment_ >= solar_.size() || dropped > segment_ || longer.size() + dropped < solar_.size()) {
    throw std::logic_error("solar segments extended after the horizon, or shortened");
  }
  solar_ = longer;
  segment_ -= dropped;
}

BatteryFlow NodePower::flow() const {
  return battery_.flow(segment().solar_power - point_.load_watts);
}

double NodePower::next_event_time() const {
  if (segment_ >= solar_.size()) return horizon();
  return std::min(segment().end, now_ + battery_.time_to_bound(flow()));
}

PowerEvents NodePower::advance_to(double time) {
  const BatteryFlow current = flow();
  const double to_bound = battery_.time_to_bound(current);
  // The same sum as next_event_time(), so that arriving there is recognised exactly.
  const bool reaches_bound = time >= now_ + to_bound;
  account(current, time - now_);
  battery_.advance(current, reaches_bound ? to_bound : time - now_);
  ledger_.stored_change = battery_.energy() - initial_energy_;
  now_ = time;
  PowerEvents events = 0;
  if (reaches_bound) events |= current.stored_rate() > 0 ? kBatteryFull : kBatteryFloor;
  if (segment_ < solar_.size() && now_ >= solar_[segment_].end) {
    const SunPhase from = solar_[segment_].phase;
    ++segment_;
    if (segment_ == solar_.size()) return events | kEnd;
    events |= phase_change(from, solar_[segment_].phase);
  }
  return events | decide();
}

PowerEvents NodePower::set_demand(const NodeDemand& demand) {
  demand_ = demand;
  options_ = operating_points(model_.policy, demand, model_.gpu_model);
  return kLoadChange | decide();
}

PowerEvents NodePower::decide() {
  const OperatingPoint chosen =
      choose_operating_point(model_.policy, options_, point_, battery_,
                             solar_.subspan(std::min(segment_, solar_.size() - 1)), now_);
  PowerEvents events = mode_change(point_, chosen);
  point_ = chosen;
  const bool curtailing = flow().curtailed > 0;
  if (curtailing != curtailing_) events |= curtailing ? kCurtailStart : kCurtailStop;
  curtailing_ = curtailing;
  const double soc = battery_.state_of_charge();
  ledger_.min_state_of_charge = std::min(ledger_.min_state_of_charge, soc);
  ledger_.max_state_of_charge = std::max(ledger_.max_state_of_charge, soc);
  return events;
}

void NodePower::account(const BatteryFlow& flow, double seconds) {
  ledger_.solar_in += segment().solar_power * seconds;
  ledger_.used += point_.load_watts * seconds;
  ledger_.losses += flow.loss_rate() * seconds;
  ledger_.curtailed += flow.curtailed * seconds;
  ledger_.discharged += flow.discharge * seconds;
  switch (point_.mode) {
    case NodeMode::kOff:
      ledger_.off_seconds += seconds;
      break;
    case NodeMode::kSuspended:
      ledger_.suspended_seconds += seconds;
      break;
    case NodeMode::kRunning:
      if (point_.pstate > 0) ledger_.throttled_seconds += seconds;
      if (demand_.activity == GpuActivity::kBusy && demand_.gpus > 0) {
        ledger_.peak_gpu_seconds +=
            demand_.gpus *
            model_.gpu_model->pstates[static_cast<std::size_t>(point_.pstate)].speed_ratio *
            seconds;
      }
      break;
  }
}

PowerSnapshot NodePower::snapshot(PowerEvents events) const {
  const BatteryFlow current = flow();
  return {now_,
          events,
          segment().illumination,
          segment().solar_power,
          point_.load_watts,
          current.bus_power(),
          battery_.state_of_charge(),
          point_};
}

}  // namespace umbra::power
