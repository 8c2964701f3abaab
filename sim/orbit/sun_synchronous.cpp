#include "sim/orbit/sun_synchronous.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numbers>

#include "sim/core/error.hpp"
#include "sim/orbit/earth.hpp"
#include "sim/orbit/sun.hpp"

namespace umbra::orbit {

double sun_synchronous_inclination(double semi_major_axis, double eccentricity) {
  // j2_secular_rates at i = 0 gives the nodal rate's coefficient, -(3/2) n J2 (R/p)^2.
  const double cos_i =
      kSunSynchronousRate / j2_secular_rates(semi_major_axis, eccentricity, 0.0).raan;
  if (cos_i < -1.0) {
    throw InputError(
        fmt::format("no sun-synchronous inclination exists for a = {:.1f} km: J2 cannot turn the "
                    "node that fast",
                    semi_major_axis / 1e3));
  }
  return std::acos(cos_i);
}

double raan_for_local_time_of_ascending_node(double local_time_of_ascending_node,
                                             const JulianDate& epoch) {
  if (!(local_time_of_ascending_node >= 0 && local_time_of_ascending_node < kSecondsPerDay)) {
    throw InputError(
        fmt::format("local time of the ascending node must be in [00:00, 24:00), got {} s",
                    local_time_of_ascending_node));
  }
  const double hour_angle_from_noon = (local_time_of_ascending_node - kSecondsPerDay / 2.0) /
                                      kSecondsPerDay * 2.0 * std::numbers::pi;
  const double raan =
      std::fmod(sun_position(epoch).right_ascension + hour_angle_from_noon, 2.0 * std::numbers::pi);
  return raan < 0 ? raan + 2.0 * std::numbers::pi : raan;
}

KeplerElements sun_synchronous_elements(double altitude, double local_time_of_ascending_node,
                                        const JulianDate& epoch) {
  const double a = kEquatorialRadius + altitude;
  return {.semi_major_axis = a,
          .eccentricity = 0.0,
          .inclination = sun_synchronous_inclination(a),
          .raan = raan_for_local_time_of_ascending_node(local_time_of_ascending_node, epoch),
          .argument_of_perigee = 0.0,
          .mean_anomaly = 0.0,
          .epoch = epoch};
}

}  // namespace umbra::orbit
