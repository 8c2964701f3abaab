// KeplerJ2Batch against KeplerJ2Propagator, its reference: the same states, to the bounds below,
// for a Walker shell and for eccentric orbits on both of Kepler's starting rules, over a day.
#include "sim/orbit/kepler_j2_batch.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <numbers>
#include <vector>

#include "sim/orbit/earth.hpp"
#include "sim/orbit/walker.hpp"

namespace umbra::orbit {
namespace {

constexpr double kDegree = std::numbers::pi / 180.0;
// What may differ (kepler_j2_batch.hpp): sin and cos within 2 ulp, the mean anomaly reduced by a
// rounded multiple of 2 pi rather than std::remainder (1 ulp of an angle of up to ~100 rad after a
// day, 1.4e-14 rad), and Newton's method stopping at 4 ulp for the slowest lane: 1e-13 rad on an
// orbit of 40,000 km is 4 micrometres.
constexpr double kPositionTolerance = 1e-5;  // m
constexpr double kVelocityTolerance = 1e-8;  // m/s

struct Worst {
  double position = 0, velocity = 0;
};

Worst compare_over_a_day(const std::vector<KeplerElements>& elements,
                         const JulianDate& scenario_epoch) {
  const std::vector<KeplerJ2Propagator> references(elements.begin(), elements.end());
  std::vector<const KeplerJ2Propagator*> pointers;
  for (const auto& reference : references) pointers.push_back(&reference);
  const KeplerJ2Batch batch(pointers);
  EXPECT_EQ(batch.size(), elements.size());
  std::vector<StateVector> states(elements.size());
  Worst worst;
  for (double seconds = 0; seconds <= 86400.0; seconds += 900.0) {
    batch.states_at(scenario_epoch, seconds, states);
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const StateVector expected = references[i].state_at(scenario_epoch, seconds);
      worst.position = std::max(worst.position, norm(states[i].position - expected.position));
      worst.velocity = std::max(worst.velocity, norm(states[i].velocity - expected.velocity));
    }
  }
  return worst;
}

TEST(KeplerJ2Batch, MatchesKeplerJ2PropagatorOnAWalkerShell) {
  const JulianDate epoch = parse_utc("2026-03-20T00:00:00Z");
  // 53:1587/69/1 at 550 km: 1,587 satellites, the last block padded.
  const std::vector<KeplerElements> elements = walker_elements({.altitude = 550e3,
                                                                .inclination = 53.0 * kDegree,
                                                                .total_satellites = 1587,
                                                                .planes = 69,
                                                                .phasing = 1,
                                                                .epoch = epoch});
  const Worst worst = compare_over_a_day(elements, epoch.plus_seconds(3600.0));
  EXPECT_LT(worst.position, kPositionTolerance);
  EXPECT_LT(worst.velocity, kVelocityTolerance);
  RecordProperty("worst_position_m", fmt::format("{:.3g}", worst.position));
  RecordProperty("worst_velocity_m_s", fmt::format("{:.3g}", worst.velocity));
}

TEST(KeplerJ2Batch, MatchesKeplerJ2PropagatorOnEccentricOrbits) {
  const JulianDate epoch = parse_utc("2026-06-01T06:00:00Z");
  std::vector<KeplerElements> elements;
  // Eccentricities on both sides of 0.8 (where Kepler's start moves to pi) in one block, epochs
  // a day apart, perigees above the ground.
  for (const double e : {0.0, 1e-3, 0.1, 0.5, 0.75, 0.8, 0.9, 0.95, 0.3, 0.85}) {
    const double perigee = kEquatorialRadius + 400e3;
    elements.push_back({.semi_major_axis = perigee / (1.0 - e),
                        .eccentricity = e,
                        .inclination = (10.0 + 15.0 * e) * kDegree,
                        .raan = 40.0 * kDegree,
                        .argument_of_perigee = 250.0 * kDegree,
                        .mean_anomaly = 3.0 * e,
                        .epoch = epoch.plus_seconds(-86400.0 * e)});
  }
  const Worst worst = compare_over_a_day(elements, epoch);
  EXPECT_LT(worst.position, kPositionTolerance);
  EXPECT_LT(worst.velocity, kVelocityTolerance);
  RecordProperty("worst_position_m", fmt::format("{:.3g}", worst.position));
  RecordProperty("worst_velocity_m_s", fmt::format("{:.3g}", worst.velocity));
}

}  // namespace
}  // namespace umbra::orbit
