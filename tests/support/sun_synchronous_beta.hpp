#pragma once
// The Sun's angle beta above the plane of a circular sun-synchronous orbit through the year, in
// closed form, for tests that check eclipses against it (formulas in the orbital physics
// reference, sections 2.1 to 2.3):
// - the Sun: Vallado's low-precision series (Algorithm 29; 0.01 deg), UTC taken as UT1;
// - the orbit: inclination from J2's nodal rate, cos i = -rate / ((3/2) n J2 (R/a)^2), with the
//   sun-synchronous rate of 360 deg per 365.2422 days; the node at the epoch stands at the
//   Sun's right ascension plus the local time of the ascending node's hour angle from noon,
//   and turns at that rate;
// - sin beta = cos(dec) sin(i) sin(RAAN - RA) + sin(dec) cos(i).
// Seen from the satellite the Earth's centre and the Sun's come closest, |beta| apart, once an
// orbit; so the Earth hides part of the Sun somewhere on the orbit iff |beta| < rho_E + rho_S
// (apparent radii of the Earth and of the Sun), and all of it iff |beta| < rho_E - rho_S.
#include <cmath>
#include <numbers>

namespace umbra::testing {

inline constexpr double kDegree = std::numbers::pi / 180;
inline constexpr double kEarthRadiusKm = 6378.137;       // WGS-84 equatorial
inline constexpr double kEarthMuKm3PerS2 = 398600.4418;  // EGM-96 / WGS-84
inline constexpr double kEarthJ2 = 1.08262668e-3;        // EGM-96
inline constexpr double kSunRadiusKm = 695700;           // IAU 2015 nominal
inline constexpr double kAstronomicalUnitKm = 149597870.7;
inline constexpr double kJulianDateOfJ2000 = 2451545.0;

struct SunAt {
  double right_ascension = 0;  // rad
  double declination = 0;      // rad
  double distance_au = 0;
};

inline SunAt vallado_sun(double julian_date) {
  const double t = (julian_date - kJulianDateOfJ2000) / 36525;  // Julian centuries
  const double mean_longitude = (280.460 + 36000.771 * t) * kDegree;
  const double mean_anomaly = (357.5291092 + 35999.05034 * t) * kDegree;
  const double longitude =
      mean_longitude +
      (1.914666471 * std::sin(mean_anomaly) + 0.019994643 * std::sin(2 * mean_anomaly)) * kDegree;
  const double obliquity = (23.439291 - 0.0130042 * t) * kDegree;
  return {std::atan2(std::cos(obliquity) * std::sin(longitude), std::cos(longitude)),
          std::asin(std::sin(obliquity) * std::sin(longitude)),
          1.000140612 - 0.016708617 * std::cos(mean_anomaly) -
              0.000139589 * std::cos(2 * mean_anomaly)};
}

inline double sun_angular_radius(const SunAt& sun) {
  return std::asin(kSunRadiusKm / (sun.distance_au * kAstronomicalUnitKm));
}

class SunSynchronousOrbit {
 public:
  // `local_time_of_ascending_node` in hours; the epoch as a Julian date (UTC).
  SunSynchronousOrbit(double altitude_km, double local_time_of_ascending_node, double epoch)
      : a_(kEarthRadiusKm + altitude_km), epoch_(epoch) {
    const double n = std::sqrt(kEarthMuKm3PerS2 / (a_ * a_ * a_));
    inclination_ = std::acos(-kNodeRate / (1.5 * n * kEarthJ2 * std::pow(kEarthRadiusKm / a_, 2)));
    raan_at_epoch_ =
        vallado_sun(epoch).right_ascension + (local_time_of_ascending_node - 12) * 15 * kDegree;
  }

  double inclination() const { return inclination_; }
  double period_s() const {
    return 2 * std::numbers::pi * std::sqrt(a_ * a_ * a_ / kEarthMuKm3PerS2);
  }
  double earth_angular_radius() const { return std::asin(kEarthRadiusKm / a_); }

  // The Sun `seconds` after the epoch, and beta then (rad, signed).
  SunAt sun(double seconds) const { return vallado_sun(epoch_ + seconds / 86400); }
  double beta(double seconds) const {
    const SunAt at = sun(seconds);
    const double raan = raan_at_epoch_ + kNodeRate * seconds;
    return std::asin(std::cos(at.declination) * std::sin(inclination_) *
                         std::sin(raan - at.right_ascension) +
                     std::sin(at.declination) * std::cos(inclination_));
  }

 private:
  static constexpr double kNodeRate = 2 * std::numbers::pi / (365.2422 * 86400);  // rad/s
  double a_;
  double epoch_;
  double inclination_ = 0;
  double raan_at_epoch_ = 0;
};

}  // namespace umbra::testing
