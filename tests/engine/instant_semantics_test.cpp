// One decision per instant: every event of a simulated instant (submissions, ends, wake-ups) is
// applied before the policy is called, once, with all of them in a fixed order.
//
// The scenario, on one node of 4 GPUs of 1 PFLOPS at MFU 1 (a job of g GPUs and W FLOP computes
// for W / (g x 1e15) s):
//   job  submit  GPUs  runtime  walltime
//   A      0      3      100      200     (overestimated: it ends at 100, well before 200)
//   B     10      4      100      100
//   C    100      1       50       50     (submitted as A ends)
// At 100, A has ended and C arrives. With both events applied, B (the head) finds its 4 GPUs
// free and starts at 100; C waits for it and starts at 200. A policy that heard of C before
// A's end would see 1 GPU free and B's reservation at A's estimated end, 200: C (ending at
// 150) backfills at 100, and B starts only when C ends, at 150.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>
#include <vector>

#include "schedulers/registry.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

const char* const kJobs =
    "  - {id: A, submit: 0 s, gpus: 3, work: 3e17 FLOP, walltime: 200 s}\n"
    "  - {id: B, submit: 10 s, gpus: 4, work: 4e17 FLOP, walltime: 100 s}\n"
    "  - {id: C, submit: 100 s, gpus: 1, work: 5e16 FLOP, walltime: 50 s}\n";

class BackfillingAtAnEnd : public ::testing::TestWithParam<const char*> {};

TEST_P(BackfillingAtAnEnd, TheHeadStartsAtTheInstantItsGpusFreeUp) {
  const auto result = testing::run_on_one_node(GetParam(), kJobs);
  ASSERT_EQ(result.jobs.size(), 3u);
  const std::vector<double> starts = {0, 100, 200};
  for (std::size_t j = 0; j < 3; ++j) {
    ASSERT_TRUE(result.jobs[j].start) << result.jobs[j].id;
    EXPECT_NEAR(*result.jobs[j].start, starts[j], 1e-9) << result.jobs[j].id;
  }
}

INSTANTIATE_TEST_SUITE_P(Policies, BackfillingAtAnEnd, ::testing::Values("easy", "conservative"));

// Records every call: its instant and its events.
class Recorder : public testing::GreedyInOrder {
 public:
  struct Call {
    double now;
    std::vector<sched::Event> events;
  };
  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event> events) override {
    calls.push_back({state.now, {events.begin(), events.end()}});
    return GreedyInOrder::schedule(state, events);
  }
  std::vector<Call> calls;
};

std::vector<std::tuple<sched::EventKind, sched::JobId>> kinds_and_jobs(
    const std::vector<sched::Event>& events) {
  std::vector<std::tuple<sched::EventKind, sched::JobId>> out;
  for (const auto& e : events) out.emplace_back(e.kind, e.job);
  return out;
}

TEST(OneDecisionPerInstant, AnEndAndASubmissionOfOneInstantReachThePolicyInOneCall) {
  const auto s = testing::scenario(testing::one_site_platform(1, 4),
                                   std::string("defaults: {mfu: 1}\njobs:\n") + kJobs);
  Recorder recorder;
  testing::run(s, recorder);
  std::vector<double> instants;
  for (const auto& call : recorder.calls) instants.push_back(call.now);
  // Greedy in order: A at 0; B waits for A, starts at 100 with C queued behind it; B ends at 200
  // and C starts. One call at each of 0, 10, 100, 200 and the last end, 250.
  EXPECT_EQ(instants, (std::vector<double>{0, 10, 100, 200, 250}));
  ASSERT_EQ(recorder.calls.size(), 5u);
  using K = sched::EventKind;
  EXPECT_EQ(kinds_and_jobs(recorder.calls[2].events),
            (std::vector<std::tuple<K, sched::JobId>>{{K::kJobSubmitted, 2}, {K::kJobFinished, 0}}));
}

// Two jobs that end at the same instant reach the policy in job order, in one call, whatever
// the order in which SimGrid hands out their ends.
TEST(OneDecisionPerInstant, SimultaneousEndsComeInJobOrder) {
  const auto s = testing::scenario(testing::one_site_platform(1, 4),
                                   "defaults: {mfu: 1}\n"
                                   "jobs:\n"
                                   "  - {id: X, submit: 0 s, gpus: 1, work: 2e16 FLOP}\n"
                                   "  - {id: Y, submit: 0 s, gpus: 3, work: 6e16 FLOP}\n"
                                   "  - {id: Z, submit: 20 s, gpus: 4, work: 4e15 FLOP}\n");
  Recorder recorder;
  testing::run(s, recorder);
  ASSERT_EQ(recorder.calls.size(), 3u);  // 0; 20 (both ends and Z's submission); 21
  EXPECT_DOUBLE_EQ(recorder.calls[1].now, 20);
  using K = sched::EventKind;
  EXPECT_EQ(kinds_and_jobs(recorder.calls[1].events),
            (std::vector<std::tuple<K, sched::JobId>>{
                {K::kJobSubmitted, 2}, {K::kJobFinished, 0}, {K::kJobFinished, 1}}));
  EXPECT_DOUBLE_EQ(recorder.calls[2].now, 21);
}

}  // namespace
}  // namespace umbra::engine
