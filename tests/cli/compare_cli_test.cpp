// `umbra compare`: one child `umbra run` per policy, one table of their summaries.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/run_outputs.hpp"
#include "tests/support/umbra_cli.hpp"

namespace {

namespace fs = std::filesystem;
using umbra::testing::Outcome;
using umbra::testing::read_file;
using umbra::testing::split;
using CompareCli = umbra::testing::UmbraCliTest;

const std::string kSource = UMBRA_SOURCE_DIR;
const std::string kScenario =
    kSource + "/platforms/ground-two-sites.yaml " + kSource + "/workloads/ground-mix.yaml";
const std::vector<std::string> kPolicies = {"fcfs", "easy", "conservative"};
const std::string kCompare = "compare " + kScenario + " --schedulers fcfs,easy,conservative";

// The words of a table line (cells are separated by two spaces or more; some hold one space).
std::vector<std::string> table_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t at = 0;
  while (at < line.size()) {
    const std::size_t begin = line.find_first_not_of(' ', at);
    if (begin == std::string::npos) break;
    std::size_t end = line.find("  ", begin);
    if (end == std::string::npos) end = line.size();
    cells.push_back(line.substr(begin, end - begin));
    at = end;
  }
  return cells;
}

TEST_F(CompareCli, TableHasOneRowPerPolicyWithTheFiguresOfItsRun) {
  const Outcome outcome = umbra(kCompare + " --workload-format yaml --out cmp");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const std::vector<std::string> lines = split(outcome.out, '\n');
  ASSERT_EQ(lines.size(), 1 + kPolicies.size()) << outcome.out;
  EXPECT_EQ(table_cells(lines[0]).front(), "policy");
  for (std::size_t i = 0; i < kPolicies.size(); ++i) {
    const fs::path run = dir_ / "cmp" / kPolicies[i];
    const YAML::Node s = YAML::LoadFile((run / "summary.json").string());
    const auto hours = [](const YAML::Node& seconds) {
      return fmt::format("{:.2f}", seconds.as<double>() / 3600.0);
    };
    const std::vector<std::string> expected = {
        kPolicies[i],
        fmt::format("{} of {}", s["jobs_finished"].as<int>(), s["jobs"].as<int>()),
        hours(s["jct"]["mean_s"]),
        hours(s["jct"]["p99_s"]),
        hours(s["makespan_s"]),
        fmt::format("{:.1f} %", 100 * s["gpu_utilisation"].as<double>()),
        fmt::format("{:.1f}", s["energy_j"].as<double>() / 3.6e6),  // J to kWh
        fmt::format("{:.3f}", s["energy_kwh_per_useful_gpu_hour"].as<double>()),
        fmt::format("{:.2f}", s["finish_time_fairness"]["max"].as<double>()),
        s["preemptions"].Scalar(),
        s["power_failures"].Scalar(),
        s["migrations"].Scalar(),
        fmt::format("{:.2f}", s["lost_gpu_hours"].as<double>()),
        s["jobs_lost"].Scalar()};
    EXPECT_EQ(table_cells(lines[1 + i]), expected) << lines[1 + i];
    // The workload options reach every run.
    EXPECT_NE(read_file(run / "manifest.json").find("\"--workload-format\""), std::string::npos);
  }
}

TEST_F(CompareCli, CsvHoldsEachRunsFiguresExactly) {
  const Outcome outcome = umbra(kCompare + " --format csv --out cmp");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_EQ(outcome.out, read_file(dir_ / "cmp/comparison.csv"));
  EXPECT_FALSE(fs::exists(dir_ / "cmp/comparison.md"));
  const std::vector<std::string> lines = split(outcome.out, '\n');
  ASSERT_EQ(lines.size(), 1 + kPolicies.size());
  EXPECT_EQ(lines[0],
            "policy,jobs,jobs_finished,jct_mean_s,jct_p99_s,makespan_s,gpu_utilisation,"
            "energy_j,energy_kwh_per_useful_gpu_hour,max_rho,preemptions,power_failures,migrations,"
            "lost_gpu_hours,jobs_lost");
  for (std::size_t i = 0; i < kPolicies.size(); ++i) {
    const YAML::Node s = YAML::LoadFile((dir_ / "cmp" / kPolicies[i] / "summary.json").string());
    const std::vector<std::string> expected = {kPolicies[i],
                                               s["jobs"].Scalar(),
                                               s["jobs_finished"].Scalar(),
                                               s["jct"]["mean_s"].Scalar(),
                                               s["jct"]["p99_s"].Scalar(),
                                               s["makespan_s"].Scalar(),
                                               s["gpu_utilisation"].Scalar(),
                                               s["energy_j"].Scalar(),
                                               s["energy_kwh_per_useful_gpu_hour"].Scalar(),
                                               s["finish_time_fairness"]["max"].Scalar(),
                                               s["preemptions"].Scalar(),
                                               s["power_failures"].Scalar(),
                                               s["migrations"].Scalar(),
                                               s["lost_gpu_hours"].Scalar(),
                                               s["jobs_lost"].Scalar()};
    EXPECT_EQ(split(lines[1 + i], ','), expected);
  }
}

