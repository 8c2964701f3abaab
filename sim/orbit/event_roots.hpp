#pragma once
// Roots of a continuous event function of time, shared by the searches that must not step over
// a short event: eclipse windows (eclipse_windows.hpp) and link windows (contact/link_windows.hpp).
//
// The caller samples g on a grid and knows a bound on |dg/dt|. Between two samples:
// - a sign change brackets one root (the grid is fine enough for at most one extremum of g in
//   an interval, hence at most two roots);
// - same-sign samples g0, g1 can hide a pair of roots only if g can reach zero in between,
//   |g0| + |g1| <= max_change (the rate bound times the step). Only then the extremum towards
//   zero is located (Brent) and, if it crosses zero, the roots on both sides of it are kept.
// Roots are refined by TOMS 748 (a Brent-type method) until the bracket is narrower than the
// time tolerance.
#include <functional>
#include <utility>
#include <vector>

#include "sim/orbit/state_vector.hpp"

namespace umbra::orbit {

using TimeFunction = std::function<double(double)>;  // seconds -> event value

// Appends the roots of g inside [t0, t1], in increasing time, to `roots`; g0 = g(t0),
// g1 = g(t1). The negative side (g < 0) is one state and the rest the other.
void roots_between(const TimeFunction& g, double t0, double t1, double g0, double g1,
                   double max_change, double tolerance, std::vector<double>& roots);

// Time and value of the minimum of g over [t0, t1] (Brent).
std::pair<double, double> minimum_between(const TimeFunction& g, double t0, double t1);

// The fastest angular rate (rad/s) of the osculating orbit of `state`, at its perigee: h / r_p^2.
// Sampling steps are fractions of the revolution at this rate.
double fastest_angular_rate(const StateVector& state);

}  // namespace umbra::orbit
