#include "sim/spec/platform_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace umbra::spec {

const GpuModelSpec& PlatformSpec::gpu_model(const std::string& model_name) const {
  for (const GpuModelSpec& model : gpu_models) {
    if (model.name == model_name) return model;
  }
  // The reader refuses sites naming unknown models, so this is a programming error.
  throw std::logic_error(fmt::format("no GPU model \"{}\" in platform \"{}\"", model_name, name));
}

int PlatformSpec::total_gpus() const {
  int total = 0;
  for (const SiteSpec& site : sites) total += site.nodes * site.gpus_per_node;
  return total;
}

std::vector<PlatformSpec::ClusterSize> PlatformSpec::clusters() const {
  std::vector<ClusterSize> found;
  const auto consider = [&](const std::string& cluster, int count,
                            const SatelliteHardwareSpec& hardware) {
    if (hardware.payload && hardware.payload->gpus > 0) {
      found.push_back({cluster, count * hardware.payload->gpus, hardware.payload->gpu_model});
    }
  };
  for (const SiteSpec& site : sites) {
    found.push_back({site.name, site.nodes * site.gpus_per_node, site.gpu_model});
  }
  for (const ShellSpec& shell : shells) {
    consider(shell.name, shell.planes * shell.satellites_per_plane, shell.hardware);
  }
  for (const FormationSpec& formation : formations) {
    consider(formation.name, formation.members, formation.hardware);
  }
  for (const SatelliteSpec& satellite : satellites) {
    consider(satellite.name.empty() ? "satellites" : satellite.name, 1, satellite.hardware);
  }
  return found;
}

PlatformSpec::ClusterSize PlatformSpec::largest_cluster() const {
  ClusterSize largest;
  for (const ClusterSize& cluster : clusters()) {
    if (cluster.gpus > largest.gpus) largest = cluster;
  }
  return largest;
}

}  // namespace umbra::spec
