// PowerLookahead: when a node would stop, and its state ahead, with demand steps known in
// advance, against closed forms on a hand-made orbit (14 kW of sun, a 2,000 s umbra over
// [3000, 5000]) and the eclipse node's battery (power_fixtures.hpp: 3 kWh, floor 20 %, 95 %
// discharge efficiency) under the shutdown policy.
#include "sim/power/power_lookahead.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "tests/power/power_fixtures.hpp"

namespace umbra::power {
namespace {

using testing::eclipse_battery;
using testing::eclipse_gpu;

constexpr double kSun = 14e3;
constexpr double kEntry = 3000, kExit = 5000, kHorizon = 8000;
// Four GPUs busy (2,800 W), four idle (280 W) and the bus (500 W): 3,580 W, which the battery
// carries through the umbra (7.54 MJ drawn of the 8.64 MJ above its floor).
const NodeDemand kHalfBusy{780, 4, GpuActivity::kBusy};
// The same with a 1 kW terminal on.
const NodeDemand kHalfBusyAndTerminal{1780, 4, GpuActivity::kBusy};
constexpr double kLoad = 3580, kLoadAndTerminal = 4580;
constexpr double kStored = 3 * 3.6e6, kAboveFloor = 0.8 * kStored, kEfficiency = 0.95;

const std::vector<SolarSegment>& solar() {
  static const std::vector<SolarSegment> segments = {{0, kEntry, SunPhase::kSunlit, 1, kSun},
                                                     {kEntry, kExit, SunPhase::kUmbra, 0, 0},
                                                     {kExit, kHorizon, SunPhase::kSunlit, 1, kSun}};
  return segments;
}

NodePower node() {
  static const spec::GpuModelSpec gpu = eclipse_gpu();
  return NodePower({spec::PowerPolicy::kShutdown, &gpu, eclipse_battery()}, solar(), kHalfBusy);
}

// The terminal comes on in the umbra, at 3,500 s.
constexpr double kStep = 3500;
std::vector<DemandStep> terminal_on() {
  return {{kStep, kHalfBusyAndTerminal}};
}

// Drawn from the battery from the umbra's entry to `time`, with the terminal on from kStep.
double drawn_by(double time) {
  return (kLoad * (kStep - kEntry) + kLoadAndTerminal * (time - kStep)) / kEfficiency;
}

TEST(PowerLookahead, ANodeThatRidesThroughStopsWhenAStepRaisesItsLoadInTheShadow) {
  PowerLookahead steady(node());
  EXPECT_FALSE(steady.stop_until(kHorizon).has_value());

  PowerLookahead stepped(node(), terminal_on());
  const auto stop = stepped.stop_until(kHorizon);
  ASSERT_TRUE(stop.has_value());
  // The battery reaches its floor when what it gave since the entry is all it held above it.
  const double expected = kStep + (kAboveFloor - kLoad * (kStep - kEntry) / kEfficiency) *
                                      kEfficiency / kLoadAndTerminal;
  EXPECT_NEAR(*stop, expected, 1e-6 * expected);
  EXPECT_GT(*stop, kStep);
  EXPECT_LT(*stop, kExit);
}

TEST(PowerLookahead, AnEarlierLimitAnswersAPrefixOfTheScan) {
  PowerLookahead stepped(node(), terminal_on());
  EXPECT_FALSE(stepped.stop_until(4000).has_value());
  const auto later = stepped.stop_until(kHorizon);
  const auto fresh = PowerLookahead(node(), terminal_on()).stop_until(kHorizon);
  ASSERT_TRUE(later.has_value());
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(*later, *fresh);
}

TEST(PowerLookahead, TheStateAheadFollowsTheSteps) {
  PowerLookahead stepped(node(), terminal_on());
  const double soc = stepped.at(4000).battery().state_of_charge();
  EXPECT_NEAR(soc, 1 - drawn_by(4000) / kStored, 1e-9);
  EXPECT_DOUBLE_EQ(stepped.at(4000).now(), 4000);
  // Before the step, the steady load alone.
  PowerLookahead early(node(), terminal_on());
  EXPECT_NEAR(early.at(3400).battery().state_of_charge(),
              1 - kLoad * (3400 - kEntry) / kEfficiency / kStored, 1e-9);
}

TEST(PowerLookahead, StepsAtOrPastTheHorizonAreNotTaken) {
  const NodeDemand far_too_much{50e3, 8, GpuActivity::kBusy};
  PowerLookahead late(node(), {{kHorizon, far_too_much}, {kHorizon + 100, far_too_much}});
  EXPECT_FALSE(late.stop_until(kHorizon + 1000).has_value());
  EXPECT_DOUBLE_EQ(late.at(kHorizon + 1000).now(), kHorizon);
}

}  // namespace
}  // namespace umbra::power
