#include "sim/cli/interrupt_signals.hpp"

namespace umbra::cli {
namespace {

volatile std::sig_atomic_t caught_signal = 0;

extern "C" void note_signal(int signal) {
  if (caught_signal == 0) caught_signal = signal;
}

void catch_signal(int signal, struct sigaction* previous) {
  struct sigaction action {};
  action.sa_handler = note_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(signal, &action, previous);
}

}  // namespace

InterruptSignals::InterruptSignals() {
  catch_signal(SIGINT, &previous_interrupt_);
  catch_signal(SIGTERM, &previous_terminate_);
}

InterruptSignals::~InterruptSignals() {
  sigaction(SIGINT, &previous_interrupt_, nullptr);
  sigaction(SIGTERM, &previous_terminate_, nullptr);
}

int InterruptSignals::caught() {
  return caught_signal;
}

std::string_view InterruptSignals::name(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "signal";
  }
}

}  // namespace umbra::cli
