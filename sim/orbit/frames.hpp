#pragma once
// Frame conversions: TEME (the propagators' inertial frame) -> Earth-fixed, and Earth-fixed
// <-> WGS-84 geodetic coordinates.
//
// Earth-fixed here is the pseudo-Earth-fixed frame (PEF): TEME turned about its z axis by GMST
// (IAU-82, time_system.hpp). Polar motion (< 0.5 arcsec, ~15 m on the ground) is neglected,
// so PEF is used as ITRF/WGS-84; UT1 is taken as UTC (time_system.hpp).
#include "sim/orbit/state_vector.hpp"
#include "sim/orbit/time_system.hpp"

namespace umbra::orbit {

// A point relative to the WGS-84 ellipsoid. Latitude is geodetic (angle between the
// ellipsoid normal and the equator), radians; longitude east-positive in (-pi, pi]; altitude
// in metres above the ellipsoid along the normal.
struct Geodetic {
  double latitude = 0;
  double longitude = 0;
  double altitude = 0;
};

// The turn of the Earth-fixed frame from TEME at one instant: the cosine and sine of GMST.
// Computed once, it converts every satellite's state at that instant.
struct EarthTurn {
  double cos = 1, sin = 0;
};
EarthTurn earth_turn_at(const JulianDate& when);

// TEME position (m) -> Earth-fixed position (m) at UT1 time `when`.
Vec3 teme_to_earth_fixed(Vec3 teme_position, const JulianDate& when);

// TEME state -> Earth-fixed state. The velocity is relative to the rotating Earth:
// v_ef = R v_teme - omega x r_ef.
StateVector teme_to_earth_fixed(const StateVector& teme, const JulianDate& when);
// The same at the instant of `turn`.
StateVector teme_to_earth_fixed(const StateVector& teme, const EarthTurn& turn);

// Earth-fixed position (m) -> TEME position (m): places ground sites in the inertial frame.
Vec3 earth_fixed_to_teme(Vec3 earth_fixed_position, const JulianDate& when);

// WGS-84 geodetic -> Earth-fixed position (m). Exact.
Vec3 geodetic_to_earth_fixed(const Geodetic& point);

// Earth-fixed position (m) -> WGS-84 geodetic. Bowring's iteration, run until the latitude
// changes by less than 1e-12 rad (~6 micrometres); valid for any point farther than ~50 km
// from the Earth's centre, poles included.
Geodetic earth_fixed_to_geodetic(Vec3 earth_fixed_position);

}  // namespace umbra::orbit
