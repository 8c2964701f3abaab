#pragma once
// When each candidate link (candidate_links.hpp) is geometrically possible over [from, to]:
// edges by root finding on smooth visibility functions, never by sampling alone.
//
// A link is possible while all of its visibility functions are non-negative:
// - between satellites a, b (inertial positions): segment clearance - (R + grazing altitude)
//   (link_geometry.hpp), and max_range - |b - a|;
// - from satellite a to a ground station (Earth-fixed): rho . up - |rho| sin(mask), rho the
//   line of sight and mask the higher of the class's elevation mask and the station's minimum
//   elevation (the same roots as elevation - mask, but smooth and with plain derivative bounds),
//   and max_range - |rho|.
// Method (orbit/event_roots.hpp does the bracketing and refinement): every satellite is sampled
// on one grid whose step is 1/192 of a revolution at the fastest satellite's perigee rate (~30 s
// in LEO, short against a pass, so an interval holds at most one extremum). Between same-sign
// samples a function can reach zero only within bounds taken from the sampled speeds, radii and
// gravity, times 1.25: between satellites, first order, |d clearance/dt| <= max(|v_a|, |v_b|)
// and |d range/dt| <= |v_b - v_a| (sampled, plus the gravity difference over a step); to the
// ground, second order (the function stays above its chord minus M h^2 / 8), |d2(rho . up)/dt2| <=
// |a| and |d2|rho|/dt2| <= |a| + v^2 / |rho|, with a and v the Earth-fixed acceleration and speed:
// a margin of ~7 km in LEO where the first order would need ~400 km. Intervals that cannot reach
// zero are skipped; the others are searched, and edges refined to the time tolerance (1 ms).
//
// The same samples give each window's rate profile (rate_profile.hpp), with samples added at
// each closest or farthest approach and wherever neighbouring ones differ by more than the
// profile's tolerances: propagated between satellites, interpolated (a cubic through the grid
// samples, ~1 km off for a LEO pass) to the ground.
#include <atomic>
#include <vector>

#include "sim/contact/candidate_links.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/contact/rate_profile.hpp"
#include "sim/spec/platform_spec.hpp"

namespace umbra::contact {

struct VisibleInterval {
  double start = 0;  // seconds since the scenario epoch, clipped to [from, to]
  double end = 0;
  RateProfile profile;  // from the range at the edges and at the grid times between them
};

struct LinkWindowSearch {
  double from = 0;  // seconds since the scenario epoch
  double to = 0;    // > from
  double time_tolerance = 1e-3;
  RateProfileOptions profile;
  unsigned threads = 0;  // 0: all hardware threads
  // When set (from another thread), the search stops early: its results are then incomplete and
  // must be thrown away.
  const std::atomic<bool>* cancel = nullptr;
};

// Result i holds the disjoint, sorted intervals of links[i], whatever the thread count.
// Throws orbit::PropagationError when a satellite has no state inside the horizon.
std::vector<std::vector<VisibleInterval>> visible_intervals(const std::vector<CandidateLink>& links,
                                                            const spec::PlatformSpec& platform,
                                                            const Constellation& constellation,
                                                            const LinkWindowSearch& search);

}  // namespace umbra::contact
