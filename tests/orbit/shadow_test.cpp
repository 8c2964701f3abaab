#include "sim/orbit/shadow.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "sim/orbit/earth.hpp"
#include "sim/orbit/kepler_j2.hpp"

namespace umbra::orbit {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
const Vec3 kSun{kAstronomicalUnit, 0, 0};

TEST(Shadow, SunlitBehindAndBeside) {
  const double r = kEquatorialRadius + 550e3;
  const ShadowGeometry day = shadow_geometry({r, 0, 0}, kSun);
  EXPECT_EQ(classify(day), Illumination::kSunlit);
  EXPECT_EQ(illumination_fraction(day), 1.0);
  const ShadowGeometry night = shadow_geometry({-r, 0, 0}, kSun);
  EXPECT_EQ(classify(night), Illumination::kUmbra);
  EXPECT_EQ(illumination_fraction(night), 0.0);
  // Over the terminator (perpendicular to the Sun line) at 550 km the Earth hides nothing.
  EXPECT_EQ(classify(shadow_geometry({0, r, 0}, kSun)), Illumination::kSunlit);
}

TEST(Shadow, IlluminationIsTheUncoveredShareOfTheSunDisc) {
  // Two equal discs (radius 1) one radius apart overlap by 2 pi/3 - sqrt(3)/2 (lens area).
  const ShadowGeometry lens{.separation = 1.0, .earth_radius = 1.0, .sun_radius = 1.0};
  EXPECT_NEAR(illumination_fraction(lens),
              1.0 - (2.0 * std::numbers::pi / 3.0 - std::sqrt(3.0) / 2.0) / std::numbers::pi,
              1e-14);
  // An annular eclipse (Earth disc inside the Sun's) leaves 1 - (rho_e / rho_s)^2.
  const ShadowGeometry annular{.separation = 0.1, .earth_radius = 0.5, .sun_radius = 1.0};
  EXPECT_NEAR(illumination_fraction(annular), 0.75, 1e-15);
  EXPECT_EQ(classify(annular), Illumination::kPenumbra);
}

TEST(Shadow, HalfTheSunIsHiddenWhenItsCentreIsOnTheLimb) {
  // Satellite at 550 km placed so the Sun's centre sits on the Earth's limb: the limb is
  // nearly straight across the 0.27 deg solar disc (its sagitta is rho_s^2 / (2 rho_e),
  // ~6e-4 of rho_s), so 50 % is visible to within 0.001.
  const double r = kEquatorialRadius + 550e3;
  const double limb = std::asin(kEquatorialRadius / r);
  // The direction to the Earth's centre is at `limb` from the Sun direction (+x).
  const Vec3 satellite = r * Vec3{-std::cos(limb), -std::sin(limb), 0};
  const ShadowGeometry g = shadow_geometry(satellite, kSun + satellite);
  EXPECT_NEAR(g.separation, limb, 1e-12);
  EXPECT_EQ(classify(g), Illumination::kPenumbra);
  EXPECT_NEAR(illumination_fraction(g), 0.5, 1e-3);
  // Event functions: rho_s from the Sun's radius and distance.
  EXPECT_NEAR(g.penumbra_function(), -std::asin(kSunRadius / kAstronomicalUnit), 1e-12);
  EXPECT_NEAR(g.umbra_function(), std::asin(kSunRadius / kAstronomicalUnit), 1e-12);
}

TEST(Shadow, ClosedFormsMatchReferenceTable) {
  // Reference A7 (derived): no eclipse above beta* = 67.02 deg at 550 km, 65.16 deg at 650 km;
  // tolerance 0.01 deg as in A7.
  EXPECT_NEAR(eclipse_free_beta(550e3) / kDeg, 67.02, 0.01);
  EXPECT_NEAR(eclipse_free_beta(650e3) / kDeg, 65.16, 0.01);
  // Reference A5 and table 2.3 (derived): f_E(beta = 0) = 0.3723 at 550 km, 35.61 min over
  // the 95.65 min period; 20.54 min at beta = 60 deg; 36.19 min with a 50 km atmosphere.
  // Tolerances: 1e-4 on f_E (printed digits), 1 s on durations as in A5.
  const double period = orbital_period(kEquatorialRadius + 550e3);
  EXPECT_NEAR(cylindrical_eclipse_fraction(550e3, 0.0), 0.3723, 1e-4);
  EXPECT_NEAR(cylindrical_eclipse_fraction(550e3, 0.0) * period, 35.61 * 60, 1.0);
  EXPECT_NEAR(cylindrical_eclipse_fraction(550e3, 60 * kDeg) * period, 20.54 * 60, 1.0);
  EXPECT_NEAR(cylindrical_eclipse_fraction(550e3, 0.0, {.atmosphere_height = 50e3}) * period,
              36.19 * 60, 1.0);
  EXPECT_EQ(cylindrical_eclipse_fraction(550e3, 67.1 * kDeg), 0.0);
}

TEST(Shadow, BetaAngleIsTheSunElevationAboveTheOrbitPlane) {
  EXPECT_NEAR(beta_angle({0, 0, 1}, {1, 0, 0}), 0.0, 1e-15);
  EXPECT_NEAR(beta_angle({0, 0, 2}, {0, 0, 5}), std::numbers::pi / 2, 1e-15);
  EXPECT_NEAR(beta_angle({0, 0, 1}, {1, 0, -1}), -std::numbers::pi / 4, 1e-15);
}

}  // namespace
}  // namespace umbra::orbit
