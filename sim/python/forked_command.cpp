#include "sim/python/forked_command.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "sim/cli/cli.hpp"

namespace umbra::python {
namespace {

const char* kErrorsFile = "errors.bin";  // the child's input errors, fields ended by NUL
const char* kFailureFile = "failure.txt";

void redirect(int descriptor, const std::filesystem::path& file) {
  const int opened = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (opened < 0 || ::dup2(opened, descriptor) < 0) std::_Exit(cli::kExitInternal);
  ::close(opened);
}

void write_file(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary);
  out << bytes;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string encode(const InputError& error) {
  const auto field = [](const std::string& text) { return text + '\0'; };
  return field(error.where().file) + field(std::to_string(error.where().line)) +
         field(std::to_string(error.where().column)) + field(error.message());
}

std::vector<InputError> decode(const std::string& bytes) {
  std::vector<std::string> fields;
  std::size_t begin = 0;
  for (std::size_t end; (end = bytes.find('\0', begin)) != std::string::npos; begin = end + 1) {
    fields.push_back(bytes.substr(begin, end - begin));
  }
  std::vector<InputError> errors;
  for (std::size_t i = 0; i + 3 < fields.size(); i += 4) {
    errors.emplace_back(
        SourcePosition{fields[i], std::stoi(fields[i + 1]), std::stoi(fields[i + 2])},
        fields[i + 3]);
  }
  return errors;
}

// The child: never returns, and leaves without the parent's exit handlers (_exit).
[[noreturn]] void run_child(const std::filesystem::path& folder,
                            const std::function<void()>& in_child,
                            const std::function<int()>& command) {
  redirect(STDOUT_FILENO, folder / "stdout.txt");
  redirect(STDERR_FILENO, folder / "stderr.txt");
  if (::chdir(folder.c_str()) != 0) std::_Exit(cli::kExitInternal);
  int status = cli::kExitInternal;
  try {
    in_child();
    status = command();
  } catch (const InputError& error) {
    std::string bytes;
    for (const InputError& each : each_error(error)) bytes += encode(each);
    write_file(folder / kErrorsFile, bytes);
    status = cli::kExitBadInput;
  } catch (const std::exception& error) {
    write_file(folder / kFailureFile, error.what());
    status = cli::kExitInternal;
  }
  std::fflush(nullptr);
  ::_exit(status);
}

}  // namespace

TemporaryFolder::TemporaryFolder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "umbra-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error(
        fmt::format("cannot create a temporary folder {}: {}", pattern, std::strerror(errno)));
  }
  path_ = pattern;
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

CommandOutcome run_forked(const std::filesystem::path& folder, const ForkHooks& hooks,
                          const std::function<int()>& command) {
  std::fflush(nullptr);  // else the child would write the parent's buffered output again
  hooks.before();
  const pid_t child = ::fork();
  if (child == 0) run_child(folder, hooks.in_child, command);
  hooks.in_parent();
  if (child < 0) throw std::runtime_error(fmt::format("fork: {}", std::strerror(errno)));

  int wait_status = 0;
  while (::waitpid(child, &wait_status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(fmt::format("waitpid: {}", std::strerror(errno)));
    try {
      hooks.on_signal();
    } catch (...) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &wait_status, 0);
      throw;
    }
  }
  CommandOutcome outcome;
  outcome.stdout_file = folder / "stdout.txt";
  outcome.stderr_file = folder / "stderr.txt";
  if (WIFSIGNALED(wait_status)) {
    outcome.end = CommandEnd::kCrashed;
    outcome.failure = fmt::format("the run's process was killed by signal {}: {}",
                                  WTERMSIG(wait_status), read_file(outcome.stderr_file));
  } else if (WEXITSTATUS(wait_status) == cli::kExitBadInput) {
    outcome.end = CommandEnd::kBadInput;
    outcome.input_errors = decode(read_file(folder / kErrorsFile));
    if (outcome.input_errors.empty()) {  // a usage error the command printed itself
      outcome.input_errors.emplace_back(read_file(outcome.stderr_file));
    }
  } else if (WEXITSTATUS(wait_status) != cli::kExitOk) {
    outcome.end = CommandEnd::kInternalError;
    outcome.failure = read_file(folder / kFailureFile) + read_file(outcome.stderr_file);
  }
  return outcome;
}

}  // namespace umbra::python
