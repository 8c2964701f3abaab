#include "schedulers/orbital_placement.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "schedulers/free_gpus.hpp"
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

struct RankedNode {
  NodeId node = 0;
  double sunlit = 0;  // time ahead
};

// Per orbital site (indexed by site id), its nodes with free GPUs in placement order. Sunlit
// times do not change within a call, so neither does the order: the walk skips the nodes
// this call's starts have filled.
std::vector<std::vector<RankedNode>> rank_orbital_nodes(const ClusterState& state) {
  std::vector<std::vector<RankedNode>> ranked(state.sites.size());
  for (const auto& site : state.sites) {
    if (!site.orbital) continue;
    auto& nodes = ranked[site.id];
    for (const NodeId node : site.nodes) {
      if (state.nodes[node].free_gpus > 0) nodes.push_back({node, sunlit_time_ahead(state, node)});
    }
    std::sort(nodes.begin(), nodes.end(), [](const RankedNode& a, const RankedNode& b) {
      return a.sunlit > b.sunlit || (a.sunlit == b.sunlit && a.node < b.node);
    });
  }
  return ranked;
}

struct OrbitalPlacement {
  Placement placement;
  double sunlit = kSunlitThroughout;  // of its least sunlit node
};

std::optional<OrbitalPlacement> place_in_cluster(const ClusterState& state,
                                                 const std::vector<RankedNode>& ranked,
                                                 const FreeGpus& free, const QueuedJob& job,
                                                 const OrbitalAdmission& admits) {
  OrbitalPlacement chosen;
  int rest = job.gpus;
  for (auto it = ranked.begin(); it != ranked.end() && rest > 0; ++it) {
    const int take = std::min(rest, free.free_on(it->node));
    if (take == 0) continue;
    const int busy = state.nodes[it->node].gpus - free.free_on(it->node) + take;
    if (!admits(job, it->node, busy)) continue;
    chosen.placement.slots.push_back({it->node, take});
    chosen.sunlit = it->sunlit;  // the ranking is longest first
    rest -= take;
  }
  if (rest > 0) return std::nullopt;
  std::sort(chosen.placement.slots.begin(), chosen.placement.slots.end(),
            [](const Slot& a, const Slot& b) { return a.node < b.node; });
  return chosen;
}

}  // namespace

Decisions start_sunlit_first(const ClusterState& state, const OrbitalAdmission& admits) {
  Decisions decisions;
  if (state.queue.empty()) return decisions;
  FreeGpus free(state);
  const auto ranked = rank_orbital_nodes(state);
  const std::function<bool(SiteId)> on_ground = [&](SiteId site) {
    return !state.sites[site].orbital;
  };
  for (const auto& job : state.queue) {
    if (free.total_free() == 0) break;  // nothing more can start
    std::optional<OrbitalPlacement> best;
    for (const auto& site : state.sites) {
      if (!site.orbital || free.free_in(site.id) < job.gpus) continue;
      auto candidate = place_in_cluster(state, ranked[site.id], free, job, admits);
      // Strictly longer to win: on a tie the lower site id stays.
      if (candidate && (!best || candidate->sunlit > best->sunlit)) best = std::move(candidate);
    }
    auto placement = best ? std::optional<Placement>(std::move(best->placement))
                          : free.place_packed(job.gpus, on_ground);
    if (placement) start_on(job, std::move(*placement), free, decisions);
  }
  return decisions;
}

}  // namespace umbra::sched
