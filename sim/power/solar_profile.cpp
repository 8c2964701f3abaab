#include "sim/power/solar_profile.hpp"

#include <cmath>

#include "sim/orbit/sun.hpp"
#include "sim/power/solar_array.hpp"

namespace umbra::power {
namespace {

class ProfileBuilder {
 public:
  ProfileBuilder(const orbit::Propagator& satellite, const orbit::JulianDate& epoch,
                 const std::optional<spec::SolarArraySpec>& array,
                 const SolarProfileOptions& options)
      : satellite_(satellite), epoch_(epoch), array_(array), options_(options) {}

  // Splits [start, end] into equal steps of at most `max_step`, each valued at its midpoint.
  void add(double start, double end, SunPhase phase, double max_step) {
    if (end <= start) return;
    const double count = std::ceil((end - start) / max_step);
    const double step = (end - start) / count;
    for (double i = 0; i < count; ++i) {
      const double from = start + i * step;
      const double to = i + 1 == count ? end : from + step;
      segments_.push_back(segment(from, to, phase));
    }
  }

  std::vector<SolarSegment> take() { return std::move(segments_); }

 private:
  SolarSegment segment(double from, double to, SunPhase phase) const {
    SolarSegment segment{from, to, phase, 0, 0};
    if (phase == SunPhase::kUmbra) return segment;
    const double middle = 0.5 * (from + to);
    segment.illumination = phase == SunPhase::kSunlit
                               ? 1.0
                               : orbit::illumination_fraction(orbit::shadow_geometry_at(
                                     satellite_, epoch_, middle, options_.shadow));
    if (!array_) return segment;
    const orbit::SunPosition sun = orbit::sun_position(epoch_.plus_seconds(middle));
    SunExposure exposure;
    exposure.flux_scale = orbit::solar_flux_scale(sun);
    exposure.illumination = segment.illumination;
    exposure.age_years = options_.array_age_at_epoch + middle / kSecondsPerYear;
    if (array_->pointing == spec::ArrayPointing::kBodyFixed) {
      const orbit::StateVector state = satellite_.state_at(epoch_, middle);
      const double beta =
          orbit::beta_angle(orbit::cross(state.position, state.velocity), sun.direction);
      exposure.cos_incidence = std::abs(std::sin(beta));
    }
    segment.solar_power = solar_array_power(*array_, exposure);
    return segment;
  }

  const orbit::Propagator& satellite_;
  const orbit::JulianDate& epoch_;
  const std::optional<spec::SolarArraySpec>& array_;
  const SolarProfileOptions& options_;
  std::vector<SolarSegment> segments_;
};

}  // namespace

std::vector<SolarSegment> solar_profile(const orbit::Propagator& satellite,
                                        const orbit::JulianDate& scenario_epoch,
                                        std::span<const orbit::EclipseWindow> windows,
                                        const std::optional<spec::SolarArraySpec>& array,
                                        double horizon, const SolarProfileOptions& options,
                                        double from) {
  ProfileBuilder builder(satellite, scenario_epoch, array, options);
  double sunlit_from = from;
  for (const orbit::EclipseWindow& window : windows) {
    builder.add(sunlit_from, window.start, SunPhase::kSunlit, options.max_sunlit_step);
    if (window.kind == orbit::EclipseKind::kUmbra) {
      builder.add(window.start, window.end, SunPhase::kUmbra, horizon);
    } else {
      builder.add(window.start, window.end, SunPhase::kPenumbra, options.penumbra_step);
    }
    sunlit_from = window.end;
  }
  builder.add(sunlit_from, horizon, SunPhase::kSunlit, options.max_sunlit_step);
  return builder.take();
}

}  // namespace umbra::power
