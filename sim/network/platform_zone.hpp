#pragma once
// The SimGrid netzone that holds the whole platform and answers routes on demand, instead of
// the N x N route table of a full zone (10,000 hosts would cost ~0.9 GB there).
//
// Hosts are nodes (one core per GPU), one fabric host per node standing for its NVSwitch
// (SimGrid carries a host's flow to itself on a built-in loopback, not on our links), and
// one checkpoint-storage host per site. Routes:
//   node -> its fabric:      the node's NVLink-class fabric (intra-node all-reduce traffic)
//   node -> node, one site: nic_out(a), nic_in(b)                    (non-blocking fabric)
//   node -> node, two sites: nic_out(a), WAN hops..., nic_in(b)
//   node <-> storage:       the node's NIC, the WAN hops if any, the site's storage link
#include <simgrid/kernel/routing/NetZoneImpl.hpp>
#include <simgrid/s4u/Link.hpp>

#include <vector>

#include "sim/network/site_routes.hpp"

namespace umbra::network {

class PlatformZone : public simgrid::kernel::routing::NetZoneImpl {
 public:
  PlatformZone(const std::string& name, SiteRoutes routes);

  struct NodeLinks {
    simgrid::s4u::Link* fabric = nullptr;  // intra-node, between the node and its fabric host
    simgrid::s4u::Link* nic_out = nullptr;
    simgrid::s4u::Link* nic_in = nullptr;
  };
  void add_node(const simgrid::s4u::Host* host, const simgrid::s4u::Host* fabric_host,
                std::size_t site, NodeLinks links);
  void add_storage(const simgrid::s4u::Host* host, std::size_t site, simgrid::s4u::Link* link);
  void add_wan(std::size_t wan_index, simgrid::s4u::Link* forward, simgrid::s4u::Link* backward);

  void get_local_route(const simgrid::kernel::routing::NetPoint* src,
                       const simgrid::kernel::routing::NetPoint* dst,
                       simgrid::kernel::routing::Route* route, double* latency) override;

 private:
  struct Endpoint {
    bool is_storage = false;
    bool is_fabric = false;
    std::size_t site = 0;
    NodeLinks node;                         // nodes
    simgrid::s4u::Link* storage = nullptr;  // storage hosts
  };
  Endpoint& endpoint_slot(const simgrid::s4u::Host* host);

  SiteRoutes routes_;
  std::vector<Endpoint> endpoints_;                                       // by netpoint id
  std::vector<std::pair<simgrid::s4u::Link*, simgrid::s4u::Link*>> wan_;  // forward, backward
};

}  // namespace umbra::network
