#include "schedulers/free_gpus.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace umbra::sched {

FreeGpus::FreeGpus(const ClusterState& state) : state_(state), site_free_(state.sites.size(), 0) {
  free_.reserve(state.nodes.size());
  for (const auto& node : state.nodes) {
    free_.push_back(node.free_gpus);
    site_free_[node.site] += node.free_gpus;
    total_free_ += node.free_gpus;
  }
}

int FreeGpus::free_in(SiteId site) const {
  return site_free_[site];
}

int FreeGpus::total_free() const {
  return total_free_;
}

std::optional<Placement> FreeGpus::place_packed(int gpus) const {
  return place_packed(gpus, [](SiteId) { return true; });
}

std::optional<Placement> FreeGpus::place_packed(int gpus,
                                                const std::function<bool(SiteId)>& allowed) const {
  std::optional<Placement> best;
  for (const auto& site : state_.sites) {
    // A site with enough free GPUs in all always holds the job: it may span its nodes.
    if (site_free_[site.id] < gpus || !allowed(site.id)) continue;
    auto placement = place_in_site(site, gpus);
    // Strictly fewer nodes to win: on a tie the earlier (lower) site id stays.
    if (placement && (!best || placement->slots.size() < best->slots.size())) {
      best = std::move(placement);
    }
  }
  return best;
}

std::optional<Placement> FreeGpus::place_in_site(const SiteState& site, int gpus) const {
  std::vector<NodeId> candidates;
  for (const NodeId node : site.nodes) {
    if (free_[node] > 0) candidates.push_back(node);
  }
  // By component, then node id: each component's nodes in one run.
  const auto component = [&](NodeId node) { return state_.nodes[node].ever_component; };
  const auto by_component = [&](NodeId a, NodeId b) { return component(a) < component(b); };
  if (!std::is_sorted(candidates.begin(), candidates.end(), by_component)) {
    std::stable_sort(candidates.begin(), candidates.end(), by_component);
  }
  std::optional<Placement> best;
  for (auto first = candidates.begin(); first != candidates.end();) {
    const auto last = std::find_if(
        first, candidates.end(), [&](NodeId node) { return component(node) != component(*first); });
    auto placement = place_among({first, last}, gpus);
    // Strictly fewer nodes to win: on a tie the lower component stays.
    if (placement && (!best || placement->slots.size() < best->slots.size())) {
      best = std::move(placement);
    }
    first = last;
  }
  return best;
}

// Greedy: while the rest does not fit one node, take the node with the most free GPUs whole
// (a whole free node when there is one); then take the best fit for the rest. Taking the
// largest first needs the fewest nodes; on fragmented nodes (no whole free node) it still
// places the job whenever they have enough free GPUs in total. Ties go to the lower node id.
std::optional<Placement> FreeGpus::place_among(std::vector<NodeId> candidates, int gpus) const {
  Placement placement;
  int rest = gpus;
  while (rest > 0) {
    if (candidates.empty()) return std::nullopt;
    auto chosen = candidates.end();
    for (auto it = candidates.begin(); it != candidates.end(); ++it) {
      if (free_[*it] < rest) continue;
      if (chosen == candidates.end() || free_[*it] < free_[*chosen] ||
          (free_[*it] == free_[*chosen] && *it < *chosen)) {
        chosen = it;
      }
    }
    if (chosen == candidates.end()) {
      chosen = std::min_element(candidates.begin(), candidates.end(), [&](NodeId a, NodeId b) {
        return free_[a] > free_[b] || (free_[a] == free_[b] && a < b);
      });
    }
    const int taken = std::min(rest, free_[*chosen]);
    placement.slots.push_back({*chosen, taken});
    rest -= taken;
    candidates.erase(chosen);
  }
  std::sort(placement.slots.begin(), placement.slots.end(),
            [](const Slot& a, const Slot& b) { return a.node < b.node; });
  return placement;
}

std::optional<Placement> FreeGpus::place_most_free(
    int gpus, const std::function<bool(SiteId)>& allowed) const {
  for (const auto& site : state_.sites) {
    if (site_free_[site.id] < gpus || !allowed(site.id)) continue;
    // Free GPUs per component of the site, in component order.
    std::map<ComponentId, std::vector<NodeId>> components;
    for (const NodeId node : site.nodes) {
      if (free_[node] > 0) components[state_.nodes[node].ever_component].push_back(node);
    }
    for (auto& [component, nodes] : components) {
      int total = 0;
      for (const NodeId node : nodes) total += free_[node];
      if (total < gpus) continue;
      std::vector<int> left(nodes.size());
      for (std::size_t i = 0; i < nodes.size(); ++i) left[i] = free_[nodes[i]];
      Placement placement;
      for (int rest = gpus; rest > 0;) {
        // The most free; the first of equals, nodes being in id order.
        const std::size_t i = std::max_element(left.begin(), left.end()) - left.begin();
        const int taken = std::min(rest, left[i]);
        placement.slots.push_back({nodes[i], taken});
        left[i] -= taken;
        rest -= taken;
      }
      std::sort(placement.slots.begin(), placement.slots.end(),
                [](const Slot& a, const Slot& b) { return a.node < b.node; });
      return placement;
    }
  }
  return std::nullopt;
}

void FreeGpus::take(const Placement& placement) {
  adjust(placement, -1);
}

void FreeGpus::give_back(const Placement& placement) {
  adjust(placement, +1);
}

// Applies slot by slot so that a placement naming a node twice is checked on its sum; on a
// bad slot the slots already applied are undone, so a caught error leaves the counts intact.
void FreeGpus::adjust(const Placement& placement, int sign) {
  const auto apply = [this](const Slot& slot, int delta) {
    free_[slot.node] += delta;
    site_free_[state_.nodes[slot.node].site] += delta;
    total_free_ += delta;
  };
  for (std::size_t i = 0; i < placement.slots.size(); ++i) {
    const auto& slot = placement.slots[i];
    const int after = free_[slot.node] + sign * slot.gpus;
    const int installed = state_.nodes[slot.node].gpus;
    if (slot.gpus < 0 || after < 0 || after > installed) {
      for (std::size_t j = 0; j < i; ++j)
        apply(placement.slots[j], -sign * placement.slots[j].gpus);
      throw std::logic_error(fmt::format("scheduler {} {} GPUs on node {}, which has {} of {} free",
                                         sign < 0 ? "takes" : "gives back", slot.gpus, slot.node,
                                         free_[slot.node], installed));
    }
    apply(slot, sign * slot.gpus);
  }
}

}  // namespace umbra::sched
