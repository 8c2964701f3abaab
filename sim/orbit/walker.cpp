#include "sim/orbit/walker.hpp"

#include <fmt/format.h>

#include <numbers>

#include "sim/core/error.hpp"
#include "sim/orbit/earth.hpp"

namespace umbra::orbit {

std::vector<KeplerElements> walker_elements(const WalkerShell& shell) {
  const int t = shell.total_satellites, p = shell.planes, f = shell.phasing;
  if (t < 1 || p < 1 || t % p != 0) {
    throw InputError(
        fmt::format("a Walker shell needs T >= 1 satellites in P >= 1 planes with P dividing T, "
                    "got T = {}, P = {}",
                    t, p));
  }
  if (f < 0 || f >= p) {
    throw InputError(
        fmt::format("Walker phasing F must be in [0, P-1] = [0, {}], got {}", p - 1, f));
  }
  if (!(shell.altitude > 0)) {
    throw InputError(fmt::format("Walker altitude must be positive, got {} m", shell.altitude));
  }
  const double two_pi = 2.0 * std::numbers::pi;
  const double node_spread = shell.pattern == WalkerPattern::kDelta ? two_pi : std::numbers::pi;
  const int per_plane = t / p;
  std::vector<KeplerElements> elements;
  elements.reserve(static_cast<std::size_t>(t));
  for (int plane = 0; plane < p; ++plane) {
    for (int slot = 0; slot < per_plane; ++slot) {
      const double argument_of_latitude =
          two_pi * slot / per_plane + two_pi * f * plane / static_cast<double>(t);
      elements.push_back(
          {.semi_major_axis = kEquatorialRadius + shell.altitude,
           .eccentricity = 0.0,
           .inclination = shell.inclination,
           .raan = std::fmod(shell.raan_of_first_plane + node_spread * plane / p, two_pi),
           .argument_of_perigee = 0.0,
           .mean_anomaly = std::fmod(argument_of_latitude, two_pi),
           .epoch = shell.epoch});
    }
  }
  return elements;
}

}  // namespace umbra::orbit
