// SpaceRouter on hand-built graphs whose routes are known, and against a brute force (Floyd-
// Warshall) on random small graphs.
#include "sim/network/space_router.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

#include "sim/core/rng.hpp"

namespace umbra::network {
namespace {

using spec::RoutingMetric;
using Hops = std::vector<RouterHop>;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// 0 -> 3 two ways: a short thin path 0-1-3 (delay 2, bottleneck 10) and a long wide one 0-2-3
// (delay 4, bottleneck 100). Every edge is up.
struct Diamond {
  explicit Diamond(RoutingMetric metric) : router(4, metric) {
    for (std::size_t e : {router.add_edge(0, 1, 10, 1), router.add_edge(1, 3, 10, 1),
                          router.add_edge(0, 2, 100, 2), router.add_edge(2, 3, 100, 2)}) {
      router.set_up(e, true);
    }
  }
  SpaceRouter router;
};

const Hops kThin{{0, true}, {1, true}};
const Hops kWide{{2, true}, {3, true}};

TEST(SpaceRouter, ShortestDelayAndWidestBottleneckTakeDifferentPaths) {
  Diamond by_delay(RoutingMetric::kDelay);
  Diamond by_bandwidth(RoutingMetric::kBandwidth);
  EXPECT_EQ(by_delay.router.route(0, 3), kThin);
  EXPECT_EQ(by_bandwidth.router.route(0, 3), kWide);
}

TEST(SpaceRouter, WidestBottleneckBreaksTiesByDelay) {
  SpaceRouter router(4, RoutingMetric::kBandwidth);
  // Two paths of bottleneck 100: 0-2-3 (delay 4) reaches 3 first, as 2 is the widest vertex,
  // and 0-1-3 (delay 2) must then replace it; the direct edge is faster but narrower.
  for (std::size_t e :
       {router.add_edge(0, 2, 200, 1), router.add_edge(2, 3, 100, 3), router.add_edge(0, 1, 100, 1),
        router.add_edge(1, 3, 100, 1), router.add_edge(0, 3, 50, 0.1)}) {
    router.set_up(e, true);
  }
  EXPECT_EQ(router.route(0, 3), (Hops{{2, true}, {3, true}}));
}

TEST(SpaceRouter, WidestBottleneckThenShortestDelayEvenWhenTheWidestWayToAVertexIsSlow) {
  // 0 -> 3 ends on the edge 2-3 (rate 10), so every path to 3 has bottleneck 10. Vertex 2 is
  // reached widest by 0-1-2 (bottleneck 100, delay 20) and faster by the direct 0-2 (bottleneck
  // 50, delay 1), still wider than 10: the answer is 0-2-3, delay 2. A Dijkstra on the pair
  // (bottleneck, delay) keeps only the widest label at 2 and returns 0-1-2-3, delay 21.
  SpaceRouter router(4, RoutingMetric::kBandwidth);
  for (std::size_t e : {router.add_edge(0, 1, 100, 10), router.add_edge(1, 2, 100, 10),
                        router.add_edge(0, 2, 50, 1), router.add_edge(2, 3, 10, 1)}) {
    router.set_up(e, true);
  }
  EXPECT_EQ(router.route(0, 3), (Hops{{2, true}, {3, true}}));
  EXPECT_EQ(router.route(0, 2), (Hops{{0, true}, {1, true}}));  // bottleneck 100 there
  // The edge 0-2 down leaves only the slow way; up again, the fast one comes back.
  router.set_up(2, false);
  EXPECT_EQ(router.route(0, 3), (Hops{{0, true}, {1, true}, {3, true}}));
  router.set_up(2, true);
  EXPECT_EQ(router.route(0, 3), (Hops{{2, true}, {3, true}}));
}

TEST(SpaceRouter, ADownEdgeIsAvoidedAndTheRouteFollowsItsChanges) {
  Diamond diamond(RoutingMetric::kDelay);
  SpaceRouter& router = diamond.router;
  router.set_up(1, false);
  EXPECT_EQ(router.route(0, 3), kWide);
  router.set_up(1, true);
  EXPECT_EQ(router.route(0, 3), kThin);
  router.set_up(2, false);
  EXPECT_EQ(router.route(0, 3), kThin);
  router.set_up(0, false);
  EXPECT_EQ(router.route(0, 3), std::nullopt);  // both ways cut
  EXPECT_EQ(router.route(1, 3), (Hops{{1, true}}));
}

TEST(SpaceRouter, NoRouteToAVertexWithoutEdgesUp) {
  SpaceRouter router(3, RoutingMetric::kDelay);
  const std::size_t e = router.add_edge(0, 1, 10, 1);
  router.add_edge(1, 2, 10, 1);                 // never up
  EXPECT_EQ(router.route(0, 1), std::nullopt);  // edges start down
  router.set_up(e, true);
  EXPECT_EQ(router.route(0, 1), (Hops{{e, true}}));
  EXPECT_EQ(router.route(0, 2), std::nullopt);
  EXPECT_EQ(router.route(2, 0), std::nullopt);
}

TEST(SpaceRouter, TheRouteToItselfIsEmptyAndComputesNoTree) {
  Diamond diamond(RoutingMetric::kDelay);
  EXPECT_EQ(diamond.router.route(2, 2), Hops{});
  EXPECT_EQ(diamond.router.trees_computed(), 0u);
  SpaceRouter isolated(1, RoutingMetric::kBandwidth);
  EXPECT_EQ(isolated.route(0, 0), Hops{});
}

TEST(SpaceRouter, HopsSayWhichWayEachEdgeIsCrossed) {
  // A chain 0 - 1 - 2 - 3 with its edges declared in alternating directions.
  SpaceRouter router(4, RoutingMetric::kDelay);
  for (std::size_t e :
       {router.add_edge(1, 0, 1, 1), router.add_edge(1, 2, 1, 1), router.add_edge(3, 2, 1, 1)}) {
    router.set_up(e, true);
  }
  EXPECT_EQ(router.route(0, 3), (Hops{{0, false}, {1, true}, {2, false}}));
  EXPECT_EQ(router.route(3, 0), (Hops{{2, true}, {1, false}, {0, true}}));
  EXPECT_EQ(router.route(1, 0), (Hops{{0, true}}));
  EXPECT_EQ(router.route(0, 1), (Hops{{0, false}}));
}

TEST(SpaceRouter, ParallelEdgesAreToldApartByIndex) {
  SpaceRouter router(2, RoutingMetric::kDelay);
  const std::size_t slow = router.add_edge(0, 1, 10, 2);
  const std::size_t fast = router.add_edge(1, 0, 10, 1);
  router.set_up(slow, true);
  router.set_up(fast, true);
  EXPECT_EQ(router.route(0, 1), (Hops{{fast, false}}));
  router.set_up(fast, false);
  EXPECT_EQ(router.route(0, 1), (Hops{{slow, true}}));
}

TEST(SpaceRouter, RejectsEdgesToUnknownVerticesAndLoops) {
  SpaceRouter router(2, RoutingMetric::kDelay);
  EXPECT_THROW(router.add_edge(0, 2, 1, 1), std::logic_error);
  EXPECT_THROW(router.add_edge(1, 1, 1, 1), std::logic_error);
}

TEST(SpaceRouter, ComputesOneTreePerSourceBetweenTopologyChanges) {
  Diamond diamond(RoutingMetric::kDelay);
  SpaceRouter& router = diamond.router;
  for (int round = 0; round < 100; ++round) {
    for (std::size_t to = 0; to < 4; ++to) {
      router.route(0, to);
      router.route(3, to);
    }
  }
  EXPECT_EQ(router.trees_computed(), 2u);
  router.set_up(1, false);  // on both trees' paths: both are dropped
  for (int round = 0; round < 100; ++round) router.route(0, 3);
  EXPECT_EQ(router.trees_computed(), 3u);
  router.set_up(1, false);  // already down: the trees stay
  router.route(0, 3);
  EXPECT_EQ(router.trees_computed(), 3u);
}

// Documented behaviour: new rates and delays alone keep the trees (and so the routes) until a
// topology change drops them, which re-reads them.
TEST(SpaceRouter, NewFiguresAloneDoNotReRoute) {
  Diamond diamond(RoutingMetric::kDelay);
  SpaceRouter& router = diamond.router;
  EXPECT_EQ(router.route(0, 3), kThin);
  router.set_figures(0, 10, 50);  // the thin path is now the slower one
  EXPECT_EQ(router.route(0, 3), kThin);
  EXPECT_EQ(router.trees_computed(), 1u);
  router.set_up(2, false);
  router.set_up(2, true);
  EXPECT_EQ(router.route(0, 3), kWide);
  EXPECT_EQ(router.trees_computed(), 2u);
}

// A tree first computed after new figures reads them, with no topology change in between
// (the graph of the edges up, built for an earlier tree, carries the new figures too); for
// the bandwidth metric as well, whose rate floors come from the rates.
TEST(SpaceRouter, ATreeComputedAfterNewFiguresUsesThem) {
  Diamond by_delay(RoutingMetric::kDelay);
  EXPECT_EQ(by_delay.router.route(0, 3), kThin);  // builds the graph of the edges up
  by_delay.router.set_figures(1, 10, 50);         // 1-3: the thin path is now 51 s, the wide 4 s
  EXPECT_EQ(by_delay.router.route(3, 0), (Hops{{3, false}, {2, false}}));
  Diamond by_bandwidth(RoutingMetric::kBandwidth);
  EXPECT_EQ(by_bandwidth.router.route(0, 3), kWide);
  by_bandwidth.router.set_figures(3, 5, 2);  // 2-3: the wide path's bottleneck is now 5 < 10
  EXPECT_EQ(by_bandwidth.router.route(3, 0), (Hops{{1, false}, {0, false}}));
}

TEST(SpaceRouter, TopologyVersionMovesOnlyOnRealChanges) {
  SpaceRouter router(3, RoutingMetric::kDelay);
  const auto start = router.topology_version();
  const std::size_t e = router.add_edge(0, 1, 1, 1);
  router.add_edge(1, 2, 1, 1);
  router.set_up(e, false);
  router.set_figures(e, 5, 5);
  EXPECT_EQ(router.topology_version(), start);
  router.set_up(e, true);
  const auto up = router.topology_version();
  EXPECT_NE(up, start);
  router.set_up(e, true);
  router.set_figures(e, 7, 7);
  EXPECT_EQ(router.topology_version(), up);
  router.set_up(e, false);
  EXPECT_NE(router.topology_version(), up);
  EXPECT_FALSE(router.is_up(e));
}

// --- Against a brute force on random graphs ---

struct TestEdge {
  std::size_t a, b;
  double rate, delay;
  bool up;
};

struct Matrices {
  std::vector<std::vector<double>> delay;  // minimum delay, infinity when unreachable
  std::vector<std::vector<double>> width;  // maximum bottleneck, 0 when unreachable
};

// Floyd-Warshall in both semirings: (min, +) for delays, (max, min) for bottlenecks.
Matrices all_pairs(std::size_t n, const std::vector<TestEdge>& edges) {
  Matrices m{std::vector(n, std::vector(n, kInfinity)), std::vector(n, std::vector(n, 0.0))};
  for (std::size_t v = 0; v < n; ++v) {
    m.delay[v][v] = 0;
    m.width[v][v] = kInfinity;
  }
  for (const TestEdge& e : edges) {
    if (!e.up) continue;
    for (auto [x, y] : {std::pair{e.a, e.b}, std::pair{e.b, e.a}}) {
      m.delay[x][y] = std::min(m.delay[x][y], e.delay);
      m.width[x][y] = std::max(m.width[x][y], e.rate);
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        m.delay[i][j] = std::min(m.delay[i][j], m.delay[i][k] + m.delay[k][j]);
        m.width[i][j] = std::max(m.width[i][j], std::min(m.width[i][k], m.width[k][j]));
      }
    }
  }
  return m;
}

struct Walked {
  double delay = 0;
  double width = kInfinity;
};

// Follows the hops from `from`, checking each is up and leaves the vertex reached so far, that
// no vertex repeats, and that the walk ends at `to`.
Walked walk(const std::vector<TestEdge>& edges, const Hops& hops, std::size_t n, std::size_t from,
            std::size_t to) {
  Walked walked;
  std::vector<bool> seen(n, false);
  seen[from] = true;
  std::size_t at = from;
  for (const RouterHop& hop : hops) {
    const TestEdge& e = edges.at(hop.edge);
    EXPECT_TRUE(e.up) << "edge " << hop.edge;
    EXPECT_EQ(hop.forward ? e.a : e.b, at) << "edge " << hop.edge;
    at = hop.forward ? e.b : e.a;
    EXPECT_FALSE(seen[at]) << "vertex " << at << " twice";
    seen[at] = true;
    walked.delay += e.delay;
    walked.width = std::min(walked.width, e.rate);
  }
  EXPECT_EQ(at, to);
  return walked;
}

// One random graph: 8-12 vertices, each pair joined with probability 0.3 (a few twice), rates
// from four values (so bottlenecks tie often), delays 1-50 ms. Three rounds, each changing the
// topology (at least one edge) and asking every pair: the trees kept from a round to the next
// must still be shortest. New figures come before the first round only: later ones are read
// when a tree is next computed, not at once (NewFiguresAloneDoNotReRoute).
void check_random_graph(Rng& rng, RoutingMetric metric) {
  const std::size_t n = 8 + rng.uniform_int(5);
  SpaceRouter router(n, metric);
  std::vector<TestEdge> edges;
  const auto random_rate = [&rng] { return 1e9 * static_cast<double>(1u << rng.uniform_int(4)); };
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = a + 1; b < n; ++b) {
      while (rng.uniform() < 0.3) {
        const bool flip = rng.uniform() < 0.5;  // declared either way round
        const TestEdge e{flip ? b : a, flip ? a : b, random_rate(), rng.uniform(1e-3, 50e-3),
                         false};
        ASSERT_EQ(router.add_edge(e.a, e.b, e.rate, e.delay), edges.size());
        edges.push_back(e);
      }
    }
  }
  if (edges.empty()) return;
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < edges.size(); ++i) {
      TestEdge& e = edges[i];
      if (round == 0 && rng.uniform() < 0.3) {
        e.rate = random_rate();
        e.delay = rng.uniform(1e-3, 50e-3);
        router.set_figures(i, e.rate, e.delay);
      }
    }
    const std::size_t flipped = rng.uniform_int(edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i) {
      edges[i].up = i == flipped ? !edges[i].up : rng.uniform() < 0.7;
      router.set_up(i, edges[i].up);
    }
    const Matrices best = all_pairs(n, edges);
    for (std::size_t from = 0; from < n; ++from) {
      for (std::size_t to = 0; to < n; ++to) {
        SCOPED_TRACE(testing::Message() << "round " << round << ", " << from << " -> " << to);
        const auto hops = router.route(from, to);
        ASSERT_EQ(hops.has_value(), best.delay[from][to] < kInfinity);
        if (!hops) continue;
        const Walked walked = walk(edges, *hops, n, from, to);
        if (metric == RoutingMetric::kDelay) {
          EXPECT_NEAR(walked.delay, best.delay[from][to], 1e-12);
        } else {
          EXPECT_EQ(walked.width, best.width[from][to]);  // a minimum of the same values: exact
        }
      }
    }
  }
}

