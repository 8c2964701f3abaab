// `umbra sweep` and `umbra sweep collect` run as a user runs them: cells in their folders,
// resumption, the statistics over seeds against values worked from each cell's summary.json,
// failed cells listed with their logs; and `umbra compare --seeds`.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/run_outputs.hpp"
#include "tests/support/umbra_cli.hpp"

namespace {

namespace fs = std::filesystem;
using umbra::testing::CsvRow;
using umbra::testing::Outcome;
using umbra::testing::read_csv;
using umbra::testing::read_file;
// Runs `umbra ARGS` with a terminal as its standard error: what it wrote there is `out`.
class SweepCli : public umbra::testing::UmbraCliTest {
 protected:
  Outcome umbra_on_terminal(const std::string& args) const {
    const std::string command = "cd '" + dir_.string() + "' && script -qec \"'" + UMBRA_EXE + "' " +
                                args + "\" /dev/null > terminal.txt";
    const int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(dir_ / "terminal.txt"), ""};
  }
};

const std::string kSource = UMBRA_SOURCE_DIR;

// 2 policies x 3 seeds of a generated workload (each seed draws other jobs) = 6 cells.
const std::string kSweep = "name: small\nplatforms: [" + kSource +
                           "/platforms/ground-two-sites.yaml]\n"
                           "workloads:\n  - generate: {jobs: 30, load: 1.2, load_of: ground}\n"
                           "policies: [fcfs, easy]\nseeds: 3\n";
const std::vector<std::string> kPolicies = {"fcfs", "easy"};

// t(0.975, 2) of the NIST/SEMATECH e-Handbook table 1.3.6.7.2.
constexpr double kT975TwoDegrees = 4.303;

fs::path cell(const std::string& policy, int seed) {
  return fs::path("out/ground-two-sites/load1.2") / policy / ("seed" + std::to_string(seed));
}

double summary_number(const fs::path& summary, const std::string& key, const std::string& inner) {
  const YAML::Node root = YAML::LoadFile(summary.string());
  return inner.empty() ? root[key].as<double>() : root[key][inner].as<double>();
}

const CsvRow* find_row(const std::vector<CsvRow>& rows, const std::string& policy,
                       const std::string& metric) {
  for (const CsvRow& row : rows) {
    if (row.at("policy") == policy && row.at("metric") == metric) return &row;
  }
  return nullptr;
}

TEST_F(SweepCli, RunsEveryCellIntoItsFolderAndCollects) {
  write("small.yaml", kSweep);
  const Outcome outcome = umbra("sweep small.yaml --out out -j 2");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  for (const std::string& policy : kPolicies) {
    for (int seed = 0; seed < 3; ++seed) {
      EXPECT_TRUE(fs::exists(dir_ / cell(policy, seed) / "manifest.json")) << policy << seed;
      EXPECT_TRUE(fs::exists(dir_ / cell(policy, seed) / "workload.csv")) << policy << seed;
    }
  }
  // Not on a terminal: no progress line, one closing line.
  EXPECT_EQ(outcome.err.find('\r'), std::string::npos) << outcome.err;
  EXPECT_EQ(outcome.err, "sweep: 6 cells run, 0 failed, 0 already complete\n");
  EXPECT_EQ(outcome.out,
            read_file(dir_ / "out/sweep.md").substr(read_file(dir_ / "out/sweep.md").find('|')));
}

// On a terminal (script(1) gives the sweep one) a progress line is rewritten in place; its last
// state counts every cell.
TEST_F(SweepCli, ProgressLineOnATerminal) {
  write("small.yaml", kSweep);
  const Outcome outcome = umbra_on_terminal("sweep small.yaml --out out -j 2 > /dev/null");
  ASSERT_EQ(outcome.status, 0) << outcome.out;
  EXPECT_NE(outcome.out.find("\rsweep: 0 of 6 cells done, 0 failed, 1 running, 0 skipped"),
            std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find("\rsweep: 6 of 6 cells done, 0 failed, 0 running, 0 skipped\033[K"),
            std::string::npos)
      << outcome.out;
}

