#include "sim/orbit/shadow.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/orbit/earth.hpp"

namespace umbra::orbit {
namespace {

// Area of the intersection of two plane circles of radii r1, r2 with centres d apart.
double circle_overlap_area(double r1, double r2, double d) {
  if (d >= r1 + r2) return 0.0;
  if (d <= std::abs(r1 - r2)) {
    const double smaller = std::min(r1, r2);
    return std::numbers::pi * smaller * smaller;
  }
  // Two circular segments; the chord is x from the first centre along the centre line.
  const double x = (d * d + r1 * r1 - r2 * r2) / (2.0 * d);
  const double half_chord = std::sqrt(std::max(0.0, r1 * r1 - x * x));
  return r1 * r1 * std::acos(std::clamp(x / r1, -1.0, 1.0)) +
         r2 * r2 * std::acos(std::clamp((d - x) / r2, -1.0, 1.0)) - d * half_chord;
}

// Angle between two vectors, accurate at every angle (atan2 of |a x b| and a . b).
double angle_between(Vec3 a, Vec3 b) {
  return std::atan2(norm(cross(a, b)), dot(a, b));
}

}  // namespace

double ShadowModel::earth_radius() const {
  return kEquatorialRadius + atmosphere_height;
}

ShadowGeometry shadow_geometry(Vec3 satellite, Vec3 sun, const ShadowModel& model) {
  const Vec3 to_sun = sun - satellite;
  const Vec3 to_earth = -1.0 * satellite;
  const double radius = norm(satellite);
  return {.separation = angle_between(to_earth, to_sun),
          .earth_radius = std::asin(std::min(1.0, model.earth_radius() / radius)),
          .sun_radius = std::asin(kSunRadius / norm(to_sun))};
}

Illumination classify(const ShadowGeometry& geometry) {
  if (geometry.penumbra_function() >= 0) return Illumination::kSunlit;
  if (geometry.umbra_function() < 0) return Illumination::kUmbra;
  return Illumination::kPenumbra;
}

double illumination_fraction(const ShadowGeometry& geometry) {
  const double sun_area = std::numbers::pi * geometry.sun_radius * geometry.sun_radius;
  const double hidden =
      circle_overlap_area(geometry.sun_radius, geometry.earth_radius, geometry.separation);
  return std::clamp(1.0 - hidden / sun_area, 0.0, 1.0);
}

double beta_angle(Vec3 orbit_normal, Vec3 sun_direction) {
  return std::numbers::pi / 2.0 - angle_between(orbit_normal, sun_direction);
}

double eclipse_free_beta(double altitude, const ShadowModel& model) {
  return std::asin(model.earth_radius() / (kEquatorialRadius + altitude));
}

double cylindrical_eclipse_fraction(double altitude, double beta, const ShadowModel& model) {
  if (std::abs(beta) >= eclipse_free_beta(altitude, model)) return 0.0;
  const double orbit_radius = kEquatorialRadius + altitude;
  const double shadow_radius = model.earth_radius();
  // Half-angle of the shadowed arc: the satellite's distance from the shadow axis equals R.
  const double ratio = std::sqrt(orbit_radius * orbit_radius - shadow_radius * shadow_radius) /
                       (orbit_radius * std::cos(beta));
  return std::acos(std::min(1.0, ratio)) / std::numbers::pi;
}

}  // namespace umbra::orbit
