#pragma once
// Battery-aware's admission (battery_aware.cpp) for a whole queue in one policy call: whether a
// satellite, with so many GPUs computing, would run on without stopping until a job's end
// (Forecasts::power_lost_at is none). A queue that has outgrown the platform asks this for
// every job at every node with free GPUs, at every call, so a call keeps:
//  - the answers, in one flat table per node and load: a node and load are asked again only
//    for an end later than any answered "none" or earlier than the stop found;
//  - the placements that failed: a walk over the nodes that placed nothing places nothing for a
//    job of the same size, on the same free GPUs, whose end every admission it asked answers
//    the same for (an end at or after each stop that refused, and before each that admitted).
//    Such a job is known to wait without a walk.
#include <limits>
#include <optional>
#include <vector>

#include "schedulers/free_gpus.hpp"
#include "schedulers/scheduler.hpp"

namespace umbra::sched {

class PowerStops {
 public:
  // For one call on `state`, which has forecasts.
  explicit PowerStops(const ClusterState& state);

  // Whether orbital `node`, free in `state`, with `busy_gpus` GPUs computing from now on (more
  // than it has busy in `state`), would not stop computing until `end`. Within a walk (from
  // start_walk), the answer is remembered for walk_failed.
  bool outlasts(NodeId node, int busy_gpus, double end);

  // Whether a placement of `gpus` GPUs on `free` for a job ending at `end` is known to fail.
  bool known_to_fail(int gpus, const FreeGpus& free, double end) const;
  // Marks the start of a placement's walk over the nodes.
  void start_walk();
  // The walk since start_walk placed nothing of `gpus` GPUs on `free`.
  void walk_failed(int gpus, const FreeGpus& free);

 private:
  static constexpr double kInfinity = std::numeric_limits<double>::infinity();
  // What the forecasts said of one node at one load: the first stop (the same whatever the
  // end asked with), once one was given, and the latest end given none.
  struct Answer {
    std::optional<double> stop;
    double clear_until = -kInfinity;
  };
  // The ends for which every admission of a walk answers as it did: [refused_from, admitted_to].
  struct EndRange {
    double refused_from = -kInfinity;
    double admitted_to = kInfinity;
    bool holds(double end) const { return refused_from <= end && end <= admitted_to; }
  };
  // The failed walks of one job size on the free GPUs they saw (total_free: every start lowers
  // it; -1 before any).
  struct FailedWalks {
    int total_free = -1;
    std::vector<EndRange> ends;
  };

  const ClusterState& state_;
  std::vector<int> first_answer_;  // per node: where its answers start (busy GPUs above those of
                                   // `state_`, one per free GPU), -1 if it has none free
  std::vector<Answer> answers_;
  EndRange walk_;
  std::vector<FailedWalks> failed_;  // by job size
};

}  // namespace umbra::sched
