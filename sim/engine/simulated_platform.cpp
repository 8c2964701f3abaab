#include "sim/engine/simulated_platform.hpp"

#include <fmt/format.h>
#include <simgrid/s4u/Link.hpp>

#include "sim/network/platform_zone.hpp"

namespace umbra::engine {
namespace {

// host_energy's "idle:epsilon:full" per pstate, where power = epsilon + load x (full -
// epsilon) once any core is busy, load being the fraction of busy cores. With epsilon =
// G x idle and full = G x busy, a node with k busy GPUs draws G x idle + k x (busy - idle):
// each GPU adds its own busy power.
std::string wattage_per_state(const spec::GpuModelSpec& model, int gpus) {
  std::string text;
  for (const auto& state : model.pstates) {
    if (!text.empty()) text += ',';
    text += fmt::format("{}:{}:{}", gpus * state.idle_watts, gpus * state.idle_watts,
                        gpus * state.busy_watts);
  }
  return text;
}

simgrid::s4u::Link* make_link(network::PlatformZone& zone, const std::string& name,
                              double bandwidth, double latency) {
  auto* link = zone.create_link(name, {bandwidth});
  link->set_latency(latency);
  return link;
}

}  // namespace

SimulatedPlatform build_platform(const spec::PlatformSpec& platform) {
  // The zone is owned by SimGrid's engine once created (the first zone becomes the root).
  auto* zone = new network::PlatformZone(platform.name.empty() ? "umbra" : platform.name,
                                         network::SiteRoutes(platform));
  SimulatedPlatform result;
  for (std::size_t s = 0; s < platform.sites.size(); ++s) {
    const spec::SiteSpec& site = platform.sites[s];
    const spec::GpuModelSpec& model = platform.gpu_model(site.gpu_model);
    std::vector<double> speeds;
    for (const auto& state : model.pstates) speeds.push_back(model.peak_flops * state.speed_ratio);
    const std::string wattage = wattage_per_state(model, site.gpus_per_node);

    SimulatedSite simulated{site.name, model.peak_flops, model.idle_watts, model.busy_watts,
                            {},        nullptr};
    for (int n = 0; n < site.nodes; ++n) {
      const std::string name = fmt::format("{}-n{}", site.name, n);
      auto* host = zone->create_host(name, speeds);
      host->set_core_count(site.gpus_per_node);
      host->set_property("wattage_per_state", wattage);
      host->set_property("wattage_off", "0");
      // NVSwitch-class fabric: every GPU port runs at full speed whatever the others do, so
      // the link is a fat pipe of one port's bandwidth (each flow gets all of it).
      auto* fabric =
          make_link(*zone, name + "-fabric", site.intra_node_bandwidth, site.intra_node_latency);
      fabric->set_sharing_policy(simgrid::s4u::Link::SharingPolicy::FATPIPE);
      auto* fabric_host = zone->create_host(name + "-nvswitch", {1e9});
      fabric_host->set_property("wattage_per_state", "0:0:0");
      fabric_host->set_property("wattage_off", "0");
      zone->add_node(
          host, fabric_host, s,
          {fabric, make_link(*zone, name + "-nic-out", site.node_bandwidth, site.node_latency / 2),
           make_link(*zone, name + "-nic-in", site.node_bandwidth, site.node_latency / 2)});
      simulated.nodes.push_back(result.nodes.size());
      result.nodes.push_back({name, s, site.gpus_per_node, host, fabric_host});
    }
    // Storage only moves bytes: a nominal speed and no power in the GPU energy.
    simulated.storage = zone->create_host(site.name + "-storage", {1e9});
    simulated.storage->set_property("wattage_per_state", "0:0:0");
    simulated.storage->set_property("wattage_off", "0");
    zone->add_storage(simulated.storage, s,
                      make_link(*zone, site.name + "-storage-link", site.storage_bandwidth, 0));
    result.sites.push_back(std::move(simulated));
  }
  for (std::size_t w = 0; w < platform.wan_links.size(); ++w) {
    const spec::WanLinkSpec& wan = platform.wan_links[w];
    const std::string name = fmt::format("wan-{}-{}", wan.a, wan.b);
    zone->add_wan(w, make_link(*zone, name + "-fwd", wan.bandwidth, wan.latency),
                  make_link(*zone, name + "-back", wan.bandwidth, wan.latency));
  }
  result.controller = zone->create_host("umbra-controller", {1e9});
  result.controller->set_property("wattage_per_state", "0:0:0");
  result.controller->set_property("wattage_off", "0");
  zone->seal();
  return result;
}

}  // namespace umbra::engine
