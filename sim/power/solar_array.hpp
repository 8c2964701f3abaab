#pragma once
// Electrical output of a solar array (Wertz & Larson, "Space Mission Analysis and Design", 3rd
// ed., section 11.4):
//   P = S0 / R^2 x illumination x area x efficiency x packing x (1 - d)^age x cos(incidence)
// S0 is the total solar irradiance at 1 AU, R the Earth-Sun distance in AU (orbit/sun.hpp), the
// illumination the visible fraction of the Sun's disc (orbit/shadow.hpp: partial in penumbra).
// A sun-tracking array always faces the Sun (cos = 1); a body-fixed one gets the cosine of its
// incidence angle, 0 when the Sun is behind it.
#include "sim/spec/orbital_spec.hpp"

namespace umbra::power {

// Total solar irradiance at 1 AU, W/m^2 (Kopp & Lean, "A new, lower value of total solar
// irradiance", Geophys. Res. Lett. 38, L01706, 2011: 1360.8 +- 0.5). It varies ~0.1 % over the
// solar cycle; the ~+-3.4 % annual swing comes from 1/R^2.
inline constexpr double kSolarConstant = 1361.0;
inline constexpr double kSecondsPerYear = 365.25 * 86400.0;  // Julian year

struct SunExposure {
  double flux_scale = 1;     // 1 / R^2, R in AU (orbit::solar_flux_scale)
  double illumination = 1;   // visible fraction of the Sun's disc, [0, 1]
  double cos_incidence = 1;  // body-fixed arrays only; negative means lit from behind
  double age_years = 0;      // time in orbit, for the degradation
};

// Watts delivered by `array` under `exposure`.
double solar_array_power(const spec::SolarArraySpec& array, const SunExposure& exposure);

}  // namespace umbra::power
