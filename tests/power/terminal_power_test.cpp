// Terminals draw power only while a link that uses them is up, through the real engine: one
// equatorial satellite with a Ka terminal (200 W) over an equatorial ground station, and a job
// keeping its GPUs busy for hours. At each pass the contact plan gives (computed here on its
// own), the satellite's load rises by exactly the terminal's power and falls back at the pass's
// end; between passes it draws its bus and GPUs only.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

constexpr double kTerminalWatts = 200;

const std::string kPlatform =
    "epoch: 2026-03-20T12:00:00Z\n"
    "gpu_models:\n"
    "  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}\n"
    "link_classes:\n"
    "  - {name: ka, kind: rf, rate: 10 Gbps, max_range: 2500 km, elevation_mask: 25,\n"
    "     power: 200 W}\n"
    "ground_stations:\n"
    "  - {name: quito, location: {latitude: 0, longitude: -78.5}, min_elevation: 25}\n"
    "satellites:\n"
    "  - name: sat\n"
    "    altitude: 550 km\n"
    "    inclination: 0\n"
    "    payload: {gpu_model: H100, gpus: 8}\n"
    "    solar_array: {area: 100 m2, efficiency: 0.30, packing_factor: 0.85}\n"
    "    battery: {capacity: 50 kWh, max_charge_power: 20 kW, max_discharge_power: 20 kW}\n"
    "    bus_power: 500 W\n"
    "    terminals: [{link_class: ka, count: 1}]\n";

// Eight hours of work on the satellite's 8 GPUs at mfu 0.4.
const std::string kJobs =
    "jobs:\n  - {id: j, submit: 0 s, gpus: 8, work: 9.1146e19 FLOP, mfu: 0.4}\n";

// The row holding `time` (the last one at or before it).
const output::PowerRow& row_at(const std::deque<output::PowerRow>& rows, double time) {
  const auto after =
      std::upper_bound(rows.begin(), rows.end(), time,
                       [](double t, const output::PowerRow& r) { return t < r.time; });
  return *std::prev(after);
}

TEST(TerminalPower, LoadRisesByTheTerminalPowerExactlyWhileAGroundLinkIsUp) {
  const auto s = testing::scenario(kPlatform, kJobs);
  testing::GreedyInOrder policy;
  const output::RunResult result = testing::run(s, policy);
  ASSERT_EQ(result.jobs.front().state, output::JobState::kFinished);
  const double end = *result.jobs.front().end;
  ASSERT_GT(end, 6 * 3600.0);  // several passes while the job computes

  const contact::Constellation constellation = contact::build_constellation(s.platform);
  contact::ContactPlanOptions options;
  options.horizon = 86400;
  const contact::ContactPlan plan = contact::build_contact_plan(s.platform, constellation, options);
  std::vector<const contact::LinkWindow*> passes;
  for (const auto& window : plan.windows) {
    if (window.end < end) passes.push_back(&window);
  }
  ASSERT_GE(passes.size(), 3u);

  const auto& rows = result.power_rows;  // one node: in time order
  ASSERT_FALSE(rows.empty());
  // Busy GPUs and the bus, without the terminal: the load between the first two passes.
  const double base = row_at(rows, 0.5 * (passes[0]->end + passes[1]->start)).load;
  EXPECT_DOUBLE_EQ(base, 500 + 8 * 700.0);
  for (const contact::LinkWindow* pass : passes) {
    SCOPED_TRACE(pass->start);
    // A row at each edge of the pass, to the millisecond of power.csv.
    const output::PowerRow& up = row_at(rows, pass->start);
    EXPECT_NEAR(up.time, pass->start, 1e-9);
    EXPECT_NEAR(up.load, base + kTerminalWatts, 1e-9);
    EXPECT_NEAR(row_at(rows, 0.5 * (pass->start + pass->end)).load, base + kTerminalWatts, 1e-9);
    const output::PowerRow& down = row_at(rows, pass->end);
    EXPECT_NEAR(down.time, pass->end, 1e-9);
    EXPECT_NEAR(down.load, base, 1e-9);
    // Just before the pass, the terminal drew nothing.
    EXPECT_NEAR(row_at(rows, pass->start - 1).load, base, 1e-9);
  }
}

}  // namespace
}  // namespace umbra::engine
