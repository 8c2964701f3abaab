#pragma once
// Kepler + J2 (kepler_j2.hpp) for many satellites at once, laid out and vectorised as Sgp4Batch
// is (sgp4_batch.hpp): blocks of kLanes satellites, each stage a loop over the lanes with no call
// and no branch, sin and cos from lane_math.hpp.
//
// Against KeplerJ2Propagator, the reference: the same formulas, with lane_math's sin and cos
// (within 2 ulp of libm) and Kepler's equation solved by Newton's method until every lane of a
// block has converged to 4 ulp (the reference stops each satellite on its own): positions agree
// to micrometres (tests/orbit/kepler_j2_batch_test.cpp states the bound).
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "sim/orbit/kepler_j2.hpp"
#include "sim/orbit/state_vector.hpp"

namespace umbra::orbit {

class KeplerJ2Batch {
 public:
  static constexpr std::size_t kLanes = 8;

  // The propagators' elements and rates are copied; the propagators need not outlive the batch.
  explicit KeplerJ2Batch(std::span<const KeplerJ2Propagator* const> satellites);

  std::size_t size() const { return count_; }

  // TEME states (m, m/s) of every satellite at `seconds` after `scenario_epoch`;
  // states.size() must be size().
  void states_at(const JulianDate& scenario_epoch, double seconds,
                 std::span<StateVector> states) const;

 private:
  using Lanes = std::array<double, kLanes>;

  struct Block {
    Lanes semi_major_axis, eccentricity, eta;  // eta = sqrt(1 - e^2)
    Lanes sin_i, cos_i;
    Lanes raan, argument_of_perigee, mean_anomaly;  // at the element epoch
    Lanes raan_rate, argument_of_perigee_rate, mean_anomaly_rate;
    Lanes epoch_whole, epoch_fraction;  // the element epoch, as JulianDate holds it
  };

  void propagate_block(const Block& block, const Lanes& seconds_since_epoch,
                       std::span<StateVector> states, std::size_t first) const;

  std::size_t count_ = 0;
  std::vector<Block> blocks_;
};

}  // namespace umbra::orbit
