// lane_math's sine and cosine against libm's, on random angles of every range a propagation
// reaches, and the small-angle series where it is used.
#include "sim/orbit/lane_math.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace umbra::orbit::lane_math {
namespace {

TEST(LaneMath, SinCosAgreeWithLibmWithinTwoUnitsOfTheLastPlace) {
  std::mt19937_64 random(17);
  for (const double range : {1.0, 10.0, 1e3, 1e5, 1e6}) {
    std::uniform_real_distribution<double> angle(-range, range);
    double worst = 0;
    for (int i = 0; i < 200000; ++i) {
      const double x = angle(random);
      double sine = 0, cosine = 0;
      sin_cos(x, sine, cosine);
      worst = std::max({worst, std::abs(sine - std::sin(x)), std::abs(cosine - std::cos(x))});
    }
    // 2 ulp of 1 (libm is within 1 ulp of the true value, the polynomial within another).
    EXPECT_LE(worst, 2.3e-16) << "angles within " << range << " rad";
  }
  // Quadrant edges, exactly.
  double sine = 0, cosine = 0;
  sin_cos(0.0, sine, cosine);
  EXPECT_EQ(sine, 0.0);
  EXPECT_EQ(cosine, 1.0);
}

TEST(LaneMath, SmallAngleSeriesIsWithinTwoUnitsOfTheLastPlaceBelowOneHundredth) {
  for (double x = -1e-2; x <= 1e-2; x += 1.3e-5) {
    double sine = 0, cosine = 0;
    small_angle_sin_cos(x, sine, cosine);
    // The series' remainder (below x^7 / 5040 < 2e-18 of the sine's 1e-2) is far under an ulp:
    // what is left is the rounding of its few operations and libm's, 2 ulp together.
    EXPECT_NEAR(sine, std::sin(x), std::abs(std::sin(x)) * 4.5e-16) << x;
    EXPECT_NEAR(cosine, std::cos(x), 2.3e-16) << x;
  }
}

}  // namespace
}  // namespace umbra::orbit::lane_math
