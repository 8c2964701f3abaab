// The fleet of node power models behind one clock: energy balance and state-of-charge bounds
// for every satellite of the shipped platforms under a changing demand, agreement with
// power_timeline() (two drivers of NodePower), the order of events across nodes, forecasts,
// and the power.csv text of its rows.
#include "sim/power/power_fleet.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/contact/constellation.hpp"
#include "sim/orbit/eclipse_windows.hpp"
#include "sim/output/power_csv.hpp"
#include "sim/power/energy_balance.hpp"
#include "sim/power/power_row.hpp"
#include "sim/power/power_timeline.hpp"
#include "sim/spec/platform_reader.hpp"
#include "tests/power/power_fixtures.hpp"

namespace umbra::power {
namespace {

using testing::busy_eclipse_node;
using testing::eclipse_battery;
using testing::eclipse_gpu;

constexpr double kEnergyTolerance = 1e-9;  // relative, the balance requirement
constexpr double kHour = 3600;
constexpr double kNever = std::numeric_limits<double>::infinity();

struct DemandChange {
  double time = 0;
  std::size_t node = 0;
  NodeDemand demand;
};

// Runs `fleet` as the engine will: a demand change goes before the fleet's own events of the
// same instant; otherwise the fleet advances to its next event. Returns every row, start first.
std::vector<FleetEvent> drive(PowerFleet& fleet, const std::vector<DemandChange>& changes) {
  std::vector<FleetEvent> rows = fleet.start();
  const auto append = [&](const std::vector<FleetEvent>& more) {
    rows.insert(rows.end(), more.begin(), more.end());
  };
  std::size_t next = 0;
  for (;;) {
    const double time = fleet.next_event_time();
    if (next < changes.size() && changes[next].time <= time) {
      append(fleet.set_demand(changes[next].node, changes[next].demand, changes[next].time));
      ++next;
    } else if (time == kNever) {
      return rows;
    } else {
      append(fleet.advance_to(time));
    }
  }
}

std::vector<PowerSnapshot> rows_of(const std::vector<FleetEvent>& rows, std::size_t node) {
  std::vector<PowerSnapshot> own;
  for (const FleetEvent& row : rows) {
    if (row.node == node) own.push_back(row.snapshot);
  }
  return own;
}

void expect_same_row(const PowerSnapshot& a, const PowerSnapshot& b) {
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.events, b.events) << event_names(a.events) << " / " << event_names(b.events);
  EXPECT_EQ(a.illumination, b.illumination);
  EXPECT_EQ(a.solar_in, b.solar_in);
  EXPECT_EQ(a.load, b.load);
  EXPECT_EQ(a.battery_power, b.battery_power);
  EXPECT_EQ(a.state_of_charge, b.state_of_charge);
  EXPECT_EQ(a.point, b.point);
}

// ---- The shipped platforms' satellites ----

struct ShippedFleet {
  spec::PlatformSpec platform;
  std::vector<FleetNode> nodes;
  std::vector<DemandChange> changes;  // sorted by time, then node
};

// Every satellite of `file` over [0, horizon]: GPUs idle at first, then all busy half of the
// time: busy for 45 min of every 90, each node from its own phase, so changes spread over nodes.
ShippedFleet shipped_fleet(const std::string& file, double horizon) {
  ShippedFleet fleet{spec::read_platform_file(std::string(UMBRA_SOURCE_DIR) + "/" + file), {}, {}};
  const contact::Constellation constellation = contact::build_constellation(fleet.platform);
  std::vector<const orbit::Propagator*> propagators;
  for (const contact::Satellite& satellite : constellation.satellites) {
    propagators.push_back(satellite.propagator.get());
  }
  orbit::EclipseSearch search;
  search.horizon = horizon;
  const auto windows = orbit::eclipse_windows(propagators, constellation.epoch, search);
  constexpr double kPeriod = 1.5 * kHour;
  for (std::size_t i = 0; i < constellation.satellites.size(); ++i) {
    const contact::Satellite& satellite = constellation.satellites[i];
    const spec::SatelliteHardwareSpec& hardware = satellite.hardware;
    FleetNode node;
    node.model = {hardware.power_policy, nullptr, hardware.battery};
    if (hardware.payload) {
      node.model.gpu_model = &fleet.platform.gpu_model(hardware.payload->gpu_model);
      node.demand.gpus = hardware.payload->gpus;
    }
    node.demand.fixed_watts = satellite_fixed_power(hardware, fleet.platform.link_classes);
    node.solar = solar_profile(*satellite.propagator, constellation.epoch, windows[i],
                               hardware.solar_array, horizon);
    const double phase = 60 + static_cast<double>((i * 379) % 2700);
    for (double start = phase; start < horizon; start += kPeriod) {
      NodeDemand busy = node.demand;
      busy.activity = GpuActivity::kBusy;
      fleet.changes.push_back({start, i, busy});
      fleet.changes.push_back({start + kPeriod / 2, i, node.demand});
    }
    fleet.nodes.push_back(std::move(node));
  }
  std::stable_sort(fleet.changes.begin(), fleet.changes.end(),
                   [](const DemandChange& a, const DemandChange& b) {
                     return a.time < b.time || (a.time == b.time && a.node < b.node);
                   });
  return fleet;
}

void expect_balanced_within_bounds(const std::string& file, double horizon) {
  SCOPED_TRACE(file);
  ShippedFleet shipped = shipped_fleet(file, horizon);
  PowerFleet fleet(std::move(shipped.nodes));
  std::vector<double> initial;
  for (std::size_t i = 0; i < fleet.size(); ++i)
    initial.push_back(fleet.node(i).battery().energy());
  const std::vector<FleetEvent> rows = drive(fleet, shipped.changes);

  std::vector<std::size_t> ends(fleet.size(), 0);
  std::vector<double> last_time(fleet.size(), 0);
  for (const FleetEvent& row : rows) {
    const Battery& battery = fleet.node(row.node).battery();
    // The floor as the battery computes a state of charge, so that landing on it compares equal.
    const double floor = battery.floor_energy() / battery.capacity();
    ASSERT_GE(row.snapshot.state_of_charge, floor)
        << "node " << row.node << " at " << row.snapshot.time;
    ASSERT_LE(row.snapshot.state_of_charge, 1.0) << "node " << row.node;
    ASSERT_GE(row.snapshot.time, last_time[row.node]) << "node " << row.node;
    last_time[row.node] = row.snapshot.time;
    if (row.snapshot.events & kEnd) ++ends[row.node];
  }
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    const NodePower& node = fleet.node(i);
    EXPECT_EQ(ends[i], 1u) << "node " << i;
    EXPECT_EQ(node.now(), horizon) << "node " << i;
    EXPECT_LT(energy_balance_residual(node.ledger(), initial[i], node.battery().energy()),
              kEnergyTolerance)
        << "node " << i;
    EXPECT_GT(node.ledger().solar_in, 0) << "node " << i;
  }
}

