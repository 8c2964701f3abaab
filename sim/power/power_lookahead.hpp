#pragma once
// When a node would stop computing (suspended or dark) if nothing outside changed it but the
// demand changes known in advance (its terminals' load as the contact plan schedules its links):
// a copy of the node run through its own events and those steps, kept between questions so that
// asking again with a later limit goes on from where the last answer stopped instead of starting
// over. A policy asks this of the same node and load for every job of its queue
// (power_driver.hpp keeps one per node and load until the node's state or the clock moves).
#include <optional>
#include <vector>

#include "sim/power/node_power.hpp"

namespace umbra::power {

// The node's demand from `time` on.
struct DemandStep {
  double time = 0;
  NodeDemand demand;
};

class PowerLookahead {
 public:
  // `node` as it runs from its present on (its demand already set); `steps` in time order, none
  // before the node's now(). Steps at or past its horizon are not taken.
  explicit PowerLookahead(NodePower node, std::vector<DemandStep> steps = {});

  // The first instant, up to `until`, at which the node stops (at once if it is stopped now);
  // none if it runs on through every event and step up to `until` or to its horizon.
  std::optional<double> stop_until(double until);

  // The node at `time` (clamped to its horizon; not before where the scan stands), through its
  // events and the steps up to then.
  const NodePower& at(double time);

 private:
  // Takes the node's next event or step if it comes before `until` (at or before it, with
  // `inclusive`); false when none does.
  bool take_next(double until, bool inclusive);

  NodePower ahead_;
  std::vector<DemandStep> steps_;
  std::size_t next_step_ = 0;
  std::optional<double> stop_;  // found so far
  bool stopped_now_ = false;
};

}  // namespace umbra::power
