#pragma once
// The `umbra` command: dispatches to subcommands. Exit status: 0 success, 2 bad input or usage,
// 1 internal error, 3 an invariant violated (`umbra run --check`).
#include "sim/core/error.hpp"

namespace umbra::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;
// `umbra run --check` found the engine's state breaking an invariant (run_invariants.hpp).
inline constexpr int kExitInvariantViolated = 3;

int run(int argc, char** argv);

// "umbra: error: file:line:column: message" on standard error, one line per error it holds.
void print_input_error(const InputError& error);

}  // namespace umbra::cli
