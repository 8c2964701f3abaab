#include "sim/engine/connected_capacity.hpp"

#include <fmt/format.h>

#include <map>

#include "sim/core/error.hpp"

namespace umbra::engine {

ConnectedCapacity largest_connected_capacity(const sched::ClusterState& state) {
  ConnectedCapacity largest;
  for (const sched::SiteState& site : state.sites) {
    std::map<sched::ComponentId, int> gpus;  // of the site, by component
    for (const sched::NodeId node : site.nodes) {
      gpus[state.nodes[node].ever_component] += state.nodes[node].gpus;
    }
    for (const auto& [component, count] : gpus) {
      if (count > largest.gpus) largest = {site.name, count};
    }
  }
  return largest;
}

void refuse_jobs_the_network_splits(const sched::ClusterState& state,
                                    const workload::Workload& workload) {
  const ConnectedCapacity largest = largest_connected_capacity(state);
  for (const workload::Job& job : workload.jobs) {
    if (job.gpus <= largest.gpus) continue;
    throw InputError(
        job.where,
        fmt::format("job \"{}\" asks for {} GPUs but laser links join at most {} GPUs of one "
                    "cluster (in \"{}\"): the others are split by laser links that never come up "
                    "over the contact plan's first day ('umbra contacts' lists those that do)",
                    job.id, job.gpus, largest.gpus, largest.cluster));
  }
}

}  // namespace umbra::engine