TEST(PowerFleetShipped, EclipsePlatformBalancesOverADay) {
  expect_balanced_within_bounds("platforms/power-eclipse-550.yaml", 24 * kHour);
}

TEST(PowerFleetShipped, DawnDuskFormationBalancesOverADay) {
  expect_balanced_within_bounds("platforms/dawn-dusk-formation.yaml", 24 * kHour);
}

TEST(PowerFleetShipped, HybridShellBalancesOverADay) {
  expect_balanced_within_bounds("platforms/hybrid-ground-leo.yaml", 24 * kHour);
}

TEST(PowerFleetShipped, StarlinkShellBalancesOverThreeOrbits) {
  expect_balanced_within_bounds("platforms/leo-starlink-shell.yaml", 4.8 * kHour);
}

// The eclipse platform's three policies under the same changes, each node's rows from the fleet
// against power_timeline() with that node's demand steps: the same row for row, bit for bit.
TEST(PowerFleetShipped, RowsEqualPowerTimelineForEachNode) {
  constexpr double kHorizon = 12 * kHour;
  ShippedFleet shipped = shipped_fleet("platforms/power-eclipse-550.yaml", kHorizon);
  std::vector<FleetNode> nodes = shipped.nodes;
  PowerFleet fleet(std::move(shipped.nodes));
  const std::vector<FleetEvent> rows = drive(fleet, shipped.changes);
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    SCOPED_TRACE(i);
    std::vector<LoadStep> loads = {{0, nodes[i].demand}};
    for (const DemandChange& change : shipped.changes) {
      if (change.node == i) loads.push_back({change.time, change.demand});
    }
    const PowerTimeline timeline = power_timeline(nodes[i].model, nodes[i].solar, loads);
    const std::vector<PowerSnapshot> own = rows_of(rows, i);
    ASSERT_EQ(own.size(), timeline.rows.size());
    for (std::size_t r = 0; r < own.size(); ++r) expect_same_row(own[r], timeline.rows[r]);
    EXPECT_EQ(fleet.node(i).ledger().used, timeline.ledger.used);
    EXPECT_EQ(fleet.node(i).ledger().stored_change, timeline.ledger.stored_change);
    EXPECT_EQ(fleet.node(i).ledger().peak_gpu_seconds, timeline.ledger.peak_gpu_seconds);
  }
}

