#include "sim/contact/compute_clusters.hpp"

#include <stdexcept>

namespace umbra::contact {

std::vector<ComputeCluster> compute_clusters(const spec::PlatformSpec& platform,
                                             const Constellation& constellation) {
  std::vector<ComputeCluster> clusters;
  std::size_t next = 0;
  // The next `count` satellites of the constellation form one cluster named `name`.
  const auto take = [&](const std::string& name, std::size_t count) {
    if (next + count > constellation.satellites.size()) {
      throw std::logic_error("the constellation is smaller than its shells and formations");
    }
    ComputeCluster cluster{name, {}, {}};
    for (std::size_t i = next; i < next + count; ++i) {
      const auto& payload = constellation.satellites[i].hardware.payload;
      if (!payload) continue;
      cluster.gpu_model = payload->gpu_model;
      cluster.members.push_back(i);
    }
    next += count;
    if (!cluster.members.empty()) clusters.push_back(std::move(cluster));
  };
  for (const spec::ShellSpec& shell : platform.shells) {
    take(shell.name, static_cast<std::size_t>(shell.planes * shell.satellites_per_plane));
  }
  for (const spec::FormationSpec& formation : platform.formations) {
    take(formation.name, static_cast<std::size_t>(formation.members));
  }
  while (next < constellation.satellites.size()) take(constellation.satellites[next].name, 1);
  return clusters;
}

}  // namespace umbra::contact
