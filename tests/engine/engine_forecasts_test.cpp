// What a policy reads of the future and present (sched::Forecasts) through the real engine: the
// network's, of one equatorial satellite passing over a station beside the only ground site
// (testing::kPasses), against the contact plan computed here on its own; the power's, of the
// eclipse satellite (testing::eclipse_satellite) past the first day, against its eclipse windows
// computed here on their own, and with a radio terminal whose passes fall in the shadow, against
// what the run itself does.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <vector>

#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
#include "sim/orbit/eclipse_windows.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

// Never started: its submission brings the first call.
const std::string kOneJob = "jobs:\n  - {id: j, submit: 0 s, gpus: 1, work: 1e18 FLOP}\n";
constexpr sched::NodeId kLabNode = 0, kSatellite = 1;

// Reads the forecasts at each of `times` (woken at each) and keeps what it read.
class Reader final : public sched::Scheduler {
 public:
  explicit Reader(std::vector<double> times) : times_(std::move(times)) {}
  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    sched::Decisions decisions;
    if (state.forecasts == nullptr) return decisions;
    if (state.now == 0) contacts = state.forecasts->ground_contacts(kSatellite, 0, 86400);
    bandwidth.push_back(state.forecasts->bandwidth_now(kSatellite, kLabNode));
    on_the_ground.push_back(state.forecasts->bandwidth_now(kLabNode, kLabNode));
    for (const double t : times_) {
      if (t > state.now) {
        decisions.wake_up_at = t;
        break;
      }
    }
    return decisions;
  }
  std::vector<sched::GroundContact> contacts;
  std::vector<double> bandwidth, on_the_ground;

 private:
  std::vector<double> times_;
};

contact::ContactPlan day_plan(const spec::PlatformSpec& platform) {
  const contact::Constellation constellation = contact::build_constellation(platform);
  contact::ContactPlanOptions options;
  options.horizon = 86400;
  return contact::build_contact_plan(platform, constellation, options);
}

TEST(EngineForecasts, GroundContactsAreThePlanWindowsAndBandwidthFollowsThem) {
  const auto s = testing::scenario(testing::kPasses, kOneJob);
  const contact::ContactPlan plan = day_plan(s.platform);
  ASSERT_GE(plan.windows.size(), 2u);
  const auto& first = plan.windows[0];
  const auto& second = plan.windows[1];
  ASSERT_GT(first.start, 0);  // the run starts between passes
  // Read at 0 (between passes), mid first pass, and between the first two passes.
  Reader reader({(first.start + first.end) / 2, (first.end + second.start) / 2});
  testing::run(s, reader);

  ASSERT_EQ(reader.contacts.size(), plan.windows.size());
  for (std::size_t i = 0; i < plan.windows.size(); ++i) {
    EXPECT_NEAR(reader.contacts[i].start, plan.windows[i].start, 1e-9);
    EXPECT_NEAR(reader.contacts[i].end, plan.windows[i].end, 1e-9);
    EXPECT_EQ(reader.contacts[i].site, sched::SiteId{0});
    EXPECT_NEAR(reader.contacts[i].rate, 1e9, 1e-3);
  }
  // The route from the satellite to the lab: the radio link is the bottleneck while it is up.
  ASSERT_EQ(reader.bandwidth.size(), 3u);
  EXPECT_EQ(reader.bandwidth[0], 0);
  EXPECT_NEAR(reader.bandwidth[1], 1e9, 1e-3);
  EXPECT_EQ(reader.bandwidth[2], 0);
  EXPECT_TRUE(std::isinf(reader.on_the_ground[0]));
}

// Reads the power forecasts of the only node once, at `at` (woken there).
class PowerReader final : public sched::Scheduler {
 public:
  PowerReader(double at, std::vector<double> shadow_times, double lost_until)
      : at_(at), shadow_times_(std::move(shadow_times)), lost_until_(lost_until) {}
  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    sched::Decisions decisions;
    if (state.now < at_) {
      decisions.wake_up_at = at_;
      return decisions;
    }
    if (read) return decisions;
    read = true;
    for (const double t : shadow_times_) {
      shadows.push_back(state.forecasts->shadow_at_or_after(0, t));
    }
    lost = state.forecasts->power_lost_at(0, 8, lost_until_);
    return decisions;
  }
  bool read = false;
  std::vector<std::optional<sched::ShadowWindow>> shadows;
  std::optional<double> lost;

 private:
  double at_;
  std::vector<double> shadow_times_;
  double lost_until_;
};

// The satellite's shadows, penumbra and umbra windows back to back joined, over four days.
std::vector<sched::ShadowWindow> shadows_of(const spec::PlatformSpec& platform) {
  const contact::Constellation constellation = contact::build_constellation(platform);
  orbit::EclipseSearch search;
  search.horizon = 4 * 86400;
  std::vector<sched::ShadowWindow> shadows;
  for (const orbit::EclipseWindow& window : orbit::eclipse_windows(
           *constellation.satellites[0].propagator, constellation.epoch, search)) {
    if (!shadows.empty() && window.start - shadows.back().exit < 1e-3) {
      shadows.back().exit = window.end;
    } else {
      shadows.push_back({window.start, window.end});
    }
  }
  return shadows;
}

