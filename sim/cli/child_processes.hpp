#pragma once
// `umbra` commands run as child processes of this binary (/proc/self/exe), N at a time. A
// simulation runs in a process of its own: SimGrid allows one engine at a time per process,
// and a second one, even after the first is gone, starts its clock where the first stopped
// (docs/simgrid-3.32-facts.md); a run that crashes then takes only its own process down.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/cli/arguments.hpp"

namespace umbra::cli {

struct ChildCommand {
  std::vector<std::string> args;  // after `umbra`
  // Appended to, so that the commands of a chain leave one log each.
  std::filesystem::path stdout_file, stderr_file;
};

// Commands run one after the other, stopping at the first that fails.
struct ChildChain {
  std::vector<ChildCommand> commands;  // at least one
  int wait_status = -1;                // of the last command run (waitpid's), -1 before it ends
};

struct ChainProgress {
  std::size_t total = 0, done = 0, failed = 0, running = 0;
};

// Runs every chain, at most `parallel` at once, and waits for all of them; `on_change` is
// called after each chain starts or ends.
void run_chains(std::vector<ChildChain>& chains, std::size_t parallel,
                const std::function<void(const ChainProgress&)>& on_change = {});

bool succeeded(const ChildChain& chain);
std::string how_it_ended(int wait_status);  // "exit status 2", "killed by signal 9"

// The number of processors, the default of -j.
std::size_t default_parallel_runs();
// -j N (--parallel N): how many commands run at once; InputError for 0.
std::size_t parallel_runs(const Arguments& arguments);

}  // namespace umbra::cli
