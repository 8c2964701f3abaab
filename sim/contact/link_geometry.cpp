#include "sim/contact/link_geometry.hpp"

#include <algorithm>
#include <cmath>

#include "sim/orbit/earth.hpp"

namespace umbra::contact {

using orbit::Vec3;

double segment_clearance(Vec3 a, Vec3 b) {
  const Vec3 along = b - a;
  const double length_squared = dot(along, along);
  // The closest point a + s (b - a) to the origin, s clamped to the segment.
  const double s = length_squared > 0 ? std::clamp(-dot(a, along) / length_squared, 0.0, 1.0) : 0.0;
  return norm(a + s * along);
}

bool line_of_sight(Vec3 a, Vec3 b, double grazing_altitude) {
  return segment_clearance(a, b) > orbit::kEquatorialRadius + grazing_altitude;
}

GroundSite ground_site(const orbit::Geodetic& location) {
  const double cos_latitude = std::cos(location.latitude);
  return {orbit::geodetic_to_earth_fixed(location),
          {cos_latitude * std::cos(location.longitude), cos_latitude * std::sin(location.longitude),
           std::sin(location.latitude)}};
}

double elevation(const GroundSite& site, Vec3 earth_fixed_position) {
  const Vec3 line = earth_fixed_position - site.position;
  return std::asin(std::clamp(dot(line, site.up) / norm(line), -1.0, 1.0));
}

double light_time(double range) {
  return range / kSpeedOfLight;
}

double link_rate(const spec::LinkClassSpec& link_class, double range) {
  if (link_class.rate_model == spec::RateModel::kFixed || range <= link_class.reference_range) {
    return link_class.rate;
  }
  const double ratio = link_class.reference_range / range;
  return link_class.rate * ratio * ratio;
}

}  // namespace umbra::contact
