#pragma once
// Geometry of one link at one instant: line of sight between two satellites past the Earth,
// elevation and slant range of a satellite seen from a ground station, light time, and the
// rate a link class gives at a range. SI units; positions in one frame (Earth-fixed for ground
// stations, any for two satellites).
//
// - Line of sight between satellites: the segment between them must clear a sphere of radius
//   kEquatorialRadius + grazing altitude (the margin keeps the beam above the weather; Hypatia,
//   snkas/hypatia, takes 80 km for Starlink). Same-altitude chords at 550 km with 80 km margin
//   reach 5,016.6 km.
// - Elevation: from the WGS-84 ellipsoid, the local vertical being the ellipsoid normal at the
//   station (a spherical Earth put the pointing to Mir 3.17 deg off: T. S. Kelso, CelesTrak
//   column "Orbital Coordinate Systems, Part III", celestrak.org/columns/v02n03).
#include "sim/orbit/frames.hpp"
#include "sim/orbit/state_vector.hpp"
#include "sim/spec/orbital_spec.hpp"

namespace umbra::contact {

inline constexpr double kSpeedOfLight = 299792458.0;  // m/s, exact (SI)

// Distance from the Earth's centre to the closest point of the segment [a, b] (m).
double segment_clearance(orbit::Vec3 a, orbit::Vec3 b);

// Whether the segment [a, b] passes above kEquatorialRadius + grazing_altitude everywhere.
bool line_of_sight(orbit::Vec3 a, orbit::Vec3 b, double grazing_altitude);

// A place on the ground: its Earth-fixed position and its local vertical.
struct GroundSite {
  orbit::Vec3 position;  // m, Earth-fixed
  orbit::Vec3 up;        // unit ellipsoid normal
};

GroundSite ground_site(const orbit::Geodetic& location);

// Elevation (rad) of a point (Earth-fixed, m) above the site's local horizontal plane.
double elevation(const GroundSite& site, orbit::Vec3 earth_fixed_position);

// One-way light time over `range` metres in vacuum (s).
double light_time(double range);

// Rate (bytes/s) of the class at `range`: fixed, or rate x (reference_range / range)^2 capped
// at rate (free-space loss grows as range^2: Friis, "A Note on a Simple Transmission Formula",
// Proc. IRE 34, 1946).
double link_rate(const spec::LinkClassSpec& link_class, double range);

}  // namespace umbra::contact
