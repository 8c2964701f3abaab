#pragma once
// What every orbit propagator offers: the state of one satellite at a time since the scenario
// epoch. Implementations: Kepler with J2 secular drift (Walker shells, explicit elements,
// formations) and SGP4/SDP4 (TLE and OMM element sets).
#include "sim/orbit/state_vector.hpp"
#include "sim/orbit/time_system.hpp"

namespace umbra::orbit {

class Propagator {
 public:
  virtual ~Propagator() = default;

  // TEME position and velocity (m, m/s) at `seconds` after `scenario_epoch`.
  // Throws PropagationError when the model cannot give a state (decayed orbit, ...).
  virtual StateVector state_at(const JulianDate& scenario_epoch, double seconds) const = 0;
};

}  // namespace umbra::orbit
