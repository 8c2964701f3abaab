#include "sim/engine/simulated_platform.hpp"

#include <fmt/format.h>
#include <simgrid/s4u/Link.hpp>

#include "sim/network/platform_zone.hpp"

namespace umbra::engine {
namespace {

// host_energy's "idle:one-core-busy:all-cores-busy" per pstate; a GPU host has one core.
std::string wattage_per_state(const spec::GpuModelSpec& model) {
  std::string text;
  for (const auto& state : model.pstates) {
    if (!text.empty()) text += ',';
    text += fmt::format("{}:{}:{}", state.idle_watts, state.busy_watts, state.busy_watts);
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
    const std::string wattage = wattage_per_state(model);

    SimulatedSite simulated{site.name, model.peak_flops, {}, nullptr};
    for (int n = 0; n < site.nodes; ++n) {
      const std::string node_name = fmt::format("{}-n{}", site.name, n);
      const std::size_t node_index = result.nodes.size();
      zone->add_node(
          s, make_link(*zone, node_name + "-nic-out", site.node_bandwidth, site.node_latency / 2),
          make_link(*zone, node_name + "-nic-in", site.node_bandwidth, site.node_latency / 2));
      SimulatedNode node{node_name, s, {}};
      for (int g = 0; g < site.gpus_per_node; ++g) {
        const std::string gpu_name = fmt::format("{}-g{}", node_name, g);
        auto* host = zone->create_host(gpu_name, speeds);
        host->set_property("wattage_per_state", wattage);
        host->set_property("wattage_off", "0");
        zone->add_gpu(host, node_index,
                      make_link(*zone, gpu_name + "-port-out", site.intra_node_bandwidth,
                                site.intra_node_latency / 2),
                      make_link(*zone, gpu_name + "-port-in", site.intra_node_bandwidth,
                                site.intra_node_latency / 2));
        node.gpus.push_back(host);
        result.all_gpus.push_back(host);
      }
      simulated.nodes.push_back(node_index);
      result.nodes.push_back(std::move(node));
    }
    // Storage only moves bytes: a nominal speed, no power of its own in the GPU energy.
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
  zone->seal();
  return result;
}

}  // namespace umbra::engine
