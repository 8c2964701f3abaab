// `umbra power` run as a user runs it, on the shipped beta ~ 0 scenario.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/umbra_cli.hpp"

namespace {

namespace fs = std::filesystem;
using umbra::testing::Outcome;
using umbra::testing::read_file;
using PowerCli = umbra::testing::UmbraCliTest;

const std::string kPlatform = std::string(UMBRA_SOURCE_DIR) + "/platforms/power-eclipse-550.yaml";

TEST_F(PowerCli, WritesTheTimelineAndTheLedger) {
  const Outcome outcome =
      umbra("power '" + kPlatform + "' --sat eclipse-shutdown --horizon 2h --out power.csv");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const std::string csv = read_file(dir_ / "power.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "time,node,illumination,solar_in_w,load_w,battery_w,state_of_charge,pstate,event");
  // The closed-form dark time of power_scenarios_test, at the CSV's millisecond.
  EXPECT_NE(csv.find("\n3142.482,eclipse-shutdown,0.000000,0.000,0.000,0.000,0.200000,off,"
                     "battery-floor+shutdown\n"),
            std::string::npos)
      << csv;
  EXPECT_EQ(outcome.out.substr(0, outcome.out.find('\n')),
            "node,solar_in_j,used_j,discharged_j,stored_change_j,losses_j,curtailed_j,"
            "relative_imbalance,min_state_of_charge,off_s,suspended_s,throttled_s,peak_gpu_s");
  EXPECT_NE(outcome.out.find("\neclipse-shutdown,"), std::string::npos);
}

TEST_F(PowerCli, RefusesAnUnknownLoad) {
  const Outcome outcome = umbra("power '" + kPlatform + "' --horizon 2h --load heavy");
  EXPECT_NE(outcome.status, 0);
  EXPECT_NE(outcome.err.find("\"--load\" expects idle, busy or a power such as 3kW, got \"heavy\""),
            std::string::npos)
      << outcome.err;
}

}  // namespace
