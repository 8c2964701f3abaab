#pragma once
// A formation: N satellites flying in bounded relative orbits around a near-circular reference
// orbit (e.g. Project Suncatcher: 81 satellites within 1 km at 650 km dawn-dusk).
//
// Layout. The members sit on a square lattice of points (p, q) in a disc, nearest the centre
// first (member 0 is the reference itself). Point (p, q) = 2 a A (cos alpha, sin alpha)
// becomes a relative orbit with relative eccentricity and inclination vectors (D'Amico's
// relative elements) perpendicular to each other:
//   delta e = A (cos alpha, sin alpha),   delta i = 2A (-sin alpha, cos alpha),   delta lambda = 0.
// In the reference's local frame (x radial, y along-track, z cross-track; u its argument of
// latitude, linear Hill-Clohessy-Wiltshire motion) that gives
//   (y, z) = rotation-reflection(u) applied to (p, q),   x = z / 2,
// a rigid disc turning once per orbit, tilted 26.6 deg from the local horizontal: members
// keep at least the lattice spacing apart, and each stays within sqrt(5)/2 |(p, q)| of the
// reference. The lattice is scaled so that bound is the requested radius.
//
// J2. Each member's semi-major axis is offset by a few metres so that its mean along-track
// rate (u-dot + cos i * RAAN-dot) equals the reference's (Schaub & Alfriend's J2-invariant
// condition): no along-track drift. Left to station-keeping, as drag is (neither is modelled):
// the nodal drift from the inclination offsets (~8 m per orbit at 1 km, 650 km SSO)
// and the turning of delta e with the perigee (-3.2 deg/day at 650 km SSO), which shears the
// disc slowly.
#include <vector>

#include "sim/orbit/kepler_j2.hpp"

namespace umbra::orbit {

struct FormationSpec {
  KeplerElements reference{};  // e < 1e-3; inclination away from 0 and 180 deg (sin i >= 0.01)
  int members = 0;             // >= 1
  double radius = 0;           // metres: members stay within it of the reference (linear motion)
};

struct Formation {
  std::vector<KeplerElements> members{};  // members[0] is the reference
  double lattice_spacing = 0;             // metres; the closest approach of two members (0 if one)
};

// Throws InputError for a spec that breaks the conditions above.
Formation formation_elements(const FormationSpec& spec);

}  // namespace umbra::orbit
