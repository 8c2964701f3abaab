#include "sim/network/space_router.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace umbra::network {
namespace {

// A path's cost under either metric: its bottleneck rate and its total delay.
struct Cost {
  double width = 0;
  double delay = 0;
};

constexpr double kInfinity = std::numeric_limits<double>::infinity();

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                          boost::property<boost::edge_index_t, std::size_t>>;

// Records, for each vertex, the edge of its last relaxation: the tree edge once Dijkstra ends.
class TreeRecorder : public boost::default_dijkstra_visitor {
 public:
  explicit TreeRecorder(std::vector<std::size_t>& via) : via_(&via) {}
  void edge_relaxed(Graph::edge_descriptor edge, const Graph& graph) {
    (*via_)[boost::target(edge, graph)] = boost::get(boost::edge_index, graph, edge);
  }

 private:
  std::vector<std::size_t>* via_;
};

}  // namespace

struct SpaceRouter::UpGraph {
  Graph graph;
};

SpaceRouter::SpaceRouter(std::size_t vertex_count, spec::RoutingMetric metric)
    : vertex_count_(vertex_count), metric_(metric), trees_(vertex_count) {}
SpaceRouter::SpaceRouter(SpaceRouter&&) noexcept = default;
SpaceRouter& SpaceRouter::operator=(SpaceRouter&&) noexcept = default;
SpaceRouter::~SpaceRouter() = default;

const SpaceRouter::UpGraph& SpaceRouter::up_graph() {
  if (!graph_) {
    graph_ = std::make_unique<UpGraph>(UpGraph{Graph(vertex_count_)});
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      if (edges_[e].up) boost::add_edge(edges_[e].a, edges_[e].b, e, graph_->graph);
    }
  }
  return *graph_;
}

std::size_t SpaceRouter::add_edge(std::size_t a, std::size_t b, double rate, double delay) {
  if (a >= vertex_count_ || b >= vertex_count_ || a == b) {
    throw std::logic_error("a router edge joins two distinct known vertices");
  }
  edges_.push_back({a, b, rate, delay, false});
  return edges_.size() - 1;
}

void SpaceRouter::set_up(std::size_t edge, bool up) {
  if (edges_.at(edge).up == up) return;
  edges_[edge].up = up;
  ++version_;
}

void SpaceRouter::set_figures(std::size_t edge, double rate, double delay) {
  edges_.at(edge).rate = rate;
  edges_[edge].delay = delay;
}

const SpaceRouter::Tree& SpaceRouter::tree_from(std::size_t source) {
  if (trees_version_ != version_) {
    for (auto& tree : trees_) tree.reset();
    graph_.reset();
    trees_version_ = version_;
  }
  std::optional<Tree>& tree = trees_.at(source);
  if (tree) return *tree;

  const Graph& graph = up_graph().graph;
  const auto weight = boost::make_function_property_map<Graph::edge_descriptor, Cost>(
      [&](Graph::edge_descriptor edge) {
        const Edge& spec = edges_[boost::get(boost::edge_index, graph, edge)];
        return Cost{spec.rate, spec.delay};
      });
  const bool by_delay = metric_ == spec::RoutingMetric::kDelay;
  const auto better = [by_delay](const Cost& x, const Cost& y) {
    if (by_delay || x.width == y.width) return x.delay < y.delay;
    return x.width > y.width;
  };
  const auto extend = [](const Cost& path, const Cost& edge) {
    return Cost{std::min(path.width, edge.width), path.delay + edge.delay};
  };
  std::vector<Cost> cost(vertex_count_);
  tree.emplace(vertex_count_, kNone);
  boost::dijkstra_shortest_paths(graph, source,
                                 boost::weight_map(weight)
                                     .distance_map(cost.data())
                                     .distance_compare(better)
                                     .distance_combine(extend)
                                     .distance_inf(Cost{0, kInfinity})
                                     .distance_zero(Cost{kInfinity, 0})
                                     .visitor(TreeRecorder(*tree)));
  ++trees_computed_;
  return *tree;
}

std::optional<std::vector<RouterHop>> SpaceRouter::route(std::size_t from, std::size_t to) {
  std::vector<RouterHop> hops;
  if (from == to) return hops;
  const Tree& via = tree_from(from);
  for (std::size_t at = to; at != from;) {
    const std::size_t e = via.at(at);
    if (e == kNone) return std::nullopt;
    const bool forward = edges_[e].b == at;
    hops.push_back({e, forward});
    at = forward ? edges_[e].a : edges_[e].b;
  }
  std::reverse(hops.begin(), hops.end());
  return hops;
}

}  // namespace umbra::network
