#include "sim/orbit/frames.hpp"

#include <cmath>

#include "sim/orbit/earth.hpp"

namespace umbra::orbit {
namespace {

constexpr double kEccentricitySquared = kFlattening * (2.0 - kFlattening);
constexpr double kPolarRadius = kEquatorialRadius * (1.0 - kFlattening);

// Rotation about z by the turn's angle applied to the frame (a vector fixed in space gets
// -angle).
Vec3 rotate_frame_about_z(Vec3 v, const EarthTurn& turn) {
  const double c = turn.cos, s = turn.sin;
  return {c * v.x + s * v.y, -s * v.x + c * v.y, v.z};
}

EarthTurn turn_of(double angle) {
  return {std::cos(angle), std::sin(angle)};
}

}  // namespace

EarthTurn earth_turn_at(const JulianDate& when) {
  return turn_of(gmst_iau82(when));
}

Vec3 teme_to_earth_fixed(Vec3 teme_position, const JulianDate& when) {
  return rotate_frame_about_z(teme_position, earth_turn_at(when));
}

StateVector teme_to_earth_fixed(const StateVector& teme, const JulianDate& when) {
  return teme_to_earth_fixed(teme, earth_turn_at(when));
}

StateVector teme_to_earth_fixed(const StateVector& teme, const EarthTurn& turn) {
  const Vec3 position = rotate_frame_about_z(teme.position, turn);
  const Vec3 earth_rotation{0, 0, kEarthRotationRate};
  const Vec3 velocity = rotate_frame_about_z(teme.velocity, turn) - cross(earth_rotation, position);
  return {position, velocity};
}

Vec3 earth_fixed_to_teme(Vec3 earth_fixed_position, const JulianDate& when) {
  return rotate_frame_about_z(earth_fixed_position, turn_of(-gmst_iau82(when)));
}

Vec3 geodetic_to_earth_fixed(const Geodetic& point) {
  const double sin_lat = std::sin(point.latitude), cos_lat = std::cos(point.latitude);
  // Prime-vertical radius of curvature.
  const double n = kEquatorialRadius / std::sqrt(1.0 - kEccentricitySquared * sin_lat * sin_lat);
  const double xy = (n + point.altitude) * cos_lat;
  return {xy * std::cos(point.longitude), xy * std::sin(point.longitude),
          (n * (1.0 - kEccentricitySquared) + point.altitude) * sin_lat};
}

Geodetic earth_fixed_to_geodetic(Vec3 earth_fixed_position) {
  const auto [x, y, z] = earth_fixed_position;
  const double p = std::hypot(x, y);
  const double second_eccentricity_squared = kEccentricitySquared / (1.0 - kEccentricitySquared);
  // Bowring (1976): iterate on the parametric latitude; converges in 2-3 steps for any point
  // outside the ellipsoid's centre region.
  double latitude = std::atan2(z, p * (1.0 - kEccentricitySquared));
  for (int iteration = 0; iteration < 10; ++iteration) {
    const double parametric =
        std::atan2((1.0 - kFlattening) * std::sin(latitude), std::cos(latitude));
    const double sin_beta = std::sin(parametric), cos_beta = std::cos(parametric);
    const double next =
        std::atan2(z + second_eccentricity_squared * kPolarRadius * sin_beta * sin_beta * sin_beta,
                   p - kEccentricitySquared * kEquatorialRadius * cos_beta * cos_beta * cos_beta);
    const bool converged = std::abs(next - latitude) < 1e-12;
    latitude = next;
    if (converged) break;
  }
  const double sin_lat = std::sin(latitude);
  const double n = kEquatorialRadius / std::sqrt(1.0 - kEccentricitySquared * sin_lat * sin_lat);
  // Valid at every latitude (no division by cos(latitude) near the poles).
  const double altitude =
      p * std::cos(latitude) + z * sin_lat - kEquatorialRadius * kEquatorialRadius / n;
  return {latitude, std::atan2(y, x), altitude};
}

}  // namespace umbra::orbit
