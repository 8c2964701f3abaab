#include "sim/network/platform_zone.hpp"

#include <simgrid/kernel/routing/NetPoint.hpp>
#include <simgrid/s4u/Host.hpp>

#include <stdexcept>

namespace umbra::network {

using simgrid::kernel::routing::NetPoint;
using simgrid::kernel::routing::Route;
using simgrid::s4u::Host;
using simgrid::s4u::Link;

PlatformZone::PlatformZone(const std::string& name, SiteRoutes routes, SpaceRouter router,
                           std::size_t site_vertex_base)
    : NetZoneImpl(name),
      routes_(std::move(routes)),
      router_(std::move(router)),
      site_vertex_base_(site_vertex_base) {}

PlatformZone::Endpoint& PlatformZone::endpoint_slot(const Host* host) {
  const auto id = host->get_netpoint()->id();
  if (endpoints_.size() <= id) endpoints_.resize(id + 1);
  return endpoints_[id];
}

const PlatformZone::Endpoint& PlatformZone::endpoint(const Host* host) const {
  return endpoints_.at(host->get_netpoint()->id());
}

void PlatformZone::add_ground_node(const Host* host, const Host* fabric_host, std::size_t site,
                                   NodeLinks links) {
  const Endpoint node{Kind::kGroundNode, false, site, site_vertex_base_ + site, links, nullptr};
  endpoint_slot(host) = node;
  endpoint_slot(fabric_host) = node;
  endpoint_slot(fabric_host).is_fabric = true;
}

void PlatformZone::add_site_storage(const Host* host, std::size_t site, Link* link) {
  endpoint_slot(host) = {Kind::kSiteStorage, false, site, site_vertex_base_ + site, {}, link};
}

void PlatformZone::add_satellite_node(const Host* host, const Host* fabric_host, std::size_t vertex,
                                      Link* fabric) {
  const Endpoint node{Kind::kSatelliteNode, false, 0, vertex, {fabric, nullptr, nullptr}, nullptr};
  endpoint_slot(host) = node;
  endpoint_slot(fabric_host) = node;
  endpoint_slot(fabric_host).is_fabric = true;
}

void PlatformZone::add_satellite_storage(const Host* host, std::size_t vertex, Link* link) {
  endpoint_slot(host) = {Kind::kSatelliteStorage, false, 0, vertex, {}, link};
}

void PlatformZone::set_wan_edge(std::size_t wan_index, std::size_t edge) {
  if (wan_edges_.size() <= wan_index) wan_edges_.resize(wan_index + 1);
  wan_edges_[wan_index] = edge;
}

void PlatformZone::add_edge_links(std::size_t edge, Link* forward, Link* backward) {
  if (edge_links_.size() <= edge) edge_links_.resize(edge + 1);
  edge_links_[edge] = {forward, backward};
}

std::optional<std::vector<RouterHop>> PlatformZone::hops(const Endpoint& from, const Endpoint& to) {
  if (from.is_fabric || to.is_fabric || (!from.on_ground() && from.vertex == to.vertex)) {
    return std::vector<RouterHop>{};
  }
  if (from.on_ground() && to.on_ground()) {  // the WAN only: ground traffic never flies
    std::vector<RouterHop> wan;
    for (const WanHop& hop : routes_.route(from.site, to.site)) {
      wan.push_back({wan_edges_[hop.link], hop.forward});
    }
    return wan;
  }
  return router_.route(from.vertex, to.vertex);
}

std::optional<std::vector<RouterHop>> PlatformZone::hops_between(const Host* src, const Host* dst) {
  return hops(endpoint(src), endpoint(dst));
}

void PlatformZone::get_local_route(const NetPoint* src, const NetPoint* dst, Route* route,
                                   double* latency) {
  const auto add = [&](Link* link) {
    if (link == nullptr) return;
    route->link_list_.push_back(link->get_impl());
    if (latency != nullptr) *latency += link->get_latency();
  };
  const Endpoint& from = endpoints_.at(src->id());
  const Endpoint& to = endpoints_.at(dst->id());
  if (from.is_fabric || to.is_fabric) {
    if (from.node.fabric != to.node.fabric) {
      throw std::logic_error("a fabric serves its own node only");
    }
    add(from.node.fabric);
    return;
  }
  const auto path = hops(from, to);
  if (!path) {
    throw std::logic_error("a transfer was started between two hosts with no path between them");
  }
  add(from.kind == Kind::kGroundNode ? from.node.nic_out : from.storage);
  for (const RouterHop& hop : *path) {
    add(hop.forward ? edge_links_.at(hop.edge).forward : edge_links_.at(hop.edge).backward);
  }
  add(to.kind == Kind::kGroundNode ? to.node.nic_in : to.storage);
}

}  // namespace umbra::network