// ---- Hand-made orbits: 14 kW of sun and a 2000 s umbra, at two phases ----

constexpr double kSun = 14e3;

std::vector<SolarSegment> orbit_with_umbra(double from, double to) {
  return {{0, from, SunPhase::kSunlit, 1, kSun},
          {from, to, SunPhase::kUmbra, 0, 0},
          {to, 8000, SunPhase::kSunlit, 1, kSun}};
}

const spec::GpuModelSpec& gpu() {
  static const spec::GpuModelSpec model = eclipse_gpu();
  return model;
}

// Nodes 0 and 2 in umbra over [3000, 5000], node 1 over [2000, 4000]; all busy under throttle.
PowerFleet hand_made_fleet() {
  std::vector<FleetNode> nodes;
  for (const double entry : {3000.0, 2000.0, 3000.0}) {
    nodes.push_back({{spec::PowerPolicy::kThrottle, &gpu(), eclipse_battery()},
                     orbit_with_umbra(entry, entry + 2000),
                     busy_eclipse_node()});
  }
  return PowerFleet(std::move(nodes));
}

TEST(PowerFleet, EventsComeInTimeThenNodeOrderAndRepeat) {
  PowerFleet first = hand_made_fleet();
  const std::vector<FleetEvent> rows = drive(first, {});
  // Past the start rows, (time, node) strictly increases: one row per node and instant.
  for (std::size_t r = first.size() + 1; r < rows.size(); ++r) {
    const FleetEvent& a = rows[r - 1];
    const FleetEvent& b = rows[r];
    EXPECT_TRUE(a.snapshot.time < b.snapshot.time ||
                (a.snapshot.time == b.snapshot.time && a.node < b.node))
        << "row " << r;
  }
  PowerFleet second = hand_made_fleet();
  const std::vector<FleetEvent> again = drive(second, {});
  ASSERT_EQ(again.size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(again[r].node, rows[r].node);
    expect_same_row(again[r].snapshot, rows[r].snapshot);
  }
}

TEST(PowerFleet, OnlyNodesWithAnEventDueAreTouched) {
  PowerFleet fleet = hand_made_fleet();
  // Full batteries in the sun: the first event is node 1's umbra entry, where it throttles to
  // pstate 2 (3.3 kW for 2000 s fits the 8.208 MJ it can give; 4.5 kW does not).
  EXPECT_EQ(fleet.next_event_time(), 2000);
  const std::vector<FleetEvent> at_entry = fleet.advance_to(2500);
  ASSERT_EQ(at_entry.size(), 1u);
  EXPECT_EQ(at_entry[0].node, 1u);
  EXPECT_EQ(at_entry[0].snapshot.time, 2000);
  EXPECT_TRUE(at_entry[0].snapshot.events & kUmbraEntry);
  EXPECT_EQ(at_entry[0].snapshot.point.pstate, 2);
  EXPECT_EQ(fleet.node(0).now(), 0);
  EXPECT_EQ(fleet.node(2).now(), 0);
  // Nodes 0 and 2 share their next event, node 0 first.
  EXPECT_EQ(fleet.next_event_time(), 3000);
  const std::vector<FleetEvent> both = fleet.advance_to(3000);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].node, 0u);
  EXPECT_EQ(both[1].node, 2u);
  EXPECT_EQ(fleet.node(1).now(), 2000);
}

