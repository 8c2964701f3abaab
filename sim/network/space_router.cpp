#include "sim/network/space_router.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>
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

// An arc of the graph of the edges up: its router edge and that edge's figures, kept beside the
// arc (Dijkstra reads them in the order it walks the arcs, not scattered over all the edges).
struct Arc {
  std::size_t edge = 0;
  double rate = 0, delay = 0;
};

// Each edge up in both directions; a vertex's arcs in ascending edge index, the order in which
// an undirected adjacency list would give them (Dijkstra's ties depend on it), in flat arrays
// built with a few allocations per topology change instead of one per edge.
using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc>;

// Whether a path of cost `x` is better than one of cost `y` in a tree of `kind`.
bool better(SpaceRouter::TreeKind kind, const Cost& x, const Cost& y) {
  return kind == SpaceRouter::TreeKind::kWidest ? x.width > y.width : x.delay < y.delay;
}

Cost extend(const Cost& path, const Cost& edge) {
  return Cost{std::min(path.width, edge.width), path.delay + edge.delay};
}

// Records, for each vertex, the edge of its last relaxation: the tree edge once Dijkstra ends.
class TreeRecorder : public boost::default_dijkstra_visitor {
 public:
  explicit TreeRecorder(std::vector<std::size_t>& via) : via_(&via) {}
  void edge_relaxed(Graph::edge_descriptor edge, const Graph& graph) {
    (*via_)[boost::target(edge, graph)] = graph[edge].edge;
  }

 private:
  std::vector<std::size_t>* via_;
};

// Boost's Dijkstra from `source` with the comparison of a tree of `kind` fixed at compile time
// (the heap compares costs at every step; a comparison that tests the kind each time is slower).
template <SpaceRouter::TreeKind kind>
void run_dijkstra(const Graph& graph, std::size_t source, double min_rate, std::vector<Cost>& cost,
                  std::vector<std::size_t>& via) {
  // An edge below the rate floor weighs an infinite delay: never relaxed, as if absent.
  const auto weight = boost::make_function_property_map<Graph::edge_descriptor, Cost>(
      [&](Graph::edge_descriptor edge) {
        const Arc& arc = graph[edge];
        return Cost{arc.rate, arc.rate >= min_rate ? arc.delay : kInfinity};
      });
  boost::dijkstra_shortest_paths(
      graph, source,
      boost::weight_map(weight)
          .distance_map(boost::make_iterator_property_map(cost.begin(),
                                                          boost::get(boost::vertex_index, graph)))
          .distance_compare([](const Cost& x, const Cost& y) { return better(kind, x, y); })
          .distance_combine([](const Cost& path, const Cost& edge) { return extend(path, edge); })
          .distance_inf(Cost{0, kInfinity})
          .distance_zero(Cost{kInfinity, 0})
          .visitor(TreeRecorder(via)));
}

}  // namespace

struct SpaceRouter::UpGraph {
  Graph graph;
};

SpaceRouter::SpaceRouter(std::size_t vertex_count, spec::RoutingMetric metric)
    : vertex_count_(vertex_count),
      metric_(metric),
      trees_(vertex_count),
      narrowed_(vertex_count),
      has_trees_(vertex_count, false) {}
SpaceRouter::SpaceRouter(SpaceRouter&&) noexcept = default;
SpaceRouter& SpaceRouter::operator=(SpaceRouter&&) noexcept = default;
SpaceRouter::~SpaceRouter() = default;

