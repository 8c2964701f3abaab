#include "sim/engine/simulated_platform.hpp"

#include <fmt/format.h>

#include "sim/contact/compute_clusters.hpp"
#include "sim/spec/platform_reader.hpp"

namespace umbra::engine {
namespace {

namespace s4u = simgrid::s4u;

// host_energy's "idle:epsilon:full" per pstate, where power = epsilon + load x (full -
// epsilon) once any core is busy, load being the fraction of busy cores. With epsilon =
// G x idle and full = G x busy, a node with k busy GPUs draws G x idle + k x (busy - idle):
// each GPU adds its own busy power. After the model's pstates comes the dark one
// (kDarkPstate): a node that power took down draws nothing (nothing computes on it).
std::string wattage_per_state(const spec::GpuModelSpec& model, int gpus) {
  std::string text;
  for (const auto& state : model.pstates) {
    text += fmt::format("{}:{}:{},", gpus * state.idle_watts, gpus * state.idle_watts,
                        gpus * state.busy_watts);
  }
  return text + "0:0:0";
}

s4u::Link* make_link(network::PlatformZone& zone, const std::string& name, double bandwidth,
                     double latency) {
  auto* link = zone.create_link(name, {bandwidth});
  link->set_latency(latency);
  return link;
}

// A host that only moves bytes: a nominal speed and no power in the GPU energy.
s4u::Host* make_passive_host(network::PlatformZone& zone, const std::string& name) {
  auto* host = zone.create_host(name, {1e9});
  host->set_property("wattage_per_state", "0:0:0");
  host->set_property("wattage_off", "0");
  return host;
}

// The parts every compute node has, in orbit or on the ground.
struct NodeHosts {
  s4u::Host* host;
  s4u::Host* fabric_host;
  s4u::Link* fabric;
};

NodeHosts make_node(network::PlatformZone& zone, const std::string& name,
                    const spec::GpuModelSpec& model, int gpus, double fabric_bandwidth,
                    double fabric_latency) {
  std::vector<double> speeds;
  for (const auto& state : model.pstates) speeds.push_back(model.peak_flops * state.speed_ratio);
  speeds.push_back(speeds.back());  // dark
  auto* host = zone.create_host(name, speeds);
  host->set_core_count(gpus);
  host->set_property("wattage_per_state", wattage_per_state(model, gpus));
  host->set_property("wattage_off", "0");
  // NVSwitch-class fabric: every GPU port runs at full speed whatever the others do, so the
  // link is a fat pipe of one port's bandwidth (each flow gets all of it).
  auto* fabric = make_link(zone, name + "-fabric", fabric_bandwidth, fabric_latency);
  fabric->set_sharing_policy(s4u::Link::SharingPolicy::FATPIPE);
  return {host, make_passive_host(zone, name + "-nvswitch"), fabric};
}

SimulatedSite site_of_model(std::string name, bool orbital, const spec::GpuModelSpec& model) {
  return {std::move(name), orbital, model.peak_flops, {}, nullptr};
}

class PlatformBuilder {
 public:
  PlatformBuilder(const spec::PlatformSpec& platform, const contact::Constellation& constellation,
                  const std::vector<contact::CandidateLink>& candidates)
      : platform_(platform),
        constellation_(constellation),
        candidates_(candidates),
        satellites_(constellation.satellites.size()),
        site_base_(satellites_ + platform.ground_stations.size()) {}

  SimulatedPlatform build() {
    network::SpaceRouter router(site_base_ + platform_.sites.size(), platform_.routing);
    add_router_edges(router);
    // The zone is owned by SimGrid's engine once created (the first zone becomes the root).
    zone_ =
        new network::PlatformZone(platform_.name.empty() ? "umbra" : platform_.name,
                                  network::SiteRoutes(platform_), std::move(router), site_base_);
    result_.zone = zone_;
    add_ground_sites();
    add_orbital_clusters();
    add_edge_links();
    result_.controller = make_passive_host(*zone_, "umbra-controller");
    zone_->seal();
    return std::move(result_);
  }

 private:
  std::string vertex_name(std::size_t vertex) const {
    if (vertex < satellites_) return constellation_.satellites[vertex].name;
    if (vertex < site_base_) return platform_.ground_stations[vertex - satellites_].name;
    return platform_.sites[vertex - site_base_].name;
  }

  // One physical link: a router edge between two vertices and its record (its SimGrid links
  // come once the zone exists).
  std::size_t add_edge(network::SpaceRouter& router, std::size_t a, std::size_t b,
                       const std::string& link_class, double rate, double latency, bool up) {
    const std::size_t edge = router.add_edge(a, b, rate, latency);
    router.set_up(edge, up);
    result_.edges.push_back(
        {vertex_name(a), vertex_name(b), link_class, rate, latency, nullptr, nullptr});
    return edge;
  }

