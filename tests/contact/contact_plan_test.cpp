// The contact plan over whole horizons: terminal and antenna limits, acquisition, rate profiles,
// its timeline, determinism.
#include "sim/contact/contact_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numbers>
#include <string>
#include <utility>

#include "sim/contact/link_geometry.hpp"
#include "sim/contact/plan_timeline.hpp"
#include "sim/spec/platform_reader.hpp"

namespace umbra::contact {
namespace {

constexpr double kHorizon = 6 * 3600.0;

// 64 satellites, each with two laser terminals for its three nearest neighbours and one Ka
// terminal, over four single-antenna stations: both limits bind.
std::string platform_text(const std::string& ka_acquisition, const std::string& laser_rate) {
  return R"(epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
link_classes:
  - {name: laser, kind: laser, rate: 100 Gbps, )" +
         laser_rate + R"(max_range: 5000 km, acquisition_time: 10 s}
  - {name: ka, kind: rf, rate: 10 Gbps, max_range: 3000 km, elevation_mask: 10,
     acquisition_time: )" +
         ka_acquisition + R"(}
ground_stations:
  - {name: omaha, location: {latitude: 41.26, longitude: -95.86}}
  - {name: madrid, location: {latitude: 40.43, longitude: -4.25}}
  - {name: canberra, location: {latitude: -35.4, longitude: 148.98}}
  - {name: svalbard, location: {latitude: 78.23, longitude: 15.41}}
shells:
  - name: leo
    altitude: 550 km
    inclination: 53
    planes: 8
    satellites_per_plane: 8
    phasing: 1
    terminals: [{link_class: laser, count: 3}, {link_class: ka}]
    isl: {topology: nearest-k, link_class: laser, k: 3}
)";
}

struct Built {
  spec::PlatformSpec platform;
  Constellation constellation;
  ContactPlan plan;
};

Built build(const std::string& text, unsigned threads = 0) {
  Built built{spec::read_platform_text(text, "plan.yaml"), {}, {}};
  built.constellation = build_constellation(built.platform);
  ContactPlanOptions options;
  options.horizon = kHorizon;
  options.threads = threads;
  built.plan = build_contact_plan(built.platform, built.constellation, options);
  return built;
}

const std::string kPlain = platform_text("0 s", "");

TEST(ContactPlan, NoSatelliteOrStationEverHoldsMoreLinksThanItsTerminalsOrAntennas) {
  const Built built = build(kPlain);
  const ContactPlan& plan = built.plan;
  ASSERT_GT(plan.refused_for_terminals, 0u);  // the limits must actually bind
  // Resources: (satellite node, class) and station nodes; a window holds them from
  // pointed_from to end. Occupancy only rises at a pointing time, so checking there suffices.
  const auto capacity = [&](std::size_t node, std::size_t link_class) {
    if (node >= plan.satellite_count) {
      return built.platform.ground_stations[node - plan.satellite_count].antennas;
    }
    return link_class == 0 ? 3 : 1;
  };
  for (const LinkWindow& at : plan.windows) {
    const double t = at.pointed_from;
    std::map<std::pair<std::size_t, std::size_t>, int> held;
    for (const LinkWindow& w : plan.windows) {
      if (w.pointed_from <= t && t < w.end) {
        ++held[{w.a, w.link_class}];
        ++held[{w.b, w.b >= plan.satellite_count ? 0 : w.link_class}];
      }
    }
    for (const auto& [resource, count] : held) {
      EXPECT_LE(count, capacity(resource.first, resource.second))
          << plan.nodes[resource.first] << " at " << t;
    }
  }
}

TEST(ContactPlan, LaserWindowsCarryDataOnlyAfterTheirAcquisitionTime) {
  const Built built = build(kPlain);
  std::size_t acquired_in_plan = 0;
  for (const LinkWindow& w : built.plan.windows) {
    const bool open_at_start = w.pointed_from == built.plan.from;
    const double acquisition = w.link_class == 0 && !open_at_start ? 10.0 : 0.0;
    EXPECT_NEAR(w.start - w.pointed_from, acquisition, 1e-9);
    EXPECT_GT(w.end, w.start);
    if (acquisition > 0) ++acquired_in_plan;
  }
  EXPECT_GT(acquired_in_plan, 0u);
}

TEST(ContactPlan, WindowsShorterThanTheirAcquisitionAreDroppedAndCounted) {
  // Ka passes at 10 deg last up to ~8 min (a central angle of acos(R cos 10 deg / (R + h)) -
  // 10 deg = 14.96 deg each side: 2 x 14.96 / 360 of a 95.65 min orbit, 7.9 min); with 5 min of
  // acquisition the shorter ones go.
  const Built built = build(platform_text("300 s", ""));
  EXPECT_GT(built.plan.shorter_than_acquisition, 0u);
  for (const LinkWindow& w : built.plan.windows) {
    if (w.link_class != 1) continue;
    EXPECT_NEAR(w.start - w.pointed_from, w.pointed_from == built.plan.from ? 0.0 : 300.0, 1e-9);
  }
}

TEST(ContactPlan, InverseSquareRatesFollowTheRangeWithinTheSegmentTolerance) {
  const Built built =
      build(platform_text("0 s", "rate_model: inverse-square, reference_range: 1000 km, "));
  const ContactPlan& plan = built.plan;
  const spec::LinkClassSpec& laser = plan.link_classes[0];
  const auto range_at = [&](const LinkWindow& w, double t) {
    const auto& satellites = built.constellation.satellites;
    return norm(satellites[w.b].propagator->state_at(built.constellation.epoch, t).position -
                satellites[w.a].propagator->state_at(built.constellation.epoch, t).position);
  };
  std::size_t checked = 0;
  for (const LinkWindow& w : plan.windows) {
    if (w.link_class != 0) continue;
    for (std::size_t k = 0; k < w.segments.size(); ++k) {
      const RateSegment& segment = w.segments[k];
      const double until = k + 1 < w.segments.size() ? w.segments[k + 1].start : w.end;
      const double middle = 0.5 * (segment.start + until);
      const double range = range_at(w, middle);
      // The samples of a segment stay within 1 % of rate and 0.25 ms of delay of its first one,
      // and neighbouring samples within the same of each other (laser ranges are propagated,
      // link_windows.cpp): between its last sample and the next segment, twice that.
      EXPECT_NEAR(segment.rate, link_rate(laser, range), 0.0201 * segment.rate);
      EXPECT_NEAR(segment.delay, light_time(range), 0.501e-3);
      EXPECT_GE(range, w.min_range - 1.0);
      EXPECT_LE(range, w.max_range + 1.0);
      ++checked;
    }
    EXPECT_LE(w.mean_rate(), laser.rate);
  }
  EXPECT_GT(checked, 100u);
}

TEST(ContactPlan, ItsTimelineAgreesWithAScanOfTheWindows) {
  const Built built = build(kPlain);
  const ContactPlan& plan = built.plan;
  const PlanTimeline timeline(plan);
  for (double t = 0; t < kHorizon; t += 97.0) {
    std::vector<std::size_t> expected;
    double next = kHorizon + 1;
    for (std::size_t i = 0; i < plan.windows.size(); ++i) {
      const LinkWindow& w = plan.windows[i];
      if (w.start <= t && t < w.end) expected.push_back(i);
      if (w.end > t) next = std::min(next, w.end);
      for (const RateSegment& segment : w.segments) {
        if (segment.start > t) next = std::min(next, segment.start);
      }
    }
    EXPECT_EQ(timeline.links_up_at(t), expected) << "t = " << t;
    for (const std::size_t i : expected) {
      const LinkWindow& w = plan.windows[i];
      const RateSegment& now = w.segment_at(t);
      EXPECT_LE(now.start, t);
      EXPECT_TRUE(&now == &w.segments.back() || (&now + 1)->start > t);
    }
    ASSERT_TRUE(timeline.next_change_after(t).has_value());
    EXPECT_EQ(*timeline.next_change_after(t), next) << "t = " << t;
  }
  EXPECT_FALSE(timeline.next_change_after(kHorizon).has_value());
}

TEST(ContactPlan, SameOnOneThreadAndOnTwo) {
  const Built one = build(kPlain, 1);
  const Built two = build(kPlain, 2);
  ASSERT_EQ(one.plan.windows.size(), two.plan.windows.size());
  for (std::size_t i = 0; i < one.plan.windows.size(); ++i) {
    const LinkWindow& x = one.plan.windows[i];
    const LinkWindow& y = two.plan.windows[i];
    EXPECT_EQ(std::tie(x.a, x.b, x.link_class, x.pointed_from, x.start, x.end, x.segments),
              std::tie(y.a, y.b, y.link_class, y.pointed_from, y.start, y.end, y.segments));
  }
}

}  // namespace
}  // namespace umbra::contact
