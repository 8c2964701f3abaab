#pragma once
// A policy's scratch copy of free GPUs per node, and the default placement rule.
#include <functional>
#include <optional>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::sched {

class FreeGpus {
 public:
  explicit FreeGpus(const ClusterState& state);

  int free_on(NodeId node) const { return free_[node]; }
  int free_in(SiteId site) const;
  int total_free() const;

  // Packed placement: the fewest nodes of one site, all in one of its ever-components (the
  // nodes the network joins, NodeState::ever_component), so that the job's ring has a route.
  // Within a component, a job that fits one node takes the node with the fewest free GPUs that
  // still hold it (best fit); a larger job takes whole free nodes first, then the best fit for
  // the rest. Among a site's components, and then among sites, the one needing the fewest nodes
  // wins, ties to the lower component id, then the lower site id. Returns nothing if no
  // component of any site can hold the job now.
  std::optional<Placement> place_packed(int gpus) const;
  // The same rule, among the sites `allowed` accepts only.
  std::optional<Placement> place_packed(int gpus, const std::function<bool(SiteId)>& allowed) const;

  // Most-free placement, the rule of the Pollux artifact's Tiresias (petuum/adaptdl,
  // osdi21-artifact, simulator/tiresias.py): in the first allowed site (lowest id) and, within
  // it, the first component that has enough free GPUs, take from the node with the most free
  // GPUs (ties: the lower node id) as many as it has or the job still needs, until the job has
  // them all. Unlike the packed rule it spreads small jobs over the emptiest nodes.
  std::optional<Placement> place_most_free(int gpus,
                                           const std::function<bool(SiteId)>& allowed) const;

  // Both throw std::logic_error on a placement that takes more than is free, or gives back
  // more than is installed: the policy has lost count.
  void take(const Placement& placement);
  void give_back(const Placement& placement);

 private:
  std::optional<Placement> place_in_site(const SiteState& site, int gpus) const;
  // The rule within one component: `candidates` are its nodes with free GPUs.
  std::optional<Placement> place_among(std::vector<NodeId> candidates, int gpus) const;
  void adjust(const Placement& placement, int sign);  // sign -1 takes, +1 gives back

  const ClusterState& state_;
  std::vector<int> free_;  // per node
  std::vector<int>
      site_free_;  // per site, kept with free_ so that a site too full is skipped at once
  int total_free_ = 0;
};

}  // namespace umbra::sched
