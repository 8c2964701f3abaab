#pragma once
// The SimGrid netzone that holds the whole platform and answers routes on demand, instead of
// the N x N route table of a full zone (10,000 hosts would cost ~0.9 GB there).
//
// Hosts are compute nodes (one core per GPU) on the ground or in orbit, one fabric host per
// node standing for its NVSwitch (SimGrid carries a host's flow to itself on a built-in
// loopback, not on our links), one checkpoint-storage host per ground site and one onboard
// storage host per satellite. Routes:
//   node -> its fabric:            the node's NVLink-class fabric (intra-node all-reduce)
//   satellite <-> its storage:     the onboard storage link
//   ground <-> ground, one site:   nic_out(a), nic_in(b)   (non-blocking site fabric)
//   ground <-> ground, two sites:  nic_out(a), WAN hops..., nic_in(b)
//   anything else:                 the access link of each end (a ground node's NIC, a storage
//                                  link; none for a satellite node), with the space router's
//                                  hops between them (space_router.hpp): laser and ground links
//                                  up now, station backhauls and the WAN.
// The router's vertices are the satellites, then the ground stations, then the sites; each of
// its edges is two SimGrid links, one per direction (laser and radio terminals are full duplex).
#include <simgrid/kernel/routing/NetZoneImpl.hpp>
#include <simgrid/s4u/Link.hpp>

#include <optional>
#include <vector>

#include "sim/network/site_routes.hpp"
#include "sim/network/space_router.hpp"

namespace umbra::network {

class PlatformZone : public simgrid::kernel::routing::NetZoneImpl {
 public:
  // Site s is router vertex site_vertex_base + s.
  PlatformZone(const std::string& name, SiteRoutes routes, SpaceRouter router,
               std::size_t site_vertex_base);

  struct NodeLinks {
    simgrid::s4u::Link* fabric = nullptr;   // intra-node, between the node and its fabric host
    simgrid::s4u::Link* nic_out = nullptr;  // ground nodes only
    simgrid::s4u::Link* nic_in = nullptr;
  };
  void add_ground_node(const simgrid::s4u::Host* host, const simgrid::s4u::Host* fabric_host,
                       std::size_t site, NodeLinks links);
  void add_site_storage(const simgrid::s4u::Host* host, std::size_t site, simgrid::s4u::Link* link);
  // A satellite's compute node, at router vertex `vertex`.
  void add_satellite_node(const simgrid::s4u::Host* host, const simgrid::s4u::Host* fabric_host,
                          std::size_t vertex, simgrid::s4u::Link* fabric);
  void add_satellite_storage(const simgrid::s4u::Host* host, std::size_t vertex,
                             simgrid::s4u::Link* link);
  // The router edge of WAN link `wan_index` (PlatformSpec::wan_links), which ground-to-ground
  // routes take (site_routes.hpp) without asking the router.
  void set_wan_edge(std::size_t wan_index, std::size_t edge);
  // The SimGrid links of a router edge: `forward` from its a to its b.
  void add_edge_links(std::size_t edge, simgrid::s4u::Link* forward, simgrid::s4u::Link* backward);

  SpaceRouter& router() { return router_; }
  // The router edges a transfer from `src` to `dst` crosses now; nullopt when there is no path
  // (a transfer must then wait for the topology to change).
  std::optional<std::vector<RouterHop>> hops_between(const simgrid::s4u::Host* src,
                                                     const simgrid::s4u::Host* dst);

  void get_local_route(const simgrid::kernel::routing::NetPoint* src,
                       const simgrid::kernel::routing::NetPoint* dst,
                       simgrid::kernel::routing::Route* route, double* latency) override;

 private:
  enum class Kind { kUnknown, kGroundNode, kSiteStorage, kSatelliteNode, kSatelliteStorage };
  struct Endpoint {
    Kind kind = Kind::kUnknown;
    bool is_fabric = false;  // the fabric host of a node
    std::size_t site = 0;    // ground endpoints
    std::size_t vertex = 0;  // router vertex: the satellite, or the site of a ground endpoint
    NodeLinks node;
    simgrid::s4u::Link* storage = nullptr;  // storage hosts
    bool on_ground() const { return kind == Kind::kGroundNode || kind == Kind::kSiteStorage; }
  };
  Endpoint& endpoint_slot(const simgrid::s4u::Host* host);
  const Endpoint& endpoint(const simgrid::s4u::Host* host) const;
  std::optional<std::vector<RouterHop>> hops(const Endpoint& from, const Endpoint& to);

  SiteRoutes routes_;
  SpaceRouter router_;
  std::size_t site_vertex_base_ = 0;
  std::vector<Endpoint> endpoints_;  // by netpoint id
  struct EdgeLinks {
    simgrid::s4u::Link* forward = nullptr;
    simgrid::s4u::Link* backward = nullptr;
  };
  std::vector<EdgeLinks> edge_links_;   // by router edge
  std::vector<std::size_t> wan_edges_;  // router edge of each WAN link
};

}  // namespace umbra::network
