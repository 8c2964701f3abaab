// What a policy reads of the network's future and present (sched::Forecasts) through the real
// engine: one equatorial satellite passing over a station beside the only ground site
// (testing::kPasses). The
// expected windows come from the contact plan computed here on its own.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
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

}  // namespace
}  // namespace umbra::engine
