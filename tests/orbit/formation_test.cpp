#include "sim/orbit/formation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/core/error.hpp"
#include "sim/orbit/earth.hpp"
#include "sim/orbit/sun_synchronous.hpp"

namespace umbra::orbit {
namespace {

const JulianDate kEpoch = parse_utc("2026-06-01T00:00:00Z");

// Project Suncatcher's cluster (Google Research, "Towards a future space-based, highly scalable AI
// infrastructure system design", 2025): 81 satellites within 1 km, 650 km dawn-dusk.
FormationSpec suncatcher() {
  return {.reference = sun_synchronous_elements(650e3, 18 * 3600.0, kEpoch),
          .members = 81,
          .radius = 1000.0};
}

// Position of b relative to a in a's local frame (radial, along-track, cross-track).
Vec3 local_offset(const StateVector& a, Vec3 b) {
  const Vec3 radial = unit(a.position), cross_track = unit(cross(a.position, a.velocity));
  const Vec3 along = cross(cross_track, radial), d = b - a.position;
  return {dot(d, radial), dot(d, along), dot(d, cross_track)};
}

TEST(Formation, SuncatcherLatticeFillsADisc) {
  const Formation formation = formation_elements(suncatcher());
  ASSERT_EQ(formation.members.size(), 81u);
  // The 81 square-lattice points nearest the centre are those with p^2 + q^2 <= 25 (Gauss's
  // circle count N(5) = 81), so the outermost, at 5 spacings, sits at 1000 m / sqrt(1.25).
  EXPECT_NEAR(formation.lattice_spacing, 1000.0 / std::sqrt(1.25) / 5.0, 1e-9);
  const KeplerElements& reference = suncatcher().reference;
  EXPECT_EQ(formation.members[0].semi_major_axis, reference.semi_major_axis);
  EXPECT_EQ(formation.members[0].inclination, reference.inclination);
}

TEST(Formation, MembersStayWithinTheRadiusAndApartOverFiveOrbits) {
  const FormationSpec spec = suncatcher();
  const Formation formation = formation_elements(spec);
  std::vector<KeplerJ2Propagator> members(formation.members.begin(), formation.members.end());
  const KeplerJ2Propagator reference(spec.reference);
  const double period = orbital_period(spec.reference.semi_major_axis);
  const double horizon = 5 * period;

  // Expected departures from the linear, drift-free design, all over 5 orbits:
  // - differential nodal drift: the members' J2 RAAN rates differ by up to |dRAAN/dt| from the
  //   inclination offsets; cross-track drift a sin(i) dRAAN t;
  // - the relative eccentricity vector turns with the perigee at argp-dot, shearing the disc by
  //   |argp-dot| t of its size;
  // - second-order (non-linear) relative motion ~ radius^2 / a (0.15 m), and the few-metre
  //   semi-major-axis offsets themselves (radial x = da): 2 m.
  double max_nodal_rate_difference = 0;
  for (const auto& member : members) {
    max_nodal_rate_difference =
        std::max(max_nodal_rate_difference, std::abs(member.rates().raan - reference.rates().raan));
  }
  const double a = spec.reference.semi_major_axis;
  const double nodal_drift =
      a * std::sin(spec.reference.inclination) * max_nodal_rate_difference * horizon;
  const double shear = std::abs(reference.rates().argument_of_perigee) * horizon;
  const double slack = spec.radius * shear + nodal_drift + 2.0;

  double farthest = 0, closest = 1e9;
  for (double t = 0; t <= horizon; t += 60.0) {
    const StateVector centre = reference.state_at(kEpoch, t);
    std::vector<Vec3> positions;
    for (const auto& member : members) positions.push_back(member.state_at(kEpoch, t).position);
    for (std::size_t i = 0; i < positions.size(); ++i) {
      farthest = std::max(farthest, norm(positions[i] - centre.position));
      for (std::size_t j = i + 1; j < positions.size(); ++j) {
        closest = std::min(closest, norm(positions[i] - positions[j]));
      }
    }
  }
  EXPECT_LE(farthest, spec.radius + slack);
  EXPECT_GT(farthest, 0.95 * spec.radius);  // the outer ring does reach the radius
  EXPECT_GE(closest, formation.lattice_spacing * (1.0 - shear) - 2.0);
}

TEST(Formation, NoAlongTrackDriftFromJ2) {
  // Without the semi-major-axis matching, the outermost members' J2 along-track rates differ
  // by ~2e-10 rad/s: ~100 m of drift over 10 orbits. With it, the mean along-track offset of
  // every member over its first orbit and over its tenth agree within 1 m.
  const FormationSpec spec = suncatcher();
  const Formation formation = formation_elements(spec);
  const KeplerJ2Propagator reference(spec.reference);
  const double period = orbital_period(spec.reference.semi_major_axis);
  for (const KeplerElements& elements : formation.members) {
    const KeplerJ2Propagator member(elements);
    const auto mean_along_track = [&](double from) {
      double sum = 0;
      const int samples = 200;
      for (int k = 0; k < samples; ++k) {
        const double t = from + period * k / samples;
        sum += local_offset(reference.state_at(kEpoch, t), member.state_at(kEpoch, t).position).y;
      }
      return sum / samples;
    };
    EXPECT_NEAR(mean_along_track(9 * period), mean_along_track(0.0), 1.0);
  }
}

TEST(Formation, BadSpecsAreRefused) {
  FormationSpec spec = suncatcher();
  spec.members = 0;
  EXPECT_THROW(formation_elements(spec), InputError);
  spec = suncatcher();
  spec.radius = -1;
  EXPECT_THROW(formation_elements(spec), InputError);
  spec = suncatcher();
  spec.reference.eccentricity = 0.01;
  EXPECT_THROW(formation_elements(spec), InputError);
  spec = suncatcher();
  spec.reference.inclination = 0;
  EXPECT_THROW(formation_elements(spec), InputError);
}

}  // namespace
}  // namespace umbra::orbit
