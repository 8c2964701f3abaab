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
#include <cstdint>
#include <span>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::sched {

class PeriodicRounds : public Scheduler {
 public:
  explicit PeriodicRounds(double period);  // s; throws std::invalid_argument unless > 0

  Decisions schedule(const ClusterState& state, std::span<const Event> events) final;

 protected:
  virtual Decisions round(const ClusterState& state, std::span<const Event> events) = 0;
  virtual Decisions between_rounds(const ClusterState& state, std::span<const Event> events);

 private:
  double due_time() const { return static_cast<double>(next_round_) * period_; }

  double period_;
  std::uint64_t next_round_ = 0;  // k: the next round falls due at k x period
  std::vector<Event> since_last_round_;
};

}  // namespace umbra::sched
