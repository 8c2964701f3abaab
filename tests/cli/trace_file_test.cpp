// `umbra run --trace FILE.json` on a real hybrid scenario (ground site, a 72-satellite shell
// with batteries, laser and ground links): the file is checked against the run's jobs.csv and
// power.csv by check_trace.py, which reads both with Python's own json and csv modules.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/support/shipped_scenario.hpp"
#include "tests/support/umbra_cli.hpp"

namespace {

namespace fs = std::filesystem;
using umbra::testing::Outcome;
using umbra::testing::read_file;

const std::string kSource = UMBRA_SOURCE_DIR;
const std::string kScenario = umbra::testing::shipped_scenario("hybrid-power-limited");

class TraceFile : public umbra::testing::UmbraCliTest {
 protected:
  // check_trace.py's report on the run in folder r and its trace r/trace.json.
  std::string check_trace() const {
    const std::string checked = "cd '" + dir_.string() + "' && /usr/bin/python3 '" + kSource +
                                "/tests/cli/check_trace.py' r r/trace.json > check.txt";
    const int status = std::system(checked.c_str());
    const std::string report = read_file(dir_ / "check.txt");
    EXPECT_EQ(status, 0) << report;
    return report;
  }
};

TEST_F(TraceFile, AgreesWithTheRunsOwnFilesAndIsTheSameBytesTwice) {
  ASSERT_EQ(umbra("run " + kScenario + " --out r --trace r/trace.json").status, 0);
  // The scenario's numbers, as its jobs.csv and power.csv give them.
  EXPECT_EQ(check_trace(),
            "708 job slices of 300 jobs, 1714 eclipses of 72 satellites: consistent\n");

  ASSERT_EQ(umbra("run " + kScenario + " --out again --trace again.json").status, 0);
  EXPECT_TRUE(read_file(dir_ / "again.json") == read_file(dir_ / "r/trace.json"));
  EXPECT_FALSE(fs::exists(dir_ / "again.json.partial"));
}

// The default scenario (ground sites) under a policy that preempts: a preempted instant per
// preemption jobs.csv counts.
TEST_F(TraceFile, PreemptionsOfAGroundRun) {
  ASSERT_EQ(umbra("run --scheduler themis-ftf --out r --trace r/trace.json").status, 0);
  EXPECT_EQ(check_trace(), "1265 job slices of 40 jobs, 0 eclipses of 0 satellites: consistent\n");
}

TEST_F(TraceFile, UnwritablePathIsAnInputError) {
  const Outcome outcome = umbra("run --out r --trace no/such/folder/t.json");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("umbra: error: no/such/folder/t.json: cannot write the file"),
            std::string::npos)
      << outcome.err;
}

}  // namespace
