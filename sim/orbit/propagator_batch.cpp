#include "sim/orbit/propagator_batch.hpp"

#include "sim/orbit/kepler_j2.hpp"
#include "sim/orbit/sgp4.hpp"

namespace umbra::orbit {

PropagatorBatch::PropagatorBatch(std::span<const Propagator* const> satellites)
    : count_(satellites.size()) {
  std::vector<const KeplerJ2Propagator*> kepler;
  std::vector<ElementSet> element_sets;
  for (std::size_t i = 0; i < satellites.size(); ++i) {
    if (const auto* k = dynamic_cast<const KeplerJ2Propagator*>(satellites[i])) {
      kepler.push_back(k);
      kepler_.indices.push_back(i);
    } else if (const auto* s = dynamic_cast<const Sgp4Propagator*>(satellites[i])) {
      element_sets.push_back(s->elements());
      sgp4_.indices.push_back(i);
    } else {
      others_.emplace_back(i, satellites[i]);
    }
  }
  if (!kepler.empty()) kepler_.batch = std::make_unique<KeplerJ2Batch>(kepler);
  if (!element_sets.empty()) sgp4_.batch = std::make_unique<Sgp4Batch>(element_sets);
}

void PropagatorBatch::states_at(const JulianDate& scenario_epoch, double seconds,
                                std::span<StateVector> states) const {
  const auto scatter = [&](const auto& group) {
    if (!group.batch) return;
    // Every satellite of one kind: written in place, without the scratch copy.
    if (group.indices.size() == count_) {
      group.batch->states_at(scenario_epoch, seconds, states);
      return;
    }
    std::vector<StateVector> group_states(group.indices.size());
    group.batch->states_at(scenario_epoch, seconds, group_states);
    for (std::size_t k = 0; k < group.indices.size(); ++k) {
      states[group.indices[k]] = group_states[k];
    }
  };
  scatter(kepler_);
  scatter(sgp4_);
  for (const auto& [index, propagator] : others_) {
    states[index] = propagator->state_at(scenario_epoch, seconds);
  }
}

}  // namespace umbra::orbit
