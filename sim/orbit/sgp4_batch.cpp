// The near-Earth SGP4 step of sgp4.cpp over blocks of satellites (see sgp4_batch.hpp for what
// differs from it). Each stage is a loop over the lanes of a block with no call and no branch,
// which is what lets the compiler vectorise it; check with -fopt-info-vec-optimized.
#include "sim/orbit/sgp4_batch.hpp"

#include <algorithm>
#include <cmath>

#include "sim/orbit/lane_math.hpp"

namespace umbra::orbit {
namespace {

using lane_math::rotate;
using lane_math::sin_cos;
using lane_math::small_angle_sin_cos;

constexpr int kMaxKeplerIterations = 10;
constexpr double kKeplerTolerance = 1.0e-12;
constexpr double kMaxKeplerStep = 0.95;
constexpr double kSmallAngle = 1.0e-2;  // where small_angle_sin_cos is as accurate as libm

}  // namespace

Sgp4Batch::Sgp4Batch(std::span<const ElementSet> element_sets) : count_(element_sets.size()) {
  epochs_.reserve(count_);
  std::size_t slot = 0;
  for (std::size_t i = 0; i < count_; ++i) {
    const Sgp4Propagator reference(element_sets[i]);
    epochs_.push_back(element_sets[i].epoch);
    if (reference.is_deep_space()) {
      deep_space_.push_back({i, reference});
      continue;
    }
    const std::size_t b = slot / kLanes, l = slot % kLanes;
    if (l == 0) {
      blocks_.emplace_back();
      lanes_in_block_.push_back(0);
    }
    ++lanes_in_block_[b];
    ++slot;
    lane_satellite_.push_back(i);
    lane_elements_.push_back(element_sets[i]);

    Block& block = blocks_[b];
    const auto& epoch = reference.epoch_;
    const auto& rates = reference.rates_;
    const auto& drag = reference.drag_;
    const auto& incl = reference.inclination_;
    block.mean_anomaly[l] = epoch.mean_anomaly;
    block.argument_of_perigee[l] = epoch.argument_of_perigee;
    block.raan[l] = epoch.raan;
    block.eccentricity[l] = epoch.eccentricity;
    block.inclination[l] = epoch.inclination;
    block.mean_motion[l] = epoch.mean_motion;
    block.bstar[l] = epoch.bstar;
    block.mean_anomaly_rate[l] = rates.mean_anomaly;
    block.argument_of_perigee_rate[l] = rates.argument_of_perigee;
    block.raan_rate[l] = rates.raan;
    block.raan_drag[l] = rates.raan_drag;
    block.cc1[l] = drag.cc1;
    block.cc4[l] = drag.cc4;
    block.t2cof[l] = drag.t2cof;
    // The simplified series is the full one with its higher terms at zero: every term they
    // multiply then adds an exact zero.
    const bool full = !drag.simplified;
    block.cc5[l] = full ? drag.cc5 : 0.0;
    block.omgcof[l] = full ? drag.omgcof : 0.0;
    block.xmcof[l] = full ? drag.xmcof : 0.0;
    block.eta[l] = drag.eta;
    block.delmo[l] = drag.delmo;
    block.sinmao[l] = drag.sinmao;
    block.d2[l] = drag.d2;
    block.d3[l] = drag.d3;
    block.d4[l] = drag.d4;
    block.t3cof[l] = drag.t3cof;
    block.t4cof[l] = drag.t4cof;
    block.t5cof[l] = drag.t5cof;
    const double cube_root = std::cbrt(reference.gravity_.xke / epoch.mean_motion);
    block.semi_major_axis_at_epoch[l] = cube_root * cube_root;
    block.sin_i[l] = incl.sin_i;
    block.cos_i[l] = incl.cos_i;
    block.con41[l] = incl.con41;
    block.x1mth2[l] = incl.x1mth2;
    block.x7thm1[l] = incl.x7thm1;
    block.aycof[l] = incl.aycof;
    block.xlcof[l] = incl.xlcof;
  }
  // Padding lanes repeat the block's first satellite: valid arithmetic, results not written.
  if (!blocks_.empty()) {
    Block& last = blocks_.back();
    const std::size_t used = lanes_in_block_.back();
    for (Lanes* field : {&last.mean_anomaly,
                         &last.argument_of_perigee,
                         &last.raan,
                         &last.eccentricity,
                         &last.inclination,
                         &last.mean_motion,
                         &last.bstar,
                         &last.mean_anomaly_rate,
                         &last.argument_of_perigee_rate,
                         &last.raan_rate,
                         &last.raan_drag,
                         &last.cc1,
                         &last.cc4,
                         &last.cc5,
                         &last.d2,
                         &last.d3,
                         &last.d4,
                         &last.t2cof,
                         &last.t3cof,
                         &last.t4cof,
                         &last.t5cof,
                         &last.omgcof,
                         &last.xmcof,
                         &last.eta,
                         &last.delmo,
                         &last.sinmao,
                         &last.semi_major_axis_at_epoch,
                         &last.sin_i,
                         &last.cos_i,
                         &last.con41,
                         &last.x1mth2,
                         &last.x7thm1,
                         &last.aycof,
                         &last.xlcof}) {
      std::fill(field->begin() + static_cast<std::ptrdiff_t>(used), field->end(), (*field)[0]);
    }
  }
}

// Compiled twice, for the x86-64 baseline and for AVX2, the loader picking the one the machine
// runs (an ifunc): portable binaries, four lanes at a time where the hardware has them.
[[gnu::target_clones("avx2", "default")]] std::size_t Sgp4Batch::propagate_block(
    std::size_t b, const Lanes& minutes, std::span<StateVector> states) const {
  const Block& k = blocks_[b];
  const sgp4_detail::GravityModel& g = sgp4_detail::wgs72();
  const double xke = g.xke, j2 = g.j2;

  // Secular gravity and drag, long-period J3 terms: up to Kepler's equation.
  Lanes am{}, nm{}, em_mean{}, axnl{}, aynl{}, u{}, node{};
  for (std::size_t l = 0; l < kLanes; ++l) {
    const double t = minutes[l];
    const double xmdf = k.mean_anomaly[l] + k.mean_anomaly_rate[l] * t;
    const double argpdf = k.argument_of_perigee[l] + k.argument_of_perigee_rate[l] * t;
    const double nodedf = k.raan[l] + k.raan_rate[l] * t;
    const double t2 = t * t;
    const double t3 = t2 * t;
    const double t4 = t3 * t;
    double sin_xmdf = 0, cos_xmdf = 0;
    sin_cos(xmdf, sin_xmdf, cos_xmdf);
    const double delomg = k.omgcof[l] * t;
    const double delmtemp = 1.0 + k.eta[l] * cos_xmdf;
    const double delm = k.xmcof[l] * (delmtemp * delmtemp * delmtemp - k.delmo[l]);
    const double temp = delomg + delm;
    const double mean_anomaly = xmdf + temp;
    const double argp = argpdf - temp;
    double sin_mean_anomaly = 0, cos_mean_anomaly = 0;
    sin_cos(mean_anomaly, sin_mean_anomaly, cos_mean_anomaly);
    const double tempa = 1.0 - k.cc1[l] * t - k.d2[l] * t2 - k.d3[l] * t3 - k.d4[l] * t4;
    const double tempe =
        k.bstar[l] * k.cc4[l] * t + k.bstar[l] * k.cc5[l] * (sin_mean_anomaly - k.sinmao[l]);
    const double templ = k.t2cof[l] * t2 + k.t3cof[l] * t3 + t4 * (k.t4cof[l] + t * k.t5cof[l]);

    am[l] = k.semi_major_axis_at_epoch[l] * tempa * tempa;
    nm[l] = xke / (am[l] * std::sqrt(am[l]));
    em_mean[l] = k.eccentricity[l] - tempe;
    const double em = em_mean[l] > 1.0e-6 ? em_mean[l] : 1.0e-6;
    const double mm = mean_anomaly + k.mean_motion[l] * templ;
    node[l] = nodedf + k.raan_drag[l] * t2;

    double sin_argp = 0, cos_argp = 0;
    sin_cos(argp, sin_argp, cos_argp);
    axnl[l] = em * cos_argp;
    const double inverse = 1.0 / (am[l] * (1.0 - em * em));
    aynl[l] = em * sin_argp + inverse * k.aycof[l];
    const double xl = mm + argp + node[l] + inverse * k.xlcof[l] * axnl[l];
    u[l] = xl - node[l];
  }

  // Kepler's equation for the eccentric longitude, Newton-Raphson, until every lane's step is
  // below the tolerance (at most 10 steps). A lane that converged first keeps stepping with the
  // others, by steps below the tolerance, which is what keeps the loop free of branches. The sine
  // and cosine kept are those the last step started from, as in sgp4.cpp. Once every step of the
  // block is small, the next sine and cosine come from rotating the last ones (sgp4.cpp does the
  // same lane by lane).
  Lanes eo1 = u, sine{}, cosine{}, step{};
  for (std::size_t l = 0; l < kLanes; ++l) sin_cos(eo1[l], sine[l], cosine[l]);
  for (int iteration = 1; iteration <= kMaxKeplerIterations; ++iteration) {
    for (std::size_t l = 0; l < kLanes; ++l) {
      const double s = sine[l], c = cosine[l];
      const double denominator = 1.0 - c * axnl[l] - s * aynl[l];
      const double newton = (u[l] - aynl[l] * c + axnl[l] * s - eo1[l]) / denominator;
      step[l] = newton > kMaxKeplerStep    ? kMaxKeplerStep
                : newton < -kMaxKeplerStep ? -kMaxKeplerStep
                                           : newton;
      eo1[l] += step[l];
    }
    // Outside the loop above: a reduction there would keep it from vectorising.
    const double largest_step = std::fabs(*std::max_element(
        step.begin(), step.end(), [](double a, double b) { return std::fabs(a) < std::fabs(b); }));
    if (!(largest_step >= kKeplerTolerance) || iteration == kMaxKeplerIterations) break;
    if (largest_step < kSmallAngle) {
      for (std::size_t l = 0; l < kLanes; ++l) {
        double sin_step = 0, cos_step = 0;
        small_angle_sin_cos(step[l], sin_step, cos_step);
        rotate(sin_step, cos_step, sine[l], cosine[l]);
      }
    } else {
      for (std::size_t l = 0; l < kLanes; ++l) sin_cos(eo1[l], sine[l], cosine[l]);
    }
  }

  // Short-period J2 terms, orientation and state.
  const double metres_per_radius = g.radius_km * 1000.0;
  const double metres_per_second = g.radius_km * xke / 60.0 * 1000.0;
  Lanes pl{}, mrt{}, rx{}, ry{}, rz{}, vx{}, vy{}, vz{};
  for (std::size_t l = 0; l < kLanes; ++l) {
    const double ecose = axnl[l] * cosine[l] + aynl[l] * sine[l];
    const double esine = axnl[l] * sine[l] - aynl[l] * cosine[l];
    const double el2 = axnl[l] * axnl[l] + aynl[l] * aynl[l];
    pl[l] = am[l] * (1.0 - el2);
    const double rl = am[l] * (1.0 - ecose);
    const double rdotl = std::sqrt(am[l]) * esine / rl;
    const double rvdotl = std::sqrt(pl[l]) / rl;
    const double betal = std::sqrt(1.0 - el2);
    double temp = esine / (1.0 + betal);
    const double sinu = am[l] / rl * (sine[l] - aynl[l] - axnl[l] * temp);
    const double cosu = am[l] / rl * (cosine[l] - axnl[l] + aynl[l] * temp);
    const double sin2u = (cosu + cosu) * sinu;
    const double cos2u = 1.0 - 2.0 * sinu * sinu;
    temp = 1.0 / pl[l];
    const double temp1 = 0.5 * j2 * temp;
    const double temp2 = temp1 * temp;
    mrt[l] = rl * (1.0 - 1.5 * temp2 * betal * k.con41[l]) + 0.5 * temp1 * k.x1mth2[l] * cos2u;
    const double su_correction = -0.25 * temp2 * k.x7thm1[l] * sin2u;
    const double xnode = node[l] + 1.5 * temp2 * k.cos_i[l] * sin2u;
    const double inclination_correction = 1.5 * temp2 * k.cos_i[l] * k.sin_i[l] * cos2u;
    const double mvt = rdotl - nm[l] * temp1 * k.x1mth2[l] * sin2u / xke;
    const double rvdot = rvdotl + nm[l] * temp1 * (k.x1mth2[l] * cos2u + 1.5 * k.con41[l]) / xke;

    // sin and cos of su = atan2(sinu, cosu) + su_correction and of the inclination plus
    // its correction, by rotating unit vectors: both corrections are below 1.5 J2 / (2 p^2) < 1e-3
    // rad for an orbit above the ground (p > 1 Earth radius).
    const double inverse_length = 1.0 / std::sqrt(sinu * sinu + cosu * cosu);
    double sinsu = sinu * inverse_length, cossu = cosu * inverse_length;
    double sin_correction = 0, cos_correction = 0;
    small_angle_sin_cos(su_correction, sin_correction, cos_correction);
    rotate(sin_correction, cos_correction, sinsu, cossu);
    double sini = k.sin_i[l], cosi = k.cos_i[l];
    small_angle_sin_cos(inclination_correction, sin_correction, cos_correction);
    rotate(sin_correction, cos_correction, sini, cosi);
    double snod = 0, cnod = 0;
    sin_cos(xnode, snod, cnod);
    const double xmx = -snod * cosi;
    const double xmy = cnod * cosi;
    const double ux = xmx * sinsu + cnod * cossu, uy = xmy * sinsu + snod * cossu,
                 uz = sini * sinsu;
    const double wx = xmx * cossu - cnod * sinsu, wy = xmy * cossu - snod * sinsu,
                 wz = sini * cossu;
    const double radius_m = mrt[l] * metres_per_radius;
    rx[l] = radius_m * ux;
    ry[l] = radius_m * uy;
    rz[l] = radius_m * uz;
    vx[l] = metres_per_second * (mvt * ux + rvdot * wx);
    vy[l] = metres_per_second * (mvt * uy + rvdot * wy);
    vz[l] = metres_per_second * (mvt * uz + rvdot * wz);
  }

  std::size_t first_failed = kLanes;
  for (std::size_t l = 0; l < lanes_in_block_[b]; ++l) {
    const bool failed = em_mean[l] >= 1.0 || em_mean[l] < -0.001 || pl[l] < 0.0 || mrt[l] < 1.0;
    if (failed && first_failed == kLanes) first_failed = l;
    states[lane_satellite_[b * kLanes + l]] = {{rx[l], ry[l], rz[l]}, {vx[l], vy[l], vz[l]}};
  }
  return first_failed;
}

void Sgp4Batch::propagate_minutes(double minutes, std::span<StateVector> states) const {
  propagate_all([minutes](std::size_t) { return minutes; }, states);
}

void Sgp4Batch::states_at(const JulianDate& scenario_epoch, double seconds,
                          std::span<StateVector> states) const {
  // As Sgp4Propagator::state_at forms it, so that both see the same time since epoch.
  propagate_all(
      [&](std::size_t satellite) {
        return (scenario_epoch.seconds_since(epochs_[satellite]) + seconds) / 60.0;
      },
      states);
}

template <typename MinutesOf>
void Sgp4Batch::propagate_all(MinutesOf minutes_of, std::span<StateVector> states) const {
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    Lanes minutes{};
    for (std::size_t l = 0; l < kLanes; ++l) {
      const std::size_t slot = b * kLanes + std::min(l, lanes_in_block_[b] - 1);
      minutes[l] = minutes_of(lane_satellite_[slot]);
    }
    const std::size_t failed = propagate_block(b, minutes, states);
    // The reference throws the error, with its code and message.
    if (failed != kLanes) {
      Sgp4Propagator(lane_elements_[b * kLanes + failed]).propagate_minutes(minutes[failed]);
    }
  }
  for (const DeepSpaceSatellite& satellite : deep_space_) {
    states[satellite.index] = satellite.propagator.propagate_minutes(minutes_of(satellite.index));
  }
}

}  // namespace umbra::orbit