TEST_F(CompareCli, MarkdownIsPrintedAndWrittenBesideTheCsv) {
  const Outcome outcome = umbra(kCompare + " --format markdown --out cmp");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_EQ(outcome.out, read_file(dir_ / "cmp/comparison.md"));
  EXPECT_EQ(outcome.out.rfind("| policy | jobs finished |", 0), 0u) << outcome.out;
  EXPECT_NE(outcome.out.find("\n| easy | "), std::string::npos) << outcome.out;
  EXPECT_TRUE(fs::exists(dir_ / "cmp/comparison.csv"));
}

TEST_F(CompareCli, SameInputsGiveByteIdenticalOutputs) {
  const Outcome first = umbra(kCompare + " --seed 3 --out cmp");
  ASSERT_EQ(first.status, 0) << first.err;
  const std::string csv = read_file(dir_ / "cmp/comparison.csv");
  std::vector<std::string> summaries;
  for (const auto& policy : kPolicies) {
    summaries.push_back(read_file(dir_ / "cmp" / policy / "summary.json"));
  }
  const Outcome second = umbra(kCompare + " --seed 3 --out cmp");
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(second.out, first.out);
  EXPECT_EQ(read_file(dir_ / "cmp/comparison.csv"), csv);
  for (std::size_t i = 0; i < kPolicies.size(); ++i) {
    EXPECT_EQ(read_file(dir_ / "cmp" / kPolicies[i] / "summary.json"), summaries[i]);
  }
}

// One run at a time, or three at once: every file of the comparison is the same bytes.
TEST_F(CompareCli, OutputsAreTheSameBytesWhateverTheNumberOfRunsAtOnce) {
  const std::vector<std::string> files = {"comparison.csv", "comparison.md"};
  const std::vector<std::string> per_run = {"summary.json", "jobs.csv", "links.csv",
                                            "manifest.json", "stdout.txt"};
  std::vector<std::string> first_files;
  const Outcome first = umbra(kCompare + " --format markdown -j 1 --out cmp");
  ASSERT_EQ(first.status, 0) << first.err;
  for (const auto& file : files) first_files.push_back(read_file(dir_ / "cmp" / file));
  for (const auto& policy : kPolicies) {
    for (const auto& file : per_run) first_files.push_back(read_file(dir_ / "cmp" / policy / file));
  }
  const Outcome second = umbra(kCompare + " --format markdown --parallel 3 --out cmp");
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(second.out, first.out);
  std::size_t at = 0;
  for (const auto& file : files) {
    EXPECT_EQ(read_file(dir_ / "cmp" / file), first_files[at++]) << file;
  }
  for (const auto& policy : kPolicies) {
    for (const auto& file : per_run) {
      EXPECT_EQ(read_file(dir_ / "cmp" / policy / file), first_files[at++])
          << policy << "/" << file;
    }
  }
}

TEST_F(CompareCli, ZeroRunsAtOnceIsRefused) {
  const Outcome outcome = umbra(kCompare + " -j 0 --out cmp");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("invalid --parallel 0"), std::string::npos) << outcome.err;
  EXPECT_FALSE(fs::exists(dir_ / "cmp/comparison.csv"));
}

TEST_F(CompareCli, UnknownPolicyIsRefusedBeforeAnyRun) {
  const Outcome outcome = umbra("compare " + kScenario + " --schedulers fcfs,esay --out cmp");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("did you mean \"easy\""), std::string::npos) << outcome.err;
  EXPECT_FALSE(fs::exists(dir_ / "cmp"));
}

TEST_F(CompareCli, FailedRunIsNamedWithItsErrorsAndNoTableIsWritten) {
  write("bad.yaml", "jobs:\n  - {id: a, submit: 0 s, gpus: 8, work: 12 parsecs}\n");
  const Outcome outcome = umbra("compare " + kSource +
                                "/platforms/ground-two-sites.yaml bad.yaml --schedulers "
                                "sjf,fcfs --out cmp");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("the run of policy \"sjf\" failed (exit status 2)"), std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find("bad.yaml:2:"), std::string::npos) << outcome.err;
  EXPECT_NE(outcome.err.find("also failed: fcfs ("), std::string::npos) << outcome.err;
  EXPECT_EQ(outcome.out, "");
  EXPECT_FALSE(fs::exists(dir_ / "cmp/comparison.csv"));
}

TEST_F(CompareCli, HelpAndBadOptions) {
  const Outcome help = umbra("compare --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("usage: umbra compare"), std::string::npos);
  EXPECT_NE(help.out.find("--workload-format"), std::string::npos);
  Outcome outcome = umbra("compare " + kScenario + " --format html");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("--format \"html\""), std::string::npos) << outcome.err;
  outcome = umbra("compare only-one-file.yaml");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("give a platform file and a workload file"), std::string::npos);
}

}  // namespace
