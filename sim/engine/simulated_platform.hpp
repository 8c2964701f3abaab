#pragma once
// The platform as SimGrid hosts and links: one host per node with one core per GPU (speed
// per pstate, power figures for the host_energy plugin), one storage host per site, the
// node's intra-node fabric, NICs and WAN links, all inside one PlatformZone that answers
// routes. A node, not a GPU, is the host: jobs sharing a node use disjoint cores, and the
// platform stays small (10,000 GPUs are 1,250 hosts).
#include <simgrid/s4u/Host.hpp>

#include <string>
#include <vector>

#include "sim/spec/platform_spec.hpp"

namespace umbra::engine {

struct SimulatedNode {
  std::string name;
  std::size_t site = 0;
  int gpus = 0;
  simgrid::s4u::Host* host = nullptr;
  simgrid::s4u::Host* fabric = nullptr;  // intra-node transfers go from host to fabric
};

struct SimulatedSite {
  std::string name;
  double gpu_peak_flops = 0;
  double gpu_idle_watts = 0;       // pstate 0
  double gpu_busy_watts = 0;       // pstate 0
  std::vector<std::size_t> nodes;  // indices into SimulatedPlatform::nodes
  simgrid::s4u::Host* storage = nullptr;
};

struct SimulatedPlatform {
  std::vector<SimulatedSite> sites;
  std::vector<SimulatedNode> nodes;
  simgrid::s4u::Host* controller = nullptr;  // where the engine's actors live; no links
};

// Builds and seals the platform in the current SimGrid engine, whose host_energy plugin
// must already be initialised.
SimulatedPlatform build_platform(const spec::PlatformSpec& platform);

}  // namespace umbra::engine