// The best (bottleneck, then delay) over every simple path from `from`, by depth-first
// enumeration: an independent reference for routing by bandwidth.
struct Best {
  double width = 0;  // 0: unreachable
  double delay = kInfinity;
};

void enumerate_paths(const std::vector<TestEdge>& edges, std::size_t at, double width, double delay,
                     std::vector<bool>& on_path, std::vector<Best>& best) {
  if (width > best[at].width || (width == best[at].width && delay < best[at].delay)) {
    best[at] = {width, delay};
  }
  for (const TestEdge& e : edges) {
    if (!e.up || (e.a != at && e.b != at)) continue;
    const std::size_t next = e.a == at ? e.b : e.a;
    if (on_path[next]) continue;
    on_path[next] = true;
    enumerate_paths(edges, next, std::min(width, e.rate), delay + e.delay, on_path, best);
    on_path[next] = false;
  }
}

std::vector<Best> best_paths_from(std::size_t n, const std::vector<TestEdge>& edges,
                                  std::size_t from) {
  std::vector<Best> best(n);
  std::vector<bool> on_path(n, false);
  on_path[from] = true;
  enumerate_paths(edges, from, kInfinity, 0, on_path, best);
  return best;
}

TEST(SpaceRouter, WidestThenShortestMatchesEverySimplePathOnRandomGraphs) {
  // 5-8 vertices, each pair joined with probability 0.45, rates from three values (bottlenecks
  // tie often, which is where the shortest delay among the widest paths matters), delays 1-50
  // ms; three rounds of topology changes, every pair asked in each.
  Rng rng(20260322);
  for (int graph = 0; graph < 300; ++graph) {
    SCOPED_TRACE(testing::Message() << "graph " << graph);
    const std::size_t n = 5 + rng.uniform_int(4);
    SpaceRouter router(n, RoutingMetric::kBandwidth);
    std::vector<TestEdge> edges;
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = a + 1; b < n; ++b) {
        if (rng.uniform() >= 0.45) continue;
        const TestEdge e{a, b, 1e9 * static_cast<double>(1 + rng.uniform_int(3)),
                         rng.uniform(1e-3, 50e-3), false};
        router.add_edge(e.a, e.b, e.rate, e.delay);
        edges.push_back(e);
      }
    }
    for (int round = 0; round < 3; ++round) {
      for (std::size_t i = 0; i < edges.size(); ++i) {
        edges[i].up = rng.uniform() < 0.8;
        router.set_up(i, edges[i].up);
      }
      for (std::size_t from = 0; from < n; ++from) {
        const std::vector<Best> best = best_paths_from(n, edges, from);
        for (std::size_t to = 0; to < n; ++to) {
          if (to == from) continue;
          SCOPED_TRACE(testing::Message() << "round " << round << ", " << from << " -> " << to);
          const auto hops = router.route(from, to);
          ASSERT_EQ(hops.has_value(), best[to].width > 0);
          if (!hops) continue;
          const Walked walked = walk(edges, *hops, n, from, to);
          EXPECT_EQ(walked.width, best[to].width);           // a minimum of the same values: exact
          EXPECT_NEAR(walked.delay, best[to].delay, 1e-12);  // sums in another order
        }
      }
    }
  }
}

