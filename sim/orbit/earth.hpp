#pragma once
// The Earth and Sun constants every orbit model uses, in one place (SI units).
//
// Which radius each model uses:
// - Kepler + J2 (kepler_j2.hpp): J2 is referred to the WGS-84 equatorial radius kEquatorialRadius.
// - Altitudes of Walker shells, sun-synchronous orbits and formations are heights above
//   kEquatorialRadius (550 km -> a = 6928.137 km), the convention of the reference tables.
// - Geodetic conversions (frames.hpp): the WGS-84 ellipsoid (kEquatorialRadius, kFlattening).
// - Shadow (shadow.hpp): a sphere of radius kEquatorialRadius, optionally inflated by an
//   atmosphere height.
#include <numbers>

namespace umbra::orbit {

inline constexpr double kEquatorialRadius = 6378137.0;       // m, WGS-84 a
inline constexpr double kFlattening = 1.0 / 298.257223563;   // WGS-84 f
inline constexpr double kEarthMu = 3.986004418e14;           // m^3/s^2, WGS-84 GM
inline constexpr double kJ2 = 1.08262668e-3;                 // EGM-96 (Vallado, 4th ed., D-3)
inline constexpr double kEarthRotationRate = 7.292115e-5;    // rad/s, WGS-84
inline constexpr double kAstronomicalUnit = 149597870700.0;  // m, IAU 2012
inline constexpr double kSunRadius = 695700000.0;            // m, IAU 2015 nominal
inline constexpr double kSunSynchronousRate =                // rad/s: one turn per
    2.0 * std::numbers::pi / (365.2422 * 86400.0);           // tropical year (0.9856 deg/day)

}  // namespace umbra::orbit
