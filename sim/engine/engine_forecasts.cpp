#include "sim/engine/engine_forecasts.hpp"

#include <simgrid/s4u/Link.hpp>

#include <algorithm>
#include <limits>

namespace umbra::engine {

EngineForecasts::EngineForecasts(const spec::PlatformSpec& platform,
                                 const SimulatedPlatform& simulated, PowerDriver& power,
                                 const ContactDriver& contacts)
    : simulated_(simulated), power_(power), contacts_(contacts) {
  for (const auto& station : platform.ground_stations) {
    // A station without backhaul (a platform without ground sites) reaches no site.
    station_site_.push_back(station.backhaul_site.empty()
                                ? std::numeric_limits<sched::SiteId>::max()
                                : ground_site_index(platform, station.backhaul_site));
  }
}

std::optional<sched::ShadowWindow> EngineForecasts::shadow_at_or_after(sched::NodeId node,
                                                                       double time) const {
  return power_.shadow_at_or_after(node, time);
}

double EngineForecasts::state_of_charge_at(sched::NodeId node, double time, int busy_gpus) const {
  return power_.state_of_charge_at(node, time, busy_gpus);
}

std::optional<double> EngineForecasts::power_lost_at(sched::NodeId node, int busy_gpus,
                                                     double until) const {
  return power_.power_lost_at(node, busy_gpus, until);
}

double EngineForecasts::bandwidth_now(sched::NodeId from, sched::NodeId to) const {
  const auto hops =
      simulated_.zone->hops_between(simulated_.nodes.at(from).host, simulated_.nodes.at(to).host);
  if (!hops) return 0;
  double bandwidth = std::numeric_limits<double>::infinity();
  for (const network::RouterHop& hop : *hops) {
    const SimulatedEdge& edge = simulated_.edges[hop.edge];
    bandwidth = std::min(bandwidth, (hop.forward ? edge.forward : edge.backward)->get_bandwidth());
  }
  return bandwidth;
}

std::vector<sched::GroundContact> EngineForecasts::ground_contacts(sched::NodeId node, double from,
                                                                   double until) const {
  std::vector<sched::GroundContact> found;
  const auto& satellite = simulated_.nodes.at(node).satellite;
  if (!satellite) return found;
  for (const auto& window : contacts_.ground_windows()) {
    if (window.start >= until) break;
    const sched::SiteId site = station_site_[window.station];
    if (window.satellite != *satellite || window.end <= from ||
        site == std::numeric_limits<sched::SiteId>::max()) {
      continue;
    }
    found.push_back({window.start, window.end, site, window.rate});
  }
  return found;
}

}  // namespace umbra::engine
