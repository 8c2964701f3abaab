#pragma once
// Roots of a continuous event function of time, shared by the searches that must not step over
// a short event: eclipse windows (eclipse_windows.hpp) and link windows (contact/link_windows.hpp).
//
// The caller samples g on a grid fine enough for at most one extremum of g between two samples
// (hence at most two roots), and bounds how far g can move between them. Between two samples:
// - a sign change brackets one root;
// - same-sign samples g0, g1 can hide a pair of roots only if g can reach zero in between:
//   with a bound L on |dg/dt|, only if |g0| + |g1| <= L h (may_reach_zero below); with a bound
//   M on |d2g/dt2|, only if min(|g0|, |g1|) <= M h^2 / 8 (g stays above the chord minus that).
//   Only then the extremum towards zero is located (Brent) and, if it crosses zero, the roots on
//   both sides of it are kept.
// Roots are refined by TOMS 748 (a Brent-type method) until the bracket is narrower than the
// time tolerance.
#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>
#include <vector>

#include "sim/orbit/state_vector.hpp"

namespace umbra::orbit {

using TimeFunction = std::function<double(double)>;  // seconds -> event value

// Appends the roots of g inside [t0, t1], in increasing time, to `roots`; g0 = g(t0),
// g1 = g(t1). The negative side (g < 0) is one state and the rest the other. `may_hide_roots`:
// the caller's bound lets same-sign ends hide a pair of roots.
void roots_between(const TimeFunction& g, double t0, double t1, double g0, double g1,
                   bool may_hide_roots, double tolerance, std::vector<double>& roots);

// First-order test: g can reach zero between same-sign samples g0, g1 when it changes by at
// most `max_change` over the interval.
inline bool may_reach_zero(double g0, double g1, double max_change) {
  return (g0 < 0) != (g1 < 0) || std::abs(g0) + std::abs(g1) <= max_change;
}

// Second-order test: |d2g/dt2| <= max_curvature over an interval of length h.
inline bool may_reach_zero_curved(double g0, double g1, double max_curvature, double h) {
  return (g0 < 0) != (g1 < 0) || std::min(std::abs(g0), std::abs(g1)) <= max_curvature * h * h / 8;
}

// Time and value of the minimum of g over [t0, t1] (Brent).
std::pair<double, double> minimum_between(const TimeFunction& g, double t0, double t1);

// The fastest angular rate (rad/s) of the osculating orbit of `state`, at its perigee: h / r_p^2.
// Sampling steps are fractions of the revolution at this rate.
double fastest_angular_rate(const StateVector& state);

}  // namespace umbra::orbit
