// SpaceRouter over a day of platforms/leo-starlink-shell.yaml (1,584 satellites, plus-grid laser
// ISLs) with the 50 ground stations and Ka terminals of bench/contact, against a Hypatia-like
// recomputation of all pairs at fixed 100 ms steps.
//
// Replay: every window of the 24 h contact plan opens and closes its edge (edge i = candidate
// link i) as sim/engine/contact_driver.cpp does, rate segments go to set_figures, and at every
// instant the topology changes K routes are asked between a random satellite and a random
// station (seeded, either direction).
// Hypatia-like: at each step a fresh router over the links up then, with their figures then,
// and a shortest-path tree from every vertex (V x Dijkstra); one Floyd-Warshall over the same
// snapshot is timed as well, Hypatia's own all-pairs step.
//
// Usage: bench_routing [routes_per_change = 100] [replay_hours = 24] [hypatia_minutes = 10]
//                      [plan_threads = 0 (all)]
// A zero skips that part.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>
#include <tuple>
#include <vector>

#include "bench/support/ground_segment.hpp"
#include "sim/contact/candidate_links.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
#include "sim/contact/plan_timeline.hpp"
#include "sim/core/rng.hpp"
#include "sim/network/space_router.hpp"
#include "sim/spec/platform_reader.hpp"

namespace {

using umbra::contact::CandidateLink;
using umbra::contact::ContactPlan;
using umbra::contact::LinkWindow;
using umbra::contact::PlanTimeline;
using umbra::network::SpaceRouter;

constexpr double kDay = 86400.0;
constexpr double kHypatiaStep = 0.1;  // s

using umbra::bench::add_ground_segment;
using umbra::bench::seconds_since;

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// The candidate index of a window's link: its router edge, as ContactDriver::edge_of.
std::size_t edge_of(const std::vector<CandidateLink>& candidates, const ContactPlan& plan,
                    const LinkWindow& window) {
  const bool to_ground = window.b >= plan.satellite_count;
  const CandidateLink key{window.a, to_ground ? window.b - plan.satellite_count : window.b,
                          to_ground, window.link_class};
  return static_cast<std::size_t>(std::lower_bound(candidates.begin(), candidates.end(), key) -
                                  candidates.begin());
}

// A router with an edge per candidate link, all down; vertices are the plan's nodes.
SpaceRouter make_router(const std::vector<CandidateLink>& candidates, const ContactPlan& plan,
                        const umbra::spec::PlatformSpec& platform) {
  SpaceRouter router(plan.nodes.size(), platform.routing);
  for (const CandidateLink& link : candidates) {
    const std::size_t b = link.to_ground ? plan.satellite_count + link.b : link.b;
    router.add_edge(link.a, b, platform.link_classes[link.link_class].rate, 0);
  }
  return router;
}

struct Replay {
  std::size_t changes = 0, routes = 0, unreachable = 0, hops = 0;
  std::uint64_t trees = 0;
  double wall = 0, routing_wall = 0;
};

Replay replay(const std::vector<CandidateLink>& candidates, const ContactPlan& plan,
              const umbra::spec::PlatformSpec& platform, std::size_t routes_per_change,
              double until) {
  enum class Change { kClose, kOpen, kSegment };  // the driver's order within an instant
  struct Event {
    double time;
    Change change;
    std::size_t edge;
    double rate, delay;
  };
  std::vector<Event> events;
  for (const LinkWindow& window : plan.windows) {
    const std::size_t edge = edge_of(candidates, plan, window);
    const auto& first = window.segments.front();
    events.push_back({window.start, Change::kOpen, edge, first.rate, first.delay});
    for (std::size_t k = 1; k < window.segments.size(); ++k) {
      const auto& segment = window.segments[k];
      events.push_back({segment.start, Change::kSegment, edge, segment.rate, segment.delay});
    }
    if (window.end < plan.to) events.push_back({window.end, Change::kClose, edge, 0, 0});
  }
  std::sort(events.begin(), events.end(), [](const Event& x, const Event& y) {
    return std::tie(x.time, x.change, x.edge) < std::tie(y.time, y.change, y.edge);
  });

  Replay result;
  SpaceRouter router = make_router(candidates, plan, platform);
  umbra::Rng rng(1);
  const std::size_t satellites = plan.satellite_count;
  const std::size_t stations = plan.nodes.size() - satellites;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::size_t> closing;
  for (std::size_t next = 0; next < events.size() && events[next].time < until;) {
    // The net change of the instant: a link closed and opened again at once stays up.
    const double now = events[next].time;
    const auto version = router.topology_version();
    closing.clear();
    for (; next < events.size() && events[next].time == now; ++next) {
      const Event& event = events[next];
      if (event.change == Change::kClose) {
        closing.push_back(event.edge);
        continue;
      }
      std::erase(closing, event.edge);
      router.set_figures(event.edge, event.rate, event.delay);
      router.set_up(event.edge, true);
    }
    for (const std::size_t edge : closing) router.set_up(edge, false);
    if (router.topology_version() == version) continue;

    ++result.changes;
    const auto asked = std::chrono::steady_clock::now();
    for (std::size_t k = 0; k < routes_per_change; ++k) {
      std::size_t from = rng.uniform_int(satellites);
      std::size_t to = satellites + rng.uniform_int(stations);
      if (rng.uniform() < 0.5) std::swap(from, to);
      const auto route = router.route(from, to);
      if (route) {
        result.hops += route->size();
      } else {
        ++result.unreachable;
      }
    }
    result.routing_wall += seconds_since(asked);
    result.routes += routes_per_change;
  }
  result.wall = seconds_since(start);
  result.trees = router.trees_computed();
  return result;
}

// A fresh router over the links up at t, with their figures at t.
SpaceRouter snapshot(const std::vector<CandidateLink>& candidates, const ContactPlan& plan,
                     const PlanTimeline& timeline, const umbra::spec::PlatformSpec& platform,
                     double t) {
  SpaceRouter router = make_router(candidates, plan, platform);
  for (const std::size_t w : timeline.links_up_at(t)) {
    const LinkWindow& window = plan.windows[w];
    const std::size_t edge = edge_of(candidates, plan, window);
    const auto& segment = window.segment_at(t);
    router.set_figures(edge, segment.rate, segment.delay);
    router.set_up(edge, true);
  }
  return router;
}

// All-pairs minimum delay by Floyd-Warshall over the links up at t; returns the wall time.
double floyd_warshall_seconds(const ContactPlan& plan, const PlanTimeline& timeline, double t) {
  const std::size_t n = plan.nodes.size();
  std::vector<double> delay(n * n, std::numeric_limits<double>::infinity());
  for (std::size_t v = 0; v < n; ++v) delay[v * n + v] = 0;
  for (const std::size_t w : timeline.links_up_at(t)) {
    const LinkWindow& window = plan.windows[w];
    const double d = window.segment_at(t).delay;
    delay[window.a * n + window.b] = std::min(delay[window.a * n + window.b], d);
    delay[window.b * n + window.a] = std::min(delay[window.b * n + window.a], d);
  }
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t k = 0; k < n; ++k) {
    const double* via = &delay[k * n];
    for (std::size_t i = 0; i < n; ++i) {
      double* row = &delay[i * n];
      const double to_k = row[k];
      for (std::size_t j = 0; j < n; ++j) row[j] = std::min(row[j], to_k + via[j]);
    }
  }
  const double seconds = seconds_since(start);
  // Keeps the loops from being optimised away.
  if (delay[n - 1] < 0) fmt::print("negative delay\n");
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const auto routes_per_change = static_cast<std::size_t>(argc > 1 ? std::atol(argv[1]) : 100);
  const double replay_hours = argc > 2 ? std::atof(argv[2]) : 24.0;
  const double hypatia_minutes = argc > 3 ? std::atof(argv[3]) : 10.0;
  const auto threads = static_cast<unsigned>(argc > 4 ? std::atoi(argv[4]) : 0);

