#pragma once
// Routes over a network whose links come and go: satellites, ground stations and ground sites
// as vertices, physical links as undirected edges (laser and ground links from the contact plan,
// station backhauls and the WAN), each up or down at a time and carrying a rate and a one-way
// delay. Pure: no SimGrid (platform_zone.hpp turns hops into SimGrid links).
//
// A route is a shortest path over the edges up now (Boost.Graph's Dijkstra) by the platform's
// metric: the shortest one-way delay, or the widest bottleneck rate and, among the paths of that
// bottleneck, the shortest delay. The second takes two trees: the widest bottleneck B to each
// vertex (a maximin Dijkstra), then the shortest delays over the edges of rate >= B, one tree
// per source and distinct B asked for.
// Shortest-path trees are computed per source on first use and kept while the topology changes
// around them: an edge going down drops only the trees that use it, an edge coming up only the
// trees it would improve (most changes are ground passes far from a tree's paths). A thousand
// transfers cost one Dijkstra per source, not one each, over a graph of the edges up built once
// per change. Rates and
// delays that change while the topology holds (range drifting during a window) are read at that
// first use and do not re-route.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "sim/network/reachability.hpp"
#include "sim/spec/platform_spec.hpp"

namespace umbra::network {

struct RouterHop {
  std::size_t edge = 0;
  bool forward = true;  // from the edge's a to its b
  friend bool operator==(const RouterHop&, const RouterHop&) = default;
};

class SpaceRouter {
 public:
  SpaceRouter(std::size_t vertex_count, spec::RoutingMetric metric);
  SpaceRouter(SpaceRouter&&) noexcept;
  SpaceRouter& operator=(SpaceRouter&&) noexcept;
  ~SpaceRouter();

  // A new edge, down until set_up(); returns its index (edges are numbered from 0).
  std::size_t add_edge(std::size_t a, std::size_t b, double rate, double delay);
  void set_up(std::size_t edge, bool up);
  void set_figures(std::size_t edge, double rate, double delay);
  bool is_up(std::size_t edge) const { return edges_[edge].up; }
  // Component labels of the vertices (reachability.hpp) over the edges listed (by edge index),
  // up or not.
  std::vector<std::size_t> components_over(const std::vector<std::size_t>& counted) const;

  // The hops from `from` to `to` over edges up now; empty for from == to; nullopt when no path.
  std::optional<std::vector<RouterHop>> route(std::size_t from, std::size_t to);
  // Changes whenever an edge goes up or down.
  std::uint64_t topology_version() const { return version_; }

  std::size_t vertex_count() const { return vertex_count_; }
  std::size_t edge_count() const { return edges_.size(); }
  // Shortest-path trees computed so far (for the benchmark and the tests).
  std::uint64_t trees_computed() const { return trees_computed_; }

  // What a tree's Dijkstra optimises.
  enum class TreeKind {
    kDelay,   // the shortest one-way delay over the edges of rate >= the tree's floor
    kWidest,  // the widest bottleneck rate
  };

 private:
  struct Edge {
    std::size_t a = 0, b = 0;
    double rate = 0, delay = 0;
    bool up = false;
    // While up: the positions of its arcs from a and from b in the graph of the edges up.
    std::size_t arc_from_a = 0, arc_from_b = 0;
  };
  // For one source: the edge each vertex is reached by (kNone when unreached or the source),
  // and the path's bottleneck rate and delay there.
  struct Tree {
    TreeKind kind = TreeKind::kDelay;
    double min_rate = 0;  // edges of a lower rate are left out
    std::vector<std::size_t> via;
    std::vector<double> width, delay;
  };
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  Tree dijkstra(std::size_t source, TreeKind kind, double min_rate);
  // The tree of the metric from `source`: shortest delay, or widest bottleneck.
  const Tree& tree_from(std::size_t source);
  // Routing by bandwidth: the shortest-delay tree from `source` over the edges of rate >=
  // `min_rate`.
  const Tree& narrowed_tree(std::size_t source, double min_rate);
  std::optional<std::vector<RouterHop>> hops_in(const Tree& tree, std::size_t from,
                                                std::size_t to) const;
  // Whether an edge going up or down can change the tree.
  bool changes(const Tree& tree, std::size_t edge, bool up) const;
  // The edges up now as a Boost graph (compressed sparse rows) with their figures, built once
  // per topology version and shared by the trees; set_figures updates it.
  struct UpGraph;
  const UpGraph& up_graph();

  std::size_t vertex_count_;
  spec::RoutingMetric metric_;
  std::vector<Edge> edges_;
  std::uint64_t version_ = 0;
  // Calls f(index) for each edge up, in ascending index.
  template <typename F>
  void for_each_edge_up(F f) const;

  // Bit e % 64 of word e / 64: edge e is up (a scan of the edges up reads a bit per edge, not a
  // whole Edge: most of a large constellation's edges are ground links down at any time).
  std::vector<std::uint64_t> up_bits_;
  std::vector<std::optional<Tree>> trees_;   // per source, of the metric
  std::vector<std::vector<Tree>> narrowed_;  // per source, routing by bandwidth only
  // The sources holding a tree (or narrowed ones), in no particular order: an edge going up or
  // down looks at their trees only. A source leaves the list when a change drops all of them.
  std::vector<std::size_t> sources_with_trees_;
  std::vector<bool> has_trees_;     // by source: listed in sources_with_trees_
  std::unique_ptr<UpGraph> graph_;  // of the edges up now; null after a change
  std::uint64_t trees_computed_ = 0;
};

}  // namespace umbra::network
