// The all-reduce of every iteration follows the alpha-beta cost of a ring all-reduce on the
// job's placement (sim/workload/training_model.hpp): 2 (N-1) steps each paying the largest route
// latency between ring neighbours, plus 2 (N-1)/N x gradient bytes over the bottleneck.
//
// The long hops are a ground site whose NICs have 5 ms of latency each, so that a route between
// two of its nodes (out of one NIC, into the other) has 10 ms, as a laser hop of 3,000 km has:
// the engine takes the ring's step latency from the SimGrid route whatever its links are
// (IntermittentLinks.AJobAcrossTwoSatellitesExchangesGradientsAtTheLaserRate checks it on a
// laser link between two satellites). Expected times are worked by hand; SimGrid's solver
// works to about 1e-9 relative, so the tolerances are 1e-6 s unless stated.
#include <gtest/gtest.h>

#include <optional>

#include "sim/output/summary.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

using testing::GreedyInOrder;
using testing::one_site_platform;
using testing::scenario;

// 8 nodes of one 1 PFLOPS GPU, NICs of 10 GB/s, storage of 1 GB/s, `node_latency` from node to
// node (half on each NIC), nothing on the NVLink fabric.
std::string eight_node_ring(const std::string& node_latency) {
  return "gpu_models:\n"
         "  - {name: G, peak: 1 PFLOPS, idle_power: 100 W, busy_power: 500 W}\n"
         "sites:\n"
         "  - name: lab\n"
         "    location: {latitude: 0, longitude: 0}\n"
         "    nodes: 8\n"
         "    gpus_per_node: 1\n"
         "    gpu_model: G\n"
         "    intra_node: {bandwidth: 100 GB/s, latency: 0 s}\n"
         "    network: {bandwidth: 10 GB/s, latency: " +
         node_latency +
         "}\n"
         "    storage: {bandwidth: 1 GB/s}\n";
}

// One 8-GPU job of `work` FLOP at MFU 0.5 (work / 4e18 x 1000 s of compute on the ring),
// `iterations` of a 1 GB gradient, `overlap` of it all-reduced during the compute.
std::string eight_gpu_job(const std::string& work, int iterations, double overlap) {
  return "jobs:\n  - {id: a, submit: 0 s, gpus: 8, work: " + work +
         ", mfu: 0.5, iterations: " + std::to_string(iterations) +
         ", gradient: 1 GB, comm_overlap: " + std::to_string(overlap) + "}\n";
}

double end_of_only_job(const std::string& platform, const std::string& jobs) {
  GreedyInOrder policy;
  const auto result = testing::run(scenario(platform, jobs), policy);
  EXPECT_EQ(result.jobs.at(0).state, output::JobState::kFinished);
  return result.jobs.at(0).end.value_or(-1);
}

TEST(AllReduceCost, EveryIterationPaysTwoNMinusOneStepsOfTheRingLatency) {
  // N = 8 GPUs on 8 nodes, 10 ms between ring neighbours, 100 iterations, nothing overlapped.
  //   compute:   4e18 / (8 x 1e15 x 0.5)                       = 1000 s
  //   bandwidth: 100 x 2 (8-1)/8 x 1 GB = 175 GB per NIC at 10 GB/s = 17.5 s
  //   latency:   100 iterations x 2 (8-1) steps x 10 ms            = 14 s
  // One flow per node for the whole segment paid the 10 ms once: 1017.51 s.
  EXPECT_NEAR(end_of_only_job(eight_node_ring("10 ms"), eight_gpu_job("4e18 FLOP", 100, 0)),
              1000 + 17.5 + 14, 1e-6);
}

TEST(AllReduceCost, TheExchangesCostHeldGpuTimeButAreNoUsefulWork) {
  // The job above holds its 8 GPUs for 1031.5 s, of which its work is the 1000 s of compute:
  // 8 x 1000 s = 2.222 useful GPU-hours; the 31.5 s of exchanges on 8 GPUs are held, not useful.
  GreedyInOrder policy;
  const auto result = testing::run(
      scenario(eight_node_ring("10 ms"), eight_gpu_job("4e18 FLOP", 100, 0)), policy);
  const output::Summary summary = output::summarise(result);
  EXPECT_NEAR(summary.useful_gpu_hours, 8 * 1000 / 3600.0, 1e-9);
  EXPECT_NEAR(result.totals.allocated_gpu_seconds, 8 * 1031.5, 1e-5);
}

TEST(AllReduceCost, OverlapHidesItsShareOfTheBytesButNotTheExposedAllReducesLatency) {
  // Half the gradient is all-reduced during the compute: 87.5 GB (8.75 s) plus its own 14 s of
  // steps hide in the 1000 s of compute. The other half is a whole ring all-reduce after it:
  // 8.75 s of bytes and again 100 x 14 x 10 ms = 14 s of steps.
  EXPECT_NEAR(end_of_only_job(eight_node_ring("10 ms"), eight_gpu_job("4e18 FLOP", 100, 0.5)),
              1000 + 8.75 + 14, 1e-6);
}

TEST(AllReduceCost, AnOverlappedAllReduceLongerThanTheComputeDelaysTheSegment) {
  // 10 s of compute (4e16 FLOP), everything overlapped: the all-reduce beside it takes 17.5 s
  // of bytes and 14 s of steps, 31.5 s, and the segment ends with it.
  EXPECT_NEAR(end_of_only_job(eight_node_ring("10 ms"), eight_gpu_job("4e16 FLOP", 100, 1)),
              17.5 + 14, 1e-6);
}