TEST(PowerFleet, DemandChangeRunsTheNodesEarlierEventsFirst) {
  PowerFleet fleet = hand_made_fleet();
  NodeDemand idle = busy_eclipse_node();
  idle.activity = GpuActivity::kIdle;
  const std::vector<FleetEvent> rows = fleet.set_demand(1, idle, 3000);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].snapshot.time, 2000);  // the umbra entry, pstate 2
  EXPECT_EQ(rows[1].snapshot.time, 3000);
  EXPECT_TRUE(rows[1].snapshot.events & kLoadChange);
  EXPECT_EQ(rows[1].snapshot.load, 500 + 8 * 70);
  EXPECT_EQ(fleet.node(0).now(), 0);
  EXPECT_THROW(fleet.set_demand(1, idle, 2999), std::logic_error);
}

TEST(PowerFleet, ForecastMatchesWhatTheFleetReaches) {
  PowerFleet fleet = hand_made_fleet();
  NodeDemand idle = busy_eclipse_node();
  idle.activity = GpuActivity::kIdle;
  // Node 0 under its busy demand to 4500 s, and node 2 idle from 3500 s on.
  const NodePower busy = fleet.forecast(0, 4500);
  const NodePower idled = fleet.forecast(2, 3500, idle, 4500);
  // Throttled at 3.3 kW from 3000 s: 1 - 3.3 kW x 1500 s / 0.95 / 10.8 MJ.
  EXPECT_NEAR(busy.battery().state_of_charge(), 1 - 3300 * 1500 / 0.95 / 10.8e6, 1e-12);
  EXPECT_LT(busy.battery().state_of_charge(), idled.battery().state_of_charge());
  EXPECT_EQ(fleet.node(0).now(), 0);  // a forecast leaves the fleet alone

  fleet.set_demand(2, idle, 3500);
  fleet.finish(4500);
  EXPECT_EQ(fleet.node(0).battery().state_of_charge(), busy.battery().state_of_charge());
  EXPECT_EQ(fleet.node(2).battery().state_of_charge(), idled.battery().state_of_charge());
  EXPECT_EQ(fleet.node(2).ledger().used, idled.ledger().used);
  EXPECT_EQ(fleet.next_event_time(), kNever);
  EXPECT_TRUE(fleet.set_demand(0, idle, 4600).empty());
}

TEST(PowerFleet, NextPointChangeLooksAheadWithoutMovingTheNode) {
  PowerFleet fleet = hand_made_fleet();
  // Node 0 throttles at its umbra entry and speeds up again at the exit.
  EXPECT_EQ(fleet.next_point_change(0, 8000), 3000);
  EXPECT_FALSE(fleet.next_point_change(0, 2999));
  fleet.advance_to(3000);
  EXPECT_EQ(fleet.next_point_change(0, 8000), 5000);
  fleet.finish(8000);
  EXPECT_FALSE(fleet.next_point_change(0, 8000));  // ended
}

TEST(PowerFleet, FinishEndsEveryNodeInNodeOrder) {
  PowerFleet fleet = hand_made_fleet();
  const std::vector<FleetEvent> rows = fleet.finish(2500);
  ASSERT_EQ(rows.size(), 4u);  // node 1's umbra entry, then an end per node
  EXPECT_EQ(rows[0].node, 1u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(rows[i + 1].node, i);
    EXPECT_EQ(rows[i + 1].snapshot.time, 2500);
    EXPECT_TRUE(rows[i + 1].snapshot.events & kEnd);
    EXPECT_EQ(fleet.node(i).now(), 2500);
  }
}

