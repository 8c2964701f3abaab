// `umbra run` stopped before its end: by SIGINT or SIGTERM (outputs of the run so far, marked
// interrupted), by its output folder removed or a full disk (exit status 2, the run marked
// failed where the manifest can still be written). Each runs the real binary as a child
// process and reads back the files it left.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sim/cli/sweep_collect.hpp"
#include "tests/support/umbra_cli.hpp"

namespace umbra::testing {
namespace {

namespace fs = std::filesystem;
const std::string kSource = UMBRA_SOURCE_DIR;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  return fields;
}

// Every line of a CSV file has its header's number of fields (no field of these files holds a
// comma but jobs.csv's node list, which holds ';'), and the file ends with a newline: no row
// was cut.
void expect_whole_csv(const fs::path& file) {
  const std::string text = read_file(file);
  ASSERT_FALSE(text.empty()) << file;
  EXPECT_EQ(text.back(), '\n') << file;
  const std::vector<std::string> lines = lines_of(text);
  const std::size_t columns = fields_of(lines.front()).size();
  for (const std::string& line : lines) EXPECT_EQ(fields_of(line).size(), columns) << line;
}

class RunInterruption : public UmbraCliTest {
 protected:
  // Starts `umbra run ARGS` in the test's folder, its output streams to out.txt and err.txt.
  pid_t start_umbra(const std::vector<std::string>& args) const {
    const pid_t child = fork();
    if (child == 0) {
      if (chdir(dir_.c_str()) != 0) _exit(126);
      const int out = open("out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = open("err.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(out, STDOUT_FILENO);
      dup2(err, STDERR_FILENO);
      std::vector<std::string> words{UMBRA_EXE, "run"};
      words.insert(words.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (std::string& word : words) argv.push_back(word.data());
      argv.push_back(nullptr);
      execv(UMBRA_EXE, argv.data());
      _exit(127);
    }
    return child;
  }

  // Waits until `file` holds something while the child runs; false if it ended. power.csv's
  // partial file is created with the rows of the start, at simulated time 0, and gets its first
  // MB of rows (about 10,000) well after the clock has left 0.
  static bool wait_for_bytes(const fs::path& file, pid_t child) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      std::error_code no_file;
      const auto size = fs::file_size(file, no_file);
      if (!no_file && size > 0) return true;
      int status = 0;
      if (waitpid(child, &status, WNOHANG) == child) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  // The child's exit status; -1 if a signal ended it.
  static int exit_status(pid_t child) {
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // The dawn-dusk formation's year (minutes of CPU), with a second job that waits for the first's
  // GPUs: a run far from its end once it has written its first MB of power.csv.
  std::vector<std::string> long_run(const std::string& out,
                                    const std::vector<std::string>& options = {}) const {
    std::string workload = read_file(kSource + "/workloads/dawn-dusk-year.yaml");
    workload +=
        "  - {id: waiting, submit: 0 s, user: other, gpus: 324, duration: 1 d, reference_gpu: "
        "H100, mfu: 0.4, iterations: 1000, gradient: 140 GB}\n";
    write("year-and-one.yaml", workload);
    std::vector<std::string> args{kSource + "/platforms/dawn-dusk-formation.yaml",
                                  "year-and-one.yaml",
                                  "--scheduler",
                                  "fcfs",
                                  "--out",
                                  out};
    args.insert(args.end(), options.begin(), options.end());
    return args;
  }

  // Interrupts the long run with `signal` once it is under way and checks what it left.
  void interrupt_with(int signal, const std::string& name, int expected_status,
                      const std::vector<std::string>& options = {}) const {
    const fs::path out = dir_ / "run";
    const pid_t child = start_umbra(long_run(out.string(), options));
    ASSERT_TRUE(wait_for_bytes(out / "power.csv.partial", child)) << read_file(dir_ / "err.txt");
    kill(child, signal);
    ASSERT_EQ(exit_status(child), expected_status) << read_file(dir_ / "err.txt");
    EXPECT_NE(read_file(dir_ / "err.txt").find("umbra: " + name + " at simulated time"),
              std::string::npos)
        << read_file(dir_ / "err.txt");

    const YAML::Node manifest = YAML::LoadFile((out / "manifest.json").string());
    EXPECT_EQ(manifest["status"].as<std::string>(), "interrupted");
    EXPECT_EQ(manifest["signal"].as<std::string>(), name);
    const double stopped_at = manifest["interrupted_at_s"].as<double>();
    EXPECT_GT(stopped_at, 0);
    // Long before the year's job could end.
    EXPECT_LT(stopped_at, 366 * 86400.0);
    const YAML::Node summary = YAML::LoadFile((out / "summary.json").string());
    EXPECT_EQ(summary["simulated_end_s"].as<double>(), stopped_at);
    EXPECT_EQ(summary["jobs_finished"].as<int>(), 0);

    for (const char* csv :
         {"jobs.csv", "links.csv", "power.csv", "allocations.csv", "link_windows.csv"}) {
      expect_whole_csv(out / csv);
    }
    const std::vector<std::string> jobs = lines_of(read_file(out / "jobs.csv"));
    ASSERT_EQ(jobs.size(), 3u);
    EXPECT_EQ(fields_of(jobs[1])[0], "year");
    EXPECT_EQ(fields_of(jobs[1])[2], "running");
    EXPECT_EQ(fields_of(jobs[2])[0], "waiting");
    EXPECT_EQ(fields_of(jobs[2])[2], "queued");
    // power.csv runs to the interruption, times printed to the ms, and ends there: the last row
    // of each of the 81 satellites is its end.
    const std::vector<std::string> power = lines_of(read_file(out / "power.csv"));
    for (std::size_t i = 1; i < power.size(); ++i) {
      ASSERT_LE(std::stod(fields_of(power[i])[0]), stopped_at + 0.0005) << power[i];
    }
    ASSERT_GT(power.size(), 82u);
    for (std::size_t i = power.size() - 81; i < power.size(); ++i) {
      EXPECT_NEAR(std::stod(fields_of(power[i])[0]), stopped_at, 0.0005) << power[i];
      EXPECT_EQ(fields_of(power[i])[9], "end") << power[i];
    }
    // allocations.csv and link_windows.csv, streamed too, end at the stop what was open then:
    // the year's job on its nodes, and the formation's laser links, which never break.
    const std::vector<std::string> allocations = lines_of(read_file(out / "allocations.csv"));
    ASSERT_GT(allocations.size(), 1u);
    for (std::size_t i = 1; i < allocations.size(); ++i) {
      const std::vector<std::string> row = fields_of(allocations[i]);
      EXPECT_EQ(row[0], "year") << allocations[i];
      EXPECT_NEAR(std::stod(row[4]), stopped_at, 5e-7) << allocations[i];
      EXPECT_EQ(row[5], "running") << allocations[i];
    }
    const std::vector<std::string> windows = lines_of(read_file(out / "link_windows.csv"));
    ASSERT_GT(windows.size(), 1u);
    for (std::size_t i = 1; i < windows.size(); ++i) {
      const std::vector<std::string> row = fields_of(windows[i]);
      EXPECT_EQ(std::stod(row[3]), 0) << windows[i];
      EXPECT_NEAR(std::stod(row[4]), stopped_at, 5e-7) << windows[i];
    }
    for (const auto& entry : fs::directory_iterator(out)) {
      EXPECT_NE(entry.path().extension(), ".partial") << entry.path();
    }
    // A sweep runs such a cell again.
    EXPECT_FALSE(cli::cell_is_complete(out));
  }

  // /dev/full fails every write with ENOSPC: `file` of the output folder linked there is a file
  // on a full disk. `umbra ARGS --out run` must fail naming it, mark the run failed and leave
  // neither the file nor its partial one.
  void expect_fails_on_full_disk(const std::string& file, const std::string& args) const {
    const fs::path out = dir_ / "run";
    fs::create_directories(out);
    fs::create_symlink("/dev/full", out / (file + ".partial"));
    const Outcome outcome = umbra(args + " --out run");
    EXPECT_EQ(outcome.status, 2);
    const std::string message = "run/" + file + ": cannot write the file: No space left on device";
    EXPECT_EQ(outcome.err, "umbra: error: " + message + "\n");
    const YAML::Node manifest = YAML::LoadFile((out / "manifest.json").string());
    EXPECT_EQ(manifest["status"].as<std::string>(), "failed");
    EXPECT_EQ(manifest["error"].as<std::string>(), message);
    EXPECT_FALSE(fs::exists(out / file));
    EXPECT_FALSE(fs::is_symlink(out / (file + ".partial")));
    EXPECT_FALSE(fs::exists(out / "summary.json"));
    EXPECT_FALSE(cli::cell_is_complete(out));
  }
};

TEST_F(RunInterruption, SigintStopsTheRunAtTheInstantItReachedAndWritesItMarkedInterrupted) {
  interrupt_with(SIGINT, "SIGINT", 130);
}

TEST_F(RunInterruption, SigtermStopsTheRunTheSameWayWithStatus143) {
  interrupt_with(SIGTERM, "SIGTERM", 143);
}

// The stop ends the jobs' allocations as the run's end does: a checked run must not take that
// for a job in no list.
TEST_F(RunInterruption, ACheckedRunStopsTheSameWay) {
  interrupt_with(SIGINT, "SIGINT", 130, {"--check"});
}

TEST_F(RunInterruption, AnOutputFolderRemovedDuringTheRunIsAnErrorAtOnce) {
  const fs::path out = dir_ / "run";
  const pid_t child = start_umbra(long_run(out.string()));
  ASSERT_TRUE(wait_for_bytes(out / "power.csv.partial", child)) << read_file(dir_ / "err.txt");
  fs::remove_all(out);
  // Well before the year's run could end (minutes): the next MB of power.csv finds it gone.
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(exit_status(child), 2) << read_file(dir_ / "err.txt");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
  EXPECT_EQ(read_file(dir_ / "err.txt"),
            "umbra: error: " + (out / "power.csv").string() +
                ": cannot write the file: it was removed during the run, or its folder was\n");
  EXPECT_FALSE(fs::exists(out));  // not created again
}

TEST_F(RunInterruption, PowerCsvOnAFullDiskFailsTheRunAndMarksItFailed) {
  expect_fails_on_full_disk("power.csv", "run '" + kSource +
                                             "/platforms/power-eclipse-550.yaml' '" + kSource +
                                             "/workloads/power-eclipse-jobs.yaml'");
}

TEST_F(RunInterruption, JobsCsvOnAFullDiskFailsTheRunAndMarksItFailed) {
  expect_fails_on_full_disk("jobs.csv", "run");
}

TEST_F(RunInterruption, AllocationsCsvOnAFullDiskFailsTheRunAndMarksItFailed) {
  expect_fails_on_full_disk("allocations.csv", "run");
}

// The ground scenario has no contact link: the file is its header alone, and still written.
TEST_F(RunInterruption, LinkWindowsCsvOnAFullDiskFailsTheRunAndMarksItFailed) {
  expect_fails_on_full_disk("link_windows.csv", "run");
}

TEST_F(RunInterruption, ACompleteRunIsMarkedComplete) {
  const Outcome outcome = umbra("run --out run");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const YAML::Node manifest = YAML::LoadFile((dir_ / "run/manifest.json").string());
  EXPECT_EQ(manifest["status"].as<std::string>(), "complete");
  EXPECT_TRUE(cli::cell_is_complete(dir_ / "run"));
}

// --power-rows events leaves out exactly the rows whose only events are the sun's steps.
TEST_F(RunInterruption, PowerRowsEventsLeavesOutTheSunsStepsOnly) {
  const std::string inputs = "'" + kSource + "/platforms/power-eclipse-550.yaml' '" + kSource +
                             "/workloads/power-eclipse-jobs.yaml'";
  ASSERT_EQ(umbra("run " + inputs + " --out all").status, 0);
  ASSERT_EQ(umbra("run " + inputs + " --power-rows events --out events").status, 0);
  std::string expected;
  std::size_t left_out = 0;
  for (const std::string& line : lines_of(read_file(dir_ / "all/power.csv"))) {
    const std::string events = fields_of(line).back();
    if (events == "solar-step" || events == "penumbra-step" ||
        events == "penumbra-step+solar-step") {
      ++left_out;
      continue;
    }
    expected += line + "\n";
  }
  EXPECT_GT(left_out, 300u);  // 397 penumbra steps alone in this run
  EXPECT_EQ(read_file(dir_ / "events/power.csv"), expected);
  for (const char* file : {"jobs.csv", "links.csv", "summary.json"}) {
    EXPECT_EQ(read_file(dir_ / "events" / file), read_file(dir_ / "all" / file)) << file;
  }
  const Outcome bad = umbra("run " + inputs + " --power-rows some --out bad");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err, "umbra: error: invalid --power-rows \"some\": expected all or events\n");
}

}  // namespace
}  // namespace umbra::testing
