#include "sim/orbit/event_roots.hpp"

#include <boost/math/tools/minima.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

#include "sim/orbit/earth.hpp"

namespace umbra::orbit {
namespace {

constexpr std::uintmax_t kMaxIterations = 200;

bool below_zero(double g) {
  return g < 0;
}

double refine(const TimeFunction& g, double t0, double t1, double g0, double g1, double tolerance) {
  std::uintmax_t iterations = kMaxIterations;
  const auto [low, high] = boost::math::tools::toms748_solve(
      g, t0, t1, g0, g1, [tolerance](double a, double b) { return std::abs(b - a) <= tolerance; },
      iterations);
  return 0.5 * (low + high);
}

}  // namespace

void roots_between(const TimeFunction& g, double t0, double t1, double g0, double g1,
                   bool may_hide_roots, double tolerance, std::vector<double>& roots) {
  if (below_zero(g0) != below_zero(g1)) {
    roots.push_back(refine(g, t0, t1, g0, g1, tolerance));
    return;
  }
  if (!may_hide_roots) return;
  // Towards zero: the minimum of a positive function, the maximum of a negative one.
  const double sign = below_zero(g0) ? -1.0 : 1.0;
  const auto [t_extremum, signed_extremum] =
      minimum_between([&](double t) { return sign * g(t); }, t0, t1);
  const double g_extremum = sign * signed_extremum;
  if (below_zero(g_extremum) == below_zero(g0)) return;
  roots.push_back(refine(g, t0, t_extremum, g0, g_extremum, tolerance));
  roots.push_back(refine(g, t_extremum, t1, g_extremum, g1, tolerance));
}

std::pair<double, double> minimum_between(const TimeFunction& g, double t0, double t1) {
  std::uintmax_t iterations = kMaxIterations;
  // Offsets from t0 keep the relative tolerance of Brent's method on the short interval.
  const auto [offset, value] =
      boost::math::tools::brent_find_minima([&](double s) { return g(t0 + s); }, 0.0, t1 - t0,
                                            std::numeric_limits<double>::digits / 2, iterations);
  return {t0 + offset, value};
}

double fastest_angular_rate(const StateVector& state) {
  const auto [r, v] = state;
  const Vec3 momentum = cross(r, v);
  const double radius = norm(r);
  const Vec3 eccentricity_vector =
      (1.0 / kEarthMu) * ((dot(v, v) - kEarthMu / radius) * r - dot(r, v) * v);
  const double perigee = dot(momentum, momentum) / (kEarthMu * (1.0 + norm(eccentricity_vector)));
  return norm(momentum) / (perigee * perigee);
}

}  // namespace umbra::orbit
