#include "schedulers/power_stops.hpp"

#include <algorithm>
#include <cmath>

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
  if (!(known.stop && *known.stop <= end) && end > known.clear_until) {
    // Asked again for an end before the stop found: a node stopped now is given its stop
    // whatever the end.
    const auto lost = state_.forecasts->power_lost_at(node, busy_gpus, end);
    if (lost) {
      known.stop = lost;
    } else {
      known.clear_until = end;
    }
  }
  if (known.stop && *known.stop <= end) {
    walk_.refused_from = std::max(walk_.refused_from, *known.stop);  // refused from its stop on
    return false;
  }
  if (end <= known.clear_until) {
    // Admitted up to the latest end answered none, and before the stop when one is known.
    const double before_stop = known.stop ? std::nextafter(*known.stop, -kInfinity) : -kInfinity;
    walk_.admitted_to = std::min(walk_.admitted_to, std::max(known.clear_until, before_stop));
    return true;
  }
  return false;  // given a stop after the end: stopped now, refused whatever the end
}

bool PowerStops::known_to_fail(int gpus, const FreeGpus& free, double end) const {
  if (static_cast<std::size_t>(gpus) >= failed_.size()) return false;
  const FailedWalks& failed = failed_[gpus];
  return failed.total_free == free.total_free() &&
         std::any_of(failed.ends.begin(), failed.ends.end(),
                     [&](const EndRange& range) { return range.holds(end); });
}

void PowerStops::start_walk() {
  walk_ = {};
}

void PowerStops::walk_failed(int gpus, const FreeGpus& free) {
  if (static_cast<std::size_t>(gpus) >= failed_.size()) failed_.resize(gpus + 1);
  FailedWalks& failed = failed_[gpus];
  if (failed.total_free != free.total_free()) failed = {free.total_free(), {}};
  failed.ends.push_back(walk_);
}

}  // namespace umbra::sched
