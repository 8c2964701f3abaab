// The shipped scenarios on real orbits: platforms/power-eclipse-550.yaml (beta ~ 0 at 550 km,
// three power policies) and the dawn-dusk formation's reference satellite over a year.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim/contact/constellation.hpp"
#include "sim/orbit/eclipse_windows.hpp"
#include "sim/power/power_timeline.hpp"
#include "sim/spec/platform_reader.hpp"

namespace umbra::power {
namespace {

constexpr double kEnergyTolerance = 1e-9;  // relative, the balance requirement
constexpr double kDay = 86400;

struct Scenario {
  spec::PlatformSpec platform;
  contact::Constellation constellation;
};

Scenario load(const std::string& file) {
  Scenario scenario{spec::read_platform_file(std::string(UMBRA_SOURCE_DIR) + "/" + file), {}};
  scenario.constellation = contact::build_constellation(scenario.platform);
  return scenario;
}

// The timeline of one satellite of `scenario` under its GPUs all busy.
PowerTimeline busy_timeline(const Scenario& scenario, const std::string& name, double horizon) {
  const contact::Satellite& satellite = scenario.constellation.satellite(name);
  orbit::EclipseSearch search;
  search.horizon = horizon;
  const auto windows =
      orbit::eclipse_windows(*satellite.propagator, scenario.constellation.epoch, search);
  const std::vector<SolarSegment> solar =
      solar_profile(*satellite.propagator, scenario.constellation.epoch, windows,
                    satellite.hardware.solar_array, horizon);
  const spec::SatelliteHardwareSpec& hardware = satellite.hardware;
  const NodePowerModel model{hardware.power_policy,
                             &scenario.platform.gpu_model(hardware.payload->gpu_model),
                             hardware.battery};
  const NodeDemand demand{satellite_fixed_power(hardware, scenario.platform.link_classes),
                          hardware.payload->gpus, GpuActivity::kBusy};
  const std::vector<LoadStep> loads = {{0, demand}};
  return power_timeline(model, solar, loads);
}

std::vector<const PowerSnapshot*> rows_with(const PowerTimeline& timeline, PowerEvent event) {
  std::vector<const PowerSnapshot*> rows;
  for (const PowerSnapshot& row : timeline.rows) {
    if (row.events & event) rows.push_back(&row);
  }
  return rows;
}

void expect_balanced_and_within_bounds(const PowerTimeline& timeline, double floor) {
  EXPECT_LT(timeline.ledger.relative_imbalance(), kEnergyTolerance);
  EXPECT_GE(timeline.ledger.min_state_of_charge, floor);
  EXPECT_LE(timeline.ledger.max_state_of_charge, 1.0);
  for (const PowerSnapshot& row : timeline.rows) {
    ASSERT_GE(row.state_of_charge, floor) << "at " << row.time;
    ASSERT_LE(row.state_of_charge, 1.0) << "at " << row.time;
  }
}

class EclipseScenario : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scenario_ = new Scenario(load("platforms/power-eclipse-550.yaml"));
  }
  static void TearDownTestSuite() { delete scenario_; }
  static Scenario* scenario_;
};
Scenario* EclipseScenario::scenario_ = nullptr;

TEST_F(EclipseScenario, ShutdownGoesDarkBeforeTheEclipseEnds) {
  const PowerTimeline timeline = busy_timeline(*scenario_, "eclipse-shutdown", 3 * 3600);
  const auto entries = rows_with(timeline, kEclipseEntry);
  const auto umbra_entries = rows_with(timeline, kUmbraEntry);
  const auto umbra_exits = rows_with(timeline, kUmbraExit);
  const auto darks = rows_with(timeline, kShutdown);
  ASSERT_EQ(entries.size(), 2u);  // two 95.65 min orbits in 3 h (2 pi sqrt(a^3 / mu))
  ASSERT_EQ(darks.size(), 2u);
  ASSERT_EQ(umbra_exits.size(), 2u);
  const PowerSnapshot& umbra = *umbra_entries[0];
  // The umbra lasts ~35.5 min at beta ~ 0 (conical shadow: 35.47 min two-body, and an
  // equatorial orbit under J2 runs ~0.25 % faster: 35.38 min), as in orbit_cli_test.
  EXPECT_NEAR(umbra_exits[0]->time - umbra.time, 35.5 * 60, 0.2 * 60);
  // Closed form from the umbra entry: usable energy x discharge efficiency / load.
  const double usable = (umbra.state_of_charge - 0.2) * 3 * 3.6e6;
  EXPECT_NEAR(darks[0]->time, umbra.time + usable * 0.95 / 6100, 1e-6);
  EXPECT_TRUE(darks[0]->events & kBatteryFloor);
  EXPECT_LT(darks[0]->time, umbra_exits[0]->time);
  // From a full battery at eclipse entry the full-load figure, 8.64 MJ x 0.95 / 6.1 kW =
  // 1345.57 s, is reached a little later, by at most the ~8.5 s penumbra's partial sun.
  const double penumbra = umbra.time - entries[0]->time;
  EXPECT_NEAR(penumbra, 8.5, 1.0);  // conical shadow, two-body
  EXPECT_GE(darks[0]->time - entries[0]->time, 1345.5738);
  EXPECT_LE(darks[0]->time - entries[0]->time, 1345.5738 + penumbra);
  // Pinned value of this platform (epoch 2026-03-20T12:00Z), from the lines above.
  EXPECT_NEAR(darks[0]->time, 3142.48, 0.01);
  EXPECT_GT(timeline.ledger.off_seconds, 2 * 700);
  expect_balanced_and_within_bounds(timeline, 0.2);
}

