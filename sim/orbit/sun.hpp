#pragma once
// Low-precision solar ephemeris: Astronomical Almanac (1996 p. C24, 2017 p. C5), 0.01 deg over
// 1950-2050 (also Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., alg. 29).
// The date is taken as UTC (UT vs TT moves the Sun by
// < 0.001 deg). Directions are in the geocentric mean equator and equinox of date, used as TEME
// like the propagators' output (they differ by < 1.2 arcsec).
#include "sim/orbit/state_vector.hpp"
#include "sim/orbit/time_system.hpp"

namespace umbra::orbit {

struct SunPosition {
  Vec3 direction{};               // unit vector from the Earth's centre to the Sun
  double distance_au = 0;         // astronomical units
  double distance = 0;            // metres
  double ecliptic_longitude = 0;  // radians in [0, 2 pi)
  double right_ascension = 0;     // radians in [0, 2 pi)
  double declination = 0;         // radians

  Vec3 position() const { return distance * direction; }  // metres
};

SunPosition sun_position(const JulianDate& when);

// Solar flux relative to its value at 1 AU: 1 / R^2 (R in AU). Multiply by the total solar
// irradiance at 1 AU (~1361 W/m^2) for the flux at the Earth.
double solar_flux_scale(const SunPosition& sun);

}  // namespace umbra::orbit
