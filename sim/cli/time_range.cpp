#include "sim/cli/time_range.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sim/core/error.hpp"
#include "sim/core/units.hpp"

namespace umbra::cli {

TimeRange make_time_range(double start, double end, double step, const std::string& start_name,
                          const std::string& end_name, const std::string& step_name) {
  if (!(step > 0)) {
    throw InputError(fmt::format("{} must be positive, got {:g}", step_name, step));
  }
  if (end < start) {
    throw InputError(fmt::format("empty range: {} ({:g}) is before {} ({:g})", end_name, end,
                                 start_name, start));
  }
  // The relative margin keeps an end that is a whole number of steps away despite rounding.
  const double steps = std::floor((end - start) / step * (1 + 1e-12));
  if (steps > 1e8) {
    throw InputError(fmt::format("{} gives {:g} steps: take a larger step", step_name, steps + 1));
  }
  return {start, step, static_cast<long long>(steps) + 1};
}

double seconds_since_epoch(const std::string& text, const orbit::JulianDate& epoch,
                           const std::string& option) {
  try {
    return parse_quantity(text, Quantity::kTime);
  } catch (const InputError&) {
    // Not an offset: read it as a UTC time below.
  }
  try {
    return orbit::parse_utc(text).seconds_since(epoch);
  } catch (const InputError&) {
    throw InputError(
        fmt::format("option \"--{}\" expects an ISO UTC time such as "
                    "2026-03-20T12:00:00Z or an offset from the epoch such as "
                    "90min, got \"{}\"",
                    option, text));
  }
}

double duration_option(const std::string& text, const std::string& option) {
  double seconds = 0;
  try {
    seconds = parse_quantity(text, Quantity::kTime);
  } catch (const InputError& error) {
    throw InputError(fmt::format("option \"--{}\": {}", option, error.message()));
  }
  if (!(seconds > 0)) {
    throw InputError(fmt::format(
        "option \"--{}\" expects a positive duration such as 24h, got \"{}\"", option, text));
  }
  return seconds;
}

}  // namespace umbra::cli
