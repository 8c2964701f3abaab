#pragma once
// Many satellites of any propagator at one instant, each kind by its batch path: Kepler + J2 by
// KeplerJ2Batch, SGP4 by Sgp4Batch, any other Propagator one by one. States come back in the
// order the satellites were given.
#include <memory>
#include <span>
#include <vector>

#include "sim/orbit/kepler_j2_batch.hpp"
#include "sim/orbit/propagator.hpp"
#include "sim/orbit/sgp4_batch.hpp"

namespace umbra::orbit {

class PropagatorBatch {
 public:
  // The propagators must outlive the batch (the ones propagated one by one are used in place).
  explicit PropagatorBatch(std::span<const Propagator* const> satellites);

  std::size_t size() const { return count_; }

  // States (m, m/s, TEME) of every satellite at `seconds` after `scenario_epoch`;
  // states.size() must be size(). Throws PropagationError as the satellites' propagators do.
  void states_at(const JulianDate& scenario_epoch, double seconds,
                 std::span<StateVector> states) const;

 private:
  // One batch path and where its satellites go in the caller's order.
  template <typename Batch>
  struct Group {
    std::unique_ptr<Batch> batch;
    std::vector<std::size_t> indices;
  };

  std::size_t count_ = 0;
  Group<KeplerJ2Batch> kepler_;
  Group<Sgp4Batch> sgp4_;
  std::vector<std::pair<std::size_t, const Propagator*>> others_;
};

}  // namespace umbra::orbit
