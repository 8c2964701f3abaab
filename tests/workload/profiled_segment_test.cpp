// The segments a profile-driven job runs in (sim/workload/training_model.hpp
// plan_profiled_segment), worked by hand on the two-epoch profile (two_epoch_profile.hpp): at
// batch size 20 on one GPU, epoch 0 runs at 2/3 progress per second up to progress 90 (135 s),
// epoch 1 at 1/2 per second up to 280 (380 s more); the job is done at 280.
#include <gtest/gtest.h>

#include "sim/workload/training_model.hpp"
#include "two_epoch_profile.hpp"

namespace umbra::workload {
namespace {

constexpr double kGpuSpeed = 1e15;  // FLOP/s of the GPU at full speed
constexpr double kExact = 1e-9;     // relative: a few roundings of doubles

class ProfiledSegment : public ::testing::Test {
 protected:
  ProfiledSegment() {
    job.gpus = 1;
    job.profiled = ProfiledTraining{&profile, 20};
    job.gradient_bytes = 1e9;  // the FLOP model's equivalent, which a profiled job must not send
  }
  SegmentPlan plan(double progress, double checkpointed) const {
    return plan_profiled_segment(job, {1}, progress, checkpointed, kGpuSpeed);
  }
  const ApplicationProfile profile = test::two_epoch_profile();
  Job job;
};

TEST_F(ProfiledSegment, EndsAtTheEpochsEndWithItsDurationAsComputeAtFullSpeed) {
  EXPECT_EQ(total_work(job), 280);
  const SegmentPlan first = plan(0, 0);
  EXPECT_EQ(first.end, SegmentEnd::kEpoch);
  EXPECT_EQ(first.target_progress, 90);
  EXPECT_NEAR(first.gpu_flops_each, 135 * kGpuSpeed, kExact * 135 * kGpuSpeed);
  // From the middle of epoch 1 (progress 122.5): (280 - 122.5) / (1/2) = 315 s to the end.
  const SegmentPlan last = plan(122.5, 0);
  EXPECT_EQ(last.target_progress, 280);
  EXPECT_NEAR(last.gpu_flops_each, 315 * kGpuSpeed, kExact * 315 * kGpuSpeed);
  // The step time includes the synchronisation: no all-reduce on top.
  for (const SegmentPlan& segment : {first, last}) {
    EXPECT_EQ(segment.overlapped.bytes_each, 0);
    EXPECT_EQ(segment.exposed.bytes_each, 0);
    EXPECT_EQ(segment.exposed.steps, 0);
  }
  EXPECT_EQ(plan_work(job, 0, 90).exposed.bytes_each, 0);
}

// Checkpoints every 100 s of progress on this placement: the first at 100 x 2/3 = 66.67 (within
// epoch 0); the next 100 s after it cross epoch 0's end at 90 (after 35 s) and go 65 s further
// at 1/2, to 122.5. The segment from 66.67 stops at the epoch's end, the one after it at 122.5.
TEST_F(ProfiledSegment, CheckpointsEveryIntervalOfGoodputAcrossEpochs) {
  job.checkpoint_interval = 100;
  const SegmentPlan first = plan(0, 0);
  EXPECT_EQ(first.end, SegmentEnd::kCheckpoint);
  EXPECT_NEAR(first.target_progress, 200.0 / 3, kExact * 100);
  EXPECT_NEAR(first.gpu_flops_each, 100 * kGpuSpeed, kExact * 100 * kGpuSpeed);
  const double saved = first.target_progress;
  const SegmentPlan to_epoch_end = plan(saved, saved);
  EXPECT_EQ(to_epoch_end.end, SegmentEnd::kEpoch);
  EXPECT_EQ(to_epoch_end.target_progress, 90);
  EXPECT_NEAR(to_epoch_end.gpu_flops_each, 35 * kGpuSpeed, kExact * 35 * kGpuSpeed);
  const SegmentPlan to_checkpoint = plan(90, saved);
  EXPECT_EQ(to_checkpoint.end, SegmentEnd::kCheckpoint);
  EXPECT_NEAR(to_checkpoint.target_progress, 122.5, kExact * 122.5);
  EXPECT_NEAR(to_checkpoint.gpu_flops_each, 65 * kGpuSpeed, kExact * 65 * kGpuSpeed);
}

// A job paying its restart overhead after its first start only, or at every start.
TEST(RestartOverhead, PaidAtTheStartsItsJobSays) {
  Job job;
  EXPECT_FALSE(pays_restart_overhead(job, 1));
  EXPECT_TRUE(pays_restart_overhead(job, 2));
  job.overhead_starts = OverheadStarts::kEvery;
  EXPECT_TRUE(pays_restart_overhead(job, 1));
  EXPECT_TRUE(pays_restart_overhead(job, 2));
}

}  // namespace
}  // namespace umbra::workload
