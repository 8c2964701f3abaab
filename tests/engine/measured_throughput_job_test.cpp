// A job with a measured throughput per GPU model in the engine (sim/workload/training_model.hpp
// plan_measured_segment): it runs at the throughput of the GPU model of the cluster it got, its
// checkpoints written on the way, and at the new model's throughput once moved. The platform has
// two clusters of one node of 4 GPUs: "fast" of model v100, "slow" of model k80, their storage
// 1 GB/s (a 1 GB checkpoint takes 1 s to write or to read), the WAN between them 10 GB/s with no
// latency. The job's 1,000 iterations run at 10 it/s on v100 and 2 it/s on k80.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

using testing::near_tolerance;

constexpr double kIterations = 1000;
constexpr double kV100Rate = 10;  // iterations per second
constexpr double kK80Rate = 2;

const std::string kTwoModels =
    "gpu_models:\n"
    "  - {name: v100, peak: 125 TFLOPS, idle_power: 50 W, busy_power: 300 W}\n"
    "  - {name: k80, peak: 8 TFLOPS, idle_power: 30 W, busy_power: 150 W}\n"
    "sites:\n"
    "  - name: fast\n"
    "    location: {latitude: 0, longitude: 0}\n"
    "    nodes: 1\n"
    "    gpus_per_node: 4\n"
    "    gpu_model: v100\n"
    "    network: {bandwidth: 10 GB/s, latency: 0 s}\n"
    "    storage: {bandwidth: 1 GB/s}\n"
    "  - name: slow\n"
    "    location: {latitude: 0, longitude: 1}\n"
    "    nodes: 1\n"
    "    gpus_per_node: 4\n"
    "    gpu_model: k80\n"
    "    network: {bandwidth: 10 GB/s, latency: 0 s}\n"
    "    storage: {bandwidth: 1 GB/s}\n"
    "wan:\n"
    "  - {between: [fast, slow], bandwidth: 10 GB/s, latency: 0 s}\n";

// Node 0 is fast's, node 1 slow's.
constexpr sched::NodeId kFastNode = 0;
constexpr sched::NodeId kSlowNode = 1;

std::string measured_job(const std::string& checkpoint) {
  return "jobs:\n  - {id: j, submit: 0 s, gpus: 4, iterations: 1000, throughput: {v100: 10, k80: "
         "2}" +
         checkpoint + "}\n";
}

sched::Decisions start_on(sched::NodeId node) {
  sched::Decisions d;
  d.starts.push_back({0, {{{node, 4}}}});
  return d;
}

output::JobRecord run_on(sched::NodeId node, const std::string& jobs) {
  const auto s = testing::scenario(kTwoModels, jobs);
  testing::ScriptedPolicy policy({{0, start_on(node)}});
  return testing::run(s, policy).jobs.at(0);
}

// On one model: every 30 s of progress a 1 s checkpoint, so 300 iterations between two on
// v100, three before the end at 1,000 (103 s), and 60 on k80, 16 before the end (516 s).
struct OnOneModel {
  const char* model;
  sched::NodeId node;
  double rate;
  int checkpoints;
};

void PrintTo(const OnOneModel& on, std::ostream* out) {
  *out << on.model;
}

class MeasuredThroughputOnOneModel : public ::testing::TestWithParam<OnOneModel> {};

// Each test runs one simulation: SimGrid runs one engine per process.
TEST_P(MeasuredThroughputOnOneModel, RunsAtThatModelsThroughputWithItsCheckpoints) {
  const OnOneModel& model = GetParam();
  const output::JobRecord job =
      run_on(model.node, measured_job(", checkpoint: {size: 1 GB, interval: 30 s}"));
  ASSERT_TRUE(job.end);
  const double expected = kIterations / model.rate + model.checkpoints * 1.0;
  EXPECT_NEAR(*job.end, expected, near_tolerance(expected));
  EXPECT_EQ(job.checkpoints_written, model.checkpoints);
  EXPECT_EQ(job.bytes_moved, model.checkpoints * 1e9);  // its checkpoints only: no all-reduce
}

INSTANTIATE_TEST_SUITE_P(TwoModels, MeasuredThroughputOnOneModel,
                         ::testing::Values(OnOneModel{"v100", kFastNode, kV100Rate, 3},
                                           OnOneModel{"k80", kSlowNode, kK80Rate, 16}),
                         [](const auto& info) { return std::string(info.param.model); });

