#pragma once
// The satellites of a platform, each with its name and its propagator, built from the orbital
// sections of a PlatformSpec (spec/orbital_reader.hpp):
// - Walker and sun-synchronous shells, formations and Keplerian satellites fly Kepler + J2
//   (orbit/kepler_j2.hpp); TLE and OMM element sets fly SGP4 (orbit/sgp4.hpp).
// - Names: shell "starlink" plane 3 slot 7 is "starlink-p03-s07" (planes and slots counted from
//   0, at least two digits); formation "suncatcher" member 42 is "suncatcher-m042" (m000 is the
//   reference); an element set is named by its entry's "name", else its name line or
//   OBJECT_NAME, else its catalogue number. Every name is unique.
// Every error (an epoch that is not UTC, a bad TLE line, an impossible orbit, a duplicate name)
// is an InputError at its place in the platform file or in the element file it refers to.
#include <memory>
#include <string>
#include <vector>

#include "sim/orbit/propagator.hpp"
#include "sim/spec/platform_spec.hpp"

namespace umbra::contact {

struct Satellite {
  std::string name;
  std::unique_ptr<orbit::Propagator> propagator;
  spec::SatelliteHardwareSpec hardware;
};

struct Constellation {
  orbit::JulianDate epoch;            // the scenario epoch; simulation time 0
  std::vector<Satellite> satellites;  // shells, formations, then explicit satellites, in file order

  // The satellite of that name; InputError with a did-you-mean otherwise.
  const Satellite& satellite(const std::string& name) const;
  int total_gpus() const;  // of every satellite's payload
};

Constellation build_constellation(const spec::PlatformSpec& platform);

}  // namespace umbra::contact
