#pragma once
// Internals of the SGP4 propagator: the named coefficient sets computed once per element set by
// sgp4.cpp (near-Earth theory) and sgp4_deep_space.cpp (SDP4: lunar-solar perturbations and
// 12 h / 24 h resonances, for periods of 225 min and more). Not a public interface: use
// Sgp4Propagator.
//
// Units are SGP4's canonical ones throughout: lengths in Earth radii, time in minutes, angles in
// radians. The names of the coefficients follow Vallado's code (cc1, d2201, ...), so that each
// formula can be checked against Spacetrack Report #3 and Vallado et al. (2006) line by line.
namespace umbra::orbit::sgp4_detail {

// Earth model the element sets were fitted with (WGS-72, as the verification requires).
struct GravityModel {
  double radius_km;  // equatorial radius
  double xke;        // sqrt(mu) in Earth radii^1.5 per minute
  double j2, j3, j4;
  double j3oj2;
};
const GravityModel& wgs72();

// Brouwer mean elements at epoch, the mean motion "un-Kozai'd" (rad/min).
struct EpochElements {
  double mean_motion;
  double eccentricity;
  double inclination;
  double raan;
  double argument_of_perigee;
  double mean_anomaly;
  double bstar;
};

// First-order secular rates from J2 and J4 (rad/min), and the drag term on the node.
struct SecularRates {
  double mean_anomaly;
  double argument_of_perigee;
  double raan;
  double raan_drag;  // nodecf, multiplies t^2
};

// Atmospheric drag coefficients (C1..C5, D2..D4 of Spacetrack Report #3). `simplified` drops the
// higher-order terms: perigee below 220 km, or deep space.
struct DragTerms {
  bool simplified = true;
  double cc1 = 0, cc4 = 0, cc5 = 0;
  double d2 = 0, d3 = 0, d4 = 0;
  double t2cof = 0, t3cof = 0, t4cof = 0, t5cof = 0;
  double omgcof = 0, xmcof = 0;
  double eta = 0, delmo = 0, sinmao = 0;
};

// Terms that depend on the inclination only: at epoch for near-Earth orbits, recomputed from the
// perturbed inclination for deep space.
struct InclinationTerms {
  double sin_i, cos_i;
  double con41;         // 3 cos^2 i - 1
  double x1mth2;        // 1 - cos^2 i
  double x7thm1;        // 7 cos^2 i - 1
  double aycof, xlcof;  // J3 long-period coefficients
};

// Mean elements as they are advanced to a time since epoch.
struct MeanState {
  double eccentricity;
  double inclination;
  double raan;
  double argument_of_perigee;
  double mean_anomaly;
  double mean_motion;
};

// Lunar-solar periodic amplitudes of one perturbing body (dscom: se2.. for the sun, ee2.. for the
// moon) and the body's mean anomaly at epoch.
struct BodyPeriodics {
  double e2, e3, i2, i3, l2, l3, l4, gh2, gh3, gh4, h2, h3;
  double mean_anomaly_at_epoch;  // zmos / zmol
};

enum class Resonance { kNone, kOneDay, kHalfDay };  // irez 0, 1 (geosynchronous), 2 (Molniya)

// Coefficients of the resonance integrator (dsinit), integrated from epoch by dspace.
struct ResonanceTerms {
  Resonance kind = Resonance::kNone;
  double d2201 = 0, d2211 = 0, d3210 = 0, d3222 = 0, d4410 = 0, d4422 = 0, d5220 = 0, d5232 = 0,
         d5421 = 0, d5433 = 0;          // half-day terms
  double del1 = 0, del2 = 0, del3 = 0;  // one-day terms
  double xfact = 0;                     // secular rate of the resonant angle, less the mean motion
  double xlamo = 0;                     // resonant angle at epoch
};

struct DeepSpaceTerms {
  double gsto;  // Greenwich sidereal angle at epoch, rad
  BodyPeriodics sun, moon;
  // Lunar-solar secular rates (rad/min; per minute for eccentricity).
  double dedt, didt, dmdt, dnodt, domdt;
  ResonanceTerms resonance;
};

// dscom + dsinit: everything SDP4 needs, computed once at epoch.
// `epoch_days_1950` is the epoch in days since 1950 January 0.0 UTC (SGP4's epoch scale).
DeepSpaceTerms init_deep_space(const EpochElements& epoch, const SecularRates& rates,
                               double epoch_days_1950, double gsto, const GravityModel& gravity);

// dspace: adds the lunar-solar secular drift and, for resonant orbits, integrates the resonance
// from epoch to `minutes` (restarting at epoch on every call keeps the propagator stateless; the
// 720 min steps land on the same grid either way, so results match an integrator that continues).
void apply_deep_space_secular(const DeepSpaceTerms& terms, const EpochElements& epoch,
                              const SecularRates& rates, double minutes, MeanState& state);

// Osculating-element offsets added by dpper (with the GSFC/Lyddane choice for low inclinations).
struct PeriodicState {
  double eccentricity;
  double inclination;
  double raan;
  double argument_of_perigee;
  double mean_anomaly;
};
void apply_lunar_solar_periodics(const DeepSpaceTerms& terms, double minutes, PeriodicState& state);

}  // namespace umbra::orbit::sgp4_detail
