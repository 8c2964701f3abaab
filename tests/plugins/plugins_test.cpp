// Scheduler plugins as a user builds and loads them: the example policy built out of tree
// against an installed Umbra, and the errors of plugins that cannot be used.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "schedulers/scheduler.hpp"
#include "sim/core/sha256.hpp"
#include "tests/support/umbra_cli.hpp"

namespace {

namespace fs = std::filesystem;
using umbra::testing::Outcome;
using umbra::testing::read_file;
using Plugins = umbra::testing::UmbraCliTest;

const std::string kSource = UMBRA_SOURCE_DIR;
const std::string kVersion = std::to_string(umbra::sched::kSchedulerApiVersion);
const std::string kOtherVersion = std::to_string(umbra::sched::kSchedulerApiVersion + 1);

// One node of 8 GPUs of 1 PFLOPS at 100 % MFU, no gradients and no checkpoints: a job of G GPUs
// and W FLOP runs W / (G x 1e15) seconds.
const std::string kPlatform =
    "gpu_models:\n"
    "  - {name: G, peak: 1 PFLOPS, idle_power: 100 W, busy_power: 500 W}\n"
    "sites:\n"
    "  - name: lab\n"
    "    location: {latitude: 0, longitude: 0}\n"
    "    nodes: 1\n"
    "    gpus_per_node: 8\n"
    "    gpu_model: G\n"
    "    intra_node: {bandwidth: 100 GB/s, latency: 0 s}\n"
    "    network: {bandwidth: 10 GB/s, latency: 0 s}\n"
    "    storage: {bandwidth: 1 GB/s}\n";
const std::string kJobs =
    "defaults: {mfu: 1}\n"
    "jobs:\n"
    "  - {id: blocker, submit: 0 s, gpus: 8, work: 8e17 FLOP}\n"  // 100 s
    "  - {id: big, submit: 1 s, gpus: 8, work: 8e17 FLOP}\n"      // 100 s
    "  - {id: medium, submit: 2 s, gpus: 4, work: 4e17 FLOP}\n"   // 100 s
    "  - {id: small, submit: 3 s, gpus: 2, work: 1e17 FLOP}\n";   // 50 s

struct Times {
  double start = 0;
  double end = 0;
};

// id -> (start, end) of a run's jobs.csv.
std::map<std::string, Times> job_times(const fs::path& csv) {
  std::istringstream in(read_file(csv));
  std::string line;
  std::getline(in, line);
  const auto cells = [](const std::string& row) {
    std::vector<std::string> out;
    std::istringstream stream(row);
    for (std::string cell; std::getline(stream, cell, ',');) out.push_back(cell);
    return out;
  };
  const std::vector<std::string> header = cells(line);
  const auto column = [&](const std::string& name) {
    return std::find(header.begin(), header.end(), name) - header.begin();
  };
  std::map<std::string, Times> times;
  while (std::getline(in, line)) {
    const std::vector<std::string> row = cells(line);
    times[row[column("id")]] = {std::stod(row[column("start")]), std::stod(row[column("end")])};
  }
  return times;
}

// Runs a shell command in the test's folder; its output goes to a log shown on failure.
void shell(const fs::path& dir, const std::string& command) {
  const int status =
      std::system(("cd '" + dir.string() + "' && " + command + " > log.txt 2>&1").c_str());
  ASSERT_EQ(status, 0) << command << "\n" << read_file(dir / "log.txt");
}

TEST_F(Plugins, ExampleBuildsOutOfTreeAgainstTheInstallAndRuns) {
  const std::string cmake = std::string("'") + CMAKE_COMMAND + "'";
  ASSERT_NO_FATAL_FAILURE(
      shell(dir_, cmake + " --install '" + UMBRA_BINARY_DIR + "' --prefix prefix"));
  ASSERT_NO_FATAL_FAILURE(shell(dir_, cmake + " -S '" + kSource +
                                          "/schedulers/examples' -B example "
                                          "-DCMAKE_PREFIX_PATH=\"$PWD/prefix\" "
                                          "-DCMAKE_CXX_COMPILER='" CXX_COMPILER "'"));
  ASSERT_NO_FATAL_FAILURE(shell(dir_, cmake + " --build example"));
  const fs::path plugin = dir_ / "example/libsmallest_first.so";
  ASSERT_TRUE(fs::exists(plugin));

  write("platform.yaml", kPlatform);
  write("jobs.yaml", kJobs);
  const std::string umbra = (dir_ / "prefix/bin/umbra").string();
  ASSERT_NO_FATAL_FAILURE(shell(dir_, umbra + " run platform.yaml jobs.yaml --scheduler-plugin " +
                                          plugin.string() +
                                          " --scheduler smallest-first --out run"));
  // blocker holds the node until 100 s. Then the smallest first: small (2 GPUs) and medium (4)
  // start at 100 s, big (8) does not fit beside them and starts when medium ends, at 200 s.
  // (fcfs would start big at 100 s, then medium and small at 200 s.)
  const std::map<std::string, Times> times = job_times(dir_ / "run/jobs.csv");
  ASSERT_EQ(times.size(), 4u);
  EXPECT_DOUBLE_EQ(times.at("blocker").start, 0);
  EXPECT_DOUBLE_EQ(times.at("small").start, 100);
  EXPECT_DOUBLE_EQ(times.at("medium").start, 100);
  EXPECT_DOUBLE_EQ(times.at("small").end, 150);
  EXPECT_DOUBLE_EQ(times.at("big").start, 200);
  EXPECT_DOUBLE_EQ(times.at("big").end, 300);

  // The manifest names the plugin file and its hash.
  const std::string manifest = read_file(dir_ / "run/manifest.json");
  EXPECT_NE(manifest.find("\"scheduler-plugin\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find(umbra::sha256_file_hex(plugin.string())), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"scheduler\": \"smallest-first\""), std::string::npos) << manifest;
}

// The doc shows the example verbatim, so neither can drift from the other.
TEST_F(Plugins, TheDocShowsTheExampleVerbatim) {
  const std::string doc = read_file(kSource + "/docs/writing-a-scheduler.md");
  const std::string code = read_file(kSource + "/schedulers/examples/smallest_first.cpp");
  const std::string cmake = read_file(kSource + "/schedulers/examples/CMakeLists.txt");
  ASSERT_FALSE(code.empty());
  EXPECT_NE(doc.find("```cpp\n" + code + "```\n"), std::string::npos);
  EXPECT_NE(doc.find("```cmake\n" + cmake + "```\n"), std::string::npos);
}

TEST_F(Plugins, SchedulersListsThePoliciesOfEachPlugin) {
  const Outcome outcome = umbra(std::string("schedulers --scheduler-plugin ") + SERIAL_PLUGIN);
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("serial"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("easy"), std::string::npos) << outcome.out;
}

TEST_F(Plugins, APluginPolicyRunsAndTheManifestRecordsThePlugin) {
  write("platform.yaml", kPlatform);
  write("jobs.yaml", kJobs);
  const Outcome outcome =
      umbra(std::string("run platform.yaml jobs.yaml --scheduler serial --out run "
                        "--scheduler-plugin=") +
            SERIAL_PLUGIN);
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  // One job at a time in submit order: blocker 0-100, big 100-200, medium 200-300, small 300-350.
  const std::map<std::string, Times> times = job_times(dir_ / "run/jobs.csv");
  EXPECT_DOUBLE_EQ(times.at("big").start, 100);
  EXPECT_DOUBLE_EQ(times.at("medium").start, 200);
  EXPECT_DOUBLE_EQ(times.at("small").start, 300);
  EXPECT_DOUBLE_EQ(times.at("small").end, 350);
  const std::string manifest = read_file(dir_ / "run/manifest.json");
  EXPECT_NE(manifest.find("\"scheduler-plugin\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find(SERIAL_PLUGIN), std::string::npos) << manifest;
  EXPECT_NE(manifest.find(umbra::sha256_file_hex(SERIAL_PLUGIN)), std::string::npos) << manifest;
}

TEST_F(Plugins, APluginOfAnotherApiVersionIsRefusedNamingBothVersions) {
  const Outcome outcome = umbra(std::string("run --scheduler-plugin ") + WRONG_VERSION_PLUGIN);
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find(WRONG_VERSION_PLUGIN), std::string::npos) << outcome.err;
  EXPECT_NE(
      outcome.err.find("API version " + kOtherVersion + ", but this Umbra has version " + kVersion),
      std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find("rebuild the plugin"), std::string::npos) << outcome.err;
  EXPECT_FALSE(fs::exists(dir_ / "results"));
}

TEST_F(Plugins, AMissingFileIsRefused) {
  Outcome outcome = umbra("schedulers --scheduler-plugin nowhere/libnothing.so");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("\"nowhere/libnothing.so\": no such file"), std::string::npos)
      << outcome.err;
  outcome = umbra("run --scheduler fcfs --scheduler-plugin");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("\"--scheduler-plugin\" needs a value"), std::string::npos)
      << outcome.err;
}

TEST_F(Plugins, ALibraryWithoutTheEntryPointsIsRefused) {
  const Outcome outcome = umbra(std::string("schedulers --scheduler-plugin ") + NOT_A_PLUGIN);
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(
      outcome.err.find(std::string("\"") + NOT_A_PLUGIN + "\" is not an Umbra scheduler plugin"),
      std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find("UMBRA_SCHEDULER_PLUGIN"), std::string::npos) << outcome.err;
}

TEST_F(Plugins, AFileThatIsNoSharedLibraryIsRefused) {
  write("libfake.so", "not a library\n");
  const Outcome outcome = umbra("schedulers --scheduler-plugin libfake.so");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("scheduler plugin \"libfake.so\" cannot be loaded"), std::string::npos)
      << outcome.err;
}

TEST_F(Plugins, APolicyNameTakenTwiceIsRefused) {
  const Outcome outcome = umbra(std::string("schedulers --scheduler-plugin ") + SERIAL_PLUGIN +
                                " --scheduler-plugin " + SERIAL_PLUGIN);
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find(std::string("scheduler plugin \"") + SERIAL_PLUGIN +
                             "\": scheduler \"serial\" is registered twice"),
            std::string::npos)
      << outcome.err;
}

}  // namespace
