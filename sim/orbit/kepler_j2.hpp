#pragma once
// Kepler orbits with the first-order secular effect of the Earth's oblateness (J2): RAAN,
// argument of perigee and mean anomaly drift linearly from their values at the element epoch
// (Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed., eqs. 9-41).
// No short-period terms, no drag: the model for design shells (Walker, sun-synchronous,
// formations), where a few km of J2 short-period motion do not matter but the drift of the
// orbit planes against the Sun does.
//
// Output frame: the elements are taken as referred to the mean equator and equinox of date,
// and the output as TEME (they differ by the equation of the equinoxes, < 1.2 arcsec).
#include "sim/orbit/propagator.hpp"

namespace umbra::orbit {

// Mean Keplerian elements (SI: metres, radians) at `epoch` (UTC).
struct KeplerElements {
  double semi_major_axis = 0;
  double eccentricity = 0;
  double inclination = 0;
  double raan = 0;  // right ascension of the ascending node
  double argument_of_perigee = 0;
  double mean_anomaly = 0;
  JulianDate epoch{};
};

// Secular rates (rad/s) from J2 at first order.
struct J2SecularRates {
  double raan = 0;                 // -(3/2) n J2 (R/p)^2 cos i
  double argument_of_perigee = 0;  //  (3/4) n J2 (R/p)^2 (5 cos^2 i - 1)
  double mean_anomaly = 0;         //  n [1 + (3/4) J2 (R/p)^2 sqrt(1-e^2) (3 cos^2 i - 1)]
};

// Two-body mean motion sqrt(mu / a^3), rad/s.
double mean_motion(double semi_major_axis);

// Two-body (anomalistic, unperturbed) period 2 pi / n, seconds.
double orbital_period(double semi_major_axis);

J2SecularRates j2_secular_rates(double semi_major_axis, double eccentricity, double inclination);

// Solves Kepler's equation M = E - e sin E for E (Newton's method from a start that converges
// for all 0 <= e < 1), to machine precision.
double eccentric_anomaly(double mean_anomaly, double eccentricity);

class KeplerJ2Propagator final : public Propagator {
 public:
  // Throws InputError for elements no orbit has: e outside [0, 1), perigee below the Earth's
  // equatorial radius, inclination outside [0, pi].
  explicit KeplerJ2Propagator(const KeplerElements& elements);

  // The position is the two-body position of the drifted elements; the velocity is its exact
  // time derivative (including the drift terms), so positions and velocities stay consistent.
  StateVector state_at(const JulianDate& scenario_epoch, double seconds) const override;

  // Mean elements drifted to `when` (angles wrapped to [0, 2 pi)).
  KeplerElements elements_at(const JulianDate& when) const;

  const KeplerElements& elements() const { return elements_; }
  const J2SecularRates& rates() const { return rates_; }

 private:
  StateVector state_after(double seconds_since_element_epoch) const;

  KeplerElements elements_;
  J2SecularRates rates_;
};

}  // namespace umbra::orbit
