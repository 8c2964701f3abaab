#include "sim/power/power_fleet.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <utility>

namespace umbra::power {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

bool in_shadow(const SolarSegment& segment) {
  return segment.phase != SunPhase::kSunlit;
}

// `node` run through its own events up to `at` (clamped to its horizon).
NodePower run_until(NodePower node, double at) {
  at = std::min(at, node.horizon());
  while (node.next_event_time() < at) {
    if (node.advance_to(node.next_event_time()) & kEnd) return node;
  }
  node.advance_to(at);
  return node;
}

}  // namespace

std::optional<Shadow> shadow_at_or_after(std::span<const SolarSegment> solar, double time) {
  // The first segment ending after `time`, then the first shadow segment from there, back to
  // where that shadow began.
  auto first = std::upper_bound(solar.begin(), solar.end(), time,
                                [](double t, const SolarSegment& s) { return t < s.end; });
  first = std::find_if(first, solar.end(), in_shadow);
  if (first == solar.end()) return std::nullopt;
  while (first != solar.begin() && in_shadow(*std::prev(first))) --first;
  const auto last = std::find_if_not(first, solar.end(), in_shadow);
  return Shadow{first->start, std::prev(last)->end};
}

PowerFleet::PowerFleet(std::vector<FleetNode> nodes) {
  solar_.reserve(nodes.size());
  nodes_.reserve(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    solar_.push_back(std::move(nodes[i].solar));
    nodes_.emplace_back(nodes[i].model, solar_.back(), nodes[i].demand);
    due_.push_back(nodes_.back().next_event_time());
    slot_.push_back(i);
    heap_.push_back(i);
    sift_up(i);
  }
}

void PowerFleet::extend(std::size_t node, std::span<const SolarSegment> more) {
  std::vector<SolarSegment>& solar = solar_.at(node);
  if (more.empty() || more.front().start != solar.back().end) {
    throw std::logic_error("solar segments extended with a gap");
  }
  std::size_t keep = nodes_[node].current_segment();
  while (keep > 0 && in_shadow(solar[keep])) --keep;
  solar.erase(solar.begin(), solar.begin() + static_cast<std::ptrdiff_t>(keep));
  solar.insert(solar.end(), more.begin(), more.end());
  nodes_[node].extend_solar(solar, keep);
}

std::vector<FleetEvent> PowerFleet::start() const {
  std::vector<FleetEvent> rows;
  rows.reserve(nodes_.size());
  for (std::size_t i = 0; i < nodes_.size(); ++i) rows.push_back({i, nodes_[i].snapshot(kStart)});
  return rows;
}

double PowerFleet::next_event_time() const {
  return heap_.empty() ? kNever : due_[heap_.front()];
}

std::vector<FleetEvent> PowerFleet::advance_to(double time) {
  std::vector<FleetEvent> rows;
  while (!heap_.empty() && due_[heap_.front()] <= time) step(heap_.front(), rows);
  return rows;
}

std::vector<FleetEvent> PowerFleet::set_demand(std::size_t node, const NodeDemand& demand,
                                               double now) {
  std::vector<FleetEvent> rows;
  NodePower& power = nodes_[node];
  if (now < power.now()) {
    throw std::logic_error("PowerFleet::set_demand: a demand change before the node's present");
  }
  while (slot_[node] != kEnded && due_[node] < now) step(node, rows);
  if (slot_[node] == kEnded) return rows;
  PowerEvents events = power.advance_to(now);
  if (!(events & kEnd)) events |= power.set_demand(demand);
  rows.push_back({node, power.snapshot(events)});
  reschedule(node, events);
  return rows;
}

std::vector<FleetEvent> PowerFleet::finish(double time) {
  std::vector<FleetEvent> rows;
  while (!heap_.empty() && due_[heap_.front()] < time) step(heap_.front(), rows);
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (slot_[i] == kEnded) continue;
    const PowerEvents events = nodes_[i].advance_to(std::min(time, nodes_[i].horizon()));
    rows.push_back({i, nodes_[i].snapshot(events | kEnd)});
    slot_[i] = kEnded;
  }
  heap_.clear();
  return rows;
}

NodePower PowerFleet::forecast(std::size_t node, double at) const {
  return run_until(nodes_[node], at);
}

NodePower PowerFleet::forecast(std::size_t node, double now, const NodeDemand& demand,
                               double at) const {
  NodePower power = run_until(nodes_[node], now);
  if (power.now() < power.horizon()) power.set_demand(demand);
  return run_until(std::move(power), at);
}

std::optional<double> PowerFleet::next_point_change(std::size_t node, double until) const {
  NodePower power = nodes_[node];
  while (power.now() < power.horizon() && power.next_event_time() <= until) {
    if (power.advance_to(power.next_event_time()) & kOperatingPointChanges) return power.now();
  }
  return std::nullopt;
}

void PowerFleet::step(std::size_t node, std::vector<FleetEvent>& rows) {
  NodePower& power = nodes_[node];
  const PowerEvents events = power.advance_to(due_[node]);
  rows.push_back({node, power.snapshot(events)});
  reschedule(node, events);
}

void PowerFleet::reschedule(std::size_t node, PowerEvents events) {
  const std::size_t slot = slot_[node];
  if (events & kEnd) {
    // Out of the heap: the last node takes its place and is sifted either way.
    swap_slots(slot, heap_.size() - 1);
    heap_.pop_back();
    slot_[node] = kEnded;
    if (slot < heap_.size()) {
      const std::size_t moved = heap_[slot];
      sift_up(slot);
      sift_down(slot_[moved]);
    }
    return;
  }
  due_[node] = nodes_[node].next_event_time();
  sift_up(slot);
  sift_down(slot_[node]);
}

bool PowerFleet::before(std::size_t a, std::size_t b) const {
  return due_[a] < due_[b] || (due_[a] == due_[b] && a < b);
}

void PowerFleet::swap_slots(std::size_t i, std::size_t j) {
  std::swap(heap_[i], heap_[j]);
  slot_[heap_[i]] = i;
  slot_[heap_[j]] = j;
}

void PowerFleet::sift_up(std::size_t slot) {
  while (slot > 0) {
    const std::size_t parent = (slot - 1) / 2;
    if (!before(heap_[slot], heap_[parent])) return;
    swap_slots(slot, parent);
    slot = parent;
  }
}

void PowerFleet::sift_down(std::size_t slot) {
  for (;;) {
    const std::size_t left = 2 * slot + 1;
    if (left >= heap_.size()) return;
    const std::size_t right = left + 1;
    const std::size_t child =
        right < heap_.size() && before(heap_[right], heap_[left]) ? right : left;
    if (!before(heap_[child], heap_[slot])) return;
    swap_slots(slot, child);
    slot = child;
  }
}

}  // namespace umbra::power
