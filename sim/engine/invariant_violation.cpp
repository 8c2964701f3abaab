#include "sim/engine/invariant_violation.hpp"

#include <fmt/format.h>

namespace umbra::engine {

std::string_view invariant_name(Invariant invariant) {
  switch (invariant) {
    case Invariant::kTimeForward:
      return "simulated time never goes back";
    case Invariant::kGpusHeldOnce:
      return "no GPU held by two jobs";
    case Invariant::kOneStage:
      return "every job in exactly one stage";
    case Invariant::kGpuSecondsBalanced:
      return "GPU-seconds allocated = useful + lost + stalled";
    case Invariant::kChargeWithinBounds:
      return "state of charge within [floor, 1]";
    case Invariant::kEnergyLedgerBalanced:
      return "per-node energy ledger balanced";
    case Invariant::kNoTransferOnDownLink:
      return "no transfer on a link that is down";
  }
  return "?";
}

InvariantViolation::InvariantViolation(Invariant invariant, double time,
                                       const std::string& objects)
    : std::logic_error(fmt::format("invariant \"{}\" violated at t = {:.9g} s: {}",
                                   invariant_name(invariant), time, objects)),
      invariant_(invariant),
      time_(time) {}

}  // namespace umbra::engine
