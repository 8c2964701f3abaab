#include "sim/orbit/kepler_j2.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "sim/core/error.hpp"
#include "sim/orbit/earth.hpp"

namespace umbra::orbit {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kDegPerDay = kDeg / 86400.0;  // rad/s in one deg/day

TEST(KeplerJ2, PeriodOfCircularOrbits) {
  // Reference A4 and table 2.1 (derived from 2 pi sqrt(a^3/mu)), tolerance 0.1 s as in A4.
  EXPECT_NEAR(orbital_period(kEquatorialRadius + 550e3), 5739.0, 0.1);
  EXPECT_NEAR(orbital_period(kEquatorialRadius + 650e3) / 60.0, 97.73, 0.005);    // min
  EXPECT_NEAR(orbital_period(kEquatorialRadius + 1200e3) / 60.0, 109.42, 0.005);  // min
}

TEST(KeplerJ2, SecularRatesMatchReferenceTable) {
  // Reference A9 and table 2.1 (derived), tolerance 0.001 deg/day as in A9.
  const J2SecularRates starlink = j2_secular_rates(kEquatorialRadius + 550e3, 0.0, 53.0 * kDeg);
  EXPECT_NEAR(starlink.raan / kDegPerDay, -4.489, 0.001);
  EXPECT_NEAR(starlink.argument_of_perigee / kDegPerDay, 3.024, 0.001);
  const J2SecularRates kuiper = j2_secular_rates(kEquatorialRadius + 630e3, 0.0, 51.9 * kDeg);
  EXPECT_NEAR(kuiper.raan / kDegPerDay, -4.421, 0.001);
  EXPECT_NEAR(kuiper.argument_of_perigee / kDegPerDay, 3.238, 0.001);
  // Circular orbits: u-dot = n [1 + J2 (R/a)^2 (6 cos^2 i - 3/2)] (first-order secular J2:
  // Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., eqs. 9-41).
  const double a = kEquatorialRadius + 550e3, c = std::cos(53.0 * kDeg);
  const double expected_u_rate =
      mean_motion(a) * (1.0 + kJ2 * std::pow(kEquatorialRadius / a, 2) * (6.0 * c * c - 1.5));
  EXPECT_NEAR((starlink.mean_anomaly + starlink.argument_of_perigee) / expected_u_rate, 1.0, 1e-14);
}

TEST(KeplerJ2, KeplerEquationSolvedToMachinePrecision) {
  // Vallado, "Fundamentals of Astrodynamics" 4th ed., example 2-1: M = 235.4 deg, e = 0.4 ->
  // E = 220.512074767522 deg (printed to 1e-12 deg).
  EXPECT_NEAR(eccentric_anomaly(235.4 * kDeg, 0.4) / kDeg, 220.512074767522, 1e-10);
  for (double e : {0.0, 1e-4, 0.1, 0.5, 0.9, 0.99}) {
    for (double m = -7.0; m <= 7.0; m += 0.37) {
      const double big_e = eccentric_anomaly(m, e);
      // Residual of a few ulps of |M|.
      EXPECT_NEAR(big_e - e * std::sin(big_e), m, 8e-16 * (1.0 + std::abs(m))) << e << " " << m;
    }
  }
}

TEST(KeplerJ2, PositionAtEpochMatchesValladoExample) {
  // Vallado, "Fundamentals of Astrodynamics" 4th ed., example 2-6 (COE2RV): p = 11067.790 km,
  // e = 0.83285, i = 87.87 deg, RAAN = 227.89 deg, argp = 53.38 deg, nu = 92.335 deg ->
  // r = (6525.368, 6861.532, 6449.119) km. Its perigee (6039 km) is inside the Earth, which the
  // propagator refuses, so p is doubled: r = p / (1 + e cos nu) scales with p at fixed angles.
  // Tolerance 3 m: the printed 1 m rounding, doubled.
  const double e = 0.83285, nu = 92.335 * kDeg, p = 2 * 11067790.0;
  const double big_e = 2.0 * std::atan(std::sqrt((1 - e) / (1 + e)) * std::tan(nu / 2.0));
  const JulianDate epoch = parse_utc("2026-01-01T00:00:00Z");
  const KeplerJ2Propagator propagator({.semi_major_axis = p / (1 - e * e),
                                       .eccentricity = e,
                                       .inclination = 87.87 * kDeg,
                                       .raan = 227.89 * kDeg,
                                       .argument_of_perigee = 53.38 * kDeg,
                                       .mean_anomaly = big_e - e * std::sin(big_e),
                                       .epoch = epoch});
  const Vec3 r = propagator.state_at(epoch, 0.0).position;
  EXPECT_NEAR(r.x, 2 * 6525368.0, 3.0);
  EXPECT_NEAR(r.y, 2 * 6861532.0, 3.0);
  EXPECT_NEAR(r.z, 2 * 6449119.0, 3.0);
}

TEST(KeplerJ2, VelocityIsTheDerivativeOfPosition) {
  const JulianDate epoch = parse_utc("2026-03-20T00:00:00Z");
  const KeplerJ2Propagator propagator({.semi_major_axis = 8000e3,
                                       .eccentricity = 0.1,
                                       .inclination = 63.0 * kDeg,
                                       .raan = 1.0,
                                       .argument_of_perigee = 2.0,
                                       .mean_anomaly = 0.5,
                                       .epoch = epoch});
  for (double t : {0.0, 1234.5, 86400.0 * 3}) {
    // Five-point derivative, step 2 s: truncation a w^5 h^4 / 30 with w <= 1.1e-3 rad/s at
    // perigee: 7e-9 m/s; round-off: positions carry ~2e-7 m (the mean anomaly, ~230 rad after
    // 3 days, to one ulp), giving 1.5 x 2e-7 / h = 2e-7 m/s. Tolerance 1e-6 m/s.
    const double h = 2.0;
    const auto at = [&](double s) { return propagator.state_at(epoch, s).position; };
    const Vec3 difference =
        (1.0 / (12 * h)) * (at(t - 2 * h) - 8.0 * at(t - h) + 8.0 * at(t + h) - at(t + 2 * h));
    EXPECT_NEAR(norm(difference - propagator.state_at(epoch, t).velocity), 0.0, 1e-6) << t;
  }
}

TEST(KeplerJ2, AscendingNodeDriftsAtTheJ2Rate) {
  // The node, found from positions alone (z crossing upwards), is where the drifted RAAN says.
  const JulianDate epoch = parse_utc("2026-03-20T00:00:00Z");
  const KeplerJ2Propagator propagator({.semi_major_axis = kEquatorialRadius + 550e3,
                                       .inclination = 53.0 * kDeg,
                                       .raan = 0.3,
                                       .epoch = epoch});
  // Ten days on; the satellite crosses the node within one period after t0.
  const double t0 = 10 * 86400.0, period = orbital_period(kEquatorialRadius + 550e3);
  double low = t0, high = t0 + period;
  for (double t = t0; t < t0 + period; t += 60.0) {
    if (propagator.state_at(epoch, t).position.z < 0 &&
        propagator.state_at(epoch, t + 60.0).position.z >= 0) {
      low = t;
      high = t + 60.0;
    }
  }
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (low + high);
    (propagator.state_at(epoch, mid).position.z < 0 ? low : high) = mid;
  }
  const Vec3 node = propagator.state_at(epoch, low).position;
  const double expected = 0.3 + propagator.rates().raan * low;  // -4.489 deg/day x 10 days
  EXPECT_NEAR(std::remainder(std::atan2(node.y, node.x) - expected, 2 * std::numbers::pi), 0.0,
              1e-9);
  EXPECT_NEAR(std::remainder(propagator.elements_at(epoch.plus_seconds(low)).raan - expected,
                             2 * std::numbers::pi),
              0.0, 1e-9);
}

TEST(KeplerJ2, ImpossibleElementsAreRefused) {
  const JulianDate epoch = parse_utc("2026-01-01");
  EXPECT_THROW(KeplerJ2Propagator({.semi_major_axis = 7e6, .eccentricity = 1.0, .epoch = epoch}),
               InputError);
  EXPECT_THROW(KeplerJ2Propagator({.semi_major_axis = 7e6, .eccentricity = 0.2, .epoch = epoch}),
               InputError);
  EXPECT_THROW(KeplerJ2Propagator({.semi_major_axis = 7e6, .inclination = 4.0, .epoch = epoch}),
               InputError);
}

}  // namespace
}  // namespace umbra::orbit