// Per policy, the mean, standard deviation and 95 % interval of the mean JCT and the makespan
// over the three seeds, worked here from each cell's summary.json with the published t.
TEST_F(SweepCli, CollectGivesTheStatisticsOverSeedsWorkedByHand) {
  write("small.yaml", kSweep);
  ASSERT_EQ(umbra("sweep small.yaml --out out").status, 0);
  const std::vector<CsvRow> rows = read_csv(dir_ / "out/sweep.csv");
  const std::vector<std::pair<std::string, std::string>> metrics = {{"jct", "mean_s"},
                                                                    {"makespan_s", ""}};
  for (const std::string& policy : kPolicies) {
    for (const auto& [key, inner] : metrics) {
      std::vector<double> values;
      for (int seed = 0; seed < 3; ++seed) {
        values.push_back(summary_number(dir_ / cell(policy, seed) / "summary.json", key, inner));
      }
      const double mean = (values[0] + values[1] + values[2]) / 3;
      double squares = 0;
      for (const double v : values) squares += (v - mean) * (v - mean);
      const double sd = std::sqrt(squares / 2);
      const double half = kT975TwoDegrees * sd / std::sqrt(3.0);
      const std::string metric = inner.empty() ? key : key + "." + inner;
      const CsvRow* row = find_row(rows, policy, metric);
      ASSERT_NE(row, nullptr) << policy << " " << metric;
      EXPECT_EQ(row->at("platform"), "ground-two-sites");
      EXPECT_EQ(row->at("workload"), "load1.2");
      EXPECT_EQ(row->at("seeds"), "3");
      EXPECT_NEAR(std::stod(row->at("mean")), mean, 1e-9 * mean);
      EXPECT_NEAR(std::stod(row->at("sd")), sd, 1e-9 * sd);
      EXPECT_GT(sd, 0) << "the seeds should draw different workloads";
      // The published t has three decimals: half a unit of the last place, relative.
      const double low = std::stod(row->at("ci95_low"));
      const double high = std::stod(row->at("ci95_high"));
      EXPECT_NEAR((low + high) / 2, mean, 1e-9 * mean);
      EXPECT_NEAR((high - low) / 2, half, half * 0.0005 / kT975TwoDegrees + 1e-9);
    }
  }
  // The Markdown row of a policy shows the mean JCT in hours with its interval.
  const std::string markdown = read_file(dir_ / "out/sweep.md");
  const double jct_mean =
      (summary_number(dir_ / cell("easy", 0) / "summary.json", "jct", "mean_s") +
       summary_number(dir_ / cell("easy", 1) / "summary.json", "jct", "mean_s") +
       summary_number(dir_ / cell("easy", 2) / "summary.json", "jct", "mean_s")) /
      3;
  EXPECT_NE(
      markdown.find(fmt::format("| ground-two-sites | load1.2 | easy | 3 | 30.0 ± 0.0 | {:.2f} ± ",
                                jct_mean / 3600)),
      std::string::npos)
      << markdown;
}

// A sweep stopped half way: cells with manifest.json are skipped (a file left in one stays),
// the incomplete one is emptied and run again.
TEST_F(SweepCli, ResumeSkipsCompleteCellsAndRerunsIncompleteOnes) {
  write("small.yaml", kSweep);
  ASSERT_EQ(umbra("sweep small.yaml --out out").status, 0);
  const std::string first_csv = read_file(dir_ / "out/sweep.csv");
  // Stopped before the manifest of easy seed 1 was written, and before any file of fcfs seed 2.
  fs::remove(dir_ / cell("easy", 1) / "manifest.json");
  write(cell("easy", 1).string() + "/left-over", "x");
  fs::remove_all(dir_ / cell("fcfs", 2));
  write(cell("fcfs", 0).string() + "/marker", "kept");

  const Outcome outcome = umbra("sweep small.yaml --out out");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_EQ(outcome.err, "sweep: 2 cells run, 0 failed, 4 already complete\n");
  EXPECT_EQ(read_file(dir_ / cell("fcfs", 0) / "marker"), "kept");
  EXPECT_FALSE(fs::exists(dir_ / cell("easy", 1) / "left-over"));
  EXPECT_TRUE(fs::exists(dir_ / cell("easy", 1) / "manifest.json"));
  EXPECT_TRUE(fs::exists(dir_ / cell("fcfs", 2) / "manifest.json"));
  EXPECT_EQ(read_file(dir_ / "out/sweep.csv"), first_csv);
}

// Shares run apart (as the tasks of a job array do) give the same table as the whole sweep.
TEST_F(SweepCli, ShardsTogetherGiveTheWholeSweep) {
  write("small.yaml", kSweep);
  ASSERT_EQ(umbra("sweep small.yaml --out whole").status, 0);
  for (const char* shard : {"1/4", "2/4", "3/4", "4/4"}) {
    const Outcome outcome = umbra(std::string("sweep small.yaml --out out -j 1 --shard ") + shard);
    ASSERT_EQ(outcome.status, 0) << outcome.err;
    EXPECT_TRUE(outcome.out.empty()) << "a share does not collect";
  }
  ASSERT_EQ(umbra("sweep small.yaml --out out --shard 1/4").err,
            "sweep: 0 cells run, 0 failed, 2 already complete\n");
  ASSERT_EQ(umbra("sweep collect out").status, 0);
  EXPECT_EQ(read_file(dir_ / "out/sweep.csv"), read_file(dir_ / "whole/sweep.csv"));
}

