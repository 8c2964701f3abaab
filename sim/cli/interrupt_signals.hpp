#pragma once
// SIGINT and SIGTERM during `umbra run`: the handler only stores the signal's number (all a
// signal handler may safely do); the engine reads it as the clock advances and stops the run at
// that simulated instant (engine::SimulationOptions::stop_requested), whose outputs are then
// written, marked interrupted. The handlers are reset by their first delivery (SA_RESETHAND):
// a second signal ends the process at once, as it would have without them.
#include <csignal>
#include <string_view>

namespace umbra::cli {

class InterruptSignals {
 public:
  // Catches SIGINT and SIGTERM while the object lives; the earlier handlers come back after.
  InterruptSignals();
  InterruptSignals(const InterruptSignals&) = delete;
  InterruptSignals& operator=(const InterruptSignals&) = delete;
  ~InterruptSignals();

  // The first signal caught, 0 if none.
  static int caught();
  // The exit status of a command stopped by `signal`: 128 + its number (130 for SIGINT, 143 for
  // SIGTERM), as a shell reports a process the signal ended.
  static int exit_status(int signal) { return 128 + signal; }
  // "SIGINT", "SIGTERM".
  static std::string_view name(int signal);

 private:
  struct sigaction previous_interrupt_ {};
  struct sigaction previous_terminate_ {};
};

}  // namespace umbra::cli
