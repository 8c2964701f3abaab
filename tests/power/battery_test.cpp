// The battery's closed form: flows at the limits, and the exact times to full and to the floor.
#include "sim/power/battery.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace umbra::power {
namespace {

constexpr double kKilowattHour = 3.6e6;

// 3 kWh, 5 kW charge, 8 kW discharge, 95 % both ways, floor 20 %.
spec::BatterySpec small_battery(double initial_state_of_charge) {
  spec::BatterySpec spec;
  spec.capacity = 3 * kKilowattHour;
  spec.max_charge_power = 5e3;
  spec.max_discharge_power = 8e3;
  spec.charge_efficiency = 0.95;
  spec.discharge_efficiency = 0.95;
  spec.min_state_of_charge = 0.2;
  spec.initial_state_of_charge = initial_state_of_charge;
  return spec;
}

TEST(Battery, SurplusBeyondTheChargeLimitIsCurtailed) {
  const Battery battery(small_battery(0.5));
  const BatteryFlow flow = battery.flow(7e3);
  EXPECT_EQ(flow.charge, 5e3);
  EXPECT_EQ(flow.curtailed, 2e3);
  EXPECT_DOUBLE_EQ(flow.stored_rate(), 0.95 * 5e3);
  EXPECT_NEAR(flow.loss_rate(), 0.05 * 5e3, 1e-9);
}

TEST(Battery, FullBatteryCurtailsAllSurplus) {
  const BatteryFlow flow = Battery(small_battery(1)).flow(3e3);
  EXPECT_EQ(flow.charge, 0);
  EXPECT_EQ(flow.curtailed, 3e3);
}

TEST(Battery, DeficitBeyondTheDischargeLimitIsUnmet) {
  const BatteryFlow flow = Battery(small_battery(1)).flow(-10e3);
  EXPECT_EQ(flow.discharge, 8e3);
  EXPECT_EQ(flow.unmet, 2e3);
  // The store gives 8 kW / 0.95 = 8421.05 W for 8 kW on the bus.
  EXPECT_NEAR(flow.stored_rate(), -8e3 / 0.95, 1e-9);
}

TEST(Battery, AtTheFloorNothingIsGiven) {
  const BatteryFlow flow = Battery(small_battery(0.2)).flow(-1e3);
  EXPECT_EQ(flow.discharge, 0);
  EXPECT_EQ(flow.unmet, 1e3);
}

TEST(Battery, ReachesTheFloorAtUsableEnergyTimesEfficiencyOverLoad) {
  Battery battery(small_battery(1));
  const BatteryFlow flow = battery.flow(-6.1e3);
  // (3 kWh x 0.8) x 0.95 / 6.1 kW = 8.64e6 x 0.95 / 6100 = 1345.5738 s
  const double seconds = battery.time_to_bound(flow);
  EXPECT_NEAR(seconds, 8.64e6 * 0.95 / 6100, 1e-9);
  EXPECT_NEAR(seconds, 1345.5738, 1e-4);
  battery.advance(flow, seconds / 2);
  EXPECT_NEAR(battery.state_of_charge(), 0.6, 1e-12);
  battery.advance(flow, battery.time_to_bound(flow));
  EXPECT_TRUE(battery.at_floor());
  EXPECT_EQ(battery.state_of_charge(), 0.2);
}

TEST(Battery, FillsAtTheChargeLimitTimesEfficiency) {
  Battery battery(small_battery(0.2));
  const BatteryFlow flow = battery.flow(20e3);
  // 8.64e6 J / (0.95 x 5 kW) = 1818.947 s
  EXPECT_NEAR(battery.time_to_bound(flow), 8.64e6 / (0.95 * 5e3), 1e-9);
  battery.advance(flow, battery.time_to_bound(flow));
  EXPECT_TRUE(battery.full());
  EXPECT_EQ(battery.energy(), 3 * kKilowattHour);
}

TEST(Battery, NoBatteryGivesNothingAndNeverReachesABound) {
  const Battery none;
  const BatteryFlow flow = none.flow(-500);
  EXPECT_EQ(flow.unmet, 500);
  EXPECT_TRUE(std::isinf(none.time_to_bound(none.flow(500))));
}

}  // namespace
}  // namespace umbra::power
