// SDP4, the deep-space part of SGP4 (Hujsak 1979; Vallado et al. 2006 fixes), for orbits with a
// period of 225 min or more: lunar-solar secular and periodic terms, and the numerically integrated
// geopotential resonances of geosynchronous (one-day) and Molniya-type (half-day, e >= 0.5) orbits.
// Formulas and constants follow Vallado's dscom, dsinit, dspace and dpper, in "improved" mode.
#include <cmath>
#include <numbers>

#include "sim/orbit/sgp4_terms.hpp"

namespace umbra::orbit::sgp4_detail {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kEarthRotation = 4.37526908801129966e-3;  // rptim, rad/min

// Mean motion (rad/min) and eccentricity of the sun's and the moon's apparent orbits.
constexpr double kSunMeanMotion = 1.19459e-5;
constexpr double kSunEccentricity = 0.01675;
constexpr double kMoonMeanMotion = 1.5835218e-4;
constexpr double kMoonEccentricity = 0.05490;

// Orientation of a perturbing body's orbit relative to the satellite's (cosines and sines of its
// argument of perigee g, inclination i and node h) and its strength cc.
struct BodyGeometry {
  double cos_g, sin_g, cos_i, sin_i, cos_h, sin_h, strength;
};

// The satellite's orbit at epoch, as dscom sees it.
struct OrbitAtEpoch {
  double eccentricity, emsq, betasq, rtemsq;
  double sin_i, cos_i, sin_omega, cos_omega;
  double inverse_mean_motion;
};

// dscom's per-body coefficients: s1..s7 and z1..z33 (ss*/sz* for the sun in Vallado's code).
struct BodyTerms {
  double s1, s2, s3, s4, s5, s6, s7;
  double z1, z2, z3, z11, z12, z13, z21, z22, z23, z31, z32, z33;
};

BodyTerms body_terms(const BodyGeometry& body, const OrbitAtEpoch& orbit) {
  const double a1 = body.cos_g * body.cos_h + body.sin_g * body.cos_i * body.sin_h;
  const double a3 = -body.sin_g * body.cos_h + body.cos_g * body.cos_i * body.sin_h;
  const double a7 = -body.cos_g * body.sin_h + body.sin_g * body.cos_i * body.cos_h;
  const double a8 = body.sin_g * body.sin_i;
  const double a9 = body.sin_g * body.sin_h + body.cos_g * body.cos_i * body.cos_h;
  const double a10 = body.cos_g * body.sin_i;
  const double a2 = orbit.cos_i * a7 + orbit.sin_i * a8;
  const double a4 = orbit.cos_i * a9 + orbit.sin_i * a10;
  const double a5 = -orbit.sin_i * a7 + orbit.cos_i * a8;
  const double a6 = -orbit.sin_i * a9 + orbit.cos_i * a10;

  const double x1 = a1 * orbit.cos_omega + a2 * orbit.sin_omega;
  const double x2 = a3 * orbit.cos_omega + a4 * orbit.sin_omega;
  const double x3 = -a1 * orbit.sin_omega + a2 * orbit.cos_omega;
  const double x4 = -a3 * orbit.sin_omega + a4 * orbit.cos_omega;
  const double x5 = a5 * orbit.sin_omega;
  const double x6 = a6 * orbit.sin_omega;
  const double x7 = a5 * orbit.cos_omega;
  const double x8 = a6 * orbit.cos_omega;

  const double emsq = orbit.emsq;
  BodyTerms t{};
  t.z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
  t.z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
  t.z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
  t.z1 = 3.0 * (a1 * a1 + a2 * a2) + t.z31 * emsq;
  t.z2 = 6.0 * (a1 * a3 + a2 * a4) + t.z32 * emsq;
  t.z3 = 3.0 * (a3 * a3 + a4 * a4) + t.z33 * emsq;
  t.z11 = -6.0 * a1 * a5 + emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
  t.z12 =
      -6.0 * (a1 * a6 + a3 * a5) + emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
  t.z13 = -6.0 * a3 * a6 + emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
  t.z21 = 6.0 * a2 * a5 + emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
  t.z22 =
      6.0 * (a4 * a5 + a2 * a6) + emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
  t.z23 = 6.0 * a4 * a6 + emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
  t.z1 = t.z1 + t.z1 + orbit.betasq * t.z31;
  t.z2 = t.z2 + t.z2 + orbit.betasq * t.z32;
  t.z3 = t.z3 + t.z3 + orbit.betasq * t.z33;
  t.s3 = body.strength * orbit.inverse_mean_motion;
  t.s2 = -0.5 * t.s3 / orbit.rtemsq;
  t.s4 = t.s3 * orbit.rtemsq;
  t.s1 = -15.0 * orbit.eccentricity * t.s4;
  t.s5 = x1 * x3 + x2 * x4;
  t.s6 = x2 * x3 + x1 * x4;
  t.s7 = x2 * x4 - x1 * x3;
  return t;
}

BodyPeriodics periodic_amplitudes(const BodyTerms& t, double emsq, double body_eccentricity,
                                  double mean_anomaly_at_epoch) {
  return {
      .e2 = 2.0 * t.s1 * t.s6,
      .e3 = 2.0 * t.s1 * t.s7,
      .i2 = 2.0 * t.s2 * t.z12,
      .i3 = 2.0 * t.s2 * (t.z13 - t.z11),
      .l2 = -2.0 * t.s3 * t.z2,
      .l3 = -2.0 * t.s3 * (t.z3 - t.z1),
      .l4 = -2.0 * t.s3 * (-21.0 - 9.0 * emsq) * body_eccentricity,
      .gh2 = 2.0 * t.s4 * t.z32,
      .gh3 = 2.0 * t.s4 * (t.z33 - t.z31),
      .gh4 = -18.0 * t.s4 * body_eccentricity,
      .h2 = -2.0 * t.s2 * t.z22,
      .h3 = -2.0 * t.s2 * (t.z23 - t.z21),
      .mean_anomaly_at_epoch = mean_anomaly_at_epoch,
  };
}

// One body's share of the secular rates of dsinit (ses, sis, sls, sghs, shs for the sun).
struct BodyRates {
  double e, i, m, gh, h;
};

BodyRates body_rates(const BodyTerms& t, double body_mean_motion, double emsq) {
  return {
      .e = t.s1 * body_mean_motion * t.s5,
      .i = t.s2 * body_mean_motion * (t.z11 + t.z13),
      .m = -body_mean_motion * t.s3 * (t.z1 + t.z3 - 14.0 - 6.0 * emsq),
      .gh = t.s4 * body_mean_motion * (t.z31 + t.z33 - 6.0),
      .h = -body_mean_motion * t.s2 * (t.z21 + t.z23),
  };
}

ResonanceTerms half_day_resonance(const EpochElements& epoch, const SecularRates& rates,
                                  const OrbitAtEpoch& orbit, double aonv, double theta, double dmdt,
                                  double dnodt) {
  constexpr double root22 = 1.7891679e-6, root32 = 3.7393792e-7, root44 = 7.3636953e-9,
                   root52 = 1.1428639e-7, root54 = 2.1765803e-9;
  const double em = epoch.eccentricity;
  const double emsq = em * em;
  const double eoc = em * emsq;
  const double cosim = orbit.cos_i, sinim = orbit.sin_i;
  const double cosisq = cosim * cosim;

  // Eccentricity functions, fitted polynomials by eccentricity range.
  const double g201 = -0.306 - (em - 0.64) * 0.440;
  double g211, g310, g322, g410, g422, g520, g521, g532, g533;
  if (em <= 0.65) {
    g211 = 3.616 - 13.2470 * em + 16.2900 * emsq;
    g310 = -19.302 + 117.3900 * em - 228.4190 * emsq + 156.5910 * eoc;
    g322 = -18.9068 + 109.7927 * em - 214.6334 * emsq + 146.5816 * eoc;
    g410 = -41.122 + 242.6940 * em - 471.0940 * emsq + 313.9530 * eoc;
    g422 = -146.407 + 841.8800 * em - 1629.014 * emsq + 1083.4350 * eoc;
    g520 = -532.114 + 3017.977 * em - 5740.032 * emsq + 3708.2760 * eoc;
  } else {
    g211 = -72.099 + 331.819 * em - 508.738 * emsq + 266.724 * eoc;
    g310 = -346.844 + 1582.851 * em - 2415.925 * emsq + 1246.113 * eoc;
    g322 = -342.585 + 1554.908 * em - 2366.899 * emsq + 1215.972 * eoc;
    g410 = -1052.797 + 4758.686 * em - 7193.992 * emsq + 3651.957 * eoc;
    g422 = -3581.690 + 16178.110 * em - 24462.770 * emsq + 12422.520 * eoc;
    g520 = em > 0.715 ? -5149.66 + 29936.92 * em - 54087.36 * emsq + 31324.56 * eoc
                      : 1464.74 - 4664.75 * em + 3763.64 * emsq;
  }
  if (em < 0.7) {
    g533 = -919.22770 + 4988.6100 * em - 9064.7700 * emsq + 5542.21 * eoc;
    g521 = -822.71072 + 4568.6173 * em - 8491.4146 * emsq + 5337.524 * eoc;
    g532 = -853.66600 + 4690.2500 * em - 8624.7700 * emsq + 5341.4 * eoc;
  } else {
    g533 = -37995.780 + 161616.52 * em - 229838.20 * emsq + 109377.94 * eoc;
    g521 = -51752.104 + 218913.95 * em - 309468.16 * emsq + 146349.42 * eoc;
    g532 = -40023.880 + 170470.89 * em - 242699.48 * emsq + 115605.82 * eoc;
  }

  // Inclination functions.
  const double sini2 = sinim * sinim;
  const double f220 = 0.75 * (1.0 + 2.0 * cosim + cosisq);
  const double f221 = 1.5 * sini2;
  const double f321 = 1.875 * sinim * (1.0 - 2.0 * cosim - 3.0 * cosisq);
  const double f322 = -1.875 * sinim * (1.0 + 2.0 * cosim - 3.0 * cosisq);
  const double f441 = 35.0 * sini2 * f220;
  const double f442 = 39.3750 * sini2 * sini2;
  const double f522 = 9.84375 * sinim *
                      (sini2 * (1.0 - 2.0 * cosim - 5.0 * cosisq) +
                       0.33333333 * (-2.0 + 4.0 * cosim + 6.0 * cosisq));
  const double f523 = sinim * (4.92187512 * sini2 * (-2.0 - 4.0 * cosim + 10.0 * cosisq) +
                               6.56250012 * (1.0 + 2.0 * cosim - 3.0 * cosisq));
  const double f542 =
      29.53125 * sinim * (2.0 - 8.0 * cosim + cosisq * (-12.0 + 8.0 * cosim + 10.0 * cosisq));
  const double f543 =
      29.53125 * sinim * (-2.0 - 8.0 * cosim + cosisq * (12.0 + 8.0 * cosim - 10.0 * cosisq));

  const double nm = epoch.mean_motion;
  ResonanceTerms r;
  r.kind = Resonance::kHalfDay;
  double temp1 = 3.0 * (nm * nm) * (aonv * aonv);
  double temp = temp1 * root22;
  r.d2201 = temp * f220 * g201;
  r.d2211 = temp * f221 * g211;
  temp1 = temp1 * aonv;
  temp = temp1 * root32;
  r.d3210 = temp * f321 * g310;
  r.d3222 = temp * f322 * g322;
  temp1 = temp1 * aonv;
  temp = 2.0 * temp1 * root44;
  r.d4410 = temp * f441 * g410;
  r.d4422 = temp * f442 * g422;
  temp1 = temp1 * aonv;
  temp = temp1 * root52;
  r.d5220 = temp * f522 * g520;
  r.d5232 = temp * f523 * g532;
  temp = 2.0 * temp1 * root54;
  r.d5421 = temp * f542 * g521;
  r.d5433 = temp * f543 * g533;
  r.xlamo = std::fmod(epoch.mean_anomaly + epoch.raan + epoch.raan - theta - theta, kTwoPi);
  r.xfact = rates.mean_anomaly + dmdt + 2.0 * (rates.raan + dnodt - kEarthRotation) - nm;
  return r;
}

ResonanceTerms one_day_resonance(const EpochElements& epoch, const SecularRates& rates,
                                 const OrbitAtEpoch& orbit, double aonv, double theta, double dmdt,
                                 double domdt, double dnodt) {
  constexpr double q22 = 1.7891679e-6, q31 = 2.1460748e-6, q33 = 2.2123015e-7;
  const double emsq = orbit.emsq;
  const double cosim = orbit.cos_i, sinim = orbit.sin_i;
  const double g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
  const double g310 = 1.0 + 2.0 * emsq;
  const double g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
  const double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
  const double f311 = 0.9375 * sinim * sinim * (1.0 + 3.0 * cosim) - 0.75 * (1.0 + cosim);
  double f330 = 1.0 + cosim;
  f330 = 1.875 * f330 * f330 * f330;

  const double nm = epoch.mean_motion;
  ResonanceTerms r;
  r.kind = Resonance::kOneDay;
  const double del1 = 3.0 * nm * nm * aonv * aonv;
  r.del2 = 2.0 * del1 * f220 * g200 * q22;
  r.del3 = 3.0 * del1 * f330 * g300 * q33 * aonv;
  r.del1 = del1 * f311 * g310 * q31 * aonv;
  r.xlamo = std::fmod(epoch.mean_anomaly + epoch.raan + epoch.argument_of_perigee - theta, kTwoPi);
  const double perigee_rate = rates.argument_of_perigee + rates.raan;  // xpidot
  r.xfact = rates.mean_anomaly + perigee_rate - kEarthRotation + dmdt + domdt + dnodt - nm;
  return r;
}

// Time derivatives of the resonant angle xli and mean motion xni, and the second derivative.
struct ResonanceRates {
  double xndt, xldot, xnddt;
};

ResonanceRates resonance_rates(const ResonanceTerms& r, const EpochElements& epoch,
                               const SecularRates& rates, double atime, double xli, double xni) {
  ResonanceRates out{};
  if (r.kind == Resonance::kOneDay) {
    constexpr double fasx2 = 0.13130908, fasx4 = 2.8843198, fasx6 = 0.37448087;
    out.xndt = r.del1 * std::sin(xli - fasx2) + r.del2 * std::sin(2.0 * (xli - fasx4)) +
               r.del3 * std::sin(3.0 * (xli - fasx6));
    out.xldot = xni + r.xfact;
    out.xnddt = r.del1 * std::cos(xli - fasx2) + 2.0 * r.del2 * std::cos(2.0 * (xli - fasx4)) +
                3.0 * r.del3 * std::cos(3.0 * (xli - fasx6));
  } else {
    constexpr double g22 = 5.7686396, g32 = 0.95240898, g44 = 1.8014998, g52 = 1.0508330,
                     g54 = 4.4108898;
    const double xomi = epoch.argument_of_perigee + rates.argument_of_perigee * atime;
    const double x2omi = xomi + xomi;
    const double x2li = xli + xli;
    out.xndt = r.d2201 * std::sin(x2omi + xli - g22) + r.d2211 * std::sin(xli - g22) +
               r.d3210 * std::sin(xomi + xli - g32) + r.d3222 * std::sin(-xomi + xli - g32) +
               r.d4410 * std::sin(x2omi + x2li - g44) + r.d4422 * std::sin(x2li - g44) +
               r.d5220 * std::sin(xomi + xli - g52) + r.d5232 * std::sin(-xomi + xli - g52) +
               r.d5421 * std::sin(xomi + x2li - g54) + r.d5433 * std::sin(-xomi + x2li - g54);
    out.xldot = xni + r.xfact;
    out.xnddt =
        r.d2201 * std::cos(x2omi + xli - g22) + r.d2211 * std::cos(xli - g22) +
        r.d3210 * std::cos(xomi + xli - g32) + r.d3222 * std::cos(-xomi + xli - g32) +
        r.d5220 * std::cos(xomi + xli - g52) + r.d5232 * std::cos(-xomi + xli - g52) +
        2.0 * (r.d4410 * std::cos(x2omi + x2li - g44) + r.d4422 * std::cos(x2li - g44) +
               r.d5421 * std::cos(xomi + x2li - g54) + r.d5433 * std::cos(-xomi + x2li - g54));
  }
  out.xnddt = out.xnddt * out.xldot;
  return out;
}

// One body's periodic offsets at `minutes` (dpper's ses/sis/sls/sghs/shs for the sun).
struct PeriodicOffsets {
  double e, i, l, gh, h;
};

PeriodicOffsets periodic_offsets(const BodyPeriodics& p, double body_mean_motion,
                                 double body_eccentricity, double minutes) {
  const double zm = p.mean_anomaly_at_epoch + body_mean_motion * minutes;
  const double zf = zm + 2.0 * body_eccentricity * std::sin(zm);
  const double sinzf = std::sin(zf);
  const double f2 = 0.5 * sinzf * sinzf - 0.25;
  const double f3 = -0.5 * sinzf * std::cos(zf);
  return {
      .e = p.e2 * f2 + p.e3 * f3,
      .i = p.i2 * f2 + p.i3 * f3,
      .l = p.l2 * f2 + p.l3 * f3 + p.l4 * sinzf,
      .gh = p.gh2 * f2 + p.gh3 * f3 + p.gh4 * sinzf,
      .h = p.h2 * f2 + p.h3 * f3,
  };
}

}  // namespace

