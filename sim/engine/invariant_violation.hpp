#pragma once
// What `umbra run --check` reports when the engine's state breaks one of the run's invariants
// (run_invariants.hpp): which one, at what simulated time, and the objects involved. It is the
// engine's defect, not the input's: the CLI exits with status 3 (README.md, "The umbra command").
#include <stdexcept>
#include <string>
#include <string_view>

namespace umbra::engine {

enum class Invariant {
  kTimeForward,           // simulated time never goes back
  kGpusHeldOnce,          // no GPU held by two jobs; the allocation counts agree
  kOneStage,              // every job in exactly one stage, and in the list of its stage
  kGpuSecondsBalanced,    // GPU-seconds allocated = useful + lost + stalled, none negative
  kChargeWithinBounds,    // a battery's state of charge within [its floor, 1]
  kEnergyLedgerBalanced,  // a satellite's solar input = used + stored + losses + curtailed
  kNoTransferOnDownLink,  // no transfer in flight over a contact link that is down
};

std::string_view invariant_name(Invariant invariant);

class InvariantViolation : public std::logic_error {
 public:
  // `objects`: what broke it, named (jobs by id, nodes and links by name) with the figures.
  InvariantViolation(Invariant invariant, double time, const std::string& objects);
  Invariant invariant() const { return invariant_; }
  double time() const { return time_; }

 private:
  Invariant invariant_;
  double time_;
};

}  // namespace umbra::engine
