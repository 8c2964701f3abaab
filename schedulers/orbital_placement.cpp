#include "schedulers/orbital_placement.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "schedulers/in_order_start.hpp"

namespace umbra::sched {
namespace {

constexpr double kSunlitThroughout = std::numeric_limits<double>::infinity();

double sunlit_time_ahead(const ClusterState& state, NodeId node) {
  if (state.forecasts == nullptr) return kSunlitThroughout;
  const auto shadow = state.forecasts->shadow_at_or_after(node, state.now);
  if (!shadow) return kSunlitThroughout;
  return std::max(0.0, shadow->entry - state.now);
}

}  // namespace

SunlitRanking::SunlitRanking(const ClusterState& state)
    : state_(state), ranked_(state.sites.size()) {
  for (const auto& site : state.sites) {
    if (!site.orbital) continue;
    std::vector<RankedNode> nodes;
    for (const NodeId node : site.nodes) {
      if (state.nodes[node].free_gpus > 0) nodes.push_back({node, sunlit_time_ahead(state, node)});
    }
    std::sort(nodes.begin(), nodes.end(), [](const RankedNode& a, const RankedNode& b) {
      return a.sunlit > b.sunlit || (a.sunlit == b.sunlit && a.node < b.node);
    });
    // Split by component once for the whole call: every placement walks them so.
    auto& components = ranked_[site.id];
    for (const RankedNode& ranked : nodes) {
      const ComponentId component = state.nodes[ranked.node].ever_component;
      auto it = std::lower_bound(
          components.begin(), components.end(), component,
          [](const RankedComponent& c, ComponentId id) { return c.component < id; });
      if (it == components.end() || it->component != component) {
        it = components.insert(it, {component, {}});
      }
      it->nodes.push_back(ranked);
    }
  }
}

std::optional<SunlitRanking::OrbitalPlacement> SunlitRanking::place_in_cluster(
    SiteId site, int gpus, const FreeGpus& free, const NodeAdmission& admits) const {
  std::optional<OrbitalPlacement> best;
  for (const RankedComponent& component : ranked_[site]) {
    auto candidate = place_in_component(component, gpus, free, admits);
    // Strictly longer to win: on a tie the lower component stays.
    if (candidate && (!best || candidate->sunlit > best->sunlit)) best = std::move(candidate);
  }
  return best;
}

std::optional<SunlitRanking::OrbitalPlacement> SunlitRanking::place_in_component(
    const RankedComponent& ranked, int gpus, const FreeGpus& free,
    const NodeAdmission& admits) const {
  OrbitalPlacement chosen{{}, kSunlitThroughout};
  int rest = gpus;
  for (auto it = ranked.nodes.begin(); it != ranked.nodes.end() && rest > 0; ++it) {
    const int take = std::min(rest, free.free_on(it->node));
    if (take == 0) continue;
    const int busy = state_.nodes[it->node].gpus - free.free_on(it->node) + take;
    if (!admits(it->node, busy)) continue;
    chosen.placement.slots.push_back({it->node, take});
    chosen.sunlit = it->sunlit;  // the ranking is longest first
    rest -= take;
  }
  if (rest > 0) return std::nullopt;
  std::sort(chosen.placement.slots.begin(), chosen.placement.slots.end(),
            [](const Slot& a, const Slot& b) { return a.node < b.node; });
  return chosen;
}

std::optional<Placement> SunlitRanking::place(int gpus, const FreeGpus& free,
                                              const NodeAdmission& admits) const {
  std::optional<OrbitalPlacement> best;
  for (const auto& site : state_.sites) {
    if (!site.orbital || free.free_in(site.id) < gpus) continue;
    auto candidate = place_in_cluster(site.id, gpus, free, admits);
    // Strictly longer to win: on a tie the lower site id stays.
    if (candidate && (!best || candidate->sunlit > best->sunlit)) best = std::move(candidate);
  }
  if (best) return std::move(best->placement);
  return free.place_packed(gpus, [&](SiteId site) { return !state_.sites[site].orbital; });
}

void start_each_placed(const ClusterState& state, FreeGpus& free, const JobPlacement& place,
                       Decisions& decisions) {
  for (const auto& job : state.queue) {
    if (free.total_free() == 0) break;  // nothing more can start
    if (auto placement = place(job)) start_on(job, std::move(*placement), free, decisions);
  }
}

void start_sunlit_first(const ClusterState& state, const SunlitRanking& ranking, FreeGpus& free,
                        const OrbitalAdmission& admits, Decisions& decisions) {
  start_each_placed(
      state, free,
      [&](const QueuedJob& job) {
        return ranking.place(job.gpus, free,
                             [&](NodeId node, int busy) { return admits(job, node, busy); });
      },
      decisions);
}

Decisions start_sunlit_first(const ClusterState& state, const OrbitalAdmission& admits) {
  Decisions decisions;
  if (state.queue.empty()) return decisions;
  FreeGpus free(state);
  start_sunlit_first(state, SunlitRanking(state), free, admits, decisions);
  return decisions;
}

}  // namespace umbra::sched