TEST(EngineForecasts, PowerForecastsSeePastTheDayTheRunIsInUpToTheReach) {
  const auto s = testing::scenario(testing::eclipse_satellite("shutdown"), kOneJob);
  const std::vector<sched::ShadowWindow> shadows = shadows_of(s.platform);
  // Read a minute before the end of the first day (the block of solar input the run is in),
  // sunlit; the first shadow to begin after that day, and one on the third day.
  const double at = 86400 - 60;
  const auto next = std::find_if(shadows.begin(), shadows.end(),
                                 [](const sched::ShadowWindow& w) { return w.entry > 86400; });
  ASSERT_NE(next, shadows.end());
  const auto third_day =
      std::find_if(shadows.begin(), shadows.end(),
                   [](const sched::ShadowWindow& w) { return w.entry > 2.5 * 86400; });
  ASSERT_NE(third_day, shadows.end());
  ASSERT_LT(std::prev(next)->exit, at);

  // Its eight GPUs busy from `at`, the 3 kWh battery runs out within that shadow; asked far
  // past the reach, the node is sunlit there.
  PowerReader reader(at, {at, 2.5 * 86400, at + 8 * 86400}, at + 2 * 86400);
  testing::run(s, reader);
  ASSERT_TRUE(reader.read);
  ASSERT_EQ(reader.shadows.size(), 3u);
  // Root-found to 1 ms on each side.
  constexpr double kTolerance = 2e-3;
  ASSERT_TRUE(reader.shadows[0].has_value());
  EXPECT_NEAR(reader.shadows[0]->entry, next->entry, kTolerance);
  EXPECT_NEAR(reader.shadows[0]->exit, next->exit, kTolerance);
  ASSERT_TRUE(reader.shadows[1].has_value());
  EXPECT_NEAR(reader.shadows[1]->entry, third_day->entry, kTolerance);
  EXPECT_NEAR(reader.shadows[1]->exit, third_day->exit, kTolerance);
  EXPECT_FALSE(reader.shadows[2].has_value());
  ASSERT_TRUE(reader.lost.has_value());
  EXPECT_GT(*reader.lost, next->entry);
  EXPECT_LT(*reader.lost, next->exit);
}

// The eclipse satellite with a radio terminal of `watts`, passing over a station on the night
// side (the epoch is noon UTC at the equinox, so longitude 180 is at midnight and the first
// passes are in the shadow), beside a ground site there (node 0; the satellite is node 1).
std::string eclipse_satellite_with_radio(const std::string& watts) {
  return testing::eclipse_satellite("shutdown") +
         "    terminals: [{link_class: rf, count: 1}]\n"
         "sites:\n"
         "  - name: night\n"
         "    location: {latitude: 0, longitude: 180}\n"
         "    nodes: 1\n"
         "    gpus_per_node: 1\n"
         "    gpu_model: H100\n"
         "    network: {bandwidth: 10 GB/s, latency: 0 s}\n"
         "    storage: {bandwidth: 1 TB/s}\n"
         "link_classes:\n"
         "  - {name: rf, kind: rf, rate: 1 GB/s, max_range: 3000 km, power: " +
         watts +
         "}\n"
         "ground_stations:\n"
         "  - name: gs\n"
         "    location: {latitude: 0, longitude: 180}\n"
         "    backhaul: {bandwidth: 1 TB/s}\n";
}

// At 0, asks when the satellite would stop with four GPUs busy, then starts the job there on
// four GPUs.
class ForecastThenStart final : public sched::Scheduler {
 public:
  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event>) override {
    sched::Decisions decisions;
    if (state.now != 0 || state.queue.empty()) return decisions;
    lost = state.forecasts->power_lost_at(1, 4, 86400);
    contacts = state.forecasts->ground_contacts(1, 0, 86400);
    decisions.starts.push_back({state.queue.front().id, sched::Placement{{{1, 4}}}});
    return decisions;
  }
  std::optional<double> lost;
  std::vector<sched::GroundContact> contacts;
};

struct ForecastAndRun {
  std::optional<double> forecast;   // made at the start
  std::optional<double> went_dark;  // in the run
  std::vector<sched::GroundContact> contacts;
};

ForecastAndRun forecast_and_run(const std::string& radio_watts) {
  const auto s = testing::scenario(eclipse_satellite_with_radio(radio_watts),
                                   "jobs:\n  - {id: j, submit: 0 s, gpus: 4, work: 1e21 FLOP}\n");
  ForecastThenStart policy;
  const output::RunResult result = testing::run(s, policy);
  ForecastAndRun found{policy.lost, std::nullopt, policy.contacts};
  for (const output::Allocation& allocation : result.allocations) {
    if (allocation.ended == output::AllocationEnd::kPowerFailed) {
      found.went_dark = allocation.end;
      break;
    }
  }
  return found;
}

// One run a test: SimGrid runs one simulation per process.
TEST(EngineForecasts, WithASilentRadioTheNodeRidesThroughTheShadowAsForecast) {
  // Four busy GPUs, four idle and the bus (3,580 W) ride through the ~2,130 s shadow on the
  // 3 kWh battery.
  const ForecastAndRun silent = forecast_and_run("0 W");
  EXPECT_FALSE(silent.forecast.has_value());
  EXPECT_FALSE(silent.went_dark.has_value());
}

TEST(EngineForecasts, PowerLostAtCountsTheTerminalsTheContactPlanWillTurnOn) {
  // A radio drawing 2 kW through a pass of ~510 s in the shadow takes the battery to its floor:
  // the forecast made before the start, with the links as they were then (none up), is the
  // instant the run's node went dark, after the pass began.
  const ForecastAndRun drawing = forecast_and_run("2 kW");
  ASSERT_TRUE(drawing.forecast.has_value());
  ASSERT_TRUE(drawing.went_dark.has_value());
  EXPECT_NEAR(*drawing.forecast, *drawing.went_dark, testing::near_tolerance(*drawing.went_dark));
  ASSERT_FALSE(drawing.contacts.empty());
  EXPECT_GT(*drawing.went_dark, drawing.contacts.front().start);
}

}  // namespace
}  // namespace umbra::engine
