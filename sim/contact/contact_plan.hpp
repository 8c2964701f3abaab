#pragma once
// The contact plan: every window in which a link carries data over a horizon, with its rate and
// one-way delay as they change with range. Pure geometry, computed once before a simulation.
//
// Built in three steps:
// 1. candidate links (candidate_links.hpp) and their geometric windows by root finding, edges to
//    1 ms (link_windows.hpp), in parallel over satellites;
// 2. acquisition times and terminal limits (terminal_assignment.hpp: the assignment rule);
// 3. each kept window's rate and delay profile (rate_profile.hpp), in parallel over windows.
// Per-satellite sunlight windows are orbit::eclipse_windows; they are not repeated here.
//
// Queries by time (the links up at t, the next change after t) are plan_timeline.hpp's.
#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "sim/contact/constellation.hpp"
#include "sim/contact/rate_profile.hpp"
#include "sim/spec/platform_spec.hpp"

namespace umbra::contact {

struct LinkWindow {
  std::size_t a = 0;           // a satellite: index in ContactPlan::nodes
  std::size_t b = 0;           // a satellite or a ground station: index in ContactPlan::nodes
  std::size_t link_class = 0;  // index in ContactPlan::link_classes
  double pointed_from = 0;     // s since the epoch: terminals held from here (acquisition)
  double start = 0;            // carries data from here
  double end = 0;
  double min_range = 0;  // m, sampled at the profile's resolution and the window's ends
  double max_range = 0;
  std::vector<RateSegment> segments;  // the first at `start`

  double mean_rate() const;                       // bytes/s, time-weighted over [start, end]
  const RateSegment& segment_at(double t) const;  // t in [start, end]
};

struct ContactPlanOptions {
  double from = 0;     // s since the scenario epoch
  double horizon = 0;  // s, > 0
  double time_tolerance = 1e-3;
  RateProfileOptions profile;
  unsigned threads = 0;                       // 0: all hardware threads
  const std::atomic<bool>* cancel = nullptr;  // as LinkWindowSearch::cancel
};

struct ContactPlan {
  double from = 0, to = 0;  // s since the epoch
  // Satellites in constellation order, then ground stations in file order.
  std::vector<std::string> nodes;
  std::size_t satellite_count = 0;
  std::vector<spec::LinkClassSpec> link_classes;
  // Sorted by start, then end, a, b and class (indices): the same for any thread count.
  std::vector<LinkWindow> windows;
  std::size_t candidate_links = 0;
  std::size_t shorter_than_acquisition = 0;  // laser (or any acquiring) windows dropped
  std::size_t refused_for_terminals = 0;
};

// Throws InputError for a horizon that is not positive, and for a satellite without a state
// inside the horizon.
ContactPlan build_contact_plan(const spec::PlatformSpec& platform,
                               const Constellation& constellation,
                               const ContactPlanOptions& options);

}  // namespace umbra::contact
