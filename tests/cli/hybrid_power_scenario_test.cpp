// The power-limited hybrid scenario (platforms/hybrid-power-limited.yaml with
// workloads/hybrid-power-limited.yaml) run as a user runs it: under fcfs, blind to power, busy
// satellites must run out of battery in the Earth's shadow and fail their jobs; battery-aware,
// which starts a job on a satellite only if the power forecast carries it to its end, must
// lose less work that way.
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <vector>

#include "tests/support/run_outputs.hpp"
#include "tests/support/umbra_cli.hpp"

namespace umbra::testing {
namespace {

const std::string kSource = UMBRA_SOURCE_DIR;
const std::string kScenario = kSource + "/platforms/hybrid-power-limited.yaml " + kSource +
                              "/workloads/hybrid-power-limited.yaml";

using HybridPowerScenario = UmbraCliTest;

TEST_F(HybridPowerScenario, UnderFcfsBusySatellitesGoDarkInTheShadowAndFailTheirJobs) {
  const Outcome outcome = umbra("run " + kScenario + " --scheduler fcfs --out out");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const YAML::Node summary = YAML::LoadFile((dir_ / "out" / "summary.json").string());
  const auto jobs = read_csv(dir_ / "out" / "jobs.csv");

  // Every job ends, on the ground and in orbit: the ground alone is too small for the day.
  EXPECT_EQ(summary["jobs_finished"].as<int>(), summary["jobs"].as<int>());
  std::set<std::string> sites;
  long long failures = 0;
  for (const CsvRow& job : jobs) {
    sites.insert(job.at("site"));
    failures += std::stoll(job.at("power_failures"));
  }
  EXPECT_EQ(sites, (std::set<std::string>{"iowa", "oregon", "leo"}));

  // Power binds: jobs were failed by their node going dark, and lost work for it.
  EXPECT_GT(failures, 0);
  EXPECT_EQ(failures, summary["power_failures"].as<long long>());
  EXPECT_GT(summary["lost_gpu_hours"].as<double>(), 0);
  EXPECT_GT(summary["satellite_power"]["node_hours_off"].as<double>(), 0);

  // A satellite goes dark only with its battery at its floor (60 %) while its array could not
  // feed its load (the node's row before says so), in the shadow or its penumbra: in full sun
  // the array feeds the busy load with power to spare.
  int shutdowns = 0;
  std::map<std::string, CsvRow> last_row;  // by node
  for (const CsvRow& row : read_csv(dir_ / "out" / "power.csv")) {
    const std::string& node = row.at("node");
    if (row.at("events").find("shutdown") != std::string::npos) {
      ++shutdowns;
      const std::string where = node + " at " + row.at("time");
      EXPECT_NEAR(std::stod(row.at("state_of_charge")), 0.6, 1e-6) << where;
      EXPECT_LT(std::stod(row.at("illumination")), 1.0) << where;
      ASSERT_TRUE(last_row.contains(node)) << where;
      EXPECT_GT(std::stod(last_row[node].at("load_w")), std::stod(row.at("solar_in_w"))) << where;
    }
    last_row[node] = row;
  }
  EXPECT_GT(shutdowns, 0);
}

TEST_F(HybridPowerScenario, BatteryAwareLosesLessWorkToShutdownsThanFcfs) {
  const Outcome outcome =
      umbra("compare " + kScenario + " --schedulers fcfs,battery-aware --out cmp");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const YAML::Node fcfs = YAML::LoadFile((dir_ / "cmp" / "fcfs" / "summary.json").string());
  const YAML::Node aware =
      YAML::LoadFile((dir_ / "cmp" / "battery-aware" / "summary.json").string());
  EXPECT_EQ(aware["jobs_finished"].as<int>(), aware["jobs"].as<int>());
  EXPECT_LT(aware["power_failures"].as<long long>(), fcfs["power_failures"].as<long long>());
  EXPECT_LT(aware["lost_gpu_hours"].as<double>(), fcfs["lost_gpu_hours"].as<double>());
  EXPECT_LT(aware["satellite_power"]["node_hours_off"].as<double>(),
            fcfs["satellite_power"]["node_hours_off"].as<double>());
}

}  // namespace
}  // namespace umbra::testing
