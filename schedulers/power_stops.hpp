#pragma once
// Battery-aware's admission (battery_aware.cpp) for a whole queue in one policy call: whether a
// satellite, with so many GPUs computing, would run on without stopping until a job's end
// (Forecasts::power_lost_at is none). A queue that has outgrown the platform asks this for
// every job at every node with free GPUs, at every call, so the answers are kept for the call
// in one flat table: a node and load are asked again only for an end later than any asked so
// far without a stop, or earlier than the stop found.
#include <limits>
#include <optional>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::sched {

class PowerStops {
 public:
  // For one call on `state`, which has forecasts.
  explicit PowerStops(const ClusterState& state);

  // Whether orbital `node`, free in `state`, with `busy_gpus` GPUs computing from now on (more
  // than it has busy in `state`), would not stop computing until `end`.
  bool outlasts(NodeId node, int busy_gpus, double end);

 private:
  // What the forecasts said of one node at one load: the first stop (the same whatever the
  // end asked with), once one was given, and the latest end given none.
  struct Answer {
    std::optional<double> stop;
    double clear_until = -std::numeric_limits<double>::infinity();
  };

  const ClusterState& state_;
  std::vector<int> first_answer_;  // per node: where its answers start (busy GPUs above those of
                                   // `state_`, one per free GPU), -1 if it has none free
  std::vector<Answer> answers_;
};

}  // namespace umbra::sched
