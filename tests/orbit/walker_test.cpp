#include "sim/orbit/walker.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <tuple>

#include "sim/core/error.hpp"
#include "sim/orbit/earth.hpp"

namespace umbra::orbit {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

double wrapped_difference(double a, double b) {
  return std::remainder(a - b, 2 * std::numbers::pi);
}

TEST(Walker, Delta24Over3Over1MatchesTheTextbookPattern) {
  // Walker 56:24/3/1 (Galileo-like; Walker, JBIS 37, 1984; Wertz, "Space Mission Analysis
  // and Design", 7.6): planes 120 deg apart in RAAN, 8 satellites 45 deg apart in each, each
  // plane advanced by F * 360/T = 15 deg in argument of latitude over the previous one.
  const JulianDate epoch = parse_utc("2026-01-01");
  const auto elements = walker_elements({.pattern = WalkerPattern::kDelta,
                                         .altitude = 23222e3,
                                         .inclination = 56 * kDeg,
                                         .total_satellites = 24,
                                         .planes = 3,
                                         .phasing = 1,
                                         .epoch = epoch});
  ASSERT_EQ(elements.size(), 24u);
  for (int plane = 0; plane < 3; ++plane) {
    for (int slot = 0; slot < 8; ++slot) {
      const KeplerElements& e = elements[static_cast<std::size_t>(plane * 8 + slot)];
      EXPECT_NEAR(wrapped_difference(e.raan, plane * 120 * kDeg), 0.0, 1e-12);
      EXPECT_NEAR(wrapped_difference(e.mean_anomaly + e.argument_of_perigee,
                                     (slot * 45 + plane * 15) * kDeg),
                  0.0, 1e-12);
      EXPECT_NEAR(e.semi_major_axis, kEquatorialRadius + 23222e3, 1e-6);
      EXPECT_EQ(e.eccentricity, 0.0);
      EXPECT_EQ(e.inclination, 56 * kDeg);
    }
  }
}

TEST(Walker, DeltaPatternMapsOntoItselfUnderItsSymmetry) {
  // The defining symmetry of i:T/P/F: turning every RAAN by 360/P deg and advancing every
  // argument of latitude by F 360/T deg maps the constellation onto itself (Walker 1984).
  const auto elements = walker_elements({.altitude = 550e3,
                                         .inclination = 53 * kDeg,
                                         .total_satellites = 1584,
                                         .planes = 72,
                                         .phasing = 17,
                                         .epoch = parse_utc("2026-01-01")});
  ASSERT_EQ(elements.size(), 1584u);
  for (const KeplerElements& e : elements) {
    const double raan = e.raan + 2 * std::numbers::pi / 72;
    const double u = e.mean_anomaly + 17 * 2 * std::numbers::pi / 1584;
    const bool found =
        std::any_of(elements.begin(), elements.end(), [&](const KeplerElements& other) {
          return std::abs(wrapped_difference(other.raan, raan)) < 1e-9 &&
                 std::abs(wrapped_difference(other.mean_anomaly, u)) < 1e-9;
        });
    ASSERT_TRUE(found);
  }
}

TEST(Walker, StarSpreadsNodesOverHalfACircle) {
  const auto elements = walker_elements({.pattern = WalkerPattern::kStar,
                                         .altitude = 1200e3,
                                         .inclination = 87.9 * kDeg,
                                         .total_satellites = 588,
                                         .planes = 12,
                                         .phasing = 0,
                                         .epoch = parse_utc("2026-01-01")});
  ASSERT_EQ(elements.size(), 588u);
  EXPECT_NEAR(elements[49].raan - elements[0].raan, 15 * kDeg, 1e-12);  // 180 / 12
  EXPECT_NEAR(elements[11 * 49].raan, 165 * kDeg, 1e-12);
  EXPECT_NEAR(elements[1].mean_anomaly - elements[0].mean_anomaly, 2 * std::numbers::pi / 49,
              1e-12);
}

TEST(Walker, ImpossibleShellsAreRefused) {
  const WalkerShell good{
      .altitude = 550e3, .inclination = 0.9, .total_satellites = 24, .planes = 3, .phasing = 1};
  EXPECT_NO_THROW(walker_elements(good));
  for (const auto& [t, p, f] :
       {std::tuple{24, 5, 1}, std::tuple{24, 3, 3}, std::tuple{24, 0, 0}, std::tuple{24, 3, -1}}) {
    WalkerShell bad = good;
    bad.total_satellites = t;
    bad.planes = p;
    bad.phasing = f;
    EXPECT_THROW(walker_elements(bad), InputError) << t << "/" << p << "/" << f;
  }
}

}  // namespace
}  // namespace umbra::orbit
