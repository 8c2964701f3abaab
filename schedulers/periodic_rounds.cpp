#include "schedulers/periodic_rounds.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace umbra::sched {

PeriodicRounds::PeriodicRounds(double period) : period_(period) {
  if (!(period > 0)) throw std::invalid_argument("a round's period must be positive");
}

Decisions PeriodicRounds::schedule(const ClusterState& state, std::span<const Event> events) {
  since_last_round_.insert(since_last_round_.end(), events.begin(), events.end());
  Decisions decisions;
  if (state.now >= due_time()) {
    decisions = round(state, since_last_round_);
    since_last_round_.clear();
    // The first multiple after now; the quotient is corrected where rounding put it a step low.
    next_round_ = static_cast<std::uint64_t>(std::floor(state.now / period_)) + 1;
    while (due_time() <= state.now) ++next_round_;
  } else {
    decisions = between_rounds(state, events);
  }
  if (!state.queue.empty() || !state.running.empty()) {
    decisions.wake_up_at = std::min(decisions.wake_up_at.value_or(due_time()), due_time());
  }
  return decisions;
}

Decisions PeriodicRounds::between_rounds(const ClusterState&, std::span<const Event>) {
  return {};
}

}  // namespace umbra::sched
