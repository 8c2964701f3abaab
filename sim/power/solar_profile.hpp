#pragma once
// One satellite's solar input over a horizon as piecewise-constant segments, so that the battery
// evolves in closed form between their edges (battery.hpp).
//
// Segments follow the eclipse windows (orbit/eclipse_windows.hpp, edges to 1 ms):
// - umbra: one segment, no input;
// - penumbra: steps of at most `penumbra_step` (1 s: an ~8.5 s transit at 550 km gives ~9
//   steps), each at the illumination of its midpoint, so partial sunlight gives partial power;
// - sunlit: illumination 1, in steps of at most `max_sunlit_step` (1 h), each at the solar flux
//   (1/R^2) and array incidence of its midpoint. The flux drifts by at most ~0.06 %/day, so a
//   step is within ~0.003 % of the exact integral.
// A body-fixed array is taken to face the orbit normal on the Sun's side (the usual mounting on
// a dawn-dusk orbit): cos(incidence) = |sin(beta)|. The array is new at the scenario epoch
// unless `array_age_at_epoch` says otherwise.
#include <optional>
#include <span>
#include <vector>

#include "sim/orbit/eclipse_windows.hpp"
#include "sim/spec/orbital_spec.hpp"

namespace umbra::power {

enum class SunPhase { kSunlit, kPenumbra, kUmbra };

struct SolarSegment {
  double start = 0;  // seconds since the scenario epoch
  double end = 0;
  SunPhase phase = SunPhase::kSunlit;
  double illumination = 1;  // visible fraction of the Sun's disc
  double solar_power = 0;   // W from the array, constant over the segment
};

struct SolarProfileOptions {
  double penumbra_step = 1.0;       // s
  double max_sunlit_step = 3600.0;  // s
  double array_age_at_epoch = 0;    // years
  orbit::ShadowModel shadow{};      // the model the eclipse windows were found with
};

// Contiguous segments covering [from, horizon]. `windows` are the satellite's eclipse windows
// over that span; without an array every segment has no power.
std::vector<SolarSegment> solar_profile(const orbit::Propagator& satellite,
                                        const orbit::JulianDate& scenario_epoch,
                                        std::span<const orbit::EclipseWindow> windows,
                                        const std::optional<spec::SolarArraySpec>& array,
                                        double horizon, const SolarProfileOptions& options = {},
                                        double from = 0);

}  // namespace umbra::power
