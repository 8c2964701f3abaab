#include "sim/power/power_lookahead.hpp"

#include <algorithm>
#include <utility>

namespace umbra::power {
namespace {

bool stopped(const OperatingPoint& point) {
  return point.mode != NodeMode::kRunning;
}

}  // namespace

PowerLookahead::PowerLookahead(NodePower node, std::vector<DemandStep> steps)
    : ahead_(std::move(node)), steps_(std::move(steps)) {
  const double horizon = ahead_.horizon();
  std::erase_if(steps_, [&](const DemandStep& step) { return step.time >= horizon; });
  if (stopped(ahead_.point())) {
    stop_ = ahead_.now();
    stopped_now_ = true;
  }
}

bool PowerLookahead::take_next(double until, bool inclusive) {
  // Reaching the horizon (kEnd) leaves now() there, which ends the scan for good.
  if (ahead_.now() >= ahead_.horizon()) return false;
  const double event = ahead_.next_event_time();
  const bool step_first = next_step_ < steps_.size() && steps_[next_step_].time <= event;
  const double time = step_first ? std::max(steps_[next_step_].time, ahead_.now()) : event;
  if (inclusive ? time > until : time >= until) return false;
  ahead_.advance_to(time);
  if (step_first) ahead_.set_demand(steps_[next_step_++].demand);
  if (!stop_ && stopped(ahead_.point())) stop_ = ahead_.now();
  return true;
}

std::optional<double> PowerLookahead::stop_until(double until) {
  // Events and steps are taken in time order, so the answer for an earlier limit is a prefix of
  // this scan.
  while (!stop_ && take_next(until, true)) {
  }
  if (stop_ && (stopped_now_ || *stop_ <= until)) return stop_;
  return std::nullopt;
}

const NodePower& PowerLookahead::at(double time) {
  time = std::min(time, ahead_.horizon());
  while (take_next(time, false)) {
  }
  if (ahead_.now() < time) ahead_.advance_to(time);
  return ahead_;
}

}  // namespace umbra::power
