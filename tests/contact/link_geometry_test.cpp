// Link geometry against closed forms: slant range at elevation e, sqrt((R + h)^2 - R^2 cos^2 e)
// - R sin e; the longest chord between two satellites at altitude h clearing R + g,
// 2 sqrt((R + h)^2 - (R + g)^2).
#include "sim/contact/link_geometry.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "sim/orbit/earth.hpp"

namespace umbra::contact {
namespace {

using orbit::Vec3;
constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kR = orbit::kEquatorialRadius;

// A point at `radius` in the equatorial plane, `angle` from the x axis.
Vec3 equatorial(double radius, double angle) {
  return {radius * std::cos(angle), radius * std::sin(angle), 0};
}

TEST(LinkGeometry, LongestIslAt550KmWithAn80KmGrazingMarginIs5017Km) {
  // Closed form (A11): 2 sqrt((R + h)^2 - (R + g)^2) = 5016.6 km. Here the chord where line of
  // sight flips is found by bisection on the separation angle of two 550 km satellites.
  const double r = kR + 550e3;
  double low = 0, high = std::numbers::pi;  // in sight at low, hidden at high
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (low + high);
    (line_of_sight(equatorial(r, 0), equatorial(r, mid), 80e3) ? low : high) = mid;
  }
  const double chord = norm(equatorial(r, low) - equatorial(r, 0));
  EXPECT_NEAR(chord, 5016.6e3, 0.1e3);
  EXPECT_NEAR(chord, 2 * std::sqrt(r * r - (kR + 80e3) * (kR + 80e3)), 1.0);
}

TEST(LinkGeometry, ClearanceIsTheNearEndWhenTheClosestPointIsOutsideTheSegment) {
  // Both ends on the same ray from the centre: the segment's closest point is the lower end.
  EXPECT_DOUBLE_EQ(segment_clearance({7000e3, 0, 0}, {9000e3, 0, 0}), 7000e3);
  // Through the centre: clearance 0, hidden.
  EXPECT_NEAR(segment_clearance({7000e3, 0, 0}, {-7000e3, 0, 0}), 0.0, 1e-6);
  EXPECT_FALSE(line_of_sight({7000e3, 0, 0}, {-7000e3, 0, 0}, 0));
}

TEST(LinkGeometry, SatelliteStraightAboveTheObserverIsAtNinetyDegrees) {
  // A12: satellite at (6928.137, 0, 0) km, observer at (0 deg, 0 deg, 0 km): 90 deg, 550 km.
  const GroundSite site = ground_site({0, 0, 0});
  const Vec3 satellite{6928.137e3, 0, 0};
  EXPECT_NEAR(elevation(site, satellite) / kDeg, 90.0, 1e-9);
  EXPECT_NEAR(norm(satellite - site.position), 550e3, 1e-6);
}

TEST(LinkGeometry, SlantRangeAtTwentyFiveDegreesFrom550KmIs1123Km) {
  // A10: d = sqrt((R + h)^2 - R^2 cos^2 e) - R sin e = 1123.4 km; on the equator the ellipsoid
  // normal is radial and the radius is R, so the closed form holds exactly. The satellite is
  // placed at the Earth central angle acos(R cos e / (R + h)) - e (2.7).
  const double r = kR + 550e3;
  const double e = 25 * kDeg;
  const double central_angle = std::acos(kR * std::cos(e) / r) - e;
  const GroundSite site = ground_site({0, 0, 0});
  const Vec3 satellite = equatorial(r, central_angle);
  EXPECT_NEAR(elevation(site, satellite) / kDeg, 25.0, 1e-9);
  EXPECT_NEAR(norm(satellite - site.position), 1123.4e3, 0.1e3);
  EXPECT_NEAR(light_time(norm(satellite - site.position)), 3.75e-3, 0.01e-3);  // 2.7 table
}

TEST(LinkGeometry, LocalVerticalIsTheEllipsoidNormalNotTheRadius) {
  // At 45 deg geodetic latitude a point along the normal is at the zenith, while the point
  // along the geocentric radius is off by the geodetic-geocentric latitude difference seen
  // from 550 km (~0.19 deg at the ground, more from the station's offset).
  const GroundSite site = ground_site({45 * kDeg, 10 * kDeg, 0});
  EXPECT_NEAR(elevation(site, site.position + 550e3 * site.up) / kDeg, 90.0, 1e-5);  // asin at 1
  const Vec3 radial = site.position + 550e3 * orbit::unit(site.position);
  EXPECT_LT(elevation(site, radial) / kDeg, 89.9);
}

TEST(LinkGeometry, LightTimeOfTheLongestIslIs16Point7Ms) {
  EXPECT_NEAR(light_time(5016.6e3), 16.7e-3, 0.05e-3);  // 2.7: 5,017 km max ISL = 16.7 ms
}

TEST(LinkGeometry, InverseSquareRateHoldsUpToTheReferenceRangeThenFallsAsRangeSquared) {
  spec::LinkClassSpec laser;
  laser.rate = 12.5e9;
  laser.rate_model = spec::RateModel::kInverseSquare;
  laser.reference_range = 1000e3;
  EXPECT_DOUBLE_EQ(link_rate(laser, 500e3), 12.5e9);  // capped
  EXPECT_DOUBLE_EQ(link_rate(laser, 2000e3), 12.5e9 / 4);
  laser.rate_model = spec::RateModel::kFixed;
  EXPECT_DOUBLE_EQ(link_rate(laser, 4000e3), 12.5e9);
}

}  // namespace
}  // namespace umbra::contact
