#pragma once
// Walker constellations (J. G. Walker, "Satellite constellations", JBIS 37, 1984), written
// i:T/P/F: T satellites in P equally populated circular planes at inclination i, with phasing
// F in [0, P-1].
// - delta: plane p has RAAN raan0 + p * 360/P deg (nodes over the full circle);
//   star:  plane p has RAAN raan0 + p * 180/P deg (polar-type, nodes over half a circle).
// - slot s of plane p has argument of latitude u = s * 360/S + p * F * 360/T deg (S = T/P):
//   each plane is advanced by F * 360/T deg over the one before.
#include <vector>

#include "sim/orbit/kepler_j2.hpp"

namespace umbra::orbit {

enum class WalkerPattern { kDelta, kStar };

struct WalkerShell {
  WalkerPattern pattern = WalkerPattern::kDelta;
  double altitude = 0;             // metres above the equatorial radius (a = R + h, circular)
  double inclination = 0;          // radians
  int total_satellites = 0;        // T
  int planes = 0;                  // P; must divide T
  int phasing = 0;                 // F in [0, P-1]
  double raan_of_first_plane = 0;  // radians
  JulianDate epoch{};              // element epoch
};

// Mean elements of every satellite, plane by plane: index = plane * (T / P) + slot.
// Circular orbits: e = 0, argument of perigee 0, mean anomaly = argument of latitude.
// Throws InputError for an impossible shell.
std::vector<KeplerElements> walker_elements(const WalkerShell& shell);

}  // namespace umbra::orbit
