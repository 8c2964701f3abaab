#pragma once
// The platform as SimGrid hosts and links, inside one PlatformZone that answers routes:
// - one host per compute node (a ground node, or a satellite with a payload) with one core per
//   GPU (speed per pstate, power figures for the host_energy plugin), and a fabric host and
//   link per node for intra-node transfers;
// - checkpoint storage: one host per ground site, one onboard host per compute satellite;
// - the ground sites' NICs and WAN links, each ground station's backhaul to its site, and two
//   links (one per direction) for every candidate laser or ground link of the constellation,
//   turned on and off by the contact driver (contact_driver.hpp).
// A node, not a GPU, is the host: jobs sharing a node use disjoint cores, and the platform
// stays small (10,000 GPUs are 1,250 hosts).
//
// Clusters (what the scheduler calls sites): the ground sites first, in file order, then the
// orbital compute clusters (contact/compute_clusters.hpp).
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include <optional>
#include <string>
#include <vector>

#include "sim/contact/candidate_links.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/network/platform_zone.hpp"
#include "sim/spec/platform_spec.hpp"

namespace umbra::engine {

// The host pstate of a node that power took down, after its GPU model's pstates: it draws
// nothing in the host_energy plugin.
inline unsigned long dark_pstate(const spec::GpuModelSpec& model) {
  return model.pstates.size();
}

struct SimulatedNode {
  std::string name;
  std::size_t site = 0;
  int gpus = 0;
  const spec::GpuModelSpec* gpu_model = nullptr;  // of the platform spec, which outlives the run
  simgrid::s4u::Host* host = nullptr;
  simgrid::s4u::Host* fabric = nullptr;   // intra-node transfers go from host to fabric
  simgrid::s4u::Host* storage = nullptr;  // where its checkpoint share goes
  std::optional<std::size_t> satellite;   // index in the constellation, for orbital nodes
  std::size_t vertex = 0;                 // the zone's router vertex: its satellite, or its site
};

struct SimulatedSite {
  std::string name;
  bool orbital = false;
  double gpu_peak_flops = 0;
  std::vector<std::size_t> nodes;         // indices into SimulatedPlatform::nodes
  simgrid::s4u::Host* storage = nullptr;  // ground sites only: the site's checkpoint storage
};

// A physical link: an edge of the zone's router, two SimGrid links.
struct SimulatedEdge {
  std::string a, b;        // its ends: satellites, ground stations or sites
  std::string link_class;  // a link class's name, "backhaul" or "wan"
  double rate = 0;         // bytes/s each way, for static links (contact links change)
  double latency = 0;      // s, likewise
  simgrid::s4u::Link* forward = nullptr;  // from a to b
  simgrid::s4u::Link* backward = nullptr;
};

struct SimulatedPlatform {
  std::vector<SimulatedSite> sites;
  std::vector<SimulatedNode> nodes;
  simgrid::s4u::Host* controller = nullptr;  // where the engine's actors live; no links
  network::PlatformZone* zone = nullptr;     // owned by SimGrid's engine
  // By router edge: the candidate contact links first (edge i is candidate i), then the
  // stations' backhauls, then the WAN links.
  std::vector<SimulatedEdge> edges;
  std::size_t contact_edges = 0;
};

// The index of the ground site `name` of `platform`, in the platform's sites as in
// SimulatedPlatform::sites (the ground sites come first, in the file's order).
std::size_t ground_site_index(const spec::PlatformSpec& platform, const std::string& name);

// Builds and seals the platform in the current SimGrid engine, whose host_energy plugin must
// already be initialised. `candidates` are candidate_links(platform, constellation).
SimulatedPlatform build_platform(const spec::PlatformSpec& platform,
                                 const contact::Constellation& constellation,
                                 const std::vector<contact::CandidateLink>& candidates);

}  // namespace umbra::engine