TEST_F(EclipseScenario, ThrottleSlowsToPstateTwoAndSurvives) {
  const PowerTimeline timeline = busy_timeline(*scenario_, "eclipse-throttle", 3 * 3600);
  EXPECT_TRUE(rows_with(timeline, kShutdown).empty());
  const auto umbra_entries = rows_with(timeline, kUmbraEntry);
  ASSERT_EQ(umbra_entries.size(), 2u);
  for (const PowerSnapshot* umbra : umbra_entries) {
    EXPECT_EQ(umbra->point.mode, NodeMode::kRunning);
    EXPECT_EQ(umbra->point.pstate, 2);
    EXPECT_EQ(umbra->load, 3300);
  }
  EXPECT_EQ(timeline.ledger.off_seconds, 0);
  EXPECT_GT(timeline.ledger.min_state_of_charge, 0.3);
  expect_balanced_and_within_bounds(timeline, 0.2);
}

TEST_F(EclipseScenario, SuspendPausesThroughTheShadow) {
  const PowerTimeline timeline = busy_timeline(*scenario_, "eclipse-suspend", 3 * 3600);
  EXPECT_TRUE(rows_with(timeline, kShutdown).empty());
  const auto umbra_entries = rows_with(timeline, kUmbraEntry);
  ASSERT_EQ(umbra_entries.size(), 2u);
  EXPECT_EQ(umbra_entries[0]->point.mode, NodeMode::kSuspended);
  EXPECT_EQ(umbra_entries[0]->load, 1060);  // 500 W bus + 8 x 70 W idle
  expect_balanced_and_within_bounds(timeline, 0.2);
}

TEST_F(EclipseScenario, EveryPolicyBalancesItsEnergyOverADay) {
  for (const std::string name : {"eclipse-shutdown", "eclipse-throttle", "eclipse-suspend"}) {
    SCOPED_TRACE(name);
    expect_balanced_and_within_bounds(busy_timeline(*scenario_, name, kDay), 0.2);
  }
}

// Dawn-dusk (LTAN 18:00) at 650 km: the Sun stands |beta| ~ 74 deg above the orbit plane at the
// December solstice but only ~58.5 deg at the June one (i = 97.99 deg against the Sun's
// +-23.44 deg declination; by hand from the orbit normal and the Sun's direction), below the
// 65.16 deg eclipse-free beta (asin(R / (R + 650 km))): the only eclipse season is around June.
TEST(DawnDuskScenario, EclipseSeasonSitsAroundTheJuneSolstice) {
  const Scenario scenario = load("platforms/dawn-dusk-formation.yaml");
  const PowerTimeline timeline = busy_timeline(scenario, "suncatcher-m000", 365 * kDay);
  std::vector<double> days;
  for (const PowerSnapshot* row : rows_with(timeline, kUmbraEntry)) {
    days.push_back(std::floor(row->time / kDay));
  }
  ASSERT_FALSE(days.empty());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  // 2026-06-21T08:24Z is 92.85 days after the 2026-03-20T12:00Z epoch.
  const double middle = 0.5 * (days.front() + days.back());
  EXPECT_NEAR(middle, 92.85, 3.0);
  // Reference A13: ~87 eclipse days (cylindrical shadow, node held at exactly 18:00). Here the
  // node follows the mean Sun under J2 while the true Sun wanders from it by up to ~4 deg
  // (equation of time), and the shadow is conical: allow 80..100 days, all in one season.
  EXPECT_GE(days.size(), 80u);
  EXPECT_LE(days.size(), 100u);
  EXPECT_EQ(days.back() - days.front() + 1, static_cast<double>(days.size()));
  expect_balanced_and_within_bounds(timeline, 0.2);
}

}  // namespace
}  // namespace umbra::power
