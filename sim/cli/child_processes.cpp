#include "sim/cli/child_processes.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>
#include <thread>

#include "sim/cli/cli.hpp"
#include "sim/core/error.hpp"

extern char** environ;

namespace umbra::cli {
namespace {

constexpr const char* kSelfExe = "/proc/self/exe";

pid_t spawn(const ChildCommand& command) {
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  const int output = O_WRONLY | O_CREAT | O_APPEND;
  posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, command.stdout_file.c_str(), output,
                                   0644);
  posix_spawn_file_actions_addopen(&files, STDERR_FILENO, command.stderr_file.c_str(), output,
                                   0644);
  std::vector<std::string> strings{"umbra"};
  strings.insert(strings.end(), command.args.begin(), command.args.end());
  std::vector<char*> argv;
  for (std::string& arg : strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, kSelfExe, &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (error != 0) {
    throw std::runtime_error(fmt::format("cannot start {}: {}", kSelfExe, std::strerror(error)));
  }
  return pid;
}

bool exited_ok(int wait_status) {
  return WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == kExitOk;
}

}  // namespace

void run_chains(std::vector<ChildChain>& chains, std::size_t parallel,
                const std::function<void(const ChainProgress&)>& on_change) {
  struct Running {
    std::size_t chain = 0, command = 0;
  };
  std::map<pid_t, Running> running;
  ChainProgress progress;
  progress.total = chains.size();
  const auto changed = [&] {
    progress.running = running.size();
    if (on_change) on_change(progress);
  };
  std::size_t next = 0;
  while (next < chains.size() || !running.empty()) {
    while (next < chains.size() && running.size() < parallel) {
      running[spawn(chains[next].commands.front())] = {next, 0};
      ++next;
      changed();
    }
    int status = 0;
    pid_t pid = 0;
    do {
      pid = waitpid(-1, &status, 0);
    } while (pid < 0 && errno == EINTR);
    if (pid < 0) throw std::runtime_error(fmt::format("waitpid: {}", std::strerror(errno)));
    const auto found = running.find(pid);
    if (found == running.end()) continue;
    const Running ended = found->second;
    running.erase(found);
    ChildChain& chain = chains[ended.chain];
    if (exited_ok(status) && ended.command + 1 < chain.commands.size()) {
      running[spawn(chain.commands[ended.command + 1])] = {ended.chain, ended.command + 1};
      continue;
    }
    chain.wait_status = status;
    ++(exited_ok(status) ? progress.done : progress.failed);
    changed();
  }
}

bool succeeded(const ChildChain& chain) {
  return exited_ok(chain.wait_status);
}

std::string how_it_ended(int wait_status) {
  if (WIFEXITED(wait_status)) return fmt::format("exit status {}", WEXITSTATUS(wait_status));
  if (WIFSIGNALED(wait_status)) return fmt::format("killed by signal {}", WTERMSIG(wait_status));
  return "ended abnormally";
}

std::size_t default_parallel_runs() {
  return std::max(1u, std::thread::hardware_concurrency());
}

std::size_t parallel_runs(const Arguments& arguments) {
  const auto parallel = arguments.unsigned_value("parallel");
  if (!parallel) return default_parallel_runs();
  if (*parallel == 0) throw InputError("invalid --parallel 0: expected at least 1 run at once");
  return static_cast<std::size_t>(*parallel);
}

}  // namespace umbra::cli
