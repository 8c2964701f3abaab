#pragma once
// Eclipse windows of satellites over a horizon, found by root finding on the shadow event
// functions of shadow.hpp (not by polling).
//
// Method (one satellite):
// 1. Sample both event functions g (penumbra, umbra) on a uniform grid whose step is 1/24 of a
//    revolution at the orbit's fastest angular rate (its perigee; T/24 ~ 4 min for a circular
//    LEO orbit). Seen from a satellite on a near-Keplerian orbit the separation of the Earth
//    and Sun discs has one minimum and one maximum per revolution, so an interval between two
//    samples holds at most one extremum of g, hence at most two roots.
// 2. A sign change between samples brackets one root. Same-sign samples g0, g1 can hide a
//    pair of roots only if the function can reach zero in between: |g0| + |g1| <= L h, with L a
//    bound on |dg/dt| (the angular rates of the Earth and Sun directions and of the Earth's
//    apparent radius, maximised over the samples, times a 1.25 margin). Only then the interval's
//    extremum is located (Brent) and, if it crosses zero, both roots are bracketed around it.
//    A short window - an ~8 s penumbra transit, a grazing umbra - is therefore never stepped
//    over: each of its edges is a root of one of the two functions, and each root is bracketed.
// 3. Roots are refined (TOMS 748, a Brent-type method) until the bracket is below the time
//    tolerance (1 ms), and the windows are read off the ordered roots.
#include <functional>
#include <span>
#include <vector>

#include "sim/orbit/propagator.hpp"
#include "sim/orbit/shadow.hpp"

namespace umbra::orbit {

enum class EclipseKind { kPenumbra, kUmbra };

// Windows of one satellite are disjoint and sorted: a full eclipse reads penumbra, umbra,
// penumbra; a grazing pass may be penumbra only. Windows are clipped to [from, horizon].
struct EclipseWindow {
  double start = 0;  // seconds since the scenario epoch
  double end = 0;
  EclipseKind kind = EclipseKind::kPenumbra;
  double min_illumination = 0;  // lowest visible fraction of the Sun's disc in the window

  friend bool operator==(const EclipseWindow&, const EclipseWindow&) = default;
};

struct EclipseSearch {
  double from = 0;               // seconds after the scenario epoch
  double horizon = 0;            // seconds after the scenario epoch; > from
  double time_tolerance = 1e-3;  // seconds; width of the final root bracket
  ShadowModel shadow{};
  unsigned threads = 0;  // for many satellites; 0: all hardware threads
};

// Shadow geometry of one satellite at `seconds` after `scenario_epoch`.
ShadowGeometry shadow_geometry_at(const Propagator& satellite, const JulianDate& scenario_epoch,
                                  double seconds, const ShadowModel& model = {});

// Throws InputError for a horizon or tolerance that is not positive, PropagationError when the
// propagator has no state inside the horizon.
std::vector<EclipseWindow> eclipse_windows(const Propagator& satellite,
                                           const JulianDate& scenario_epoch,
                                           const EclipseSearch& search);

// The same for many satellites, spread over `search.threads` threads; result i belongs to
// satellites[i] whatever the thread count. The first error, by satellite index, is rethrown.
std::vector<std::vector<EclipseWindow>> eclipse_windows(
    std::span<const Propagator* const> satellites, const JulianDate& scenario_epoch,
    const EclipseSearch& search);

// Many satellites, from a million up, without holding every window at once: the windows are
// handed to `consume(first, windows)` a chunk of consecutive satellites at a time, in satellite
// order (windows[k] belongs to satellites[first + k]), the same whatever the thread count.
// The method is the one above, with three changes that make it cheaper per satellite:
// - the states on the sampling grid come from a batch propagator (propagator_batch.hpp), all the
//   satellites of a chunk at each time, on a grid common to the chunk (its finest step);
// - the Sun's position is computed once per grid time for the chunk;
// - on the day side (r . sun >= 0) an analytic lower bound of both event functions, ~0.3 rad on
//   LEO, stands for the shadow geometry; an interval whose bounds cannot reach zero within the
//   rate bound is skipped, as the exact values would have it skipped, and the exact values are
//   computed where it is not.
// - between grid times the Sun is interpolated linearly (~0.3 us on an edge);
// - an interval whose ends have the same sign but could hide a pair of roots is halved, with
//   the rate bound, until each part is ruled out or changes sign, instead of locating the
//   extremum by Brent's method.
// Roots are refined on the satellite's own propagator as above, so each window edge is the same
// root to the time tolerance: the windows equal those of eclipse_windows() within it (a grazing
// pair of roots closer than the tolerance aside). Errors as eclipse_windows().
using EclipseWindowConsumer =
    std::function<void(std::size_t first, std::span<const std::vector<EclipseWindow>> windows)>;
void stream_eclipse_windows(std::span<const Propagator* const> satellites,
                            const JulianDate& scenario_epoch, const EclipseSearch& search,
                            const EclipseWindowConsumer& consume);

}  // namespace umbra::orbit
