#pragma once
// Every satellite node's power model (node_power.hpp) behind one clock, so that the engine
// needs a single timer for the whole fleet. The fleet keeps each node's next event time in a
// min-heap ordered by (time, node index): the same inputs always give the same sequence, and
// events of one instant come in node order. Nodes move lazily: a node is touched only when one
// of its own events is due or its demand changes, so between events a node's NodePower stands at
// its last event (its now() may be behind the engine's clock; forecast() reads it at any time).
//
// Lifetimes: the fleet owns the solar segments (each NodePower holds a span into them, so the
// fleet can be moved but not copied); the GPU models the NodePowerModels point to belong to the
// caller (the platform spec) and must outlive the fleet. Spans and NodePowers handed out stay
// valid while the fleet lives.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "sim/power/node_power.hpp"

namespace umbra::power {

// The events that change how a node runs, which its jobs feel (the rest change only power).
inline constexpr PowerEvents kOperatingPointChanges =
    kPstate | kSuspend | kResume | kShutdown | kPowerOn;

// One node as the fleet starts it, at time 0.
struct FleetNode {
  NodePowerModel model;
  std::vector<SolarSegment> solar;  // covers [0, horizon] (solar_profile.hpp)
  NodeDemand demand;
};

// What changed on one node at an instant, and the node's state from then on: a row of
// power.csv. snapshot.events says what changed.
struct FleetEvent {
  std::size_t node = 0;
  PowerSnapshot snapshot;
};

// A stretch of shadow: penumbra and umbra segments back to back, from the eclipse entry to the
// eclipse exit (the events of power_event.hpp).
struct Shadow {
  double entry = 0;
  double exit = 0;
};

// The shadow holding `time`, else the first after it; none before the end of `solar`. A shadow
// still running at the horizon exits there.
std::optional<Shadow> shadow_at_or_after(std::span<const SolarSegment> solar, double time);

class PowerFleet {
 public:
  explicit PowerFleet(std::vector<FleetNode> nodes);
  PowerFleet(const PowerFleet&) = delete;
  PowerFleet& operator=(const PowerFleet&) = delete;
  PowerFleet(PowerFleet&&) = default;
  PowerFleet& operator=(PowerFleet&&) = default;

  std::size_t size() const { return nodes_.size(); }

  // Appends `more` to `node`'s solar segments: they start where its last one ends, and the
  // node has not reached its horizon yet. Its next event time does not change (the end of its
  // current segment or a battery bound, both before the old horizon). The segments it has left
  // behind are dropped, all but the last sunlit one before it (where the shadow it is in, if
  // any, began), so that a long run's memory does not grow with its length.
  void extend(std::size_t node, std::span<const SolarSegment> more);

  // Each node's row at 0 (kStart).
  std::vector<FleetEvent> start() const;

  // The earliest event time over all nodes; infinity once every node has ended.
  double next_event_time() const;

  // Runs every event at or before `time`, each node to its own event times, and returns them
  // in (time, node) order. A node's event at its horizon carries kEnd and ends it.
  std::vector<FleetEvent> advance_to(double time);

  // Gives `node` `demand` from `now` on (now >= node(node).now()): first its own events before
  // `now`, then a row at `now` with kLoadChange and what the change caused (merged with the
  // node's own event at `now`, if any, as power_timeline() does). At or after the node's
  // horizon the demand is ignored and the node ends. Nothing for a node that has ended.
  std::vector<FleetEvent> set_demand(std::size_t node, const NodeDemand& demand, double now);

  // Ends every node at `time` (at least every node's now(), clamped to its horizon): the events
  // before it, then one row per node still running, in node order, with kEnd. Afterwards every
  // ledger accounts up to `time`.
  std::vector<FleetEvent> finish(double time);

  // A node as of its last event or demand change, at its now(): snapshot(), point(), battery(),
  // ledger() (accounts up to now()).
  const NodePower& node(std::size_t index) const { return nodes_[index]; }
  // The node's solar segments kept (extend): from the last sunlit one before its now() at the
  // latest extension, to its horizon.
  std::span<const SolarSegment> solar(std::size_t index) const { return solar_[index]; }

  // What `node` would be at `at` if nothing outside changed it: a copy run through its own
  // events (shadows, battery bounds, the policy), e.g. forecast(i, t).battery().state_of_charge().
  // `at` is clamped to the node's horizon.
  NodePower forecast(std::size_t node, double at) const;
  // The same with `demand` from `now` on, now in [node(node).now(), at].
  NodePower forecast(std::size_t node, double now, const NodeDemand& demand, double at) const;
  // When `node`'s operating point next changes (kOperatingPointChanges) if nothing outside
  // changes it, looking no further than `until`; none if it holds until then. An engine may
  // wake for these instants only and let advance_to() catch up on the rest at its own events.
  std::optional<double> next_point_change(std::size_t node, double until) const;

 private:
  static constexpr std::size_t kEnded = static_cast<std::size_t>(-1);

  // Moves `node` to its next event, appends the row to `rows` and reschedules it.
  void step(std::size_t node, std::vector<FleetEvent>& rows);
  // Reschedules `node` after `events` happened to it: at its next event time, or out of the heap
  // at its end.
  void reschedule(std::size_t node, PowerEvents events);
  bool before(std::size_t a, std::size_t b) const;
  void swap_slots(std::size_t i, std::size_t j);
  void sift_up(std::size_t slot);
  void sift_down(std::size_t slot);

  std::vector<std::vector<SolarSegment>> solar_;
  std::vector<NodePower> nodes_;
  std::vector<double> due_;        // each node's next event time
  std::vector<std::size_t> heap_;  // running nodes, a binary min-heap on (due_, index)
  std::vector<std::size_t> slot_;  // each node's place in heap_, kEnded once it has ended
};

}  // namespace umbra::power
