#pragma once
// SGP4 for many satellites at once: the near-Earth theory of sgp4.cpp with the coefficients of
// the satellites held as structure-of-arrays blocks of kLanes, and each step written as loops
// over a block's lanes without calls or branches (sin and cos from lane_math.hpp), so that g++
// -O2 turns them into SIMD instructions on any x86-64 machine (SSE2, two lanes at a time). The
// block step is also compiled for AVX2 (four lanes), chosen when the program loads on a machine
// that has it; without FMA, both give the same bits.
//
// What it covers: near-Earth element sets (period below 225 min, every LEO shell), with the full
// or the simplified drag series. Deep-space sets (SDP4) are propagated one by one by
// Sgp4Propagator inside the batch, so every element set is accepted.
//
// Against Sgp4Propagator, the reference: the same formulas in the same order, but sin and cos
// come from lane_math (within 2 ulp of libm), the angle wrapping with fmod is left out (the angles
// only enter sin and cos), atan2 of the argument of latitude and the sin and cos of the corrected
// angle are replaced by a rotation of the unit vector (so is the inclination's short-period
// correction), and Kepler's equation iterates until every lane of a block has converged, so a
// lane may take one more step, below 1e-12 rad, than the reference does. Positions agree to
// micrometres (tests/orbit/sgp4_batch_test.cpp states the bound).
//
// Errors: a satellite whose state fails one of SGP4's checks is propagated again by
// Sgp4Propagator, which throws its PropagationError (same code and message).
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "sim/orbit/element_set.hpp"
#include "sim/orbit/sgp4.hpp"
#include "sim/orbit/state_vector.hpp"

namespace umbra::orbit {

class Sgp4Batch {
 public:
  // Satellites per block; a multiple of every SIMD width of doubles (2 to 8).
  static constexpr std::size_t kLanes = 8;

  explicit Sgp4Batch(std::span<const ElementSet> element_sets);

  std::size_t size() const { return count_; }
  // Satellites propagated by the vector path (the rest are deep space).
  std::size_t near_earth_count() const { return count_ - deep_space_.size(); }

  // TEME states (m, m/s) of every satellite at `minutes` after its own element epoch;
  // states.size() must be size(). Throws PropagationError as Sgp4Propagator does.
  void propagate_minutes(double minutes, std::span<StateVector> states) const;

  // The same at `seconds` after `scenario_epoch`, one instant for all satellites.
  void states_at(const JulianDate& scenario_epoch, double seconds,
                 std::span<StateVector> states) const;

 private:
  using Lanes = std::array<double, kLanes>;

  // Everything the near-Earth step needs, lane by lane (names as in sgp4_terms.hpp).
  struct Block {
    Lanes mean_anomaly, argument_of_perigee, raan, eccentricity, inclination, mean_motion, bstar;
    Lanes mean_anomaly_rate, argument_of_perigee_rate, raan_rate, raan_drag;
    Lanes cc1, cc4, cc5, d2, d3, d4, t2cof, t3cof, t4cof, t5cof, omgcof, xmcof, eta, delmo, sinmao;
    Lanes semi_major_axis_at_epoch;  // (xke / n)^(2/3), Earth radii
    Lanes sin_i, cos_i, con41, x1mth2, x7thm1, aycof, xlcof;
  };

  // Propagates block `b` to its lanes' times since epoch; writes the satellites it holds.
  // Returns the first lane whose elements SGP4 gives up on (kLanes if none): it throws nothing
  // itself, as an exception may not leave a target_clones function (GCC 12 with the
  // sanitizers ends the program instead).
  std::size_t propagate_block(std::size_t b, const Lanes& minutes,
                              std::span<StateVector> states) const;
  // Minutes since each satellite's epoch, from an offset per satellite.
  template <typename MinutesOf>
  void propagate_all(MinutesOf minutes_of, std::span<StateVector> states) const;

  std::size_t count_ = 0;
  std::vector<Block> blocks_;
  std::vector<std::size_t> lane_satellite_;  // block * kLanes + lane -> satellite index
  std::vector<std::size_t> lanes_in_block_;  // real (not padding) lanes of each block
  std::vector<ElementSet> lane_elements_;    // by lane slot: the error path propagates them again
  std::vector<JulianDate> epochs_;           // by satellite
  struct DeepSpaceSatellite {
    std::size_t index;
    Sgp4Propagator propagator;
  };
  std::vector<DeepSpaceSatellite> deep_space_;
};

}  // namespace umbra::orbit
