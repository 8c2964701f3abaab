// GPUs held and computing as means over buckets of time, values worked by hand.
#include "sim/output/gpu_timeline.hpp"

#include <gtest/gtest.h>

namespace {

using umbra::output::GpuTimeline;
using Use = GpuTimeline::Use;
constexpr double kTolerance = 1e-9;  // GPUs; sums of a few products of small integers

TEST(GpuTimeline, MeansOverMinuteBuckets) {
  GpuTimeline timeline;
  timeline.set(Use::kHeld, 8, 0);
  timeline.set(Use::kComputing, 4, 30);
  timeline.set(Use::kComputing, 0, 90);
  timeline.set(Use::kHeld, 0, 100);
  const auto buckets = timeline.buckets(150);
  ASSERT_EQ(buckets.size(), 3u);
  // [0, 60): 8 held throughout; 4 computing over 30 s of 60.
  EXPECT_NEAR(buckets[0].held, 8, kTolerance);
  EXPECT_NEAR(buckets[0].computing, 2, kTolerance);
  // [60, 120): 8 held for 40 s of 60; 4 computing for 30 s.
  EXPECT_EQ(buckets[1].start, 60);
  EXPECT_NEAR(buckets[1].held, 8.0 * 40 / 60, kTolerance);
  EXPECT_NEAR(buckets[1].computing, 2, kTolerance);
  // [120, 150), cut at the end: nothing.
  EXPECT_EQ(buckets[2].end, 150);
  EXPECT_NEAR(buckets[2].held, 0, kTolerance);
}

TEST(GpuTimeline, NeighboursMergeWhenTheRunOutgrowsTheBuckets) {
  GpuTimeline timeline;
  timeline.set(Use::kHeld, 1, 0);
  timeline.set(Use::kHeld, 2, 90);
  // One bucket more than the most: they merge into 120 s ones, 2,048 and a half.
  const double end = (GpuTimeline::kMostBuckets + 1) * GpuTimeline::kFirstBucketSeconds;
  const auto buckets = timeline.buckets(end);
  ASSERT_EQ(buckets.size(), GpuTimeline::kMostBuckets / 2 + 1);
  EXPECT_EQ(buckets[0].end, 2 * GpuTimeline::kFirstBucketSeconds);
  EXPECT_NEAR(buckets[0].held, (1.0 * 90 + 2.0 * 30) / 120, kTolerance);  // 1.25
  EXPECT_NEAR(buckets[1].held, 2, kTolerance);
  EXPECT_EQ(buckets.back().start, end - GpuTimeline::kFirstBucketSeconds);
  EXPECT_NEAR(buckets.back().held, 2, kTolerance);
}

}  // namespace
