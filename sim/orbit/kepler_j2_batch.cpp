// The state of kepler_j2.cpp (KeplerJ2Propagator::state_after) over blocks of satellites; see
// kepler_j2_batch.hpp for what differs from it. Each stage is a loop over a block's lanes with no
// call and no branch; check with -fopt-info-vec-optimized.
#include "sim/orbit/kepler_j2_batch.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "sim/orbit/lane_math.hpp"

namespace umbra::orbit {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr int kMaxNewtonSteps = 50;  // as eccentric_anomaly

}  // namespace

KeplerJ2Batch::KeplerJ2Batch(std::span<const KeplerJ2Propagator* const> satellites)
    : count_(satellites.size()) {
  blocks_.resize((count_ + kLanes - 1) / kLanes);
  for (std::size_t slot = 0; slot < blocks_.size() * kLanes; ++slot) {
    // Padding lanes repeat the last satellite: valid arithmetic, results not written.
    const KeplerJ2Propagator& satellite = *satellites[std::min(slot, count_ - 1)];
    const KeplerElements& e = satellite.elements();
    const J2SecularRates& rates = satellite.rates();
    Block& block = blocks_[slot / kLanes];
    const std::size_t l = slot % kLanes;
    block.semi_major_axis[l] = e.semi_major_axis;
    block.eccentricity[l] = e.eccentricity;
    block.eta[l] = std::sqrt(1.0 - e.eccentricity * e.eccentricity);
    block.sin_i[l] = std::sin(e.inclination);
    block.cos_i[l] = std::cos(e.inclination);
    block.raan[l] = e.raan;
    block.argument_of_perigee[l] = e.argument_of_perigee;
    block.mean_anomaly[l] = e.mean_anomaly;
    block.raan_rate[l] = rates.raan;
    block.argument_of_perigee_rate[l] = rates.argument_of_perigee;
    block.mean_anomaly_rate[l] = rates.mean_anomaly;
    block.epoch_whole[l] = e.epoch.whole;
    block.epoch_fraction[l] = e.epoch.fraction;
  }
}

// Compiled for the x86-64 baseline and for AVX2, as Sgp4Batch::propagate_block is.
[[gnu::target_clones("avx2", "default")]] void KeplerJ2Batch::propagate_block(
    const Block& k, const Lanes& dt, std::span<StateVector> states, std::size_t first) const {
  // Kepler's equation from a start that converges for every e < 1 (eccentric_anomaly).
  Lanes mean_anomaly{}, reduced{}, big_e{}, step{};
  for (std::size_t l = 0; l < kLanes; ++l) {
    mean_anomaly[l] = k.mean_anomaly[l] + k.mean_anomaly_rate[l] * dt[l];
    reduced[l] = mean_anomaly[l] - kTwoPi * lane_math::round_to_integer(mean_anomaly[l] / kTwoPi);
    const double far_start = reduced[l] < 0 ? -std::numbers::pi : std::numbers::pi;
    big_e[l] = k.eccentricity[l] < 0.8 ? reduced[l] : far_start;
  }
  for (int iteration = 0; iteration < kMaxNewtonSteps; ++iteration) {
    for (std::size_t l = 0; l < kLanes; ++l) {
      double s = 0, c = 0;
      lane_math::sin_cos(big_e[l], s, c);
      step[l] = (big_e[l] - k.eccentricity[l] * s - reduced[l]) / (1.0 - k.eccentricity[l] * c);
      big_e[l] -= step[l];
    }
    bool converged = true;
    for (std::size_t l = 0; l < kLanes; ++l) {
      converged = converged && std::abs(step[l]) <= 4.0 * std::numeric_limits<double>::epsilon() *
                                                        (1.0 + std::abs(big_e[l]));
    }
    if (converged) break;
  }

  Lanes rx{}, ry{}, rz{}, vx{}, vy{}, vz{};
  for (std::size_t l = 0; l < kLanes; ++l) {
    const double a = k.semi_major_axis[l], e = k.eccentricity[l], eta = k.eta[l];
    const double raan = k.raan[l] + k.raan_rate[l] * dt[l];
    const double argp = k.argument_of_perigee[l] + k.argument_of_perigee_rate[l] * dt[l];
    double sin_e = 0, cos_e = 0, sin_o = 0, cos_o = 0, sin_w = 0, cos_w = 0;
    lane_math::sin_cos(big_e[l] + (mean_anomaly[l] - reduced[l]), sin_e, cos_e);
    lane_math::sin_cos(raan, sin_o, cos_o);
    lane_math::sin_cos(argp, sin_w, cos_w);
    // Perifocal position and its derivative; dE/dt = Mdot / (1 - e cos E); the perigee drift
    // turns the ellipse in its plane, the nodal drift turns the orbit about the z axis.
    const double px = a * (cos_e - e), py = a * eta * sin_e;
    const double e_rate = k.mean_anomaly_rate[l] / (1.0 - e * cos_e);
    const double pvx = -a * sin_e * e_rate - k.argument_of_perigee_rate[l] * py;
    const double pvy = a * eta * cos_e * e_rate + k.argument_of_perigee_rate[l] * px;
    const double cos_i = k.cos_i[l], sin_i = k.sin_i[l];
    const double p_x = cos_o * cos_w - sin_o * sin_w * cos_i;
    const double p_y = sin_o * cos_w + cos_o * sin_w * cos_i;
    const double p_z = sin_w * sin_i;
    const double q_x = -cos_o * sin_w - sin_o * cos_w * cos_i;
    const double q_y = -sin_o * sin_w + cos_o * cos_w * cos_i;
    const double q_z = cos_w * sin_i;
    rx[l] = px * p_x + py * q_x;
    ry[l] = px * p_y + py * q_y;
    rz[l] = px * p_z + py * q_z;
    vx[l] = pvx * p_x + pvy * q_x - k.raan_rate[l] * ry[l];
    vy[l] = pvx * p_y + pvy * q_y + k.raan_rate[l] * rx[l];
    vz[l] = pvx * p_z + pvy * q_z;
  }
  const std::size_t used = std::min(kLanes, count_ - first);
  for (std::size_t l = 0; l < used; ++l) {
    states[first + l] = {{rx[l], ry[l], rz[l]}, {vx[l], vy[l], vz[l]}};
  }
}

void KeplerJ2Batch::states_at(const JulianDate& scenario_epoch, double seconds,
                              std::span<StateVector> states) const {
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const Block& block = blocks_[b];
    Lanes dt{};
    // JulianDate::seconds_since, lane by lane, as KeplerJ2Propagator::state_at forms it.
    for (std::size_t l = 0; l < kLanes; ++l) {
      dt[l] = ((scenario_epoch.whole - block.epoch_whole[l]) +
               (scenario_epoch.fraction - block.epoch_fraction[l])) *
                  kSecondsPerDay +
              seconds;
    }
    propagate_block(block, dt, states, b * kLanes);
  }
}

}  // namespace umbra::orbit
