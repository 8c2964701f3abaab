#include "sim/orbit/kepler_j2.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "sim/core/error.hpp"
#include "sim/orbit/earth.hpp"

namespace umbra::orbit {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

double wrap_two_pi(double angle) {
  const double wrapped = std::fmod(angle, kTwoPi);
  return wrapped < 0 ? wrapped + kTwoPi : wrapped;
}

}  // namespace

double mean_motion(double semi_major_axis) {
  return std::sqrt(kEarthMu / (semi_major_axis * semi_major_axis * semi_major_axis));
}

double orbital_period(double semi_major_axis) {
  return kTwoPi / mean_motion(semi_major_axis);
}

J2SecularRates j2_secular_rates(double semi_major_axis, double eccentricity, double inclination) {
  const double n = mean_motion(semi_major_axis);
  const double eta_squared = 1.0 - eccentricity * eccentricity;
  const double p = semi_major_axis * eta_squared;
  const double k = n * kJ2 * (kEquatorialRadius / p) * (kEquatorialRadius / p);
  const double cos_i = std::cos(inclination);
  return {.raan = -1.5 * k * cos_i,
          .argument_of_perigee = 0.75 * k * (5.0 * cos_i * cos_i - 1.0),
          .mean_anomaly = n + 0.75 * k * std::sqrt(eta_squared) * (3.0 * cos_i * cos_i - 1.0)};
}

double eccentric_anomaly(double mean_anomaly, double eccentricity) {
  const double m = std::remainder(mean_anomaly, kTwoPi);  // in [-pi, pi]
  // Start at pi for large e (Vallado algorithm 2): Newton then converges monotonically.
  double e_anomaly = eccentricity < 0.8 ? m : (m < 0 ? -std::numbers::pi : std::numbers::pi);
  for (int iteration = 0; iteration < 50; ++iteration) {
    const double step = (e_anomaly - eccentricity * std::sin(e_anomaly) - m) /
                        (1.0 - eccentricity * std::cos(e_anomaly));
    e_anomaly -= step;
    if (std::abs(step) <=
        4.0 * std::numeric_limits<double>::epsilon() * (1.0 + std::abs(e_anomaly))) {
      break;
    }
  }
  return e_anomaly + (mean_anomaly - m);  // back to the caller's revolution
}

KeplerJ2Propagator::KeplerJ2Propagator(const KeplerElements& elements) : elements_(elements) {
  const double a = elements.semi_major_axis, e = elements.eccentricity, i = elements.inclination;
  if (!(e >= 0.0 && e < 1.0)) {
    throw InputError(fmt::format("eccentricity must be in [0, 1), got {}", e));
  }
  if (!(a * (1.0 - e) > kEquatorialRadius)) {
    throw InputError(
        fmt::format("perigee radius {:.3f} km is inside the Earth (a = {:.3f} km, e = {})",
                    a * (1.0 - e) / 1e3, a / 1e3, e));
  }
  if (!(i >= 0.0 && i <= std::numbers::pi)) {
    throw InputError(fmt::format("inclination must be in [0, 180] deg, got {} deg",
                                 i * 180.0 / std::numbers::pi));
  }
  rates_ = j2_secular_rates(a, e, i);
}

KeplerElements KeplerJ2Propagator::elements_at(const JulianDate& when) const {
  const double dt = when.seconds_since(elements_.epoch);
  KeplerElements drifted = elements_;
  drifted.raan = wrap_two_pi(elements_.raan + rates_.raan * dt);
  drifted.argument_of_perigee =
      wrap_two_pi(elements_.argument_of_perigee + rates_.argument_of_perigee * dt);
  drifted.mean_anomaly = wrap_two_pi(elements_.mean_anomaly + rates_.mean_anomaly * dt);
  drifted.epoch = when;
  return drifted;
}

StateVector KeplerJ2Propagator::state_at(const JulianDate& scenario_epoch, double seconds) const {
  return state_after(scenario_epoch.seconds_since(elements_.epoch) + seconds);
}

StateVector KeplerJ2Propagator::state_after(double dt) const {
  const double a = elements_.semi_major_axis, e = elements_.eccentricity;
  const double raan = elements_.raan + rates_.raan * dt;
  const double argp = elements_.argument_of_perigee + rates_.argument_of_perigee * dt;
  const double e_anomaly = eccentric_anomaly(elements_.mean_anomaly + rates_.mean_anomaly * dt, e);

  // Perifocal position and its derivative; dE/dt = Mdot / (1 - e cos E).
  const double cos_e = std::cos(e_anomaly), sin_e = std::sin(e_anomaly);
  const double eta = std::sqrt(1.0 - e * e);
  const double px = a * (cos_e - e), py = a * eta * sin_e;
  const double e_rate = rates_.mean_anomaly / (1.0 - e * cos_e);
  // Perigee drift turns the ellipse in its plane: adds argp_rate * (-py, px).
  const double vx = -a * sin_e * e_rate - rates_.argument_of_perigee * py;
  const double vy = a * eta * cos_e * e_rate + rates_.argument_of_perigee * px;

  // Perifocal -> inertial: R3(-raan) R1(-i) R3(-argp).
  const double cos_o = std::cos(raan), sin_o = std::sin(raan);
  const double cos_w = std::cos(argp), sin_w = std::sin(argp);
  const double cos_i = std::cos(elements_.inclination), sin_i = std::sin(elements_.inclination);
  const Vec3 p_axis{cos_o * cos_w - sin_o * sin_w * cos_i, sin_o * cos_w + cos_o * sin_w * cos_i,
                    sin_w * sin_i};
  const Vec3 q_axis{-cos_o * sin_w - sin_o * cos_w * cos_i, -sin_o * sin_w + cos_o * cos_w * cos_i,
                    cos_w * sin_i};
  const Vec3 position = px * p_axis + py * q_axis;
  // Nodal drift turns the whole orbit about the z axis.
  const Vec3 velocity = vx * p_axis + vy * q_axis + cross(Vec3{0, 0, rates_.raan}, position);
  return {position, velocity};
}

}  // namespace umbra::orbit
