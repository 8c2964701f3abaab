// Sgp4Batch against Sgp4Propagator, its reference: the same states, to the bounds below, on every
// case and time of Vallado's verification set and on a Walker shell over a day.
#include "sim/orbit/sgp4_batch.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "sim/orbit/sgp4.hpp"
#include "tests/support/sgp4_verification_set.hpp"

namespace umbra::orbit {
namespace {

// What may differ (sgp4_batch.hpp): sin and cos within 2 ulp of libm (nanometres on an orbit),
// and Kepler's equation stopping up to one Newton step later, a step below 1e-12 rad: 1e-12 rad
// of eccentric anomaly moves a LEO satellite by 7 micrometres, a 4,000 km-apogee one by 11.
constexpr double kPositionTolerance = 2e-5;  // m
constexpr double kVelocityTolerance = 2e-8;  // m/s (the same angle times the orbital rate)

// The state at `minutes`, or the message of the PropagationError thrown.
struct Outcome {
  StateVector state;
  std::string error;
};

template <typename Propagate>
Outcome outcome_of(Propagate propagate) {
  try {
    return {propagate(), ""};
  } catch (const PropagationError& error) {
    return {{}, error.what()};
  }
}

TEST(Sgp4Batch, MatchesSgp4PropagatorOnTheVerificationSet) {
  const std::filesystem::path directory = testing::verification_directory();
  ASSERT_TRUE(std::filesystem::exists(directory / "SGP4-VER.TLE"))
      << "SGP4-VER.TLE not found (install python3-sgp4 or set UMBRA_SGP4_VERIFICATION_DIR)";
  const std::vector<testing::VerificationCase> cases =
      testing::read_cases(directory / "SGP4-VER.TLE");
  int compared = 0, errors = 0, near_earth = 0;
  double worst_position = 0, worst_velocity = 0;
  for (const auto& c : cases) {
    // Each case alone in a batch (its block padded) at its own times, errors included.
    const Sgp4Propagator reference(c.elements);
    const Sgp4Batch batch(std::span(&c.elements, 1));
    near_earth += static_cast<int>(batch.near_earth_count());
    for (const double minutes : testing::run_times(c)) {
      const Outcome expected = outcome_of([&] { return reference.propagate_minutes(minutes); });
      const Outcome batched = outcome_of([&] {
        std::vector<StateVector> states(1);
        batch.propagate_minutes(minutes, states);
        return states[0];
      });
      ASSERT_EQ(batched.error, expected.error) << c.elements.satnum << " at " << minutes << " min";
      if (!expected.error.empty()) {
        ++errors;
        break;
      }
      worst_position =
          std::max(worst_position, norm(batched.state.position - expected.state.position));
      worst_velocity =
          std::max(worst_velocity, norm(batched.state.velocity - expected.state.velocity));
      ++compared;
    }
  }
  EXPECT_LT(worst_position, kPositionTolerance);
  EXPECT_LT(worst_velocity, kVelocityTolerance);
  EXPECT_EQ(compared, 666);  // as against tcppver.out (sgp4_verification_test.cpp)
  EXPECT_EQ(errors, 7);
  // The other cases have periods of 225 min or more (deep space), propagated by the reference.
  const auto near_earth_cases = std::count_if(cases.begin(), cases.end(), [](const auto& c) {
    return 1440.0 / c.elements.mean_motion < 225.0;
  });
  EXPECT_EQ(near_earth, near_earth_cases);
  EXPECT_GT(near_earth, 0);
  RecordProperty("worst_position_m", fmt::format("{:.3g}", worst_position));
  RecordProperty("worst_velocity_m_s", fmt::format("{:.3g}", worst_velocity));
}

// A Walker-delta shell 53:1587/... of near-circular 550 km orbits with drag (the full drag series),
// 1,587 satellites so that the last block is padded, at one scenario instant for all.
std::vector<ElementSet> walker_shell_sets(const JulianDate& epoch) {
  constexpr int kPlanes = 69, kPerPlane = 23;
  constexpr double kDegree = std::numbers::pi / 180.0;
  std::vector<ElementSet> sets;
  for (int plane = 0; plane < kPlanes; ++plane) {
    for (int slot = 0; slot < kPerPlane; ++slot) {
      ElementSet set;
      set.satnum = 70000 + plane * kPerPlane + slot;
      // Epochs spread over half a day, so that states_at's time since epoch differs by lane.
      set.epoch = epoch.plus_seconds(-300.0 * (plane % 144));
      set.bstar = 1e-4;
      set.inclination = 53.0 * kDegree;
      set.raan = 360.0 / kPlanes * plane * kDegree;
      set.eccentricity = 1e-4;
      set.argument_of_perigee = 90.0 * kDegree;
      set.mean_anomaly =
          std::fmod(360.0 * slot / kPerPlane + 360.0 * plane / (kPlanes * kPerPlane), 360.0) *
          kDegree;
      set.mean_motion = 15.05527;  // rev/day, ~550 km
      sets.push_back(set);
    }
  }
  return sets;
}

TEST(Sgp4Batch, MatchesSgp4PropagatorOnAWalkerShellOverADay) {
  const JulianDate epoch = parse_utc("2026-03-20T00:00:00Z");
  const std::vector<ElementSet> sets = walker_shell_sets(epoch);
  ASSERT_EQ(sets.size() % Sgp4Batch::kLanes, 3u);
  const std::vector<Sgp4Propagator> references(sets.begin(), sets.end());
  const Sgp4Batch batch(sets);
  EXPECT_EQ(batch.near_earth_count(), sets.size());
  std::vector<StateVector> states(sets.size());
  double worst_position = 0, worst_velocity = 0;
  for (double seconds = 0; seconds <= 86400.0; seconds += 1800.0) {
    batch.states_at(epoch, seconds, states);
    for (std::size_t i = 0; i < sets.size(); ++i) {
      const StateVector expected = references[i].state_at(epoch, seconds);
      worst_position = std::max(worst_position, norm(states[i].position - expected.position));
      worst_velocity = std::max(worst_velocity, norm(states[i].velocity - expected.velocity));
    }
  }
  EXPECT_LT(worst_position, kPositionTolerance);
  EXPECT_LT(worst_velocity, kVelocityTolerance);
  RecordProperty("worst_position_m", fmt::format("{:.3g}", worst_position));
  RecordProperty("worst_velocity_m_s", fmt::format("{:.3g}", worst_velocity));
}

}  // namespace
}  // namespace umbra::orbit
