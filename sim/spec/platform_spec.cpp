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

int PlatformSpec::largest_site_gpus() const {
  int largest = 0;
  for (const SiteSpec& site : sites) largest = std::max(largest, site.nodes * site.gpus_per_node);
  return largest;
}

}  // namespace umbra::spec
