// SGP4 near-Earth theory (Spacetrack Report #3 with the fixes of Vallado et al. 2006): element
// recovery at epoch, secular gravity and drag, Kepler's equation, short-period J2 terms. The
// deep-space additions live in sgp4_deep_space.cpp.
#include "sim/orbit/sgp4.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/orbit/lane_math.hpp"

namespace umbra::orbit {
namespace sgp4_detail {

const GravityModel& wgs72() {
  static const GravityModel model = [] {
    constexpr double mu_km3_s2 = 398600.8;
    constexpr double radius_km = 6378.135;
    GravityModel m{};
    m.radius_km = radius_km;
    m.xke = 60.0 / std::sqrt(radius_km * radius_km * radius_km / mu_km3_s2);
    m.j2 = 0.001082616;
    m.j3 = -0.00000253881;
    m.j4 = -0.00000165597;
    m.j3oj2 = m.j3 / m.j2;
    return m;
  }();
  return model;
}

}  // namespace sgp4_detail

namespace {

// sin and cos of an angle advanced by `step`, from those of the angle: Newton's steps in the
// Kepler iteration shrink fast, and below 1e-2 rad a Taylor series is as accurate as libm
// (lane_math.hpp), where a libm call costs more than the rest of an iteration. Larger steps call
// libm.
void rotate_by(double step, double& sine, double& cosine) {
  double sin_step = 0, cos_step = 0;
  if (std::fabs(step) < 1.0e-2) {
    lane_math::small_angle_sin_cos(step, sin_step, cos_step);
  } else {
    sin_step = std::sin(step);
    cos_step = std::cos(step);
  }
  lane_math::rotate(sin_step, cos_step, sine, cosine);
}

using namespace sgp4_detail;

constexpr double kPi = std::numbers::pi;
constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kTwoThirds = 2.0 / 3.0;
constexpr double kMinutesPerDay = 1440.0;
constexpr double kJulianDate1950 = 2433281.5;  // 1949 December 31 0h UTC, SGP4's epoch origin
constexpr double kDeepSpacePeriodMinutes = 225.0;
// Near 180 deg of inclination 1 + cos i vanishes; Vallado divides by this instead.
constexpr double kSmallOnePlusCosI = 1.5e-12;

InclinationTerms inclination_terms(double inclination, const GravityModel& gravity) {
  InclinationTerms t{};
  t.sin_i = std::sin(inclination);
  t.cos_i = std::cos(inclination);
  const double cos_squared = t.cos_i * t.cos_i;
  t.con41 = 3.0 * cos_squared - 1.0;
  t.x1mth2 = 1.0 - cos_squared;
  t.x7thm1 = 7.0 * cos_squared - 1.0;
  t.aycof = -0.5 * gravity.j3oj2 * t.sin_i;
  const double one_plus_cos =
      std::fabs(t.cos_i + 1.0) > kSmallOnePlusCosI ? 1.0 + t.cos_i : kSmallOnePlusCosI;
  t.xlcof = -0.25 * gravity.j3oj2 * t.sin_i * (3.0 + 5.0 * t.cos_i) / one_plus_cos;
  return t;
}

// Catalogue elements to SGP4 units; the mean motion stays Kozai's until recovered.
EpochElements catalogue_elements(const ElementSet& set) {
  constexpr double minutes_per_radian_per_rev_per_day = kMinutesPerDay / kTwoPi;  // xpdotp
  return {
      .mean_motion = set.mean_motion / minutes_per_radian_per_rev_per_day,
      .eccentricity = set.eccentricity,
      .inclination = set.inclination,
      .raan = set.raan,
      .argument_of_perigee = set.argument_of_perigee,
      .mean_anomaly = set.mean_anomaly,
      .bstar = set.bstar,
  };
}

// Brouwer's mean motion from the Kozai mean motion of the catalogue (initl).
double unkozai_mean_motion(const EpochElements& e, const GravityModel& gravity) {
  const double cosio = std::cos(e.inclination);
  const double cosio2 = cosio * cosio;
  const double omeosq = 1.0 - e.eccentricity * e.eccentricity;
  const double ak = std::pow(gravity.xke / e.mean_motion, kTwoThirds);
  const double d1 = 0.75 * gravity.j2 * (3.0 * cosio2 - 1.0) / (std::sqrt(omeosq) * omeosq);
  double del = d1 / (ak * ak);
  const double adel = ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
  del = d1 / (adel * adel);
  return e.mean_motion / (1.0 + del);
}

}  // namespace

Sgp4Propagator::Sgp4Propagator(const ElementSet& elements)
    : elements_(elements), gravity_(wgs72()), epoch_(catalogue_elements(elements)) {
  const GravityModel& g = gravity_;
  epoch_.mean_motion = unkozai_mean_motion(epoch_, g);
  inclination_ = inclination_terms(epoch_.inclination, g);

  const double no = epoch_.mean_motion;
  const double ecco = epoch_.eccentricity;
  const double cosio = inclination_.cos_i;
  const double cosio2 = cosio * cosio;
  const double omeosq = 1.0 - ecco * ecco;
  const double rteosq = std::sqrt(omeosq);
  const double ao = std::pow(g.xke / no, kTwoThirds);
  const double posq = (ao * omeosq) * (ao * omeosq);
  const double perigee_radius = ao * (1.0 - ecco);

  // Atmosphere density model: q0 = 120 km, s = 78 km above the surface, with s lowered for
  // perigees below 156 km (Spacetrack Report #3).
  double sfour_km = 78.0;
  const double perigee_km = (perigee_radius - 1.0) * g.radius_km;
  if (perigee_km < 156.0) sfour_km = perigee_km < 98.0 ? 20.0 : perigee_km - 78.0;
  const double qzms24_root = (120.0 - sfour_km) / g.radius_km;
  const double qzms24 = qzms24_root * qzms24_root * qzms24_root * qzms24_root;
  const double sfour = sfour_km / g.radius_km + 1.0;

  const double pinvsq = 1.0 / posq;
  const double tsi = 1.0 / (ao - sfour);
  DragTerms& d = drag_;
  d.eta = ao * ecco * tsi;
  const double etasq = d.eta * d.eta;
  const double eeta = ecco * d.eta;
  const double psisq = std::fabs(1.0 - etasq);
  const double coef = qzms24 * std::pow(tsi, 4.0);
  const double coef1 = coef / std::pow(psisq, 3.5);
  const double con41 = inclination_.con41;
  const double cc2 = coef1 * no *
                     (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq)) +
                      0.375 * g.j2 * tsi / psisq * con41 * (8.0 + 3.0 * etasq * (8.0 + etasq)));
  d.cc1 = epoch_.bstar * cc2;
  // Below e = 1e-4 the J3 terms divided by e are dropped (CBERS 2 case of the verification).
  const bool eccentric = ecco > 1.0e-4;
  const double cc3 = eccentric ? -2.0 * coef * tsi * g.j3oj2 * no * inclination_.sin_i / ecco : 0.0;
  d.cc4 = 2.0 * no * coef1 * ao * omeosq *
          (d.eta * (2.0 + 0.5 * etasq) + ecco * (0.5 + 2.0 * etasq) -
           g.j2 * tsi / (ao * psisq) *
               (-3.0 * con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta)) +
                0.75 * inclination_.x1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) *
                    std::cos(2.0 * epoch_.argument_of_perigee)));
  d.cc5 = 2.0 * coef1 * ao * omeosq * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);

  // Secular rates from J2 (first and second order) and J4.
  const double cosio4 = cosio2 * cosio2;
  const double temp1 = 1.5 * g.j2 * pinvsq * no;
  const double temp2 = 0.5 * temp1 * g.j2 * pinvsq;
  const double temp3 = -0.46875 * g.j4 * pinvsq * pinvsq * no;
  const double con42 = 1.0 - 5.0 * cosio2;
  rates_.mean_anomaly = no + 0.5 * temp1 * rteosq * con41 +
                        0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
  rates_.argument_of_perigee = -0.5 * temp1 * con42 +
                               0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4) +
                               temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
  const double xhdot1 = -temp1 * cosio;
  rates_.raan =
      xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2) + 2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio;
  rates_.raan_drag = 3.5 * omeosq * xhdot1 * d.cc1;

  d.omgcof = epoch_.bstar * cc3 * std::cos(epoch_.argument_of_perigee);
  d.xmcof = eccentric ? -kTwoThirds * coef * epoch_.bstar / eeta : 0.0;
  d.t2cof = 1.5 * d.cc1;
  const double delmo_root = 1.0 + d.eta * std::cos(epoch_.mean_anomaly);
  d.delmo = delmo_root * delmo_root * delmo_root;
  d.sinmao = std::sin(epoch_.mean_anomaly);

  // Perigee below 220 km: the drag series is cut to its first terms (Spacetrack Report #3).
  d.simplified = perigee_radius < 220.0 / g.radius_km + 1.0;
  if (kTwoPi / no >= kDeepSpacePeriodMinutes) {
    // Formed from the summed Julian date as Vallado's code does: the rounding of that sum
    // (~2e-10 day) moves the lunar-solar terms of very eccentric orbits (WIND, e = 0.97) by
    // micrometres, enough to show against tcppver.out at its 1e-8 km precision.
    const double epoch_days_1950 =
        (elements.epoch.whole + elements.epoch.fraction) - kJulianDate1950;
    deep_space_ = init_deep_space(epoch_, rates_, epoch_days_1950, gmst_iau82(elements.epoch), g);
    d.simplified = true;
  }
  if (!d.simplified) {
    const double cc1sq = d.cc1 * d.cc1;
    d.d2 = 4.0 * ao * tsi * cc1sq;
    const double temp = d.d2 * tsi * d.cc1 / 3.0;
    d.d3 = (17.0 * ao + sfour) * temp;
    d.d4 = 0.5 * temp * ao * tsi * (221.0 * ao + 31.0 * sfour) * d.cc1;
    d.t3cof = d.d2 + 2.0 * cc1sq;
    d.t4cof = 0.25 * (3.0 * d.d3 + d.cc1 * (12.0 * d.d2 + 10.0 * cc1sq));
    d.t5cof = 0.2 * (3.0 * d.d4 + 12.0 * d.cc1 * d.d3 + 6.0 * d.d2 * d.d2 +
                     15.0 * cc1sq * (2.0 * d.d2 + cc1sq));
  }
}

