#pragma once
// What every orbit propagator offers: the state of one satellite at a time since the scenario
// epoch. Implementations: Kepler with J2 secular drift (Walker shells, explicit elements,
// formations) and SGP4/SDP4 (TLE and OMM element sets).
#include <stdexcept>
#include <string>

#include "sim/orbit/state_vector.hpp"
#include "sim/orbit/time_system.hpp"

namespace umbra::orbit {

// The model has no valid state at the asked time (SGP4 error codes 1-6: eccentricity out of
// range, mean motion below zero, decayed orbit, ...). `code` is the model's own error code.
class PropagationError : public std::runtime_error {
 public:
  PropagationError(int code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class Propagator {
 public:
  virtual ~Propagator() = default;

  // TEME position and velocity (m, m/s) at `seconds` after `scenario_epoch`.
  // Throws PropagationError when the model cannot give a state (decayed orbit, ...).
  virtual StateVector state_at(const JulianDate& scenario_epoch, double seconds) const = 0;
};

}  // namespace umbra::orbit
