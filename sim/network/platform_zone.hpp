#pragma once
// The SimGrid netzone that holds the whole platform and answers routes on demand, instead of
// the N x N route table of a full zone (10,000 hosts would cost ~0.9 GB there).
//
// Hosts are GPUs (one SimGrid host per GPU, so jobs sharing a node never share a GPU's
// capacity) and one checkpoint-storage host per site. Routes:
//   GPU -> GPU, same node:  port_out(a), port_in(b)                 (NVLink-class)
//   GPU -> GPU, same site:  nic_out(node a), nic_in(node b)         (non-blocking fabric)
//   GPU -> GPU, two sites:  nic_out(node a), WAN hops..., nic_in(node b)
//   GPU <-> storage:        the GPU's node NIC, the WAN hops if any, the site's storage link
#include <simgrid/kernel/routing/NetZoneImpl.hpp>
#include <simgrid/s4u/Link.hpp>

#include <vector>

#include "sim/network/site_routes.hpp"

namespace umbra::network {

class PlatformZone : public simgrid::kernel::routing::NetZoneImpl {
 public:
  PlatformZone(const std::string& name, SiteRoutes routes);

  void add_node(std::size_t site, simgrid::s4u::Link* nic_out, simgrid::s4u::Link* nic_in);
  void add_gpu(const simgrid::s4u::Host* host, std::size_t node, simgrid::s4u::Link* port_out,
               simgrid::s4u::Link* port_in);
  void add_storage(const simgrid::s4u::Host* host, std::size_t site, simgrid::s4u::Link* link);
  void add_wan(std::size_t wan_index, simgrid::s4u::Link* forward, simgrid::s4u::Link* backward);

  void get_local_route(const simgrid::kernel::routing::NetPoint* src,
                       const simgrid::kernel::routing::NetPoint* dst,
                       simgrid::kernel::routing::Route* route, double* latency) override;

 private:
  struct Endpoint {
    bool is_storage = false;
    std::size_t site = 0;
    std::size_t node = 0;               // GPUs only
    simgrid::s4u::Link* out = nullptr;  // GPU port out, or the storage link
    simgrid::s4u::Link* in = nullptr;   // GPU port in, or the storage link
  };
  struct Node {
    std::size_t site = 0;
    simgrid::s4u::Link* nic_out = nullptr;
    simgrid::s4u::Link* nic_in = nullptr;
  };
  Endpoint& endpoint_slot(const simgrid::s4u::Host* host);

  SiteRoutes routes_;
  std::vector<Node> nodes_;
  std::vector<Endpoint> endpoints_;                                       // by netpoint id
  std::vector<std::pair<simgrid::s4u::Link*, simgrid::s4u::Link*>> wan_;  // forward, backward
};

}  // namespace umbra::network
