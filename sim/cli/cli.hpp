#pragma once
// The `umbra` command: dispatches to subcommands. Exit status: 0 success, 2 bad input or usage,
// 1 internal error.
namespace umbra::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

int run(int argc, char** argv);

}  // namespace umbra::cli
