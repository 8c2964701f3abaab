// Every shipped platform with satellites, run by `umbra run` with a shipped workload: each
// satellite's energy ledger must balance (summary.json) and every battery stay between its
// floor and full charge (power.csv), as tests/support/satellite_power_checks.hpp states.
// Each run takes a few seconds of CPU at most: the workloads were chosen (or written) short;
// the 1,584-satellite shell is the longest (~4 s; a day of its contact plan alone is ~2.2 s).
#include <filesystem>
#include <ostream>
#include <set>
#include <string>

#include "tests/support/satellite_power_checks.hpp"
#include "tests/support/umbra_cli.hpp"

namespace umbra::testing {
namespace {

struct ShippedScenario {
  std::string platform;  // file name under platforms/
  std::string workload;  // file name under workloads/
  double floor;          // the batteries' min_state_of_charge in the platform file
};

const ShippedScenario kScenarios[] = {
    {"dawn-dusk-formation.yaml", "dawn-dusk-day.yaml", 0.2},
    {"hybrid-ground-leo.yaml", "hybrid-ground-leo.yaml", 0.2},
    {"hybrid-power-limited.yaml", "hybrid-power-limited.yaml", 0.6},
    {"leo-starlink-shell.yaml", "leo-starlink-jobs.yaml", 0.4},
    {"power-eclipse-550.yaml", "power-eclipse-jobs.yaml", 0.2},
    {"tle-satellites.yaml", "tle-satellites-jobs.yaml", 0.2},
};

// How gtest names a scenario in its messages.
void PrintTo(const ShippedScenario& scenario, std::ostream* out) {
  *out << scenario.platform << " with " << scenario.workload;
}

class ShippedScenarioPower : public UmbraCliTest,
                             public ::testing::WithParamInterface<ShippedScenario> {};

TEST_P(ShippedScenarioPower, BalancesItsEnergyAndKeepsEveryBatteryInBounds) {
  const std::string source = UMBRA_SOURCE_DIR;
  const Outcome outcome =
      umbra("run " + source + "/platforms/" + GetParam().platform + " " + source + "/workloads/" +
            GetParam().workload + " --scheduler fcfs --out out");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  expect_satellite_power_sound(dir_ / "out", GetParam().floor);
}

INSTANTIATE_TEST_SUITE_P(Shipped, ShippedScenarioPower, ::testing::ValuesIn(kScenarios),
                         [](const ::testing::TestParamInfo<ShippedScenario>& info) {
                           std::string name = std::filesystem::path(info.param.platform).stem();
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

// A platform gives its satellites power by a solar array or a battery; one shipped without a
// scenario above would escape the checks.
TEST(ShippedScenarios, EveryPlatformWithPowerHasAScenario) {
  std::set<std::string> listed;
  for (const ShippedScenario& scenario : kScenarios) listed.insert(scenario.platform);
  const std::filesystem::path platforms = std::filesystem::path(UMBRA_SOURCE_DIR) / "platforms";
  int with_power = 0;
  for (const auto& entry : std::filesystem::directory_iterator(platforms)) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string text = read_file(entry.path());
    if (text.find("solar_array:") == std::string::npos &&
        text.find("battery:") == std::string::npos) {
      continue;
    }
    ++with_power;
    EXPECT_TRUE(listed.contains(entry.path().filename().string()))
        << entry.path().filename() << " has satellites with power but no scenario here";
  }
  EXPECT_EQ(with_power, static_cast<int>(listed.size()));  // and every scenario's platform exists
}

}  // namespace
}  // namespace umbra::testing
