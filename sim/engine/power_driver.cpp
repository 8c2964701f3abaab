#include "sim/engine/power_driver.hpp"

#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <limits>

#include "sim/orbit/eclipse_windows.hpp"
#include "sim/power/power_row.hpp"

namespace umbra::engine {
namespace {

bool stopped(const power::OperatingPoint& point) {
  return point.mode != power::NodeMode::kRunning;
}

}  // namespace

PowerDriver::PowerDriver(const spec::PlatformSpec& platform,
                         const contact::Constellation& constellation,
                         const SimulatedPlatform& simulated, double block_length)
    : platform_(platform),
      constellation_(constellation),
      simulated_(simulated),
      block_length_(block_length),
      fleet_index_(simulated.nodes.size(), kNone) {
  for (std::size_t n = 0; n < simulated.nodes.size(); ++n) {
    const auto& satellite = simulated.nodes[n].satellite;
    if (!satellite) continue;
    const auto& hardware = constellation.satellites[*satellite].hardware;
    if (!hardware.solar_array && !hardware.battery) continue;  // power without limit
    fleet_index_[n] = fleet_nodes_.size();
    fleet_nodes_.push_back(n);
    fixed_watts_.push_back(power::satellite_fixed_power(
        constellation.satellites[*satellite].hardware, platform.link_classes));
    busy_.push_back(0);
  }
  if (!empty()) load_block(0);
}

power::NodeDemand PowerDriver::demand_of(std::size_t fleet_node, int busy) const {
  const SimulatedNode& node = simulated_.nodes[fleet_nodes_[fleet_node]];
  const auto& hardware = constellation_.satellites[*node.satellite].hardware;
  const spec::GpuModelSpec& model = platform_.gpu_model(hardware.payload->gpu_model);
  const double fixed = fixed_watts_[fleet_node];
  if (busy == 0) return {fixed, node.gpus, power::GpuActivity::kIdle};
  const double idle_gpus =
      (node.gpus - busy) * power::gpu_power(model, power::GpuActivity::kIdle, 0);
  return {fixed + idle_gpus, busy, power::GpuActivity::kBusy};
}

void PowerDriver::load_block(double from) {
  std::vector<const orbit::Propagator*> propagators;
  for (const std::size_t n : fleet_nodes_) {
    propagators.push_back(
        constellation_.satellites[*simulated_.nodes[n].satellite].propagator.get());
  }
  block_end_ = from + block_length_;
  orbit::EclipseSearch search;
  search.from = from;
  search.horizon = block_end_;
  const auto windows = orbit::eclipse_windows(propagators, constellation_.epoch, search);
  std::vector<power::FleetNode> nodes;
  for (std::size_t f = 0; f < fleet_nodes_.size(); ++f) {
    const auto& hardware =
        constellation_.satellites[*simulated_.nodes[fleet_nodes_[f]].satellite].hardware;
    std::vector<power::SolarSegment> solar =
        power::solar_profile(*propagators[f], constellation_.epoch, windows[f],
                             hardware.solar_array, block_end_, {}, from);
    if (fleet_) {
      fleet_->extend(f, solar);
      continue;
    }
    power::NodePowerModel model;
    model.policy = hardware.power_policy;
    model.gpu_model = &platform_.gpu_model(hardware.payload->gpu_model);
    model.battery = hardware.battery;
    nodes.push_back({model, std::move(solar), demand_of(f, 0)});
  }
  if (!fleet_) {
    fleet_.emplace(std::move(nodes));
    absorb(fleet_->start(), nullptr);
  }
}

double PowerDriver::next_event_time() const {
  if (empty()) return std::numeric_limits<double>::infinity();
  return std::min(fleet_->next_event_time(), block_end_);
}

std::vector<PowerDriver::PowerChange> PowerDriver::apply_due(double now) {
  if (now >= block_end_) load_block(block_end_);
  std::vector<PowerChange> changes;
  absorb(fleet_->advance_to(now), &changes);
  return changes;
}

bool PowerDriver::set_busy_gpus(std::size_t node, int busy, double now) {
  const std::size_t f = fleet_index_[node];
  if (f == kNone || busy_[f] == busy) return false;
  busy_[f] = busy;
  const power::OperatingPoint before = fleet_->node(f).point();
  absorb(fleet_->set_demand(f, demand_of(f, busy), now), nullptr);
  return !(fleet_->node(f).point() == before);
}

void PowerDriver::absorb(const std::vector<power::FleetEvent>& events,
                         std::vector<PowerChange>* changes) {
  for (const power::FleetEvent& event : events) {
    const std::size_t n = fleet_nodes_[event.node];
    rows_.push_back(power::power_row(n, event.snapshot, true));
    const power::OperatingPoint& point = event.snapshot.point;
    if (point.mode == power::NodeMode::kRunning &&
        simulated_.nodes[n].host->get_pstate() != static_cast<unsigned long>(point.pstate)) {
      simulated_.nodes[n].host->set_pstate(point.pstate);
    }
    if (changes != nullptr) changes->push_back({n, (event.snapshot.events & kNotable) != 0});
  }
  if (changes == nullptr) return;
  // One entry per node, in node order (a node's rows need not be adjacent).
  std::sort(changes->begin(), changes->end(), [](const PowerChange& a, const PowerChange& b) {
    return a.node < b.node || (a.node == b.node && a.notable > b.notable);
  });
  changes->erase(
      std::unique(changes->begin(), changes->end(),
                  [](const PowerChange& a, const PowerChange& b) { return a.node == b.node; }),
      changes->end());
}

power::OperatingPoint PowerDriver::point(std::size_t node) const {
  const std::size_t f = fleet_index_[node];
  return f == kNone ? power::OperatingPoint{} : fleet_->node(f).point();
}

bool PowerDriver::can_compute(std::size_t node) const {
  const std::size_t f = fleet_index_[node];
  if (f == kNone) return true;
  const double now = std::max(fleet_->node(f).now(), simgrid::s4u::Engine::get_clock());
  // Through the rest of the solar segment it is in: a battery trickle does not count.
  const auto solar = fleet_->solar(f);
  const auto segment =
      std::upper_bound(solar.begin(), solar.end(), now,
                       [](double t, const power::SolarSegment& s) { return t < s.end; });
  const double until = segment == solar.end() ? now : segment->end;
  power::NodePower ahead = fleet_->forecast(f, now, demand_of(f, simulated_.nodes[node].gpus), now);
  while (ahead.point().mode == power::NodeMode::kRunning) {
    if (ahead.now() >= ahead.horizon() || ahead.next_event_time() >= until) return true;
    ahead.advance_to(ahead.next_event_time());
  }
  return false;
}

void PowerDriver::fill(std::size_t node, sched::NodeState& state) const {
  const std::size_t f = fleet_index_[node];
  if (f == kNone) return;
  const double now = simgrid::s4u::Engine::get_clock();
  const power::NodePower current = fleet_->forecast(f, now);
  const power::PowerSnapshot snapshot = current.snapshot(0);
  state.illumination = snapshot.illumination;
  state.state_of_charge = current.battery().state_of_charge();
  const auto& battery =
      constellation_.satellites[*simulated_.nodes[node].satellite].hardware.battery;
  state.min_state_of_charge = battery ? battery->min_state_of_charge : 0;
  const power::OperatingPoint& point = current.point();
  state.pstate = point.pstate;
  state.power_mode = point.mode == power::NodeMode::kOff         ? sched::PowerMode::kOff
                     : point.mode == power::NodeMode::kSuspended ? sched::PowerMode::kSuspended
                     : point.pstate > 0                          ? sched::PowerMode::kThrottled
                                                                 : sched::PowerMode::kRunning;
}

std::optional<sched::ShadowWindow> PowerDriver::shadow_at_or_after(sched::NodeId node,
                                                                   double time) const {
  const std::size_t f = fleet_index_.at(node);
  if (f == kNone) return std::nullopt;
  const auto shadow = power::shadow_at_or_after(fleet_->solar(f), time);
  if (!shadow) return std::nullopt;
  return sched::ShadowWindow{shadow->entry, shadow->exit};
}

double PowerDriver::state_of_charge_at(sched::NodeId node, double time, int busy_gpus) const {
  const std::size_t f = fleet_index_.at(node);
  if (f == kNone) return 1;
  const double now = std::max(fleet_->node(f).now(), simgrid::s4u::Engine::get_clock());
  return fleet_->forecast(f, now, demand_of(f, busy_gpus), std::max(time, now))
      .battery()
      .state_of_charge();
}

std::optional<double> PowerDriver::power_lost_at(sched::NodeId node, int busy_gpus,
                                                 double until) const {
  const std::size_t f = fleet_index_.at(node);
  if (f == kNone) return std::nullopt;
  const double now = std::max(fleet_->node(f).now(), simgrid::s4u::Engine::get_clock());
  power::NodePower ahead = fleet_->forecast(f, now, demand_of(f, busy_gpus), now);
  if (stopped(ahead.point())) return now;
  while (ahead.now() < ahead.horizon() && ahead.next_event_time() <= until) {
    const power::PowerEvents events = ahead.advance_to(ahead.next_event_time());
    if (stopped(ahead.point())) return ahead.now();
    if (events & power::kEnd) break;
  }
  return std::nullopt;
}

std::vector<output::PowerRow> PowerDriver::finish(double end) {
  if (!empty()) absorb(fleet_->finish(end), nullptr);
  return std::move(rows_);
}

output::SatellitePowerTotals PowerDriver::totals() const {
  output::SatellitePowerTotals total;
  for (std::size_t f = 0; f < fleet_nodes_.size(); ++f) {
    const power::EnergyLedger& ledger = fleet_->node(f).ledger();
    total.solar_in += ledger.solar_in;
    total.used += ledger.used;
    total.discharged += ledger.discharged;
    total.stored_change += ledger.stored_change;
    total.losses += ledger.losses;
    total.curtailed += ledger.curtailed;
    total.off_seconds += ledger.off_seconds;
    total.suspended_seconds += ledger.suspended_seconds;
    total.throttled_seconds += ledger.throttled_seconds;
    total.min_state_of_charge = std::min(total.min_state_of_charge, ledger.min_state_of_charge);
  }
  return total;
}

}  // namespace umbra::engine