// A node given its second orbit by extend() while in the first orbit's second umbra: the
// segments it has left behind are dropped, back to the sunlit one before that umbra, and its rows
// and the shadows ahead are those of a node given both orbits at once.
TEST(PowerFleet, ExtendDropsTheSegmentsLeftBehindAndChangesNothingAhead) {
  const std::vector<SolarSegment> first = {{0, 1000, SunPhase::kSunlit, 1, kSun},
                                           {1000, 1500, SunPhase::kUmbra, 0, 0},
                                           {1500, 3000, SunPhase::kSunlit, 1, kSun},
                                           {3000, 5000, SunPhase::kUmbra, 0, 0},
                                           {5000, 8000, SunPhase::kSunlit, 1, kSun}};
  const std::vector<SolarSegment> second = {{8000, 11000, SunPhase::kSunlit, 1, kSun},
                                            {11000, 13000, SunPhase::kUmbra, 0, 0},
                                            {13000, 16000, SunPhase::kSunlit, 1, kSun}};
  const auto one_node = [](std::vector<SolarSegment> solar) {
    std::vector<FleetNode> nodes;
    nodes.push_back({{spec::PowerPolicy::kThrottle, &gpu(), eclipse_battery()},
                     std::move(solar),
                     busy_eclipse_node()});
    return PowerFleet(std::move(nodes));
  };
  std::vector<SolarSegment> both = first;
  both.insert(both.end(), second.begin(), second.end());
  PowerFleet whole = one_node(both);
  const std::vector<FleetEvent> expected = drive(whole, {});

  PowerFleet extended = one_node(first);
  std::vector<FleetEvent> rows = extended.start();
  const auto append = [&](const std::vector<FleetEvent>& more) {
    rows.insert(rows.end(), more.begin(), more.end());
  };
  append(extended.advance_to(4000));
  extended.extend(0, second);
  // Kept: [1500, 3000) sunlit, where the umbra it is in began, then [3000, 5000) to the end.
  ASSERT_EQ(extended.solar(0).size(), 6u);
  EXPECT_EQ(extended.solar(0).front().start, 1500);
  EXPECT_EQ(shadow_at_or_after(extended.solar(0), 4000)->entry, 3000);
  EXPECT_EQ(shadow_at_or_after(extended.solar(0), 4000)->exit, 5000);
  EXPECT_EQ(shadow_at_or_after(extended.solar(0), 5000)->entry, 11000);
  while (extended.next_event_time() != kNever) {
    append(extended.advance_to(extended.next_event_time()));
  }
  ASSERT_EQ(rows.size(), expected.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    expect_same_row(rows[r].snapshot, expected[r].snapshot);
  }
}

TEST(ShadowAtOrAfter, FindsTheShadowHoldingOrFollowingATime) {
  const std::vector<SolarSegment> solar = {
      {0, 100, SunPhase::kSunlit, 1, kSun},   {100, 101, SunPhase::kPenumbra, 0.5, kSun / 2},
      {101, 200, SunPhase::kUmbra, 0, 0},     {200, 201, SunPhase::kPenumbra, 0.5, kSun / 2},
      {201, 300, SunPhase::kSunlit, 1, kSun}, {300, 400, SunPhase::kUmbra, 0, 0}};
  const auto at = [&](double time) { return shadow_at_or_after(solar, time); };
  ASSERT_TRUE(at(0));
  EXPECT_EQ(at(0)->entry, 100);
  EXPECT_EQ(at(0)->exit, 201);
  EXPECT_EQ(at(150)->entry, 100);  // inside: the entry is past
  EXPECT_EQ(at(201)->entry, 300);  // the exit instant belongs to the sun
  EXPECT_EQ(at(201)->exit, 400);   // still dark at the horizon
  EXPECT_FALSE(at(400));
}

// ---- power.csv ----

TEST(PowerCsv, RowsHaveFixedDecimalsAndQuotedNames) {
  PowerFleet fleet = hand_made_fleet();
  const std::vector<FleetEvent> entry = fleet.advance_to(2000);
  ASSERT_EQ(entry.size(), 1u);
  const std::vector<output::PowerRow> rows = {
      power::power_row(0, entry[0].snapshot, true),
      power::power_row(1, fleet.node(0).snapshot(kStart), false)};
  const std::vector<std::string> names = {"sat,1", "bus-only"};
  // At the umbra entry: pstate 2 (3.3 kW) all from the battery; full at the start, in the sun.
  EXPECT_EQ(output::power_csv(rows, names),
            "time,node,illumination,solar_in_w,load_w,battery_w,state_of_charge,pstate,mode,"
            "events\n"
            "2000.000,\"sat,1\",0.000000,0.000,3300.000,-3300.000,1.000000,2,running,"
            "eclipse-entry+umbra-entry+curtail-stop+pstate\n"
            "0.000,bus-only,1.000000,14000.000,6100.000,0.000,1.000000,-,running,"
            "start\n");
}

}  // namespace
}  // namespace umbra::power
