#pragma once
// Mean orbital elements of one satellite as catalogues publish them (TLE, CCSDS OMM), ready for
// SGP4. Angles are held in radians; the mean motion and its derivatives keep the catalogue's
// rev/day units because SGP4 and both formats are defined in them.
#include <numbers>
#include <string>

#include "sim/core/error.hpp"
#include "sim/orbit/time_system.hpp"

namespace umbra::orbit {

struct ElementSet {
  std::string name;  // object name; empty when the source gives none (two-line TLE)
  int satnum = 0;    // NORAD catalogue number
  JulianDate epoch;  // UTC
  // As TLE and OMM print them: first derivative of mean motion / 2 (rev/day^2) and second
  // derivative / 6 (rev/day^3). SGP4 does not use them; kept so that a set can be written back.
  double mean_motion_dot = 0;
  double mean_motion_ddot = 0;
  double bstar = 0;                // SGP4 drag term, 1 / Earth radii
  double inclination = 0;          // rad
  double raan = 0;                 // right ascension of the ascending node, rad
  double eccentricity = 0;         // dimensionless, [0, 1)
  double argument_of_perigee = 0;  // rad
  double mean_anomaly = 0;         // rad
  double mean_motion = 0;          // Kozai mean motion, rev/day
};

// The elements whose physical range both parsers check.
enum class Element {
  kInclination,
  kRaan,
  kEccentricity,
  kArgumentOfPerigee,
  kMeanAnomaly,
  kMeanMotion
};

// Throws InputError at `where` when `value` cannot be that element: inclination outside
// [0, 180] deg, other angles outside [0, 360] deg, eccentricity outside [0, 1), mean motion
// not above zero. Angles are given in degrees, as both formats write them.
void check_element_range(Element element, double value, const SourcePosition& where);

inline constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

}  // namespace umbra::orbit