TEST(AllReduceCost, MicrosecondNicLatenciesChangeARunByANegligibleComputedAmount) {
  // The ring with the 2 us of an RDMA NIC pair between nodes, 1000 iterations: 1000 s of
  // compute and 1000 x 2 (8-1)/8 x 1 GB = 1750 GB at 10 GB/s = 175 s of bytes, the run that
  // the same ring without latency takes; the latency adds 1000 x 14 steps x 2 us = 0.028 s,
  // 2.4e-5 of the run.
  const double without = 1000 + 175;
  const double with = end_of_only_job(eight_node_ring("2 us"), eight_gpu_job("4e18 FLOP", 1000, 0));
  EXPECT_NEAR(with - without, 0.028, 1e-7);
  EXPECT_LT((with - without) / without, 3e-5);
}

// Starts job 0 on nodes 0 and 1 at 0 s (and, once it left, at 1100 s), and at `act_at` preempts it
// (saving) or asks it to checkpoint; notes when it came back to the queue.
class ActOnceAt : public sched::Scheduler {
 public:
  enum class Act { kPreemptSaving, kCheckpoint };
  ActOnceAt(double act_at, Act act) : act_at_(act_at), act_(act) {}

  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event> events) override {
    sched::Decisions d;
    for (const auto& event : events) {
      if (event.kind == sched::EventKind::kJobPreempted) left_at = state.now;
    }
    const sched::Placement both{{{0, 1}, {1, 1}}};
    if (state.now == 0) {
      d.starts.push_back({0, both});
      d.wake_up_at = act_at_;
    } else if (state.now == act_at_) {
      if (act_ == Act::kPreemptSaving) {
        d.preemptions.push_back({0, sched::PreemptMode::kSave});
        d.wake_up_at = 1100;
      } else {
        d.checkpoints.push_back({0});
      }
    } else if (state.now == 1100) {
      d.starts.push_back({0, both});
    }
    return d;
  }

  std::optional<double> left_at;

 private:
  double act_at_;
  Act act_;
};

// 2 GPUs on 2 nodes, 2000 s of compute in two segments of 1000 s, 10 iterations of a 4 GB
// gradient in each, nothing overlapped: after each segment's compute, each node sends
// 10 x 2 (2-1)/2 x 4 GB = 40 GB at 10 GB/s (4 s), then writes its 1 GB half of the checkpoint,
// the two halves sharing the 1 GB/s storage (2 s).
const std::string kTwoSegments =
    "jobs:\n  - {id: a, submit: 0 s, gpus: 2, work: 2e18 FLOP, mfu: 0.5, iterations: 20,\n"
    "           gradient: 4 GB, comm_overlap: 0, checkpoint: {size: 2 GB, interval: 1000 s}}\n";

TEST(AllReduceCost, AJobPreemptedDuringItsExposedAllReduceFinishesItBeforeSaving) {
  // Preempted at 1002 s, halfway through the exposed all-reduce of its first segment (1000 s
  // to 1004 s): the segment's iterations count only once their gradients are exchanged, so it
  // exchanges until 1004 s, writes its checkpoint until 1006 s and leaves then (it used to save
  // at once, as if the exchange were done, and leave at 1004 s). From 1100 s: reads its
  // checkpoint (2 s), computes 1000 s, exchanges 4 s: ends at 2106 s. Bytes: 80 GB of each
  // segment's ring, 2 GB written and 2 GB read.
  ActOnceAt policy(1002, ActOnceAt::Act::kPreemptSaving);
  const auto result = testing::run(scenario(one_site_platform(2, 1), kTwoSegments), policy);
  const auto& job = result.jobs.at(0);
  ASSERT_TRUE(policy.left_at);
  EXPECT_NEAR(*policy.left_at, 1006.0, 1e-6);
  EXPECT_NEAR(job.end.value_or(-1), 2106.0, 1e-6);
  EXPECT_NEAR(job.bytes_moved, 164e9, 1.0);
  EXPECT_EQ(job.preemptions, 1);
}

TEST(AllReduceCost, AComputationStoppedForACheckpointExchangesWhatItComputedFirst) {
  // Asked to checkpoint at 500 s, halfway through its first segment's compute: it has computed
  // 5 iterations whose gradients are not exchanged. It exchanges them (20 GB per node, 2 s),
  // writes the checkpoint (502-504 s), then goes on with segments of 1000 s from its progress:
  // 504-1504 s compute, 4 s exchange, 2 s checkpoint, then the last 500 s (1510-2010 s) and
  // their 2 s exchange: ends at 2012 s (it used to skip the first 2 s exchange: 2010 s).
  ActOnceAt policy(500, ActOnceAt::Act::kCheckpoint);
  const auto result = testing::run(scenario(one_site_platform(2, 1), kTwoSegments), policy);
  const auto& job = result.jobs.at(0);
  EXPECT_NEAR(job.end.value_or(-1), 2012.0, 1e-6);
  EXPECT_EQ(job.checkpoints_written, 2);
  EXPECT_NEAR(job.bytes_moved, 40e9 + 2e9 + 80e9 + 2e9 + 40e9, 1.0);
}

}  // namespace
}  // namespace umbra::engine