  umbra::spec::PlatformSpec platform =
      umbra::spec::read_platform_file(UMBRA_SOURCE_DIR "/platforms/leo-starlink-shell.yaml");
  add_ground_segment(platform);
  const auto constellation = umbra::contact::build_constellation(platform);
  const auto candidates = umbra::contact::candidate_links(platform, constellation);
  umbra::contact::ContactPlanOptions options;
  options.horizon = kDay;
  options.threads = threads;
  const auto plan_start = std::chrono::steady_clock::now();
  const ContactPlan plan = umbra::contact::build_contact_plan(platform, constellation, options);
  fmt::print("plan: {} vertices, {} candidate links, {} windows; {:.2f} s; peak RSS {:.0f} MB\n",
             plan.nodes.size(), candidates.size(), plan.windows.size(), seconds_since(plan_start),
             peak_rss_mb());

  if (replay_hours > 0) {
    const Replay r = replay(candidates, plan, platform, routes_per_change, replay_hours * 3600);
    fmt::print(
        "replay {} h, {} routes per change: {} topology changes, {} routes ({} unreachable, "
        "{:.2f} hops on average), {} trees\n"
        "  wall {:.2f} s ({:.2f} s asking routes); {:.1f} us per tree; peak RSS {:.0f} MB\n",
        replay_hours, routes_per_change, r.changes, r.routes, r.unreachable,
        static_cast<double>(r.hops) / static_cast<double>(r.routes - r.unreachable), r.trees,
        r.wall, r.routing_wall, 1e6 * r.routing_wall / static_cast<double>(r.trees), peak_rss_mb());
  }

  const auto steps = static_cast<std::size_t>(std::llround(hypatia_minutes * 60 / kHypatiaStep));
  if (steps == 0) return 0;
  const std::size_t n = plan.nodes.size();
  const PlanTimeline timeline(plan);
  double snapshot_wall = 0;
  const auto hypatia_start = std::chrono::steady_clock::now();
  for (std::size_t step = 0; step < steps; ++step) {
    const auto built = std::chrono::steady_clock::now();
    SpaceRouter router =
        snapshot(candidates, plan, timeline, platform, static_cast<double>(step) * kHypatiaStep);
    snapshot_wall += seconds_since(built);
    for (std::size_t from = 0; from < n; ++from) router.route(from, (from + 1) % n);
  }
  const double hypatia_wall = seconds_since(hypatia_start);
  const double per_step = hypatia_wall / static_cast<double>(steps);
  const double fw = floyd_warshall_seconds(plan, timeline, 0);
  fmt::print(
      "hypatia-like, {} min in {} steps of 100 ms: {} trees; wall {:.2f} s ({:.2f} s building "
      "snapshots); {:.1f} us per tree; {:.3f} s per step\n"
      "  extrapolated to 24 h ({} steps): V x Dijkstra {:.0f} s; Floyd-Warshall {:.2f} s per "
      "step, {:.0f} s\n"
      "peak RSS {:.0f} MB\n",
      hypatia_minutes, steps, steps * n, hypatia_wall, snapshot_wall,
      1e6 * (hypatia_wall - snapshot_wall) / static_cast<double>(steps * n), per_step,
      kDay / kHypatiaStep, per_step * kDay / kHypatiaStep, fw, fw * kDay / kHypatiaStep,
      peak_rss_mb());
  return 0;
}
