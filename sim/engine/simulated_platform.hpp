#pragma once
// The platform as SimGrid hosts and links: one host per GPU (speed per pstate, power figures
// for the host_energy plugin), one storage host per site, NICs, NVLink-class ports and WAN
// links, all inside one PlatformZone that answers routes.
#include <simgrid/s4u/Host.hpp>

#include <string>
#include <vector>

#include "sim/spec/platform_spec.hpp"

namespace umbra::engine {

struct SimulatedNode {
  std::string name;
  std::size_t site = 0;
  std::vector<simgrid::s4u::Host*> gpus;
};

struct SimulatedSite {
  std::string name;
  double gpu_peak_flops = 0;
  std::vector<std::size_t> nodes;  // indices into SimulatedPlatform::nodes
  simgrid::s4u::Host* storage = nullptr;
};

struct SimulatedPlatform {
  std::vector<SimulatedSite> sites;
  std::vector<SimulatedNode> nodes;
  std::vector<simgrid::s4u::Host*> all_gpus;
};

// Builds and seals the platform in the current SimGrid engine, whose host model must already
// be ptask_L07 and whose host_energy plugin must already be initialised.
SimulatedPlatform build_platform(const spec::PlatformSpec& platform);

}  // namespace umbra::engine
