#pragma once
// Times given on the command line of the orbit commands: instants (an ISO UTC time or an offset
// from the scenario epoch), durations, and evenly stepped ranges.
#include <string>

#include "sim/orbit/time_system.hpp"

namespace umbra::cli {

// start, start + step, ... : `count` values, the last at or just below the range's end.
struct TimeRange {
  double start = 0;
  double step = 0;
  long long count = 0;

  double at(long long i) const { return start + static_cast<double>(i) * step; }
};

// Refuses a step that is not positive and an end before the start; `start_name`, `end_name`
// and `step_name` name the values in the messages.
TimeRange make_time_range(double start, double end, double step, const std::string& start_name,
                          const std::string& end_name, const std::string& step_name);

// Seconds after `epoch` of "--option T": an offset such as "90min" or "0", or an ISO UTC time.
double seconds_since_epoch(const std::string& text, const orbit::JulianDate& epoch,
                           const std::string& option);

// A positive duration such as "24h" given to "--option".
double duration_option(const std::string& text, const std::string& option);

}  // namespace umbra::cli
