#include "sim/orbit/frames.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "sim/orbit/earth.hpp"

namespace umbra::orbit {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

TEST(Frames, GeodeticRoundTripIsExactToMicrometres) {
  // Tolerances: 1e-11 rad (0.06 mm on the ground) and 1 micrometre in altitude; the inverse
  // iterates to 1e-12 rad.
  for (double latitude_deg = -90.0; latitude_deg <= 90.0; latitude_deg += 7.5) {
    for (double longitude_deg : {-179.0, -45.0, 0.0, 60.0, 180.0}) {
      for (double altitude : {-2000.0, 0.0, 550e3, 35786e3}) {
        const Geodetic point{latitude_deg * kDeg, longitude_deg * kDeg, altitude};
        const Geodetic back = earth_fixed_to_geodetic(geodetic_to_earth_fixed(point));
        EXPECT_NEAR(back.latitude, point.latitude, 1e-11) << latitude_deg << " " << altitude;
        EXPECT_NEAR(back.altitude, point.altitude, 1e-6) << latitude_deg << " " << altitude;
        if (std::abs(latitude_deg) < 90.0) {
          EXPECT_NEAR(std::remainder(back.longitude - point.longitude, 2.0 * std::numbers::pi), 0.0,
                      1e-12);
        }
      }
    }
  }
}

TEST(Frames, WellKnownPointsOfTheEllipsoid) {
  // Reference A12: (6928.137, 0, 0) km is 550 km above (0 deg, 0 deg).
  const Geodetic above_origin = earth_fixed_to_geodetic({6928137.0, 0.0, 0.0});
  EXPECT_NEAR(above_origin.latitude, 0.0, 1e-15);
  EXPECT_NEAR(above_origin.longitude, 0.0, 1e-15);
  EXPECT_NEAR(above_origin.altitude, 550e3, 1e-6);
  // WGS-84 polar radius b = 6356752.3142 m (NIMA TR8350.2, table 3.1), to its 0.1 mm rounding.
  const Vec3 north_pole = geodetic_to_earth_fixed({90.0 * kDeg, 0.0, 0.0});
  EXPECT_NEAR(north_pole.z, 6356752.3142, 1e-4);
  EXPECT_NEAR(earth_fixed_to_geodetic({0.0, 0.0, -6356752.3142 - 100.0}).altitude, 100.0, 1e-3);
}

TEST(Frames, TemeToEarthFixedMatchesValladoExample) {
  // Vallado, "Fundamentals of Astrodynamics" 4th ed., example 3-15 and its exsgp4_teme test:
  // 2004-04-06 07:51:28.386009 UTC, UT1 - UTC = -0.4399619 s. Expected ITRF values in km and
  // km/s. Polar motion (xp = -0.140682", yp = 0.333309"), neglected here, moves this point by
  // 0.36" x 10,000 km = 17 m and its velocity by 1.7e-6 x 7.5 km/s = 1.3 cm/s: tolerances 20 m
  // and 2 cm/s.
  const JulianDate ut1 = julian_date(2004, 4, 6, 7, 51, 28.386009).plus_seconds(-0.4399619);
  const StateVector teme{{5094180.16210, 6127644.65950, 6380344.53270},
                         {-4746.1314870, 785.8180410, 5531.9312880}};
  const StateVector itrf = teme_to_earth_fixed(teme, ut1);
  EXPECT_NEAR(itrf.position.x, -1033479.3830, 20.0);
  EXPECT_NEAR(itrf.position.y, 7901295.2754, 20.0);
  EXPECT_NEAR(itrf.position.z, 6380356.5958, 20.0);
  EXPECT_NEAR(itrf.velocity.x, -3225.636520, 0.02);
  EXPECT_NEAR(itrf.velocity.y, -2872.451450, 0.02);
  EXPECT_NEAR(itrf.velocity.z, 5531.924446, 0.02);
}

TEST(Frames, GroundPointHasNoEarthFixedVelocityAndRoundTrips) {
  const JulianDate when = parse_utc("2026-03-20T12:00:00Z");
  const Vec3 site = geodetic_to_earth_fixed({48.0 * kDeg, 11.0 * kDeg, 500.0});
  const Vec3 inertial = earth_fixed_to_teme(site, when);
  // A site fixed on the Earth moves at omega x r in the inertial frame.
  const StateVector moving{inertial, cross(Vec3{0, 0, kEarthRotationRate}, inertial)};
  const StateVector fixed = teme_to_earth_fixed(moving, when);
  EXPECT_NEAR(norm(fixed.position - site), 0.0, 1e-8);  // round-off of a 6.4e6 m vector
  EXPECT_NEAR(norm(fixed.velocity), 0.0, 1e-9);
}

TEST(Frames, EarthFixedLongitudeIsInertialRightAscensionMinusGmst) {
  // Reference A2: GMST at JD 2451545.0 is 280.460618375 deg, so the inertial x axis lies at
  // east longitude 360 - 280.460618375 deg. Tolerance 1e-9 deg as in A2.
  const JulianDate j2000{kJ2000, 0.0};
  const Geodetic point = earth_fixed_to_geodetic(teme_to_earth_fixed(Vec3{7e6, 0, 0}, j2000));
  EXPECT_NEAR(point.longitude / kDeg, 360.0 - 280.460618375, 1e-9);
}

}  // namespace
}  // namespace umbra::orbit
