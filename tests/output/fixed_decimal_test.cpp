// append_fixed writes the characters fmt's "{:.Nf}" writes, on the values that are hard for a
// shortcut: ties and near-ties of the rounding, negative values rounding to zero, -0, values
// beyond the fast path, and random values of every magnitude power.csv holds.
#include "sim/output/fixed_decimal.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace umbra::output {
namespace {

std::string fixed(double value, int decimals) {
  std::string text;
  append_fixed(text, value, decimals);
  return text;
}

TEST(FixedDecimal, MatchesFmtOnTiesSignsAndLargeValues) {
  for (const double value : {0.0,
                             -0.0,
                             0.5,
                             -0.5,
                             1.5,
                             2.5,
                             0.125,
                             0.375,
                             0.0005,
                             0.0015,
                             1e-9,
                             -1e-9,
                             -0.0004,
                             999.9995,
                             1e14,
                             1e15,
                             1e16,
                             123456789.123456,
                             -3300.0,
                             14000.0,
                             0.1 + 0.2,
                             std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN()}) {
    for (int decimals = 0; decimals <= 6; ++decimals) {
      EXPECT_EQ(fixed(value, decimals), fmt::format("{:.{}f}", value, decimals))
          << value << " with " << decimals << " decimals";
    }
  }
  EXPECT_EQ(fixed(-0.0, 3), "-0.000");
  EXPECT_EQ(fixed(2.5, 0), "2");  // ties to even on the exact value, as fmt
}

TEST(FixedDecimal, MatchesFmtOnRandomValuesAndNearTies) {
  std::mt19937_64 random(1);
  std::uniform_real_distribution<double> unit(-1, 1);
  int mismatches = 0;
  const auto check = [&](double value, int decimals) {
    if (fixed(value, decimals) != fmt::format("{:.{}f}", value, decimals)) ++mismatches;
  };
  for (int i = 0; i < 300000; ++i) {
    const double magnitude = std::pow(10.0, static_cast<int>(random() % 14) - 4);
    check(unit(random) * magnitude, static_cast<int>(random() % 7));
    // Multiples of half a unit of the last decimal, nudged by less than an ulp or not at all.
    const double half_units = static_cast<double>(random() % 100000000) / 2000.0;
    const double nudged = std::nextafter(half_units, random() % 2 ? 1e300 : -1e300);
    check(half_units, 3);
    check(nudged, 3);
    check(-nudged / 1000, 6);
  }
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace umbra::output
