#pragma once
// The `umbra` command: dispatches to subcommands. Exit status: 0 success, 2 bad input or usage,
// 1 internal error.
#include "sim/core/error.hpp"

namespace umbra::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

int run(int argc, char** argv);

// "umbra: error: file:line:column: message" on standard error, one line per error it holds.
void print_input_error(const InputError& error);

}  // namespace umbra::cli