// Moved at 40 s from v100 to k80: 400 iterations done, a 1 s checkpoint written at fast, read
// at slow in 1 s (fast's storage, then the WAN), a 30 s restart overhead, then the 600 iterations
// left at 2 it/s: 40 + 1 + 30 + 1 + 300 = 372 s.
TEST(MeasuredThroughputJob, RunsAtTheNewModelsThroughputOnceMoved) {
  const auto s = testing::scenario(
      kTwoModels,
      measured_job(", checkpoint: {size: 1 GB, interval: 1 h}, restart_overhead: 30 s"));
  sched::Decisions move;
  move.migrations.push_back({0, {{{kSlowNode, 4}}}});
  testing::ScriptedPolicy policy({{0, start_on(kFastNode)}, {40, move}});
  const output::JobRecord job = testing::run(s, policy).jobs.at(0);
  ASSERT_TRUE(job.end);
  const double expected = 40 + 1 + 30 + 1 + (kIterations - 40 * kV100Rate) / kK80Rate;
  EXPECT_NEAR(*job.end, expected, near_tolerance(expected));
  EXPECT_EQ(job.migrations, 1);
  EXPECT_EQ(job.site, "slow");
}

// Preempted at 40 s with kill on v100, where it saved 300 iterations at 30 s (written by 31 s),
// and started at 50 s on k80: it reads its checkpoint in 1 s, then runs the 700 iterations left
// at 2 it/s with a 1 s checkpoint every 60 iterations, 11 of them before the end:
// 50 + 1 + 350 + 11 = 412 s, the 9 s since its checkpoint on 4 GPUs lost.
TEST(MeasuredThroughputJob, RestartsFromItsCheckpointAtTheOtherModelsThroughput) {
  const auto s =
      testing::scenario(kTwoModels, measured_job(", checkpoint: {size: 1 GB, interval: 30 s}"));
  sched::Decisions kill;
  kill.preemptions.push_back({0, sched::PreemptMode::kKill});
  testing::ScriptedPolicy policy({{0, start_on(kFastNode)}, {40, kill}, {50, start_on(kSlowNode)}});
  const output::JobRecord job = testing::run(s, policy).jobs.at(0);
  ASSERT_TRUE(job.end);
  const double expected = 50 + 1 + (kIterations - 300) / kK80Rate + 11 * 1.0;
  EXPECT_NEAR(*job.end, expected, near_tolerance(expected));
  EXPECT_NEAR(job.lost_gpu_seconds, (40 - 31) * 4, near_tolerance(36));
  EXPECT_EQ(job.preemptions, 1);
}

// Its time alone, the policies' estimate without a walltime and the base of its slowdown, is its
// iterations at its throughput on the first cluster that holds it (fast: 1,000 / 10 = 100 s),
// whatever GPU its FLOP equivalent was reckoned on.
TEST(MeasuredThroughputJob, ItsTimeAloneIsAtItsThroughputOnTheFirstClusterThatHoldsIt) {
  const output::JobRecord job = run_on(kSlowNode, measured_job(", reference_gpu: k80"));
  EXPECT_NEAR(job.isolated_seconds, kIterations / kV100Rate, near_tolerance(100));
  ASSERT_TRUE(job.end);
  EXPECT_NEAR(*job.end, kIterations / kK80Rate, near_tolerance(500));
}

// Gavel's table (workloads/profiles/gavel/isolated_throughputs.csv) gives ResNet-50 at batch
// size 64 on 4 k80 GPUs 2.4122290974193286 it/s: 2,000 iterations take 829.109... s.
TEST(MeasuredThroughputJob, RunsAtGavelsThroughputForItsJobType) {
  const output::JobRecord job = run_on(kSlowNode,
                                       "jobs:\n  - {id: j, submit: 0 s, gpus: 4, iterations: 2000, "
                                       "job_type: ResNet-50 (batch size 64)}\n");
  ASSERT_TRUE(job.end);
  const double expected = 2000 / 2.4122290974193286;
  EXPECT_NEAR(*job.end, expected, near_tolerance(expected));
}

}  // namespace
}  // namespace umbra::engine
