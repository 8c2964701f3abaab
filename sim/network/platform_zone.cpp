#include "sim/network/platform_zone.hpp"

#include <simgrid/kernel/routing/NetPoint.hpp>
#include <simgrid/s4u/Host.hpp>

#include <stdexcept>

namespace umbra::network {

using simgrid::kernel::routing::NetPoint;
using simgrid::kernel::routing::Route;

PlatformZone::PlatformZone(const std::string& name, SiteRoutes routes)
    : NetZoneImpl(name), routes_(std::move(routes)) {}

PlatformZone::Endpoint& PlatformZone::endpoint_slot(const simgrid::s4u::Host* host) {
  const auto id = host->get_netpoint()->id();
  if (endpoints_.size() <= id) endpoints_.resize(id + 1);
  return endpoints_[id];
}

void PlatformZone::add_node(const simgrid::s4u::Host* host, const simgrid::s4u::Host* fabric_host,
                            std::size_t site, NodeLinks links) {
  endpoint_slot(host) = {false, false, site, links, nullptr};
  endpoint_slot(fabric_host) = {false, true, site, links, nullptr};
}

void PlatformZone::add_storage(const simgrid::s4u::Host* host, std::size_t site,
                               simgrid::s4u::Link* link) {
  endpoint_slot(host) = {true, false, site, {}, link};
}

void PlatformZone::add_wan(std::size_t wan_index, simgrid::s4u::Link* forward,
                           simgrid::s4u::Link* backward) {
  if (wan_.size() <= wan_index) wan_.resize(wan_index + 1);
  wan_[wan_index] = {forward, backward};
}

void PlatformZone::get_local_route(const NetPoint* src, const NetPoint* dst, Route* route,
                                   double* latency) {
  const auto add = [&](simgrid::s4u::Link* link) {
    route->link_list_.push_back(link->get_impl());
    if (latency != nullptr) *latency += link->get_latency();
  };
  const Endpoint& from = endpoints_.at(src->id());
  const Endpoint& to = endpoints_.at(dst->id());
  if (from.is_fabric || to.is_fabric) {
    if (from.node.fabric != to.node.fabric)
      throw std::logic_error("a fabric serves its own node only");
    add(from.node.fabric);
    return;
  }
  add(from.is_storage ? from.storage : from.node.nic_out);
  for (const WanHop& hop : routes_.route(from.site, to.site)) {
    add(hop.forward ? wan_[hop.link].first : wan_[hop.link].second);
  }
  add(to.is_storage ? to.storage : to.node.nic_in);
}

}  // namespace umbra::network
