// The event sequence and the energy ledger on a hand-made orbit: 3000 s of 14 kW sun, 2000 s of
// umbra, 3000 s of sun, so every time and energy can be worked out by hand.
#include "sim/power/power_timeline.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "tests/power/power_fixtures.hpp"

namespace umbra::power {
namespace {

using testing::busy_eclipse_node;
using testing::eclipse_battery;
using testing::eclipse_gpu;

constexpr double kSun = 14e3;
constexpr double kUsable = 0.8 * 3 * 3.6e6;  // J above the floor
constexpr double kEnergyTolerance = 1e-9;    // relative, the balance requirement

const std::vector<SolarSegment> kOrbit = {{0, 3000, SunPhase::kSunlit, 1, kSun},
                                          {3000, 5000, SunPhase::kUmbra, 0, 0},
                                          {5000, 8000, SunPhase::kSunlit, 1, kSun}};

PowerTimeline run(spec::PowerPolicy policy, const std::vector<LoadStep>& loads) {
  static const spec::GpuModelSpec gpu = eclipse_gpu();
  return power_timeline({policy, &gpu, eclipse_battery()}, kOrbit, loads);
}

const PowerSnapshot* first_with(const PowerTimeline& timeline, PowerEvent event) {
  const auto row = std::find_if(timeline.rows.begin(), timeline.rows.end(),
                                [&](const PowerSnapshot& r) { return (r.events & event) != 0; });
  return row == timeline.rows.end() ? nullptr : &*row;
}

void expect_balanced_and_within_bounds(const PowerTimeline& timeline) {
  EXPECT_LT(timeline.ledger.relative_imbalance(), kEnergyTolerance);
  for (const PowerSnapshot& row : timeline.rows) {
    EXPECT_GE(row.state_of_charge, 0.2) << "at " << row.time;
    EXPECT_LE(row.state_of_charge, 1.0) << "at " << row.time;
  }
}

TEST(PowerTimeline, ShutdownGoesDarkWhenTheUsableEnergyIsSpent) {
  const PowerTimeline timeline = run(spec::PowerPolicy::kShutdown, {{0, busy_eclipse_node()}});
  const PowerSnapshot* dark = first_with(timeline, kShutdown);
  ASSERT_NE(dark, nullptr);
  // Full at the umbra entry: dark after 8.64 MJ x 0.95 / 6.1 kW = 1345.5738 s of umbra.
  EXPECT_NEAR(dark->time, 3000 + kUsable * 0.95 / 6100, 1e-9);
  EXPECT_TRUE(dark->events & kBatteryFloor);
  EXPECT_EQ(dark->point, kOff);
  // Back on at sunrise, charging at the 5 kW limit with 2.9 kW curtailed, full after
  // 8.64 MJ / (0.95 x 5 kW) = 1818.947 s.
  const PowerSnapshot* on = first_with(timeline, kPowerOn);
  ASSERT_NE(on, nullptr);
  EXPECT_EQ(on->time, 5000);
  EXPECT_TRUE(on->events & kEclipseExit);
  EXPECT_TRUE(on->events & kCurtailStart);
  EXPECT_EQ(on->battery_power, 5e3);
  const PowerSnapshot* full = first_with(timeline, kBatteryFull);
  ASSERT_NE(full, nullptr);
  EXPECT_NEAR(full->time, 5000 + kUsable / (0.95 * 5e3), 1e-9);

  const EnergyLedger& ledger = timeline.ledger;
  const double dark_seconds = 2000 - kUsable * 0.95 / 6100;
  EXPECT_NEAR(ledger.off_seconds, dark_seconds, 1e-9);
  EXPECT_NEAR(ledger.solar_in, kSun * 6000, 1e-6);
  EXPECT_NEAR(ledger.used, 6100 * (8000 - dark_seconds), 1e-6);
  EXPECT_NEAR(ledger.stored_change, 0, 1e-6);
  // Losses: 5 % of what went in, and 1/0.95 - 1 of what came out (8.208 MJ), J.
  EXPECT_NEAR(ledger.losses, 0.05 * kUsable / 0.95 + kUsable * 0.95 * (1 / 0.95 - 1), 1e-6);
  expect_balanced_and_within_bounds(timeline);
}

TEST(PowerTimeline, ThrottleSlowsToAPstateThatLastsAndSurvives) {
  const PowerTimeline timeline = run(spec::PowerPolicy::kThrottle, {{0, busy_eclipse_node()}});
  EXPECT_EQ(first_with(timeline, kShutdown), nullptr);
  const PowerSnapshot* slow = first_with(timeline, kPstate);
  ASSERT_NE(slow, nullptr);
  EXPECT_EQ(slow->time, 3000);
  EXPECT_EQ(slow->point.pstate, 2);  // 3.3 kW x 2000 s = 6.6 MJ <= 8.208 MJ; 4.5 kW does not
  EXPECT_EQ(timeline.ledger.throttled_seconds, 2000);
  // 1 - 3.3 kW x 2000 s / 0.95 / 10.8 MJ = 0.356725
  EXPECT_NEAR(timeline.ledger.min_state_of_charge, 1 - 3300 * 2000 / 0.95 / 10.8e6, 1e-12);
  // Work: 8 GPUs x (6000 s at speed 1 + 2000 s at 0.6).
  EXPECT_NEAR(timeline.ledger.peak_gpu_seconds, 8 * (6000 + 0.6 * 2000), 1e-6);
  expect_balanced_and_within_bounds(timeline);
}

TEST(PowerTimeline, LoadStepsAreEvents) {
  NodeDemand idle = busy_eclipse_node();
  idle.activity = GpuActivity::kIdle;
  const PowerTimeline timeline =
      run(spec::PowerPolicy::kSuspend, {{0, idle}, {4000, busy_eclipse_node()}});
  const PowerSnapshot* change = first_with(timeline, kLoadChange);
  ASSERT_NE(change, nullptr);
  EXPECT_EQ(change->time, 4000);
  // Busy from 4000 s for the last 1000 s of umbra: 6.1 MJ fits the battery left after 1000 s
  // idle at 1.06 kW (8.64 MJ - 1.116 MJ stored), so it runs.
  EXPECT_EQ(change->point.mode, NodeMode::kRunning);
  EXPECT_EQ(change->load, 6100);
  EXPECT_EQ(timeline.ledger.suspended_seconds, 0);
  expect_balanced_and_within_bounds(timeline);
}

TEST(PowerTimeline, RowsStartAndEndOnTheHorizon) {
  const PowerTimeline timeline = run(spec::PowerPolicy::kSuspend, {{0, busy_eclipse_node()}});
  EXPECT_EQ(timeline.rows.front().events, PowerEvents{kStart});
  EXPECT_EQ(timeline.rows.back().time, 8000);
  EXPECT_TRUE(timeline.rows.back().events & kEnd);
  EXPECT_TRUE(std::is_sorted(
      timeline.rows.begin(), timeline.rows.end(),
      [](const PowerSnapshot& a, const PowerSnapshot& b) { return a.time < b.time; }));
}

TEST(PowerEvent, NamesJoinInOrder) {
  EXPECT_EQ(event_names(kShutdown | kBatteryFloor), "battery-floor+shutdown");
  EXPECT_EQ(event_names(0), "");
}

}  // namespace
}  // namespace umbra::power
