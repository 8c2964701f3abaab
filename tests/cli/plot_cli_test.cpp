// `umbra plot`: the figures of a sweep and of a run, as PNG and SVG, the same bytes for the same
// folder, their titles and labels in the SVG text. Skipped without Debian's python3-matplotlib
// (.ci/install-deps installs it).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/run_outputs.hpp"
#include "tests/support/shipped_scenario.hpp"

namespace {

namespace fs = std::filesystem;
using umbra::testing::Outcome;
using umbra::testing::read_file;
using PlotCli = umbra::testing::UmbraCliTest;

const std::string kSource = UMBRA_SOURCE_DIR;

std::string failure_legend(int count) {
  return "failed by power (node dark) (" + std::to_string(count) + ")";
}

bool matplotlib_present() {
  return std::system("/usr/bin/python3 -c 'import matplotlib' > /dev/null 2>&1") == 0;
}

// Each figure as a PNG (its signature, and more than a blank canvas's 10 kB) and an SVG (an <svg>
// document holding `texts`).
void expect_figure(const fs::path& folder, const std::string& name,
                   const std::vector<std::string>& texts) {
  const std::string png = read_file(folder / (name + ".png"));
  EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n") << name;
  EXPECT_GT(png.size(), 10'000u) << name;
  const std::string svg = read_file(folder / (name + ".svg"));
  EXPECT_NE(svg.find("<svg "), std::string::npos) << name;
  EXPECT_NE(svg.find("</svg>"), std::string::npos) << name;
  for (const std::string& text : texts) {
    EXPECT_NE(svg.find(text), std::string::npos) << name << " lacks \"" << text << "\"";
  }
}

TEST_F(PlotCli, SweepFiguresWithTheirLabelsTheSameBytesTwice) {
  if (!matplotlib_present()) GTEST_SKIP() << "needs /usr/bin/python3 with python3-matplotlib";
  write("loads.yaml",
        "platforms: [" + kSource +
            "/platforms/ground-two-sites.yaml]\n"
            "workloads:\n  - generate: {jobs: 20, load: [0.6, 1.4], load_of: ground}\n"
            "policies: [fcfs, easy]\nseeds: 2\n");
  ASSERT_EQ(umbra("sweep loads.yaml --out sw").status, 0);
  const Outcome outcome = umbra("plot sw");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_EQ(outcome.out,
            "sw/figures/jct-vs-load.png, .svg\nsw/figures/jct-cdf.png, .svg\n"
            "sw/figures/metrics.png, .svg\n");
  expect_figure(dir_ / "sw/figures", "jct-vs-load",
                {"mean JCT (h)", "offered load", "fcfs", "easy", "95 % CI over seeds"});
  expect_figure(
      dir_ / "sw/figures", "jct-cdf",
      {"fraction of finished jobs", "JCT (h, log scale)", "fcfs (2 seeds)", "load0.6", "load1.4"});
  expect_figure(dir_ / "sw/figures", "metrics",
                {"kWh per useful GPU-hour", "GPU utilisation (%)", "95 % interval"});
  ASSERT_EQ(umbra("plot sw --out again").status, 0);
  for (const char* file : {"jct-vs-load.png", "jct-vs-load.svg", "jct-cdf.png", "jct-cdf.svg",
                           "metrics.png", "metrics.svg"}) {
    EXPECT_EQ(read_file(dir_ / "again" / file), read_file(dir_ / "sw/figures" / file)) << file;
  }
}

TEST_F(PlotCli, RunFiguresWithoutPowerWhenTheRunWroteNone) {
  if (!matplotlib_present()) GTEST_SKIP() << "needs /usr/bin/python3 with python3-matplotlib";
  ASSERT_EQ(umbra("run --out r").status, 0);  // the default scenario: ground sites only
  const Outcome outcome = umbra("plot r --out figs");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  expect_figure(dir_ / "figs", "gantt", {"iowa-n0", "time since the scenario start (h)"});
  expect_figure(dir_ / "figs", "gpus", {"GPUs held and computing", "held by jobs", "computing"});
  EXPECT_FALSE(fs::exists(dir_ / "figs/power.png"));
  EXPECT_FALSE(fs::exists(dir_ / "figs/links.png"));  // no contact links
}

// The power-limited hybrid scenario: jobs failed by satellites going dark, laser and ground
// contact windows, batteries through eclipses.
TEST_F(PlotCli, HybridRunMarksFailuresAndDrawsLinksAndShadow) {
  if (!matplotlib_present()) GTEST_SKIP() << "needs /usr/bin/python3 with python3-matplotlib";
  ASSERT_EQ(
      umbra("run " + umbra::testing::shipped_scenario("hybrid-power-limited") + " --out r").status,
      0);
  const Outcome outcome = umbra("plot r");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_EQ(outcome.out,
            "r/figures/gantt.png, .svg\nr/figures/gpus.png, .svg\nr/figures/links.png, .svg\n"
            "r/figures/power.png, .svg\n");
  // The legend counts the failures as summary.json does.
  const auto failures = static_cast<int>(
      umbra::testing::json_number(read_file(dir_ / "r/summary.json"), "power_failures"));
  EXPECT_GT(failures, 0);
  expect_figure(dir_ / "r/figures", "gantt", {"leo-p00-s00", failure_legend(failures)});
  expect_figure(dir_ / "r/figures", "links",
                {"laser-isl: a row per link", "ka-ground: a row per link", "144 links"});
  expect_figure(dir_ / "r/figures", "power", {"in umbra", "in penumbra", "state of charge"});
}

TEST_F(PlotCli, SatelliteRunHasItsPowerFigure) {
  if (!matplotlib_present()) GTEST_SKIP() << "needs /usr/bin/python3 with python3-matplotlib";
  ASSERT_EQ(umbra("run " + kSource + "/platforms/power-eclipse-550.yaml " + kSource +
                  "/workloads/power-eclipse-jobs.yaml --out r")
                .status,
            0);
  ASSERT_EQ(umbra("plot r").status, 0);
  expect_figure(dir_ / "r/figures", "power", {"charge (%)", "power (kW)", "in umbra"});
}

TEST_F(PlotCli, FolderOfNeitherKindIsRefused) {
  fs::create_directories(dir_ / "empty");
  const Outcome outcome = umbra("plot empty");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_EQ(outcome.err,
            "umbra: error: empty: neither a sweep's folder (cells.csv) nor a complete run's "
            "(manifest.json)\n");
}

TEST_F(PlotCli, SweepNotCollectedIsRefused) {
  write("one.yaml", "platforms: [" + kSource + "/platforms/ground-two-sites.yaml]\n" +
                        "workloads: [" + kSource + "/workloads/ground-mix.yaml]\n" +
                        "policies: [fcfs]\n");
  ASSERT_EQ(umbra("sweep one.yaml --out sw --shard 1/1").status, 0);
  const Outcome outcome = umbra("plot sw");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_EQ(outcome.err,
            "umbra: error: sw/sweep.csv: not found: run 'umbra sweep collect sw' first\n");
}

}  // namespace
