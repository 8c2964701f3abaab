#include "schedulers/power_stops.hpp"

namespace umbra::sched {

PowerStops::PowerStops(const ClusterState& state)
    : state_(state), first_answer_(state.nodes.size(), -1) {
  for (const SiteState& site : state.sites) {
    if (!site.orbital) continue;
    for (const NodeId id : site.nodes) {
      const NodeState& node = state.nodes[id];
      if (node.free_gpus == 0) continue;
      first_answer_[id] = static_cast<int>(answers_.size());
      answers_.resize(answers_.size() + node.free_gpus);
    }
  }
}

bool PowerStops::outlasts(NodeId node, int busy_gpus, double end) {
  const NodeState& state = state_.nodes[node];
  Answer& known = answers_[first_answer_[node] + busy_gpus - (state.gpus - state.free_gpus) - 1];
  if (known.stop && *known.stop <= end) return false;
  if (end <= known.clear_until) return true;
  // Asked again for an end before the stop found: a node stopped now is given its stop
  // whatever the end.
  const auto lost = state_.forecasts->power_lost_at(node, busy_gpus, end);
  if (!lost) {
    known.clear_until = end;
    return true;
  }
  known.stop = lost;
  return false;
}

}  // namespace umbra::sched
