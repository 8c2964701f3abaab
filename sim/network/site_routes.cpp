#include "sim/network/site_routes.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>

namespace umbra::network {
namespace {

struct EdgeData {
  double latency = 0;
  std::size_t link = 0;
};
using SiteGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                        boost::no_property, EdgeData>;

}  // namespace

SiteRoutes::SiteRoutes(const spec::PlatformSpec& platform)
    : site_count_(platform.sites.size()),
      routes_(site_count_ * site_count_),
      latency_(site_count_ * site_count_, 0.0),
      connected_(site_count_ * site_count_, false) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < site_count_; ++i) index[platform.sites[i].name] = i;

  SiteGraph graph(site_count_);
  for (std::size_t l = 0; l < platform.wan_links.size(); ++l) {
    const auto& wan = platform.wan_links[l];
    boost::add_edge(index.at(wan.a), index.at(wan.b), EdgeData{wan.latency, l}, graph);
  }

  for (std::size_t from = 0; from < site_count_; ++from) {
    std::vector<double> distance(site_count_, std::numeric_limits<double>::infinity());
    std::vector<SiteGraph::vertex_descriptor> predecessor(site_count_);
    boost::dijkstra_shortest_paths(graph, from,
                                   boost::weight_map(boost::get(&EdgeData::latency, graph))
                                       .distance_map(distance.data())
                                       .predecessor_map(predecessor.data()));
    for (std::size_t to = 0; to < site_count_; ++to) {
      if (distance[to] == std::numeric_limits<double>::infinity()) continue;
      const std::size_t cell = from * site_count_ + to;
      connected_[cell] = true;
      latency_[cell] = distance[to];
      // Walk back from the destination; among parallel links pick the lowest latency, then
      // the lowest index, so the route does not depend on insertion order.
      std::vector<WanHop> hops;
      for (std::size_t v = to; v != from; v = predecessor[v]) {
        const std::size_t u = predecessor[v];
        std::optional<std::size_t> best;
        for (auto [e, end] = boost::out_edges(u, graph); e != end; ++e) {
          if (boost::target(*e, graph) != v) continue;
          const auto& data = graph[*e];
          if (!best || data.latency < platform.wan_links[*best].latency ||
              (data.latency == platform.wan_links[*best].latency && data.link < *best)) {
            best = data.link;
          }
        }
        hops.push_back({*best, platform.wan_links[*best].a == platform.sites[u].name});
      }
      std::reverse(hops.begin(), hops.end());
      routes_[cell] = std::move(hops);
    }
  }
}

const std::vector<WanHop>& SiteRoutes::route(std::size_t from, std::size_t to) const {
  if (!connected(from, to)) throw std::out_of_range("sites are not connected by the WAN");
  return routes_[from * site_count_ + to];
}

bool SiteRoutes::connected(std::size_t from, std::size_t to) const {
  return connected_.at(from * site_count_ + to);
}

double SiteRoutes::latency(std::size_t from, std::size_t to) const {
  return latency_.at(from * site_count_ + to);
}

}  // namespace umbra::network
