#include "sim/network/space_router.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

namespace umbra::network {
namespace {

// A path's cost under either metric: its bottleneck rate and its total delay.
struct Cost {
  double width = 0;
  double delay = 0;
};

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Each edge up in both directions, carrying its index; a vertex's arcs in ascending edge index,
// the order in which an undirected adjacency list would give them (Dijkstra's ties depend on it),
// in flat arrays built with two allocations per topology change instead of one per edge.
using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, std::size_t>;

// Whether a path of cost `x` is better than one of cost `y` under the metric.
bool better(spec::RoutingMetric metric, const Cost& x, const Cost& y) {
  if (metric == spec::RoutingMetric::kDelay || x.width == y.width) return x.delay < y.delay;
  return x.width > y.width;
}

Cost extend(const Cost& path, const Cost& edge) {
  return Cost{std::min(path.width, edge.width), path.delay + edge.delay};
}

// Records, for each vertex, the edge of its last relaxation: the tree edge once Dijkstra ends.
class TreeRecorder : public boost::default_dijkstra_visitor {
 public:
  explicit TreeRecorder(std::vector<std::size_t>& via) : via_(&via) {}
  void edge_relaxed(Graph::edge_descriptor edge, const Graph& graph) {
    (*via_)[boost::target(edge, graph)] = graph[edge];
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
    // Arcs sorted by source (counting sort), ascending edge index within a source.
    std::vector<std::size_t> first(vertex_count_ + 1, 0);
    for (const Edge& edge : edges_) {
      if (!edge.up) continue;
      ++first[edge.a + 1];
      ++first[edge.b + 1];
    }
    for (std::size_t v = 0; v < vertex_count_; ++v) first[v + 1] += first[v];
    std::vector<std::pair<std::size_t, std::size_t>> arcs(first.back());
    std::vector<std::size_t> index(first.back());
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      if (!edges_[e].up) continue;
      for (const auto& [from, to] :
           {std::pair{edges_[e].a, edges_[e].b}, std::pair{edges_[e].b, edges_[e].a}}) {
        arcs[first[from]] = {from, to};
        index[first[from]++] = e;
      }
    }
    graph_ = std::make_unique<UpGraph>(UpGraph{
        Graph(boost::edges_are_sorted, arcs.begin(), arcs.end(), index.begin(), vertex_count_)});
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
  Edge& changed = edges_.at(edge);
  if (changed.up == up) return;
  changed.up = up;
  ++version_;
  graph_.reset();
  const Cost weight{changed.rate, changed.delay};
  for (std::optional<Tree>& tree : trees_) {
    if (!tree) continue;
    const auto at = [&](std::size_t v) { return Cost{tree->width[v], tree->delay[v]}; };
    const bool affected = up ? better(metric_, extend(at(changed.a), weight), at(changed.b)) ||
                                   better(metric_, extend(at(changed.b), weight), at(changed.a))
                             : tree->via[changed.a] == edge || tree->via[changed.b] == edge;
    if (affected) tree.reset();
  }
}

void SpaceRouter::set_figures(std::size_t edge, double rate, double delay) {
  edges_.at(edge).rate = rate;
  edges_[edge].delay = delay;
}

std::vector<std::size_t> SpaceRouter::components_over(const std::vector<bool>& counted) const {
  std::vector<VertexPair> joined;
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    if (counted.at(e)) joined.emplace_back(edges_[e].a, edges_[e].b);
  }
  return component_labels(vertex_count_, joined);
}

const SpaceRouter::Tree& SpaceRouter::tree_from(std::size_t source) {
  std::optional<Tree>& tree = trees_.at(source);
  if (tree) return *tree;

  const Graph& graph = up_graph().graph;
  const auto weight = boost::make_function_property_map<Graph::edge_descriptor, Cost>(
      [&](Graph::edge_descriptor edge) {
        const Edge& spec = edges_[graph[edge]];
        return Cost{spec.rate, spec.delay};
      });
  const spec::RoutingMetric metric = metric_;
  std::vector<Cost> cost(vertex_count_);
  std::vector<std::size_t> via(vertex_count_, kNone);
  boost::dijkstra_shortest_paths(
      graph, source,
      boost::weight_map(weight)
          .distance_map(boost::make_iterator_property_map(cost.begin(),
                                                          boost::get(boost::vertex_index, graph)))
          .distance_compare([metric](const Cost& x, const Cost& y) { return better(metric, x, y); })
          .distance_combine([](const Cost& path, const Cost& edge) { return extend(path, edge); })
          .distance_inf(Cost{0, kInfinity})
          .distance_zero(Cost{kInfinity, 0})
          .visitor(TreeRecorder(via)));
  tree.emplace(
      Tree{std::move(via), std::vector<double>(vertex_count_), std::vector<double>(vertex_count_)});
  for (std::size_t v = 0; v < vertex_count_; ++v) {
    tree->width[v] = cost[v].width;
    tree->delay[v] = cost[v].delay;
  }
  ++trees_computed_;
  return *tree;
}

std::optional<std::vector<RouterHop>> SpaceRouter::route(std::size_t from, std::size_t to) {
  std::vector<RouterHop> hops;
  if (from == to) return hops;
  const std::vector<std::size_t>& via = tree_from(from).via;
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