DeepSpaceTerms init_deep_space(const EpochElements& epoch, const SecularRates& rates,
                               double epoch_days_1950, double gsto, const GravityModel& gravity) {
  // dscom: orientation of the sun's and the moon's orbits at epoch.
  OrbitAtEpoch orbit{};
  orbit.eccentricity = epoch.eccentricity;
  orbit.emsq = epoch.eccentricity * epoch.eccentricity;
  orbit.betasq = 1.0 - orbit.emsq;
  orbit.rtemsq = std::sqrt(orbit.betasq);
  orbit.sin_i = std::sin(epoch.inclination);
  orbit.cos_i = std::cos(epoch.inclination);
  orbit.sin_omega = std::sin(epoch.argument_of_perigee);
  orbit.cos_omega = std::cos(epoch.argument_of_perigee);
  orbit.inverse_mean_motion = 1.0 / epoch.mean_motion;
  const double snodm = std::sin(epoch.raan);
  const double cnodm = std::cos(epoch.raan);

  const double day = epoch_days_1950 + 18261.5;  // days since 1900 January 0.5
  const double xnodce = std::fmod(4.5236020 - 9.2422029e-4 * day, kTwoPi);  // lunar node
  const double stem = std::sin(xnodce);
  const double ctem = std::cos(xnodce);
  const double zcosil = 0.91375164 - 0.03568096 * ctem;
  const double zsinil = std::sqrt(1.0 - zcosil * zcosil);
  const double zsinhl = 0.089683511 * stem / zsinil;
  const double zcoshl = std::sqrt(1.0 - zsinhl * zsinhl);
  const double gam = 5.8351514 + 0.0019443680 * day;
  double zx = 0.39785416 * stem / zsinil;
  const double zy = zcoshl * ctem + 0.91744867 * zsinhl * stem;
  zx = gam + std::atan2(zx, zy) - xnodce;

  const BodyGeometry sun{.cos_g = 0.1945905,
                         .sin_g = -0.98088458,
                         .cos_i = 0.91744867,
                         .sin_i = 0.39785416,
                         .cos_h = cnodm,
                         .sin_h = snodm,
                         .strength = 2.9864797e-6};
  const BodyGeometry moon{.cos_g = std::cos(zx),
                          .sin_g = std::sin(zx),
                          .cos_i = zcosil,
                          .sin_i = zsinil,
                          .cos_h = zcoshl * cnodm + zsinhl * snodm,
                          .sin_h = snodm * zcoshl - cnodm * zsinhl,
                          .strength = 4.7968065e-7};
  const BodyTerms sun_terms = body_terms(sun, orbit);
  const BodyTerms moon_terms = body_terms(moon, orbit);

  DeepSpaceTerms terms{};
  terms.gsto = gsto;
  terms.sun = periodic_amplitudes(sun_terms, orbit.emsq, kSunEccentricity,
                                  std::fmod(6.2565837 + 0.017201977 * day, kTwoPi));
  terms.moon = periodic_amplitudes(moon_terms, orbit.emsq, kMoonEccentricity,
                                   std::fmod(4.7199672 + 0.22997150 * day - gam, kTwoPi));

  // dsinit: lunar-solar secular rates. The node rates vanish near 0 and 180 deg of inclination,
  // where the node is undefined.
  const BodyRates solar = body_rates(sun_terms, kSunMeanMotion, orbit.emsq);
  const BodyRates lunar = body_rates(moon_terms, kMoonMeanMotion, orbit.emsq);
  const bool equatorial =
      epoch.inclination < 5.2359877e-2 || epoch.inclination > kPi - 5.2359877e-2;
  double shs = equatorial ? 0.0 : solar.h;
  const double shll = equatorial ? 0.0 : lunar.h;
  if (orbit.sin_i != 0.0) shs = shs / orbit.sin_i;
  terms.dedt = solar.e + lunar.e;
  terms.didt = solar.i + lunar.i;
  terms.dmdt = solar.m + lunar.m;
  terms.domdt = solar.gh - orbit.cos_i * shs + lunar.gh;
  terms.dnodt = shs;
  if (orbit.sin_i != 0.0) {
    terms.domdt = terms.domdt - orbit.cos_i / orbit.sin_i * shll;
    terms.dnodt = terms.dnodt + shll / orbit.sin_i;
  }

  // Resonances: one-day (period ~24 h) and half-day with high eccentricity (Molniya).
  const double nm = epoch.mean_motion;
  const bool one_day = nm < 0.0052359877 && nm > 0.0034906585;
  const bool half_day = nm >= 8.26e-3 && nm <= 9.24e-3 && epoch.eccentricity >= 0.5;
  if (one_day || half_day) {
    const double aonv = std::pow(nm / gravity.xke, 2.0 / 3.0);
    const double theta = std::fmod(gsto, kTwoPi);
    terms.resonance =
        half_day ? half_day_resonance(epoch, rates, orbit, aonv, theta, terms.dmdt, terms.dnodt)
                 : one_day_resonance(epoch, rates, orbit, aonv, theta, terms.dmdt, terms.domdt,
                                     terms.dnodt);
  }
  return terms;
}

