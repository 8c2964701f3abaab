// The progress line of a long `umbra run` (and of a sweep): on a terminal only, redrawn at most
// ProgressLine::kRedrawsPerSecond times a second, never in a file.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "sim/cli/progress_line.hpp"
#include "tests/support/shipped_scenario.hpp"
#include "tests/support/umbra_cli.hpp"

namespace {

using umbra::cli::ProgressLine;
using umbra::cli::time_left;
using umbra::testing::Outcome;
using umbra::testing::read_file;
using RunProgress = umbra::testing::UmbraCliTest;

const std::string kScenario = umbra::testing::shipped_scenario("hybrid-power-limited");

TEST(TimeLeft, AtThePaceSoFar) {
  EXPECT_EQ(time_left(10, 1, 4), "about 30 s left");          // 10 s per unit, 3 to go
  EXPECT_EQ(time_left(60, 1, 3), "about 2 min left");         // 120 s
  EXPECT_EQ(time_left(3600, 1, 3), "about 2 h 00 min left");  // 7,200 s
  EXPECT_EQ(time_left(100, 3, 4), "about 33 s left");         // 33.3 s
  EXPECT_EQ(time_left(5, 0, 4), "");                          // no pace yet
  EXPECT_EQ(time_left(5, 4, 4), "");                          // done
}

TEST_F(RunProgress, ShownOnATerminalAndRedrawnAFewTimesASecond) {
  // script(1) runs the command on a pseudo-terminal and keeps what it showed.
  const std::string command = "cd '" + dir_.string() + "' && /usr/bin/script -qec \"'" + UMBRA_EXE +
                              "' run " + kScenario + " --out r\" /dev/null > terminal.txt";
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  const std::string shown = read_file(dir_ / "terminal.txt");
  EXPECT_NE(shown.find("\rrun: 0.0 h simulated (last submission at 23.9 h), jobs 0 ended"),
            std::string::npos)
      << shown;
  // The last draw, the run over: every job ended, no time left to show.
  EXPECT_NE(shown.find("jobs 300 ended, 0 running, 0 queued\033[K\r\n"), std::string::npos)
      << shown;
  std::size_t draws = 0;
  for (std::size_t at = shown.find("\rrun: "); at != std::string::npos;
       at = shown.find("\rrun: ", at + 1)) {
    ++draws;
  }
  // The first draw, one per redraw interval after it, and the last at the end.
  EXPECT_LE(static_cast<double>(draws), took.count() * ProgressLine::kRedrawsPerSecond + 2);
}

TEST_F(RunProgress, NeverInAFile) {
  const Outcome outcome = umbra("run " + kScenario + " --out r");
  ASSERT_EQ(outcome.status, 0);
  EXPECT_EQ(outcome.err.find("run: "), std::string::npos) << outcome.err;
  EXPECT_EQ(outcome.err.find('\r'), std::string::npos) << outcome.err;
}

}  // namespace