TEST(SpaceRouter, ShortestDelayMatchesFloydWarshallOnRandomGraphs) {
  Rng rng(20260320);
  for (int graph = 0; graph < 200; ++graph) {
    SCOPED_TRACE(testing::Message() << "graph " << graph);
    check_random_graph(rng, RoutingMetric::kDelay);
  }
}

TEST(SpaceRouter, WidestBottleneckMatchesFloydWarshallOnRandomGraphs) {
  Rng rng(20260321);
  for (int graph = 0; graph < 200; ++graph) {
    SCOPED_TRACE(testing::Message() << "graph " << graph);
    check_random_graph(rng, RoutingMetric::kBandwidth);
  }
}

// Components are named by their lowest vertex, whatever the order of the edges and whether
// they are up: edges 4-3, 2-1, 1-0; vertex 5 alone.
TEST(SpaceRouter, ComponentsOfAChosenSetOfEdges) {
  SpaceRouter router(6, RoutingMetric::kDelay);
  router.add_edge(4, 3, 1, 1);
  router.add_edge(2, 1, 1, 1);
  router.add_edge(1, 0, 1, 1);
  EXPECT_EQ(router.components_over({0, 1, 2}), (std::vector<std::size_t>{0, 0, 0, 3, 3, 5}));
  EXPECT_EQ(router.components_over({0, 2}), (std::vector<std::size_t>{0, 0, 2, 3, 3, 5}));
  EXPECT_EQ(router.components_over({1}), (std::vector<std::size_t>{0, 1, 1, 3, 4, 5}));
}

}  // namespace
}  // namespace umbra::network
