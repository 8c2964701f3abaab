#include "sim/orbit/time_system.hpp"

#include <gtest/gtest.h>

#include <numbers>

#include "sim/core/error.hpp"

namespace umbra::orbit {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

TEST(TimeSystem, J2000NoonIsJulianDate2451545) {
  EXPECT_DOUBLE_EQ(julian_date(2000, 1, 1, 12, 0, 0).value(), 2451545.0);
  EXPECT_DOUBLE_EQ(parse_utc("2000-01-01T12:00:00Z").value(), 2451545.0);
}

TEST(TimeSystem, ValladoExample3_4JulianDate) {
  // Vallado, Fundamentals of Astrodynamics, example 3-4: 1996-10-26 14:20:00 UT1 = JD
  // 2450383.09722222.
  EXPECT_NEAR(julian_date(1996, 10, 26, 14, 20, 0).value(), 2450383.09722222, 1e-8);
}

TEST(TimeSystem, GmstMatchesValladoExample3_5) {
  // Vallado example 3-5: 1992-08-20 12:14:00 UT1 -> GMST = 152.578787886 deg.
  EXPECT_NEAR(gmst_iau82(julian_date(1992, 8, 20, 12, 14, 0)) / kDeg, 152.578787886, 1e-6);
}

TEST(TimeSystem, FormatInvertsParseToTheMillisecond) {
  for (const char* text : {"2026-03-20T12:00:00.000Z", "2024-02-29T23:59:59.999Z",
                           "2025-12-31T00:00:00.001Z", "2000-01-01T00:00:00.000Z"}) {
    EXPECT_EQ(format_utc(parse_utc(text)), text);
  }
  EXPECT_EQ(format_utc(parse_utc("2026-03-20T23:59:59.9999Z")), "2026-03-21T00:00:00.000Z");
}

TEST(TimeSystem, SecondsAccumulateWithoutDriftOverAYear) {
  const JulianDate epoch = parse_utc("2026-01-01T00:00:00Z");
  const JulianDate later = epoch.plus_seconds(365.0 * 86400.0 + 0.001);
  EXPECT_EQ(format_utc(later), "2027-01-01T00:00:00.001Z");
  EXPECT_NEAR(later.seconds_since(epoch), 365.0 * 86400.0 + 0.001, 1e-6);
}

TEST(TimeSystem, BadTimesAreRefusedWithTheExpectedForm) {
  for (const char* text : {"2026-02-30T00:00:00Z", "2026-13-01", "yesterday",
                           "2026-03-20T12:00:00+02:00", "2026-03-20T25:00:00Z"}) {
    EXPECT_THROW(parse_utc(text), InputError) << text;
  }
}

}  // namespace
}  // namespace umbra::orbit
