// Gavel's throughput matrix as built into Umbra (sim/workload/gavel_throughputs.hpp), against
// values read by hand from Gavel's scheduler/simulation_throughputs.json (commit c4fa400 of
// stanford-futuredata/gavel: the "null" entry of a job type under a worker type), and the speed
// of a job with measured throughputs on a placement (sim/workload/measured_throughput.hpp).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string_view>
#include <vector>

#include "sim/workload/gavel_throughputs.hpp"
#include "sim/workload/measured_throughput.hpp"

namespace umbra::workload {
namespace {

// The table keeps the file's decimal text, so the values are the same doubles.
TEST(GavelThroughputs, GiveTheIsolatedThroughputOfAJobTypeOnItsGpus) {
  const auto resnet = gavel_throughputs("ResNet-50 (batch size 64)", 4);
  ASSERT_TRUE(resnet.has_value());
  EXPECT_EQ(resnet->job_type, "ResNet-50 (batch size 64)");
  EXPECT_EQ(throughput_on(*resnet, "k80"), 2.4122290974193286);
  EXPECT_EQ(throughput_on(*resnet, "p100"), 10.36465731519379);
  EXPECT_EQ(throughput_on(*resnet, "v100"), 9.451949566394442);

  const auto a3c = gavel_throughputs("A3C", 1);
  ASSERT_TRUE(a3c.has_value());
  EXPECT_EQ(throughput_on(*a3c, "k80"), 3.4387678290723933);
  EXPECT_EQ(throughput_on(*a3c, "p100"), 5.681346110543853);
  EXPECT_EQ(throughput_on(*a3c, "v100"), 7.175767179667988);
}

// Gavel gives 0 for ResNet-50 at batch size 128 on 2 k80 GPUs: the job type does not run there.
TEST(GavelThroughputs, LeaveOutTheWorkerTypesAJobTypeDoesNotRunOn) {
  const auto resnet = gavel_throughputs("ResNet-50 (batch size 128)", 2);
  ASSERT_TRUE(resnet.has_value());
  EXPECT_FALSE(throughput_on(*resnet, "k80").has_value());
  EXPECT_EQ(throughput_on(*resnet, "p100"), 2.8808978271495276);
  EXPECT_EQ(throughput_on(*resnet, "v100"), 4.2230145549692715);
}

// 26 job types: ResNet-18, Transformer and LM at 5 batch sizes and ResNet-50 at 4, on 1, 2, 4
// and 8 GPUs; Recommendation at 5 batch sizes, A3C and CycleGAN, on 1 GPU only.
TEST(GavelThroughputs, ListTheJobTypesAndTheGpuCountsMeasured) {
  EXPECT_EQ(gavel_job_types().size(), 26u);
  EXPECT_EQ(gavel_scale_factors("LM (batch size 5)"), (std::vector<int>{1, 2, 4, 8}));
  EXPECT_EQ(gavel_scale_factors("CycleGAN"), (std::vector<int>{1}));
  EXPECT_TRUE(gavel_scale_factors("ResNet-50").empty());
  EXPECT_FALSE(gavel_throughputs("CycleGAN", 2).has_value());
}

const MeasuredThroughput kMeasured{{{"v100", 10}, {"k80", 2}}, ""};

TEST(MeasuredThroughput, RunsAtItsModelsThroughput) {
  const std::vector<std::string_view> fast{"v100", "v100"};
  const std::vector<std::string_view> slow{"k80"};
  EXPECT_EQ(placement_throughput(kMeasured, fast), 10);
  EXPECT_EQ(placement_throughput(kMeasured, slow), 2);
}

// A synchronous data-parallel job steps at the pace of its slowest GPU.
TEST(MeasuredThroughput, RunsAtTheSlowestModelsThroughputOnAMixedPlacement) {
  const std::vector<std::string_view> mixed{"v100", "k80", "v100"};
  EXPECT_EQ(placement_throughput(kMeasured, mixed), 2);
}

TEST(MeasuredThroughput, AModelWithoutThroughputIsAnError) {
  const std::vector<std::string_view> unknown{"v100", "t4"};
  EXPECT_THROW(placement_throughput(kMeasured, unknown), std::logic_error);
}

}  // namespace
}  // namespace umbra::workload
