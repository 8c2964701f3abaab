// Solar array output against published figures and closed forms.
#include "sim/power/solar_array.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace umbra::power {
namespace {

spec::SolarArraySpec starlink_v2_mini() {
  spec::SolarArraySpec array;
  array.area = 105;  // m^2, 22 % cells, 90 % packing: arXiv:2511.19468
  array.efficiency = 0.22;
  array.packing_factor = 0.90;
  return array;
}

TEST(SolarArray, StarlinkV2MiniGivesAbout28KilowattsInFullSun) {
  const double watts = solar_array_power(starlink_v2_mini(), SunExposure{});
  // 1361 x 105 x 0.22 x 0.9 = 28,295.19 W by hand; arXiv:2511.19468 quotes 28.3 kW (three digits).
  EXPECT_NEAR(watts, 28295.19, 0.01);
  EXPECT_NEAR(watts, 28.3e3, 0.5e-2 * 28.3e3);
}

TEST(SolarArray, ScalesWithSolarDistanceAndPenumbra) {
  SunExposure aphelion;
  aphelion.flux_scale = 1 / (1.01671 * 1.01671);  // R at aphelion: 1 + e, e = 0.01671
  const double one_square_metre = solar_array_power({1, 1, 1, 0, {}}, aphelion);
  EXPECT_NEAR(one_square_metre, 1316.6, 0.05);  // 1361 / 1.01671^2

  SunExposure half_disc;
  half_disc.illumination = 0.5;
  EXPECT_DOUBLE_EQ(solar_array_power(starlink_v2_mini(), half_disc),
                   0.5 * solar_array_power(starlink_v2_mini(), SunExposure{}));
}

TEST(SolarArray, BodyFixedArrayFollowsTheCosineAndIsDarkFromBehind) {
  spec::SolarArraySpec array = starlink_v2_mini();
  const double full = solar_array_power(array, SunExposure{});
  array.pointing = spec::ArrayPointing::kBodyFixed;
  SunExposure slanted;
  slanted.cos_incidence = std::cos(std::numbers::pi / 3);
  EXPECT_NEAR(solar_array_power(array, slanted), 0.5 * full, 1e-9 * full);
  slanted.cos_incidence = -0.3;
  EXPECT_EQ(solar_array_power(array, slanted), 0.0);
  // A sun-tracking array ignores the incidence.
  array.pointing = spec::ArrayPointing::kSunTracking;
  EXPECT_EQ(solar_array_power(array, slanted), full);
}

TEST(SolarArray, DegradesGeometricallyWithAge) {
  spec::SolarArraySpec array = starlink_v2_mini();
  array.degradation_per_year = 0.02;  // 2 %/yr, a common planning figure for LEO cells
  SunExposure aged;
  aged.age_years = 5;
  // 0.98^5 = 0.9039207968
  EXPECT_NEAR(solar_array_power(array, aged), 28295.19 * 0.9039207968, 0.01);
}

}  // namespace
}  // namespace umbra::power
