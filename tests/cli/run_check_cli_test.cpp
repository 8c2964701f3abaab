// `umbra run --check` on shipped scenarios (battery power, contact links, ground sites): the
// engine keeps every invariant, and checking changes no byte of the outputs. (Each invariant is
// shown to fire in tests/engine/run_invariants_test.cpp.)
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/umbra_cli.hpp"

namespace umbra {
namespace {

using testing::read_file;

struct Scenario {
  const char* platform;
  const char* workload;
  const char* scheduler;
};

class RunCheck : public testing::UmbraCliTest, public ::testing::WithParamInterface<Scenario> {};

TEST_P(RunCheck, PassesAndWritesTheSameBytesAsARunWithout) {
  const std::string source = UMBRA_SOURCE_DIR;
  const std::string args = std::string("run ") + source + "/platforms/" + GetParam().platform +
                           " " + source + "/workloads/" + GetParam().workload + " --scheduler " +
                           GetParam().scheduler + " --out run";
  const testing::Outcome unchecked = umbra(args, RunChecks::kOff);
  ASSERT_EQ(unchecked.status, 0) << unchecked.err;
  std::filesystem::rename(dir_ / "run", dir_ / "unchecked");
  const testing::Outcome checked = umbra(args, RunChecks::kOn);
  ASSERT_EQ(checked.status, 0) << checked.err;
  EXPECT_EQ(checked.out, unchecked.out);
  for (const char* file : {"jobs.csv", "links.csv", "power.csv", "summary.json"}) {
    EXPECT_EQ(std::filesystem::exists(dir_ / "run" / file),
              std::filesystem::exists(dir_ / "unchecked" / file))
        << file;
    EXPECT_EQ(read_file(dir_ / "run" / file), read_file(dir_ / "unchecked" / file)) << file;
  }
  // The manifest too, but for the command line's --check.
  std::string manifest = read_file(dir_ / "run/manifest.json");
  const std::string option = ",\n    \"--check\"";
  ASSERT_NE(manifest.find(option), std::string::npos) << manifest;
  manifest.erase(manifest.find(option), option.size());
  EXPECT_EQ(manifest, read_file(dir_ / "unchecked/manifest.json"));
}

INSTANTIATE_TEST_SUITE_P(
    ShippedScenarios, RunCheck,
    ::testing::Values(Scenario{"ground-two-sites.yaml", "ground-mix.yaml", "conservative"},
                      Scenario{"power-eclipse-550.yaml", "power-eclipse-jobs.yaml",
                               "battery-aware"},
                      Scenario{"tle-satellites.yaml", "tle-satellites-jobs.yaml", "fcfs"},
                      Scenario{"hybrid-power-limited.yaml", "hybrid-power-limited.yaml",
                               "follow-the-sun"}),
    [](const auto& info) {
      std::string name = std::string(info.param.platform) + "_" + info.param.scheduler;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace umbra
