// A plan's timeline against a scan of its windows, on plans shaped as a constellation's are:
// laser links up over the whole horizon beside ground passes that come and go.
#include "sim/contact/plan_timeline.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "sim/core/rng.hpp"

namespace umbra::contact {
namespace {

constexpr double kHorizon = 600;

LinkWindow window(double start, double end) {
  LinkWindow w;
  w.start = start;
  w.end = end;
  w.segments = {{start, 1e9, 1e-3}};
  return w;
}

// `always` windows up over the whole horizon, then `passes` short ones at random, some sharing
// their edges' instants (times on a 0.5 s grid), sorted by start as a built plan's are.
ContactPlan plan_of(std::size_t always, std::size_t passes, std::uint64_t seed) {
  ContactPlan plan;
  plan.to = kHorizon;
  for (std::size_t i = 0; i < always; ++i) plan.windows.push_back(window(0, kHorizon));
  Rng rng(seed);
  for (std::size_t i = 0; i < passes; ++i) {
    const double start = 0.5 * static_cast<double>(rng.uniform_int(1101));
    const double length = 0.5 * static_cast<double>(1 + rng.uniform_int(200));
    plan.windows.push_back(window(start, std::min(kHorizon, start + length)));
  }
  std::stable_sort(plan.windows.begin(), plan.windows.end(),
                   [](const LinkWindow& x, const LinkWindow& y) { return x.start < y.start; });
  return plan;
}

std::vector<std::size_t> scan(const ContactPlan& plan, double t) {
  std::vector<std::size_t> up;
  for (std::size_t i = 0; i < plan.windows.size(); ++i) {
    if (plan.windows[i].start <= t && t < plan.windows[i].end) up.push_back(i);
  }
  return up;
}

TEST(PlanTimeline, LinksUpAtAgreeWithAScanAtEdgesAndBetween) {
  for (const auto& [always, passes] :
       {std::pair<std::size_t, std::size_t>{0, 3000}, {5000, 3000}, {300, 0}, {0, 1}}) {
    const ContactPlan plan = plan_of(always, passes, 7 + always + passes);
    const PlanTimeline timeline(plan);
    // Every quarter second: each edge's instant (0.5 s grid) and the instants between.
    for (double t = -1; t <= kHorizon + 1; t += 0.25) {
      ASSERT_EQ(timeline.links_up_at(t), scan(plan, t))
          << always << " always up, " << passes << " passes, t = " << t;
    }
  }
}

TEST(PlanTimeline, ItsSnapshotsHoldNoMoreEntriesThanThePlanHasEdges) {
  // With 20,000 links up all along, snapshots every 256 edges would be 312 of at least 20,000
  // entries each: over 6 million.
  const ContactPlan plan = plan_of(20000, 20000, 3);
  const PlanTimeline timeline(plan);
  EXPECT_LE(timeline.snapshot_entries(), 2 * plan.windows.size());
  EXPECT_EQ(timeline.links_up_at(kHorizon / 2), scan(plan, kHorizon / 2));
}

TEST(PlanTimeline, AnEmptyPlanHasNothingUpAndNoChange) {
  const PlanTimeline timeline(ContactPlan{});
  EXPECT_TRUE(timeline.links_up_at(0).empty());
  EXPECT_FALSE(timeline.next_change_after(0).has_value());
}

}  // namespace
}  // namespace umbra::contact