  // Contact links (down until the contact driver raises them), backhauls, WAN: in that order.
  void add_router_edges(network::SpaceRouter& router) {
    for (const contact::CandidateLink& link : candidates_) {
      const spec::LinkClassSpec& link_class = platform_.link_classes[link.link_class];
      add_edge(router, link.a, link.to_ground ? satellites_ + link.b : link.b, link_class.name,
               link_class.rate, 0, false);
    }
    result_.contact_edges = result_.edges.size();
    for (std::size_t g = 0; g < platform_.ground_stations.size(); ++g) {
      const spec::GroundStationSpec& station = platform_.ground_stations[g];
      if (station.backhaul_site.empty()) continue;  // a platform without ground sites
      const std::size_t s = ground_site_index(platform_, station.backhaul_site);
      const double latency =
          spec::great_circle_distance(station.latitude_deg, station.longitude_deg,
                                      platform_.sites[s].latitude_deg,
                                      platform_.sites[s].longitude_deg) /
          spec::kFibreLightSpeed;
      add_edge(router, satellites_ + g, site_base_ + s, "backhaul", station.backhaul_bandwidth,
               latency, true);
    }
    for (const spec::WanLinkSpec& wan : platform_.wan_links) {
      wan_edges_.push_back(add_edge(router, site_base_ + ground_site_index(platform_, wan.a),
                                    site_base_ + ground_site_index(platform_, wan.b), "wan",
                                    wan.bandwidth, wan.latency, true));
    }
  }

  void add_ground_sites() {
    for (std::size_t s = 0; s < platform_.sites.size(); ++s) {
      const spec::SiteSpec& site = platform_.sites[s];
      const spec::GpuModelSpec& model = platform_.gpu_model(site.gpu_model);
      SimulatedSite simulated = site_of_model(site.name, false, model);
      simulated.storage = make_passive_host(*zone_, site.name + "-storage");
      zone_->add_site_storage(
          simulated.storage, s,
          make_link(*zone_, site.name + "-storage-link", site.storage_bandwidth, 0));
      for (int n = 0; n < site.nodes; ++n) {
        const std::string name = fmt::format("{}-n{}", site.name, n);
        const NodeHosts node = make_node(*zone_, name, model, site.gpus_per_node,
                                         site.intra_node_bandwidth, site.intra_node_latency);
        zone_->add_ground_node(
            node.host, node.fabric_host, s,
            {node.fabric,
             make_link(*zone_, name + "-nic-out", site.node_bandwidth, site.node_latency / 2),
             make_link(*zone_, name + "-nic-in", site.node_bandwidth, site.node_latency / 2)});
        simulated.nodes.push_back(result_.nodes.size());
        result_.nodes.push_back({name, s, site.gpus_per_node, &model, node.host,
                                 node.fabric_host, simulated.storage, std::nullopt,
                                 site_base_ + s});
      }
      result_.sites.push_back(std::move(simulated));
    }
  }

  void add_orbital_clusters() {
    for (const contact::ComputeCluster& cluster :
         contact::compute_clusters(platform_, constellation_)) {
      const spec::GpuModelSpec& model = platform_.gpu_model(cluster.gpu_model);
      SimulatedSite simulated = site_of_model(cluster.name, true, model);
      const std::size_t s = result_.sites.size();
      for (const std::size_t index : cluster.members) {
        const contact::Satellite& satellite = constellation_.satellites[index];
        const spec::PayloadSpec& payload = *satellite.hardware.payload;
        const NodeHosts node = make_node(*zone_, satellite.name, model, payload.gpus,
                                         payload.fabric_bandwidth, kSatelliteFabricLatency);
        zone_->add_satellite_node(node.host, node.fabric_host, index, node.fabric);
        auto* storage = make_passive_host(*zone_, satellite.name + "-storage");
        zone_->add_satellite_storage(
            storage, index,
            make_link(*zone_, satellite.name + "-storage-link", payload.storage_bandwidth, 0));
        simulated.nodes.push_back(result_.nodes.size());
        result_.nodes.push_back(
            {satellite.name, s, payload.gpus, &model, node.host, node.fabric_host, storage, index,
             index});
      }
      result_.sites.push_back(std::move(simulated));
    }
  }

  void add_edge_links() {
    for (std::size_t e = 0; e < result_.edges.size(); ++e) {
      SimulatedEdge& edge = result_.edges[e];
      const std::string name = fmt::format("{}~{}~{}", edge.a, edge.b, edge.link_class);
      edge.forward = make_link(*zone_, name + ">", edge.rate, edge.latency);
      edge.backward = make_link(*zone_, name + "<", edge.rate, edge.latency);
      zone_->add_edge_links(e, edge.forward, edge.backward);
    }
    for (std::size_t w = 0; w < wan_edges_.size(); ++w) zone_->set_wan_edge(w, wan_edges_[w]);
  }

  // A switch hop inside a satellite's payload, as on the ground by default.
  static constexpr double kSatelliteFabricLatency = spec::kDefaultIntraNodeLatency;

  const spec::PlatformSpec& platform_;
  const contact::Constellation& constellation_;
  const std::vector<contact::CandidateLink>& candidates_;
  std::size_t satellites_;
  std::size_t site_base_;
  network::PlatformZone* zone_ = nullptr;
  std::vector<std::size_t> wan_edges_;
  SimulatedPlatform result_;
};

}  // namespace

std::size_t ground_site_index(const spec::PlatformSpec& platform, const std::string& name) {
  for (std::size_t s = 0; s < platform.sites.size(); ++s) {
    if (platform.sites[s].name == name) return s;
  }
  throw std::logic_error(fmt::format("no site \"{}\" (validation missed it)", name));
}

SimulatedPlatform build_platform(const spec::PlatformSpec& platform,
                                 const contact::Constellation& constellation,
                                 const std::vector<contact::CandidateLink>& candidates) {
  return PlatformBuilder(platform, constellation, candidates).build();
}

}  // namespace umbra::engine
