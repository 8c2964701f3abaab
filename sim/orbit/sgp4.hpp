#pragma once
// SGP4/SDP4, the propagator TLE and OMM mean elements are made for, as revised by Vallado,
// Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3" (AIAA 2006-6753): "improved"
// operation mode, WGS-72 constants, GSFC/Lyddane choice for low inclinations. This is the model the
// verification file tcppver.out was computed with, and the tests compare against it to 1e-6 km.
//
// SGP4 works internally in Earth radii and minutes (its coefficients are defined in them); this
// class gives TEME positions and velocities in metres and metres per second.
#include <optional>

#include "sim/orbit/element_set.hpp"
#include "sim/orbit/propagator.hpp"
#include "sim/orbit/sgp4_terms.hpp"

namespace umbra::orbit {

// SGP4's own error codes, carried by PropagationError::code().
enum Sgp4ErrorCode : int {
  kSgp4MeanEccentricity = 1,       // mean eccentricity left [0, 1) (drag took it out of range)
  kSgp4MeanMotion = 2,             // mean motion dropped to zero or below
  kSgp4PerturbedEccentricity = 3,  // eccentricity after lunar-solar periodics left [0, 1]
  kSgp4SemiLatusRectum = 4,        // semi-latus rectum below zero
  kSgp4SubOrbitalEpoch = 5,        // not raised: the 2006 revision dropped this check (see code 6)
  kSgp4Decayed = 6,                // the satellite is below the Earth's surface
};

class Sgp4Batch;

class Sgp4Propagator final : public Propagator {
 public:
  // Initialises the model for one element set. Propagation errors show only when propagating.
  explicit Sgp4Propagator(const ElementSet& elements);

  StateVector state_at(const JulianDate& scenario_epoch, double seconds) const override;

  // TEME state (m, m/s) at `minutes` since the element set's epoch (SGP4's "tsince").
  // Throws PropagationError with an Sgp4ErrorCode.
  StateVector propagate_minutes(double minutes) const;

  const ElementSet& elements() const { return elements_; }
  bool is_deep_space() const { return deep_space_.has_value(); }

 private:
  friend class Sgp4Batch;  // lays the coefficients initialised here out in blocks (sgp4_batch.hpp)

  ElementSet elements_;
  const sgp4_detail::GravityModel& gravity_;
  sgp4_detail::EpochElements epoch_;
  sgp4_detail::SecularRates rates_;
  sgp4_detail::DragTerms drag_;
  sgp4_detail::InclinationTerms inclination_;
  std::optional<sgp4_detail::DeepSpaceTerms> deep_space_;
};

}  // namespace umbra::orbit
