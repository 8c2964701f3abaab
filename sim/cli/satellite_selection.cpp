#include "sim/cli/satellite_selection.hpp"

#include <fmt/format.h>

#include "sim/cli/time_range.hpp"
#include "sim/core/error.hpp"

namespace umbra::cli {

double required_horizon(const Arguments& arguments) {
  const auto text = arguments.value("horizon");
  if (!text) throw InputError("option \"--horizon\" is required, such as --horizon 24h");
  return duration_option(*text, "horizon");
}

std::vector<const contact::Satellite*> chosen_satellites(
    const contact::Constellation& constellation, const Arguments& arguments) {
  std::vector<const contact::Satellite*> chosen;
  if (const auto name = arguments.value("sat")) {
    chosen.push_back(&constellation.satellite(*name));
  } else {
    for (const contact::Satellite& satellite : constellation.satellites)
      chosen.push_back(&satellite);
  }
  if (chosen.empty()) throw InputError("the platform has no satellites");
  return chosen;
}

namespace {

std::vector<const orbit::Propagator*> propagators_of(
    const std::vector<const contact::Satellite*>& satellites) {
  std::vector<const orbit::Propagator*> propagators;
  propagators.reserve(satellites.size());
  for (const contact::Satellite* satellite : satellites) {
    propagators.push_back(satellite->propagator.get());
  }
  return propagators;
}

InputError no_state_inside_horizon(const orbit::PropagationError& error) {
  return InputError(fmt::format("a satellite has no state inside the horizon: {}", error.what()));
}

}  // namespace

std::vector<std::vector<orbit::EclipseWindow>> eclipses_of(
    const std::vector<const contact::Satellite*>& satellites,
    const contact::Constellation& constellation, double horizon) {
  try {
    return orbit::eclipse_windows(propagators_of(satellites), constellation.epoch,
                                  {.horizon = horizon});
  } catch (const orbit::PropagationError& error) {
    throw no_state_inside_horizon(error);
  }
}

void stream_eclipses_of(const std::vector<const contact::Satellite*>& satellites,
                        const contact::Constellation& constellation, double horizon,
                        const orbit::EclipseWindowConsumer& consume) {
  try {
    orbit::stream_eclipse_windows(propagators_of(satellites), constellation.epoch,
                                  {.horizon = horizon}, consume);
  } catch (const orbit::PropagationError& error) {
    throw no_state_inside_horizon(error);
  }
}

}  // namespace umbra::cli