StateVector Sgp4Propagator::state_at(const JulianDate& scenario_epoch, double seconds) const {
  const double minutes = (scenario_epoch.seconds_since(elements_.epoch) + seconds) / 60.0;
  return propagate_minutes(minutes);
}

StateVector Sgp4Propagator::propagate_minutes(double minutes) const {
  const GravityModel& g = gravity_;
  const DragTerms& d = drag_;
  const double t = minutes;
  const auto fail = [&](Sgp4ErrorCode code, const std::string& what) {
    return PropagationError(code,
                            fmt::format("SGP4 error {} for satellite {} at {} min after epoch: {}",
                                        static_cast<int>(code), elements_.satnum, t, what));
  };

  // Secular gravity and drag.
  const double xmdf = epoch_.mean_anomaly + rates_.mean_anomaly * t;
  const double argpdf = epoch_.argument_of_perigee + rates_.argument_of_perigee * t;
  const double nodedf = epoch_.raan + rates_.raan * t;
  const double t2 = t * t;
  MeanState mean{.eccentricity = epoch_.eccentricity,
                 .inclination = epoch_.inclination,
                 .raan = nodedf + rates_.raan_drag * t2,
                 .argument_of_perigee = argpdf,
                 .mean_anomaly = xmdf,
                 .mean_motion = epoch_.mean_motion};
  double tempa = 1.0 - d.cc1 * t;
  double tempe = epoch_.bstar * d.cc4 * t;
  double templ = d.t2cof * t2;
  if (!d.simplified) {
    const double delomg = d.omgcof * t;
    const double delmtemp = 1.0 + d.eta * std::cos(xmdf);
    const double delm = d.xmcof * (delmtemp * delmtemp * delmtemp - d.delmo);
    const double temp = delomg + delm;
    mean.mean_anomaly = xmdf + temp;
    mean.argument_of_perigee = argpdf - temp;
    const double t3 = t2 * t;
    const double t4 = t3 * t;
    tempa = tempa - d.d2 * t2 - d.d3 * t3 - d.d4 * t4;
    tempe = tempe + epoch_.bstar * d.cc5 * (std::sin(mean.mean_anomaly) - d.sinmao);
    templ = templ + d.t3cof * t3 + t4 * (d.t4cof + t * d.t5cof);
  }
  if (deep_space_) apply_deep_space_secular(*deep_space_, epoch_, rates_, t, mean);

  if (mean.mean_motion <= 0.0) {
    throw fail(kSgp4MeanMotion,
               fmt::format("mean motion {} rad/min is not above zero", mean.mean_motion));
  }
  // (xke / n)^(2/3) and am^1.5 through cbrt and sqrt: 3x cheaper than pow, same to ~1 ulp.
  const double cube_root = std::cbrt(g.xke / mean.mean_motion);
  const double am = cube_root * cube_root * tempa * tempa;
  const double nm = g.xke / (am * std::sqrt(am));
  double em = mean.eccentricity - tempe;
  if (em >= 1.0 || em < -0.001) {
    throw fail(kSgp4MeanEccentricity, fmt::format("mean eccentricity {} is outside [0, 1)", em));
  }
  em = std::max(em, 1.0e-6);  // keeps the J3 terms divided by e finite
  double mm = mean.mean_anomaly + epoch_.mean_motion * templ;
  double xlm = mm + mean.argument_of_perigee + mean.raan;
  const double nodem = std::fmod(mean.raan, kTwoPi);
  const double argpm = std::fmod(mean.argument_of_perigee, kTwoPi);
  xlm = std::fmod(xlm, kTwoPi);
  mm = std::fmod(xlm - argpm - nodem, kTwoPi);

  // Lunar-solar periodics (deep space); a negative inclination flips node and perigee.
  PeriodicState osc{.eccentricity = em,
                    .inclination = mean.inclination,
                    .raan = nodem,
                    .argument_of_perigee = argpm,
                    .mean_anomaly = mm};
  InclinationTerms incl = inclination_;
  if (deep_space_) {
    apply_lunar_solar_periodics(*deep_space_, t, osc);
    if (osc.inclination < 0.0) {
      osc.inclination = -osc.inclination;
      osc.raan = osc.raan + kPi;
      osc.argument_of_perigee = osc.argument_of_perigee - kPi;
    }
    if (osc.eccentricity < 0.0 || osc.eccentricity > 1.0) {
      throw fail(kSgp4PerturbedEccentricity,
                 fmt::format("perturbed eccentricity {} is outside [0, 1]", osc.eccentricity));
    }
    incl = inclination_terms(osc.inclination, g);
  }

  // Long-period J3 terms, then Kepler's equation for the eccentric longitude (Newton-Raphson,
  // steps capped at 0.95 rad, at most 10 iterations).
  const double ep = osc.eccentricity;
  const double axnl = ep * std::cos(osc.argument_of_perigee);
  double temp = 1.0 / (am * (1.0 - ep * ep));
  const double aynl = ep * std::sin(osc.argument_of_perigee) + temp * incl.aycof;
  const double xl =
      osc.mean_anomaly + osc.argument_of_perigee + osc.raan + temp * incl.xlcof * axnl;
  const double u = std::fmod(xl - osc.raan, kTwoPi);
  double eo1 = u;
  double sineo1 = std::sin(eo1), coseo1 = std::cos(eo1);
  double tem5 = 9999.9;
  for (int iteration = 1; std::fabs(tem5) >= 1.0e-12 && iteration <= 10; ++iteration) {
    if (iteration > 1) rotate_by(tem5, sineo1, coseo1);
    tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
    tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
    if (std::fabs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
    eo1 = eo1 + tem5;
  }

  // Short-period J2 terms.
  const double ecose = axnl * coseo1 + aynl * sineo1;
  const double esine = axnl * sineo1 - aynl * coseo1;
  const double el2 = axnl * axnl + aynl * aynl;
  const double pl = am * (1.0 - el2);
  if (pl < 0.0)
    throw fail(kSgp4SemiLatusRectum, fmt::format("semi-latus rectum {} is below zero", pl));
  const double rl = am * (1.0 - ecose);
  const double rdotl = std::sqrt(am) * esine / rl;
  const double rvdotl = std::sqrt(pl) / rl;
  const double betal = std::sqrt(1.0 - el2);
  temp = esine / (1.0 + betal);
  const double sinu = am / rl * (sineo1 - aynl - axnl * temp);
  const double cosu = am / rl * (coseo1 - axnl + aynl * temp);
  double su = std::atan2(sinu, cosu);
  const double sin2u = (cosu + cosu) * sinu;
  const double cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = 1.0 / pl;
  const double temp1 = 0.5 * g.j2 * temp;
  const double temp2 = temp1 * temp;

  const double mrt =
      rl * (1.0 - 1.5 * temp2 * betal * incl.con41) + 0.5 * temp1 * incl.x1mth2 * cos2u;
  su = su - 0.25 * temp2 * incl.x7thm1 * sin2u;
  const double xnode = osc.raan + 1.5 * temp2 * incl.cos_i * sin2u;
  const double xinc = osc.inclination + 1.5 * temp2 * incl.cos_i * incl.sin_i * cos2u;
  const double mvt = rdotl - nm * temp1 * incl.x1mth2 * sin2u / g.xke;
  const double rvdot = rvdotl + nm * temp1 * (incl.x1mth2 * cos2u + 1.5 * incl.con41) / g.xke;
  if (mrt < 1.0) {
    throw fail(kSgp4Decayed,
               fmt::format("radius {} Earth radii is below the surface: decayed", mrt));
  }

  // Orientation vectors: u along the radius, v along the track.
  const double sinsu = std::sin(su), cossu = std::cos(su);
  const double snod = std::sin(xnode), cnod = std::cos(xnode);
  const double sini = std::sin(xinc), cosi = std::cos(xinc);
  const double xmx = -snod * cosi;
  const double xmy = cnod * cosi;
  const Vec3 radial{xmx * sinsu + cnod * cossu, xmy * sinsu + snod * cossu, sini * sinsu};
  const Vec3 along{xmx * cossu - cnod * sinsu, xmy * cossu - snod * sinsu, sini * cossu};

  const double metres_per_radius = g.radius_km * 1000.0;
  const double metres_per_second = g.radius_km * g.xke / 60.0 * 1000.0;
  const double radius_m = mrt * metres_per_radius;
  return {.position = radius_m * radial,
          .velocity = metres_per_second * (mvt * radial + rvdot * along)};
}

}  // namespace umbra::orbit
