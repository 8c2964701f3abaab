// Loads and the power policies' choices, on the scenario node of power_fixtures.hpp.
#include "sim/power/power_budget.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "tests/power/power_fixtures.hpp"

namespace umbra::power {
namespace {

using testing::busy_eclipse_node;
using testing::eclipse_battery;
using testing::eclipse_gpu;

// A shadow of `seconds` from now, then full sun.
std::vector<SolarSegment> shadow_then_sun(double seconds) {
  return {{0, seconds, SunPhase::kUmbra, 0, 0},
          {seconds, seconds + 3600, SunPhase::kSunlit, 1, 14e3}};
}

std::vector<double> loads(const std::vector<OperatingPoint>& points) {
  std::vector<double> watts;
  for (const OperatingPoint& point : points) watts.push_back(point.load_watts);
  return watts;
}

TEST(PowerBudget, ThrottleOffersEveryPstateThenSuspension) {
  const spec::GpuModelSpec gpu = eclipse_gpu();
  const auto points = operating_points(spec::PowerPolicy::kThrottle, busy_eclipse_node(), &gpu);
  // 500 + 8 x {700, 500, 350, 250} busy, then 500 + 8 x 70 idle.
  EXPECT_EQ(loads(points), (std::vector<double>{6100, 4500, 3300, 2500, 1060}));
  EXPECT_EQ(points.back().mode, NodeMode::kSuspended);
  EXPECT_EQ(loads(operating_points(spec::PowerPolicy::kSuspend, busy_eclipse_node(), &gpu)),
            (std::vector<double>{6100, 1060}));
  EXPECT_EQ(loads(operating_points(spec::PowerPolicy::kShutdown, busy_eclipse_node(), &gpu)),
            (std::vector<double>{6100}));
}

TEST(PowerBudget, APstateCapRemovesTheFasterPoints) {
  const spec::GpuModelSpec gpu = eclipse_gpu();
  NodeDemand capped = busy_eclipse_node();
  capped.pstate_cap = 2;
  // Throttle goes on from the cap (500 + 8 x {350, 250}), then suspends as before.
  const auto points = operating_points(spec::PowerPolicy::kThrottle, capped, &gpu);
  EXPECT_EQ(loads(points), (std::vector<double>{3300, 2500, 1060}));
  EXPECT_EQ(points.front().pstate, 2);
  // Suspend and shutdown run the demand at the cap instead of pstate 0.
  EXPECT_EQ(loads(operating_points(spec::PowerPolicy::kSuspend, capped, &gpu)),
            (std::vector<double>{3300, 1060}));
  const auto shutdown = operating_points(spec::PowerPolicy::kShutdown, capped, &gpu);
  ASSERT_EQ(shutdown.size(), 1u);
  EXPECT_EQ(shutdown.front().pstate, 2);
  EXPECT_EQ(shutdown.front().load_watts, 3300);
  // A short shadow that pstate 0 would ride out still runs at the cap.
  EXPECT_EQ(choose_operating_point(spec::PowerPolicy::kThrottle, points, points[0],
                                   Battery(eclipse_battery()), shadow_then_sun(1000), 0)
                .pstate,
            2);
}

TEST(PowerBudget, FixedPowerAddsBusAndActiveTerminals) {
  spec::SatelliteHardwareSpec hardware;
  hardware.bus_power = 300;
  hardware.terminals = {{"laser-isl", 6}, {"ka", 1}};
  std::vector<spec::LinkClassSpec> classes(2);
  classes[0].name = "laser-isl";
  classes[0].power = 30;
  classes[1].name = "ka";
  classes[1].power = 120;
  EXPECT_EQ(satellite_fixed_power(hardware, classes), 300 + 6 * 30 + 120);
}

TEST(PowerBudget, ThrottlePicksTheFastestPstateThatLastsTheShadow) {
  const spec::GpuModelSpec gpu = eclipse_gpu();
  const auto points = operating_points(spec::PowerPolicy::kThrottle, busy_eclipse_node(), &gpu);
  const Battery battery(eclipse_battery());
  // 2130 s of shadow; the battery gives 8.64 MJ x 0.95 = 8.208 MJ: 4.5 kW needs 9.585 MJ,
  // 3.3 kW needs 7.029 MJ, so pstate 2.
  const auto segments = shadow_then_sun(2130);
  const OperatingPoint chosen =
      choose_operating_point(spec::PowerPolicy::kThrottle, points, points[0], battery, segments, 0);
  EXPECT_EQ(chosen.mode, NodeMode::kRunning);
  EXPECT_EQ(chosen.pstate, 2);
  // A short shadow needs no throttling: 6.1 kW x 1000 s = 6.1 MJ < 8.208 MJ.
  const auto short_shadow = shadow_then_sun(1000);
  EXPECT_EQ(choose_operating_point(spec::PowerPolicy::kThrottle, points, points[0], battery,
                                   short_shadow, 0)
                .pstate,
            0);
}

TEST(PowerBudget, SuspendPausesWhenTheBusyLoadWouldNotLast) {
  const spec::GpuModelSpec gpu = eclipse_gpu();
  const auto points = operating_points(spec::PowerPolicy::kSuspend, busy_eclipse_node(), &gpu);
  const auto segments = shadow_then_sun(2130);
  EXPECT_EQ(choose_operating_point(spec::PowerPolicy::kSuspend, points, points[0],
                                   Battery(eclipse_battery()), segments, 0)
                .mode,
            NodeMode::kSuspended);
}

TEST(PowerBudget, ShutdownRunsToTheFloorThenWaitsForTheSun) {
  const spec::GpuModelSpec gpu = eclipse_gpu();
  const auto points = operating_points(spec::PowerPolicy::kShutdown, busy_eclipse_node(), &gpu);
  const auto segments = shadow_then_sun(2130);
  // Full battery: runs at full speed although it will not last.
  EXPECT_EQ(choose_operating_point(spec::PowerPolicy::kShutdown, points, points[0],
                                   Battery(eclipse_battery()), segments, 0),
            points[0]);
  spec::BatterySpec floor = eclipse_battery();
  floor.initial_state_of_charge = 0.2;
  EXPECT_EQ(choose_operating_point(spec::PowerPolicy::kShutdown, points, points[0], Battery(floor),
                                   segments, 0),
            kOff);
  // Dark, with a little charge back and 1 kW of sun: stays dark until the sun alone feeds it.
  floor.initial_state_of_charge = 0.21;
  const std::vector<SolarSegment> trickle = {{0, 10, SunPhase::kPenumbra, 0.07, 1e3}};
  EXPECT_EQ(choose_operating_point(spec::PowerPolicy::kShutdown, points, kOff, Battery(floor),
                                   trickle, 0),
            kOff);
  const std::vector<SolarSegment> sun = {{0, 10, SunPhase::kSunlit, 1, 6.1e3}};
  EXPECT_EQ(
      choose_operating_point(spec::PowerPolicy::kShutdown, points, kOff, Battery(floor), sun, 0),
      points[0]);
}

TEST(PowerBudget, DischargeLimitCapsWhatFitsNow) {
  const spec::GpuModelSpec gpu = eclipse_gpu();
  NodeDemand heavy = busy_eclipse_node();
  heavy.gpus = 16;  // 500 + 16 x 700 = 11.7 kW > 8 kW discharge limit; 16 x 500 + 500 = 8.5 kW
  const auto points = operating_points(spec::PowerPolicy::kThrottle, heavy, &gpu);
  const std::vector<SolarSegment> night = {{0, 60, SunPhase::kUmbra, 0, 0}};
  // pstate 2: 500 + 16 x 350 = 6.1 kW fits the limit and 60 s of shadow.
  EXPECT_EQ(choose_operating_point(spec::PowerPolicy::kThrottle, points, points[0],
                                   Battery(eclipse_battery()), night, 0)
                .pstate,
            2);
}

TEST(PowerBudget, GroundSitePowerCapAndPue) {
  spec::SiteSpec site;
  site.power_cap_watts = 1e6;
  site.pue = 1.25;
  EXPECT_DOUBLE_EQ(grid_it_power_limit(site), 800e3);  // 1 MW / 1.25
  EXPECT_DOUBLE_EQ(grid_facility_power(site, 800e3), 1e6);
  site.power_cap_watts.reset();
  EXPECT_TRUE(std::isinf(grid_it_power_limit(site)));
}

}  // namespace
}  // namespace umbra::power
