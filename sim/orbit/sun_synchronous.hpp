#pragma once
// Sun-synchronous orbits: the J2 nodal drift matches the Sun's mean motion, one turn per
// tropical year (+0.9856 deg/day), so the orbit plane keeps its angle to the Sun (the nodal
// rate of kepler_j2.hpp set to kSunSynchronousRate).
#include "sim/orbit/kepler_j2.hpp"

namespace umbra::orbit {

// Inclination (radians, retrograde) whose first-order J2 nodal rate is kSunSynchronousRate:
// cos i = -rate_ss / ((3/2) n J2 (R/p)^2). Throws InputError above ~5,970 km altitude, where no
// inclination turns the node that fast.
double sun_synchronous_inclination(double semi_major_axis, double eccentricity = 0);

// RAAN that puts the ascending node at the given local solar time at `epoch`:
// RAAN = Sun's right ascension + (LTAN - 12 h) * 15 deg/h. The true Sun is used, so LTAN is
// apparent solar time (Omega = alpha_sun + 90 deg for an 18:00 node).
// `local_time_of_ascending_node` is seconds after local midnight (18:00 -> 64,800 s).
double raan_for_local_time_of_ascending_node(double local_time_of_ascending_node,
                                             const JulianDate& epoch);

// Circular sun-synchronous orbit at `altitude` (m above the equatorial radius) with its
// ascending node at the given local time (seconds after midnight) at `epoch`; the satellite
// is at the ascending node at `epoch`.
KeplerElements sun_synchronous_elements(double altitude, double local_time_of_ascending_node,
                                        const JulianDate& epoch);

}  // namespace umbra::orbit