void apply_deep_space_secular(const DeepSpaceTerms& terms, const EpochElements& epoch,
                              const SecularRates& rates, double minutes, MeanState& state) {
  const double t = minutes;
  state.eccentricity = state.eccentricity + terms.dedt * t;
  state.inclination = state.inclination + terms.didt * t;
  state.argument_of_perigee = state.argument_of_perigee + terms.domdt * t;
  state.raan = state.raan + terms.dnodt * t;
  state.mean_anomaly = state.mean_anomaly + terms.dmdt * t;

  const ResonanceTerms& r = terms.resonance;
  if (r.kind == Resonance::kNone) return;

  // Euler-Maclaurin integration of the resonant angle and mean motion in 720 min steps from epoch.
  constexpr double step = 720.0;
  constexpr double half_step_squared = step * step / 2.0;  // step2 = 259200
  const double delt = t > 0.0 ? step : -step;
  double atime = 0.0;
  double xli = r.xlamo;
  double xni = epoch.mean_motion;
  ResonanceRates rate = resonance_rates(r, epoch, rates, atime, xli, xni);
  while (std::fabs(t - atime) >= step) {
    xli = xli + rate.xldot * delt + rate.xndt * half_step_squared;
    xni = xni + rate.xndt * delt + rate.xnddt * half_step_squared;
    atime = atime + delt;
    rate = resonance_rates(r, epoch, rates, atime, xli, xni);
  }
  const double ft = t - atime;
  const double nm = xni + rate.xndt * ft + rate.xnddt * ft * ft * 0.5;
  const double xl = xli + rate.xldot * ft + rate.xndt * ft * ft * 0.5;
  const double theta = std::fmod(terms.gsto + t * kEarthRotation, kTwoPi);
  state.mean_anomaly = r.kind == Resonance::kOneDay
                           ? xl - state.raan - state.argument_of_perigee + theta
                           : xl - 2.0 * state.raan + 2.0 * theta;
  state.mean_motion = epoch.mean_motion + (nm - epoch.mean_motion);
}

