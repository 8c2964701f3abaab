#include "sim/power/power_lookahead.hpp"

#include <utility>

namespace umbra::power {
namespace {

bool stopped(const OperatingPoint& point) {
  return point.mode != NodeMode::kRunning;
}

}  // namespace

PowerLookahead::PowerLookahead(NodePower node) : ahead_(std::move(node)) {
  if (stopped(ahead_.point())) {
    stop_ = ahead_.now();
    stopped_now_ = true;
  }
}

std::optional<double> PowerLookahead::stop_until(double until) {
  // Events are taken in time order, so the answer for an earlier limit is a prefix of this scan.
  // Reaching the horizon (kEnd) leaves now() there, which ends the scan for good.
  while (!stop_ && ahead_.now() < ahead_.horizon() && ahead_.next_event_time() <= until) {
    ahead_.advance_to(ahead_.next_event_time());
    if (stopped(ahead_.point())) stop_ = ahead_.now();
  }
  if (stop_ && (stopped_now_ || *stop_ <= until)) return stop_;
  return std::nullopt;
}

}  // namespace umbra::power
