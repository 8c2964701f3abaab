#include "sim/orbit/element_set.hpp"

#include <fmt/format.h>

namespace umbra::orbit {

void check_element_range(Element element, double value, const SourcePosition& where) {
  const auto refuse = [&](const char* what, const char* expected) {
    throw InputError(where, fmt::format("{} {} is impossible: expected {}", what, value, expected));
  };
  switch (element) {
    case Element::kInclination:
      if (!(value >= 0 && value <= 180)) refuse("inclination", "0 to 180 degrees");
      break;
    case Element::kRaan:
      if (!(value >= 0 && value <= 360)) refuse("right ascension of the node", "0 to 360 degrees");
      break;
    case Element::kArgumentOfPerigee:
      if (!(value >= 0 && value <= 360)) refuse("argument of perigee", "0 to 360 degrees");
      break;
    case Element::kMeanAnomaly:
      if (!(value >= 0 && value <= 360)) refuse("mean anomaly", "0 to 360 degrees");
      break;
    case Element::kEccentricity:
      if (!(value >= 0 && value < 1)) refuse("eccentricity", "0 <= e < 1 (a closed orbit)");
      break;
    case Element::kMeanMotion:
      if (!(value > 0)) refuse("mean motion", "more than 0 rev/day");
      break;
  }
}

}  // namespace umbra::orbit
