#include "sim/orbit/sun.hpp"

#include <cmath>
#include <numbers>

#include "sim/orbit/earth.hpp"

namespace umbra::orbit {
namespace {

// The almanac's series are written in degrees.
constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

double wrap_two_pi(double angle) {
  const double wrapped = std::fmod(angle, 2.0 * std::numbers::pi);
  return wrapped < 0 ? wrapped + 2.0 * std::numbers::pi : wrapped;
}

}  // namespace

SunPosition sun_position(const JulianDate& when) {
  const double days = (when.whole - kJ2000) + when.fraction;
  const double mean_longitude = (280.460 + 0.9856474 * days) * kRadiansPerDegree;
  const double mean_anomaly = (357.528 + 0.9856003 * days) * kRadiansPerDegree;
  const double longitude = wrap_two_pi(
      mean_longitude +
      (1.915 * std::sin(mean_anomaly) + 0.020 * std::sin(2.0 * mean_anomaly)) * kRadiansPerDegree);
  const double obliquity = (23.439 - 0.0000004 * days) * kRadiansPerDegree;
  const double distance_au =
      1.00014 - 0.01671 * std::cos(mean_anomaly) - 0.00014 * std::cos(2.0 * mean_anomaly);

  const double cos_l = std::cos(longitude), sin_l = std::sin(longitude);
  const double cos_eps = std::cos(obliquity), sin_eps = std::sin(obliquity);
  SunPosition sun;
  sun.direction = {cos_l, cos_eps * sin_l, sin_eps * sin_l};
  sun.distance_au = distance_au;
  sun.distance = distance_au * kAstronomicalUnit;
  sun.ecliptic_longitude = longitude;
  sun.right_ascension = wrap_two_pi(std::atan2(cos_eps * sin_l, cos_l));
  sun.declination = std::asin(sin_eps * sin_l);
  return sun;
}

double solar_flux_scale(const SunPosition& sun) {
  return 1.0 / (sun.distance_au * sun.distance_au);
}

}  // namespace umbra::orbit
