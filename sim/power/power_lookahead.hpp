#pragma once
// When a node would stop computing (suspended or dark) if nothing outside changed it: a copy of
// the node run through its own events, kept between questions so that asking again with a later
// limit goes on from where the last answer stopped instead of starting over. A policy asks this
// of the same node and load for every job of its queue (power_driver.hpp keeps one per node and
// load until the node's state or the clock moves).
#include <optional>

#include "sim/power/node_power.hpp"

namespace umbra::power {

class PowerLookahead {
 public:
  // `node` as it runs from its present on (its demand already set).
  explicit PowerLookahead(NodePower node);

  // The first instant, up to `until`, at which the node stops (at once if it is stopped now);
  // none if it runs on through every event up to `until` or to its horizon.
  std::optional<double> stop_until(double until);

 private:
  NodePower ahead_;
  std::optional<double> stop_;  // found so far
  bool stopped_now_ = false;
};

}  // namespace umbra::power
