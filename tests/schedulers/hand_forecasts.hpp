#pragma once
// The physics' answers for policy tests, chosen by hand per node: its next shadow, the time it
// would stop computing once enough of its GPUs compute (or at each load), the bandwidth between
// two nodes and its ground contacts. Records the power queries it gets.
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::sched::testing {

class HandForecasts final : public Forecasts {
 public:
  struct Limit {
    int from_busy_gpus = 0;  // limited with this many busy GPUs or more
    double at = 0;
  };
  struct Query {
    NodeId node = 0;
    int busy_gpus = 0;
    double until = 0;
    friend bool operator==(const Query&, const Query&) = default;
  };

  std::map<NodeId, ShadowWindow> shadows;  // a node absent is sunlit throughout
  std::map<NodeId, Limit> limits;          // a node absent is never limited
  // Or the first stop per (node, busy GPUs), in no order between the loads (a node may stop
  // sooner under a lighter load): a pair present is answered from here. A node in `stopped`
  // has stopped now: its stop is given whatever the limit, as the engine's are
  // (power::PowerLookahead).
  std::map<std::pair<NodeId, int>, double> stops;
  std::set<NodeId> stopped;
  std::map<std::pair<NodeId, NodeId>, double> bandwidths;  // bytes/s; a pair absent has none
  std::map<NodeId, std::vector<GroundContact>> contacts;   // in time order
  mutable std::vector<Query> queries;                      // of power_lost_at, in order

  std::optional<ShadowWindow> shadow_at_or_after(NodeId node, double time) const override {
    const auto it = shadows.find(node);
    if (it == shadows.end() || it->second.exit <= time) return std::nullopt;
    return it->second;
  }
  // No policy tested asks for it.
  double state_of_charge_at(NodeId, double, int) const override { return 1; }
  std::optional<double> power_lost_at(NodeId node, int busy_gpus, double until) const override {
    queries.push_back({node, busy_gpus, until});
    if (const auto stop = stops.find({node, busy_gpus}); stop != stops.end()) {
      if (!stopped.contains(node) && stop->second > until) return std::nullopt;
      return stop->second;
    }
    const auto it = limits.find(node);
    if (it == limits.end() || busy_gpus < it->second.from_busy_gpus || it->second.at > until) {
      return std::nullopt;
    }
    return it->second.at;
  }
  double bandwidth_now(NodeId from, NodeId to) const override {
    const auto it = bandwidths.find({from, to});
    return it == bandwidths.end() ? 0 : it->second;
  }
  std::vector<GroundContact> ground_contacts(NodeId node, double from,
                                             double until) const override {
    std::vector<GroundContact> overlapping;
    const auto it = contacts.find(node);
    if (it == contacts.end()) return overlapping;
    for (const GroundContact& contact : it->second) {
      if (contact.start < until && contact.end > from) overlapping.push_back(contact);
    }
    return overlapping;
  }
};

}  // namespace umbra::sched::testing