// A cell whose workload cannot be generated (no GPU model "B200" on the platform) fails; the
// others run, and collect lists it with its log and exits with 1.
TEST_F(SweepCli, FailedCellsAreListedWithTheirLogs) {
  write("failing.yaml", "platforms: [" + kSource +
                            "/platforms/ground-two-sites.yaml]\n"
                            "workloads:\n  - generate: {jobs: 10, load: 0.5}\n"
                            "  - generate: {jobs: 10, load: 0.7, reference_gpu: B200}\n"
                            "policies: [fcfs]\n");
  const Outcome outcome = umbra("sweep failing.yaml --out out");
  EXPECT_EQ(outcome.status, 1);
  EXPECT_NE(outcome.err.find("sweep: 1 cells run, 1 failed, 0 already complete"), std::string::npos)
      << outcome.err;
  const std::string log = "out/ground-two-sites/load0.7/fcfs/seed0/stderr.txt";
  EXPECT_NE(outcome.err.find("umbra: cell ground-two-sites/load0.7/fcfs/seed0 failed: "),
            std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find("B200"), std::string::npos) << outcome.err;
  EXPECT_NE(outcome.err.find("(log: " + log + ")"), std::string::npos) << outcome.err;
  EXPECT_NE(read_file(dir_ / log).find("B200"), std::string::npos);
  // The table holds the cell that ran.
  EXPECT_NE(outcome.out.find("| ground-two-sites | load0.5 | fcfs | 1 | 10.0 |"), std::string::npos)
      << outcome.out;
  const Outcome collected = umbra("sweep collect out");
  EXPECT_EQ(collected.status, 1);
  EXPECT_NE(collected.err.find("1 of 2 cells did not finish"), std::string::npos) << collected.err;
}

TEST_F(SweepCli, MalformedSweepFileIsRefusedWithItsPosition) {
  write("bad.yaml", "platforms: [" + kSource +
                        "/platforms/ground-two-sites.yaml]\n"
                        "workloads: [" +
                        kSource +
                        "/workloads/ground-mix.yaml]\n"
                        "policies: [fcfs, sjff]\n");
  const Outcome outcome = umbra("sweep bad.yaml --out out");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_EQ(outcome.err,
            "umbra: error: bad.yaml:3:18: unknown scheduler \"sjff\" (did you mean \"sjf\"?); "
            "'umbra schedulers' lists them\n");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(SweepCli, CollectOfAFolderWithoutCellIndexIsRefused) {
  const Outcome outcome = umbra("sweep collect nowhere");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("nowhere/cells.csv: cannot read the cell index"), std::string::npos)
      << outcome.err;
}

// `compare --seeds 3`: each policy's runs in POLICY/seedS, the table of their statistics, as a
// sweep of the same cells collects them.
TEST_F(SweepCli, CompareWithSeedsIsTheSweepOfItsCells) {
  const std::string files =
      kSource + "/platforms/ground-two-sites.yaml " + kSource + "/workloads/ground-mix.yaml";
  const Outcome outcome = umbra(
      "compare " + files + " --schedulers fcfs,easy --seed 4 --seeds 3 --out cmp --format csv");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_EQ(outcome.out, read_file(dir_ / "cmp/comparison.csv"));
  for (const std::string& policy : kPolicies) {
    for (int seed = 4; seed < 7; ++seed) {
      EXPECT_TRUE(
          fs::exists(dir_ / "cmp" / policy / ("seed" + std::to_string(seed)) / "manifest.json"));
    }
  }
  write("same.yaml", "platforms: [" + kSource + "/platforms/ground-two-sites.yaml]\n" +
                         "workloads: [" + kSource + "/workloads/ground-mix.yaml]\n" +
                         "policies: [fcfs, easy]\nseeds: [4, 5, 6]\n");
  ASSERT_EQ(umbra("sweep same.yaml --out sw").status, 0);
  EXPECT_EQ(read_file(dir_ / "cmp/comparison.csv"), read_file(dir_ / "sw/sweep.csv"));
  const Outcome table = umbra("compare " + files + " --schedulers fcfs,easy --seeds 2 --out cmp2");
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_EQ(table.out.substr(0, table.out.find('\n')).find("policy  seeds  jobs finished"), 0u)
      << table.out;
}

}  // namespace
