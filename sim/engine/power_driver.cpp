#include "sim/engine/power_driver.hpp"

#include <fmt/format.h>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include <algorithm>
#include <iterator>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "sim/contact/candidate_links.hpp"
#include "sim/orbit/eclipse_windows.hpp"
#include "sim/power/power_row.hpp"

namespace umbra::engine {

namespace {

// Whether a node runs its jobs differently at `after`: another mode or pstate (a load that moves
// with its terminals alone does not change how its GPUs run).
bool runs_differently(const power::OperatingPoint& before, const power::OperatingPoint& after) {
  return before.mode != after.mode || before.pstate != after.pstate;
}

}  // namespace

PowerDriver::PowerDriver(const spec::PlatformSpec& platform,
                         const contact::Constellation& constellation,
                         const SimulatedPlatform& simulated, const ContactDriver& contacts,
                         GpuEnergyLedger& energy, output::PowerRowSink& rows, double block_length)
    : platform_(platform),
      constellation_(constellation),
      simulated_(simulated),
      contacts_(contacts),
      energy_(energy),
      block_length_(block_length),
      fleet_index_(simulated.nodes.size(), kNone),
      satellite_fleet_index_(constellation.satellites.size(), kNone),
      caps_(simulated.nodes.size(), 0),
      rows_(rows) {
  std::vector<std::string> names;
  for (const SimulatedNode& node : simulated.nodes) names.push_back(node.name);
  rows_.set_names(names);
  for (std::size_t n = 0; n < simulated.nodes.size(); ++n) {
    const auto& satellite = simulated.nodes[n].satellite;
    if (!satellite) continue;
    const auto& hardware = constellation.satellites[*satellite].hardware;
    if (!hardware.solar_array && !hardware.battery) continue;  // power without limit
    fleet_index_[n] = fleet_nodes_.size();
    satellite_fleet_index_[*satellite] = fleet_nodes_.size();
    fleet_nodes_.push_back(n);
    bus_watts_.push_back(hardware.bus_power);
    std::vector<Terminal> terminals;
    for (const spec::TerminalSpec& terminal : hardware.terminals) {
      const std::size_t link_class = contact::link_class_index(platform, terminal.link_class);
      terminals.push_back({link_class, terminal.count, platform.link_classes[link_class].power});
    }
    terminals_.push_back(std::move(terminals));
    busy_.push_back(0);
  }
  rows_of_node_.assign(fleet_nodes_.size(), 0);
  lookaheads_.resize(fleet_nodes_.size());
  if (!empty()) load_block(0);
}

void PowerDriver::count_link(std::vector<Terminal>& terminals,
                             const ContactDriver::TerminalChange& change) {
  for (Terminal& terminal : terminals) {
    if (terminal.link_class == change.link_class) terminal.links_up += change.up ? 1 : -1;
  }
}

double PowerDriver::fixed_watts(std::size_t fleet_node,
                                const std::vector<Terminal>& terminals) const {
  double watts = bus_watts_[fleet_node];
  for (const Terminal& terminal : terminals) {
    watts += std::min(terminal.links_up, terminal.count) * terminal.watts;
  }
  return watts;
}

const spec::GpuModelSpec& PowerDriver::gpu_model_of(std::size_t node) const {
  return *simulated_.nodes.at(node).gpu_model;
}

// At the engine's clock, where SimGrid's host_energy plugin integrates the change too.
void PowerDriver::set_host_pstate(std::size_t node, std::optional<int> pstate) {
  const unsigned long host_pstate =
      pstate ? static_cast<unsigned long>(*pstate) : dark_pstate(gpu_model_of(node));
  simgrid::s4u::Host* host = simulated_.nodes[node].host;
  if (host->get_pstate() == host_pstate) return;
  energy_.set_pstate(node, pstate, simgrid::s4u::Engine::get_clock());
  host->set_pstate(host_pstate);
}

power::NodeDemand PowerDriver::demand_of(std::size_t fleet_node, int busy) const {
  return demand_of(fleet_node, busy, terminals_[fleet_node]);
}

power::NodeDemand PowerDriver::demand_of(std::size_t fleet_node, int busy,
                                         const std::vector<Terminal>& terminals) const {
  const std::size_t n = fleet_nodes_[fleet_node];
  const SimulatedNode& node = simulated_.nodes[n];
  const double fixed = fixed_watts(fleet_node, terminals);
  const int cap = caps_[n];
  if (busy == 0) return {fixed, node.gpus, power::GpuActivity::kIdle, cap};
  const double idle_gpus =
      (node.gpus - busy) * power::gpu_power(gpu_model_of(n), power::GpuActivity::kIdle, cap);
  return {fixed + idle_gpus, busy, power::GpuActivity::kBusy, cap};
}

PowerDriver::~PowerDriver() {
  if (next_solar_.valid()) next_solar_.wait();
}

std::vector<std::vector<power::SolarSegment>> PowerDriver::solar_of_block(double from) const {
  std::vector<const orbit::Propagator*> propagators;
  for (const std::size_t n : fleet_nodes_) {
    propagators.push_back(
        constellation_.satellites[*simulated_.nodes[n].satellite].propagator.get());
  }
  orbit::EclipseSearch search;
  search.from = from;
  search.horizon = from + block_length_;
  const auto windows = orbit::eclipse_windows(propagators, constellation_.epoch, search);
  std::vector<std::vector<power::SolarSegment>> solar;
  for (std::size_t f = 0; f < fleet_nodes_.size(); ++f) {
    const auto& hardware =
        constellation_.satellites[*simulated_.nodes[fleet_nodes_[f]].satellite].hardware;
    solar.push_back(power::solar_profile(*propagators[f], constellation_.epoch, windows[f],
                                         hardware.solar_array, search.horizon, {}, from));
  }
  return solar;
}

void PowerDriver::load_block(double from) {
  std::vector<std::vector<power::SolarSegment>> solar =
      next_solar_.valid() ? next_solar_.get() : solar_of_block(from);
  block_end_ = from + block_length_;
  // Cached scans hold spans into the segments being extended, and end at the old horizon.
  for (auto& cache : lookaheads_) cache.clear();
  next_solar_ =
      std::async(std::launch::async, [this, next = block_end_] { return solar_of_block(next); });
  if (fleet_) {
    for (std::size_t f = 0; f < fleet_nodes_.size(); ++f) fleet_->extend(f, solar[f]);
    return;
  }
  std::vector<power::FleetNode> nodes;
  for (std::size_t f = 0; f < fleet_nodes_.size(); ++f) {
    const auto& hardware =
        constellation_.satellites[*simulated_.nodes[fleet_nodes_[f]].satellite].hardware;
    power::NodePowerModel model;
    model.policy = hardware.power_policy;
    model.gpu_model = &platform_.gpu_model(hardware.payload->gpu_model);
    model.battery = hardware.battery;
    demands_.push_back(demand_of(f, 0));
    nodes.push_back({model, std::move(solar[f]), demands_.back()});
  }
  fleet_.emplace(std::move(nodes));
  absorb(fleet_->start(), nullptr);
}

double PowerDriver::forecast_limit() const {
  return simgrid::s4u::Engine::get_clock() + kForecastReach;
}

void PowerDriver::load_through(double time) {
  const double until = std::min(time, forecast_limit());
  while (block_end_ < until) load_block(block_end_);
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
  return !(change_demand(f, now) == fleet_->node(f).point());
}

std::vector<std::size_t> PowerDriver::set_terminals(
    std::span<const ContactDriver::TerminalChange> changes, double now) {
  std::vector<std::size_t> touched;  // fleet nodes
  for (const ContactDriver::TerminalChange& change : changes) {
    const std::size_t f = satellite_fleet_index_[change.satellite];
    if (f == kNone) continue;
    count_link(terminals_[f], change);
    touched.push_back(f);
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  std::vector<std::size_t> changed;
  for (const std::size_t f : touched) {
    if (runs_differently(change_demand(f, now), fleet_->node(f).point())) {
      changed.push_back(fleet_nodes_[f]);
    }
  }
  return changed;
}

bool PowerDriver::set_power_cap(std::size_t node, int pstate, double now) {
  const spec::GpuModelSpec& model = gpu_model_of(node);
  if (pstate < 0 || pstate >= static_cast<int>(model.pstates.size())) {
    throw std::logic_error(fmt::format(
        "the scheduler capped node {} at pstate {}, but its GPU model {} has pstates 0 to {}",
        simulated_.nodes.at(node).name, pstate, model.name, model.pstates.size() - 1));
  }
  const int before = caps_[node];
  caps_[node] = pstate;
  const std::size_t f = fleet_index_[node];
  if (f != kNone) return runs_differently(change_demand(f, now), fleet_->node(f).point());
  // Without a power model the cap is the node's pstate.
  if (pstate == before) return false;
  set_host_pstate(node, pstate);
  return true;
}

power::OperatingPoint PowerDriver::change_demand(std::size_t f, double now) {
  const power::OperatingPoint before = fleet_->node(f).point();
  const power::NodeDemand demand = demand_of(f, busy_[f]);
  if (demand == demands_[f]) return before;  // e.g. links up that balance out in an instant
  demands_[f] = demand;
  // At the block's end the nodes stand at their horizon, where a demand would end them: the
  // next block comes first (the power timer of this instant may not have run yet).
  if (now >= block_end_) load_block(block_end_);
  absorb(fleet_->set_demand(f, demand, now), nullptr);
  return before;
}

void PowerDriver::absorb(const std::vector<power::FleetEvent>& events,
                         std::vector<PowerChange>* changes) {
  for (const power::FleetEvent& event : events) {
    const std::size_t n = fleet_nodes_[event.node];
    ++rows_of_node_[event.node];
    if (change_recording_ == ChangeRecording::kOn && !node_changed_[event.node]) {
      node_changed_[event.node] = true;
      changed_nodes_.push_back(event.node);
    }
    rows_.add(power::power_row(n, event.snapshot, true));
    // The host draws what the power model says its GPUs draw: at the point's pstate (the
    // lowest when suspended), nothing when dark.
    const power::OperatingPoint& point = event.snapshot.point;
    set_host_pstate(
        n, point.mode == power::NodeMode::kOff ? std::nullopt : std::optional<int>(point.pstate));
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

std::vector<std::size_t> PowerDriver::take_changed_nodes() {
  std::vector<std::size_t> changed;
  if (change_recording_ == ChangeRecording::kOff) {
    change_recording_ = ChangeRecording::kOn;
    node_changed_.assign(fleet_nodes_.size(), false);
    changed.resize(fleet_nodes_.size());
    std::iota(changed.begin(), changed.end(), std::size_t{0});
    return changed;
  }
  changed.swap(changed_nodes_);
  std::sort(changed.begin(), changed.end());
  for (const std::size_t node : changed) node_changed_[node] = false;
  return changed;
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
  state.power_cap = caps_[node];
  const std::size_t f = fleet_index_[node];
  if (f == kNone) {
    state.pstate = caps_[node];
    return;
  }
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
                                                                   double time) {
  const std::size_t f = fleet_index_.at(node);
  if (f == kNone) return std::nullopt;
  load_through(time);
  auto shadow = power::shadow_at_or_after(fleet_->solar(f), time);
  // None yet, or one cut short at the end of the input: look a block further while in reach.
  while ((!shadow || shadow->exit >= block_end_) && block_end_ < forecast_limit()) {
    load_block(block_end_);
    shadow = power::shadow_at_or_after(fleet_->solar(f), time);
  }
  if (!shadow) return std::nullopt;
  return sched::ShadowWindow{shadow->entry, shadow->exit};
}

std::vector<power::DemandStep> PowerDriver::planned_demand(std::size_t fleet_node, int busy,
                                                           double until) const {
  std::vector<power::DemandStep> steps;
  std::vector<Terminal> terminals = terminals_[fleet_node];
  power::NodeDemand last = demand_of(fleet_node, busy, terminals);
  const auto planned = contacts_.planned_terminal_changes(
      *simulated_.nodes[fleet_nodes_[fleet_node]].satellite, until);
  for (std::size_t i = 0; i < planned.size(); ++i) {
    count_link(terminals, planned[i].change);
    // One step per instant, with every change of the instant, where the demand changes (not
    // when a link comes up with every terminal of its class taken).
    if (i + 1 == planned.size() || planned[i + 1].time != planned[i].time) {
      const power::NodeDemand demand = demand_of(fleet_node, busy, terminals);
      if (demand == last) continue;
      steps.push_back({planned[i].time, demand});
      last = demand;
    }
  }
  return steps;
}

power::PowerLookahead PowerDriver::lookahead(std::size_t fleet_node, int busy, double now,
                                             double until) const {
  return power::PowerLookahead(fleet_->forecast(fleet_node, now, demand_of(fleet_node, busy), now),
                               planned_demand(fleet_node, busy, until));
}

double PowerDriver::state_of_charge_at(sched::NodeId node, double time, int busy_gpus) {
  const std::size_t f = fleet_index_.at(node);
  if (f == kNone) return 1;
  load_through(time);
  const double now = std::max(fleet_->node(f).now(), simgrid::s4u::Engine::get_clock());
  const double at = std::max(time, now);
  return lookahead(f, busy_gpus, now, at).at(at).battery().state_of_charge();
}

std::optional<double> PowerDriver::power_lost_at(sched::NodeId node, int busy_gpus, double until) {
  const std::size_t f = fleet_index_.at(node);
  if (f == kNone) return std::nullopt;
  load_through(until);
  const double now = std::max(fleet_->node(f).now(), simgrid::s4u::Engine::get_clock());
  std::vector<CachedLookahead>& cache = lookaheads_[f];
  if (!cache.empty() && (cache.front().rows != rows_of_node_[f] || cache.front().now != now)) {
    cache.clear();
  }
  auto found = std::find_if(cache.begin(), cache.end(),
                            [&](const CachedLookahead& c) { return c.busy == busy_gpus; });
  if (found == cache.end()) {
    cache.push_back({rows_of_node_[f], now, busy_gpus, until, lookahead(f, busy_gpus, now, until)});
    found = std::prev(cache.end());
  } else if (until > found->until) {
    // Planned further than the scan's steps reach: scanned again from now.
    *found = {rows_of_node_[f], now, busy_gpus, until, lookahead(f, busy_gpus, now, until)};
  }
  return found->lookahead.stop_until(until);
}

void PowerDriver::finish(double end) {
  if (!empty()) absorb(fleet_->finish(end), nullptr);
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