void apply_lunar_solar_periodics(const DeepSpaceTerms& terms, double minutes,
                                 PeriodicState& state) {
  const PeriodicOffsets sun =
      periodic_offsets(terms.sun, kSunMeanMotion, kSunEccentricity, minutes);
  const PeriodicOffsets moon =
      periodic_offsets(terms.moon, kMoonMeanMotion, kMoonEccentricity, minutes);
  const double pe = sun.e + moon.e;
  const double pinc = sun.i + moon.i;
  const double pl = sun.l + moon.l;
  double pgh = sun.gh + moon.gh;
  double ph = sun.h + moon.h;

  state.inclination = state.inclination + pinc;
  state.eccentricity = state.eccentricity + pe;
  const double sinip = std::sin(state.inclination);
  const double cosip = std::cos(state.inclination);

  // Lyddane's modification below 0.2 rad (11.46 deg) of perturbed inclination (the GSFC choice),
  // where dividing by sin(i) would blow up: apply the offsets to the node vector instead.
  if (state.inclination >= 0.2) {
    ph = ph / sinip;
    pgh = pgh - cosip * ph;
    state.argument_of_perigee = state.argument_of_perigee + pgh;
    state.raan = state.raan + ph;
    state.mean_anomaly = state.mean_anomaly + pl;
    return;
  }
  const double sinop = std::sin(state.raan);
  const double cosop = std::cos(state.raan);
  const double alfdp = sinip * sinop + (ph * cosop + pinc * cosip * sinop);
  const double betdp = sinip * cosop + (-ph * sinop + pinc * cosip * cosop);
  const double nodep = std::fmod(state.raan, kTwoPi);
  double xls = state.mean_anomaly + state.argument_of_perigee + cosip * nodep;
  const double dls = pl + pgh - pinc * nodep * sinip;
  xls = xls + dls;
  double new_node = std::atan2(alfdp, betdp);
  // Keep the node on the same revolution as before (atan2 returns -pi..pi).
  if (std::fabs(nodep - new_node) > kPi)
    new_node = new_node < nodep ? new_node + kTwoPi : new_node - kTwoPi;
  state.raan = new_node;
  state.mean_anomaly = state.mean_anomaly + pl;
  state.argument_of_perigee = xls - state.mean_anomaly - cosip * new_node;
}

}  // namespace umbra::orbit::sgp4_detail
