#pragma once
// Runs the `umbra` binary as a user does, from a test: each test gets a fresh folder (removed
// at the end) in which the command runs; the exit status and both output streams come back.
// Tests registered with umbra_add_test(... CLI) get UMBRA_EXE, the binary's path.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace umbra::testing {

struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class UmbraCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    // The process id keeps two checkouts' test runs on one machine out of each other's way.
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("umbra-") + test->test_suite_name() + "-" + test->name() + "-" +
            std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Whether the runs of `umbra run`, `umbra compare` and `umbra sweep` check the run's
  // invariants at every event (--check), as every test of the engine does unless it compares a
  // run without.
  enum class RunChecks { kOn, kOff };

  // `args` as typed after `umbra` in a shell, run in the test's folder. --check goes right
  // after the command's name, where it cannot be taken for the value of an option.
  Outcome umbra(const std::string& args, RunChecks checks = RunChecks::kOn) const {
    const auto command_is = [&](const std::string& name) {
      return args == name || args.starts_with(name + " ");
    };
    const bool simulates = command_is("run") || command_is("compare") ||
                           (command_is("sweep") && !command_is("sweep collect"));
    std::string line = args;
    if (simulates && checks == RunChecks::kOn) {
      line.insert(std::min(args.find(' '), args.size()), " --check");
    }
    const std::string command =
        "cd '" + dir_.string() + "' && '" + UMBRA_EXE + "' " + line + " > out.txt 2> err.txt";
    const int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(dir_ / "out.txt"),
            read_file(dir_ / "err.txt")};
  }

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }

  std::filesystem::path dir_;
};

}  // namespace umbra::testing
