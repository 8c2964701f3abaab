#pragma once
// The Earth's shadow, conical model (Montenbruck & Gill, "Satellite Orbits", 3.4.2; the same
// geometry as satellite.js shadowFraction). Seen from the satellite,
// the Earth is a disc of angular radius rho_e = asin(R / |r|) and the Sun a disc of radius
// rho_s = asin(R_sun / |r_sun - r|), their centres `separation` apart:
//   umbra      separation < rho_e - rho_s      (no direct sunlight)
//   sunlit     separation >= rho_e + rho_s
//   penumbra   in between: illumination = 1 - overlap area / (pi rho_s^2), the overlap of the
//              two discs taken as plane circles of those angular radii.
// The Earth is a sphere of radius kEquatorialRadius (6378.137 km), optionally inflated by an
// atmosphere height: the reference (section 2.3) gives R + 50 km as the usual "atmosphere"
// choice, which lengthens a 550 km eclipse by ~0.6 min. The default is the geometric Earth.
#include "sim/orbit/state_vector.hpp"

namespace umbra::orbit {

struct ShadowModel {
  double atmosphere_height = 0;  // metres added to the Earth's radius (0: geometric shadow)

  double earth_radius() const;
};

// The two discs as seen from the satellite, radians.
struct ShadowGeometry {
  double separation = 0;    // angle between the directions to the Earth's and the Sun's centres
  double earth_radius = 0;  // apparent radius of the Earth (occulting) disc
  double sun_radius = 0;    // apparent radius of the Sun disc

  // Smooth signed event functions (radians) for root finding; positive outside the region.
  // Zero at penumbra entry/exit (first/last contact of the discs).
  double penumbra_function() const { return separation - earth_radius - sun_radius; }
  // Zero at umbra entry/exit (the Sun disc wholly behind the Earth).
  double umbra_function() const { return separation - earth_radius + sun_radius; }
};

enum class Illumination { kSunlit, kPenumbra, kUmbra };

// `satellite` and `sun` are positions (m) from the Earth's centre in one inertial frame.
ShadowGeometry shadow_geometry(Vec3 satellite, Vec3 sun, const ShadowModel& model = {});

Illumination classify(const ShadowGeometry& geometry);

// Fraction of the Sun's disc visible, 0 (umbra) .. 1 (sunlit).
double illumination_fraction(const ShadowGeometry& geometry);

// Beta angle: elevation of the Sun above the orbit plane, radians in [-pi/2, pi/2].
// `orbit_normal` is r x v (any length), `sun_direction` a vector towards the Sun.
double beta_angle(Vec3 orbit_normal, Vec3 sun_direction);

// Closed forms for a circular orbit of altitude h above kEquatorialRadius under a cylindrical
// shadow of radius R = model.earth_radius() (Sun at infinity), by the geometry of the cylinder.
// The beta angle at and above which no eclipse occurs: asin(R / (R + h)).
double eclipse_free_beta(double altitude, const ShadowModel& model = {});

// Fraction of each orbit in the cylindrical shadow:
// (1/pi) acos( sqrt(h^2 + 2 R h) / ((R + h) cos beta) ), 0 for |beta| >= eclipse_free_beta
// (with an atmosphere, R + h stays the orbit radius and R becomes the shadow radius).
double cylindrical_eclipse_fraction(double altitude, double beta, const ShadowModel& model = {});

}  // namespace umbra::orbit
