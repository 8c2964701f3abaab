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

PlatformSpec::ClusterSize PlatformSpec::largest_cluster() const {
  ClusterSize largest;
  const auto consider = [&](const std::string& cluster, int gpus) {
    if (gpus > largest.gpus) largest = {cluster, gpus};
  };
  const auto gpus_each = [](const SatelliteHardwareSpec& hardware) {
    return hardware.payload ? hardware.payload->gpus : 0;
  };
  for (const SiteSpec& site : sites) consider(site.name, site.nodes * site.gpus_per_node);
  for (const ShellSpec& shell : shells) {
    consider(shell.name, shell.planes * shell.satellites_per_plane * gpus_each(shell.hardware));
  }
  for (const FormationSpec& formation : formations) {
    consider(formation.name, formation.members * gpus_each(formation.hardware));
  }
  for (const SatelliteSpec& satellite : satellites) {
    consider(satellite.name.empty() ? "satellites" : satellite.name, gpus_each(satellite.hardware));
  }
  return largest;
}

}  // namespace umbra::spec
