#include "sim/power/solar_array.hpp"

#include <algorithm>
#include <cmath>

namespace umbra::power {

double solar_array_power(const spec::SolarArraySpec& array, const SunExposure& exposure) {
  const double pointing = array.pointing == spec::ArrayPointing::kSunTracking
                              ? 1.0
                              : std::max(0.0, exposure.cos_incidence);
  const double degradation = std::pow(1.0 - array.degradation_per_year, exposure.age_years);
  return kSolarConstant * exposure.flux_scale * exposure.illumination * array.area *
         array.efficiency * array.packing_factor * degradation * pointing;
}

}  // namespace umbra::power
