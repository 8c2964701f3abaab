#pragma once
// A policy that decides in rounds every `period` seconds (Gavel and Blox use 300-360 s rounds,
// Pollux 60 s), driven by the calls the engine makes anyway: it needs no engine support.
//
// Rounds fall due at 0, T, 2T, ... (T the period). A call holds a round when one has fallen due
// since the last round held (now >= the next due time), and calls `round` with every event
// received since the previous round, this call's included. Any other call goes to
// `between_rounds` with its own events only; by default it decides nothing, so a job submitted
// between rounds waits for the next one. After a round the next one falls due at the first
// multiple of T after now: a round the engine had no reason to call (no job queued or running,
// so no wake-up asked) is held late, at the next call, and is not held twice.
//
// While any job is queued or running, every answer asks for a wake-up at the next due round
// (or at the policy's own wake-up, if earlier): wake-ups asked again at each call keep the
// rounds going whatever else the policy asks.
//
// Header-only and installed with the scheduler API, so that plugins can derive from it too.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::sched {

class PeriodicRounds : public Scheduler {
 public:
  // s; throws std::invalid_argument unless > 0
  explicit PeriodicRounds(double period) : period_(period) {
    if (!(period > 0)) throw std::invalid_argument("a round's period must be positive");
  }

  Decisions schedule(const ClusterState& state, std::span<const Event> events) final {
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

 protected:
  virtual Decisions round(const ClusterState& state, std::span<const Event> events) = 0;
  virtual Decisions between_rounds(const ClusterState&, std::span<const Event>) { return {}; }

 private:
  double due_time() const { return static_cast<double>(next_round_) * period_; }

  double period_;
  std::uint64_t next_round_ = 0;  // k: the next round falls due at k x period
  std::vector<Event> since_last_round_;
};

}  // namespace umbra::sched