template <typename F>
void SpaceRouter::for_each_edge_up(F f) const {
  for (std::size_t word = 0; word < up_bits_.size(); ++word) {
    for (std::uint64_t bits = up_bits_[word]; bits != 0; bits &= bits - 1) {
      f(word * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
    }
  }
}

const SpaceRouter::UpGraph& SpaceRouter::up_graph() {
  if (!graph_) {
    // Arcs sorted by source (counting sort), ascending edge index within a source.
    std::vector<std::size_t> first(vertex_count_ + 1, 0);
    for_each_edge_up([&](std::size_t e) {
      ++first[edges_[e].a + 1];
      ++first[edges_[e].b + 1];
    });
    for (std::size_t v = 0; v < vertex_count_; ++v) first[v + 1] += first[v];
    std::vector<std::pair<std::size_t, std::size_t>> arcs(first.back());
    std::vector<Arc> figures(first.back());
    for_each_edge_up([&](std::size_t e) {
      Edge& edge = edges_[e];
      edge.arc_from_a = first[edge.a];
      edge.arc_from_b = first[edge.b];
      for (const auto& [from, to] : {std::pair{edge.a, edge.b}, std::pair{edge.b, edge.a}}) {
        arcs[first[from]] = {from, to};
        figures[first[from]++] = {e, edge.rate, edge.delay};
      }
    });
    graph_ = std::make_unique<UpGraph>(UpGraph{
        Graph(boost::edges_are_sorted, arcs.begin(), arcs.end(), figures.begin(), vertex_count_)});
  }
  return *graph_;
}

std::size_t SpaceRouter::add_edge(std::size_t a, std::size_t b, double rate, double delay) {
  if (a >= vertex_count_ || b >= vertex_count_ || a == b) {
    throw std::logic_error("a router edge joins two distinct known vertices");
  }
  edges_.push_back({a, b, rate, delay, false});
  up_bits_.resize((edges_.size() + 63) / 64, 0);
  return edges_.size() - 1;
}

bool SpaceRouter::changes(const Tree& tree, std::size_t index, bool up) const {
  const Edge& edge = edges_[index];
  if (!up) return tree.via[edge.a] == index || tree.via[edge.b] == index;
  if (edge.rate < tree.min_rate) return false;  // not in the tree's graph
  const Cost weight{edge.rate, edge.delay};
  const auto at = [&](std::size_t v) { return Cost{tree.width[v], tree.delay[v]}; };
  return better(tree.kind, extend(at(edge.a), weight), at(edge.b)) ||
         better(tree.kind, extend(at(edge.b), weight), at(edge.a));
}

void SpaceRouter::set_up(std::size_t edge, bool up) {
  Edge& changed = edges_.at(edge);
  if (changed.up == up) return;
  changed.up = up;
  up_bits_[edge / 64] ^= std::uint64_t{1} << (edge % 64);
  ++version_;
  graph_.reset();
  std::erase_if(sources_with_trees_, [&](std::size_t source) {
    std::optional<Tree>& tree = trees_[source];
    if (tree && changes(*tree, edge, up)) {
      tree.reset();
      narrowed_[source].clear();  // their rate floors came from the widest tree
    } else {
      std::erase_if(narrowed_[source],
                    [&](const Tree& narrowed) { return changes(narrowed, edge, up); });
    }
    const bool left = !tree && narrowed_[source].empty();
    if (left) has_trees_[source] = false;
    return left;
  });
}

void SpaceRouter::set_figures(std::size_t index, double rate, double delay) {
  Edge& edge = edges_.at(index);
  edge.rate = rate;
  edge.delay = delay;
  if (graph_ && edge.up) {
    for (const auto& [from, arc] :
         {std::pair{edge.a, edge.arc_from_a}, std::pair{edge.b, edge.arc_from_b}}) {
      Arc& figures = graph_->graph[Graph::edge_descriptor(from, arc)];
      figures.rate = rate;
      figures.delay = delay;
    }
  }
}

std::vector<std::size_t> SpaceRouter::components_over(
    const std::vector<std::size_t>& counted) const {
  std::vector<VertexPair> joined;
  for (const std::size_t e : counted) joined.emplace_back(edges_.at(e).a, edges_[e].b);
  return component_labels(vertex_count_, joined);
}

SpaceRouter::Tree SpaceRouter::dijkstra(std::size_t source, TreeKind kind, double min_rate) {
  const Graph& graph = up_graph().graph;
  std::vector<Cost> cost(vertex_count_);
  std::vector<std::size_t> via(vertex_count_, kNone);
  if (kind == TreeKind::kDelay) {
    run_dijkstra<TreeKind::kDelay>(graph, source, min_rate, cost, via);
  } else {
    run_dijkstra<TreeKind::kWidest>(graph, source, min_rate, cost, via);
  }
  Tree tree{kind, min_rate, std::move(via), std::vector<double>(vertex_count_),
            std::vector<double>(vertex_count_)};
  for (std::size_t v = 0; v < vertex_count_; ++v) {
    tree.width[v] = cost[v].width;
    tree.delay[v] = cost[v].delay;
  }
  ++trees_computed_;
  return tree;
}

const SpaceRouter::Tree& SpaceRouter::tree_from(std::size_t source) {
  std::optional<Tree>& tree = trees_.at(source);
  if (!has_trees_[source]) {
    has_trees_[source] = true;
    sources_with_trees_.push_back(source);
  }
  if (!tree) {
    tree = dijkstra(
        source, metric_ == spec::RoutingMetric::kDelay ? TreeKind::kDelay : TreeKind::kWidest, 0);
  }
  return *tree;
}

const SpaceRouter::Tree& SpaceRouter::narrowed_tree(std::size_t source, double min_rate) {
  std::vector<Tree>& trees = narrowed_[source];
  for (const Tree& tree : trees) {
    if (tree.min_rate == min_rate) return tree;
  }
  return trees.emplace_back(dijkstra(source, TreeKind::kDelay, min_rate));
}

std::optional<std::vector<RouterHop>> SpaceRouter::hops_in(const Tree& tree, std::size_t from,
                                                           std::size_t to) const {
  std::vector<RouterHop> hops;
  for (std::size_t at = to; at != from;) {
    const std::size_t e = tree.via.at(at);
    if (e == kNone) return std::nullopt;
    const bool forward = edges_[e].b == at;
    hops.push_back({e, forward});
    at = forward ? edges_[e].a : edges_[e].b;
  }
  std::reverse(hops.begin(), hops.end());
  return hops;
}

std::optional<std::vector<RouterHop>> SpaceRouter::route(std::size_t from, std::size_t to) {
  if (from == to) return std::vector<RouterHop>{};
  const Tree& tree = tree_from(from);
  if (metric_ == spec::RoutingMetric::kDelay || tree.via.at(to) == kNone) {
    return hops_in(tree, from, to);
  }
  // The widest bottleneck B to `to` first; then the shortest delay over the edges of rate >= B,
  // which holds every path of bottleneck B and no narrower one. (Dijkstra on the pair
  // (bottleneck, delay) is not enough: the widest path to a vertex on the way may be slower than
  // a narrower one that is still wide enough for `to`.)
  const double bottleneck = tree.width[to];
  auto hops = hops_in(narrowed_tree(from, bottleneck), from, to);
  if (!hops) {
    // New figures since the widest tree was computed (set_figures) narrowed every path below
    // its bottleneck: both trees again, from the same figures.
    trees_[from].reset();
    narrowed_[from].clear();
    return route(from, to);
  }
  return hops;
}

}  // namespace umbra::network
