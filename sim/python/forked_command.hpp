#pragma once
// Runs an `umbra` command in a child process of its own (fork), for the Python module: SimGrid
// allows one engine per process, and a second one, even after the first is gone, starts its
// clock where the first stopped (docs/simgrid-3.32-facts.md), so every simulation a Python
// process asks for gets a fresh process. The child's standard output and error go to files of
// the command's folder; its input errors come back whole (file, line, column, message).
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/core/error.hpp"

namespace umbra::python {

// A fresh folder under the system's temporary folder, removed with its contents on destruction.
class TemporaryFolder {
 public:
  TemporaryFolder();
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// How the command ended.
enum class CommandEnd { kSucceeded, kBadInput, kInternalError, kCrashed };

struct CommandOutcome {
  CommandEnd end = CommandEnd::kSucceeded;
  std::vector<InputError> input_errors;  // kBadInput: every error the command threw
  std::string failure;                   // kInternalError, kCrashed: what went wrong
  std::filesystem::path stdout_file, stderr_file;
};

// What the embedding interpreter must do around a fork (PyOS_BeforeFork and its kin), and
// when a signal interrupts the wait (a Ctrl-C in Python): `on_signal` may throw to stop.
struct ForkHooks {
  std::function<void()> before, in_parent, in_child, on_signal;
};

// Runs `command` in a forked child whose working folder is `folder`, with its standard output
// and error in `folder`/stdout.txt and `folder`/stderr.txt, and waits for it. The command
// returns an exit status as `umbra`'s subcommands do; an InputError it throws comes back in the
// outcome. When `on_signal` throws, the child is killed and the exception passed on.
CommandOutcome run_forked(const std::filesystem::path& folder, const ForkHooks& hooks,
                          const std::function<int()>& command);

}  // namespace umbra::python
