// Backfilling in the real engine when a running job overruns its estimate because it writes a
// checkpoint (the hand-worked snapshots are in tests/schedulers/overrun_test.cpp). One node of
// 10 GPUs of 1 PFLOPS at MFU 1; the node writes to its storage at 1 GB/s.
//   job  submit  GPUs  compute  walltime
//   R1     0      6     300 s    300 s    checkpoint of 1 GB every 200 s: it runs 200 s, writes
//                                         for 1 s, runs 100 s, and ends at 301, 1 s late
//   R2     0      4     300 s    300 s
//   A      2     10     100 s    100 s
//   B      3      4     150 s    150 s
// At 2 and 3, A is promised 300 (both running jobs' estimated ends) and B 400 (A's end). At
// 300 R2 ends and its 4 GPUs are free while R1 is overdue: B, which would end at 450, must not
// start on them, or A (all 10 GPUs) would wait for it until 450. A starts when R1 ends, at
// 301, and B when A ends, at 401. Under easy A is the head from 2 on, with the same shadow
// times, and B never ends by them: the same starts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

const char* const kJobs =
    "defaults: {mfu: 1}\n"
    "jobs:\n"
    "  - {id: R1, submit: 0 s, gpus: 6, work: 1.8e18 FLOP, walltime: 300 s,\n"
    "     checkpoint: {size: 1 GB, interval: 200 s}}\n"
    "  - {id: R2, submit: 0 s, gpus: 4, work: 1.2e18 FLOP, walltime: 300 s}\n"
    "  - {id: A, submit: 2 s, gpus: 10, work: 1e18 FLOP, walltime: 100 s}\n"
    "  - {id: B, submit: 3 s, gpus: 4, work: 6e17 FLOP, walltime: 150 s}\n";

class Backfilling : public ::testing::TestWithParam<const char*> {};

TEST_P(Backfilling, StartsNoLaterJobOnGpusAReservationWaitsForWhileAJobOverruns) {
  const auto s = testing::scenario(testing::one_site_platform(1, 10), kJobs);
  auto policy = sched::SchedulerRegistry::with_builtins().find(GetParam()).create({});
  const auto result = testing::run(s, *policy);
  const std::vector<double> expected{0, 0, 301, 401};
  ASSERT_EQ(result.jobs.size(), expected.size());
  for (std::size_t j = 0; j < expected.size(); ++j) {
    ASSERT_TRUE(result.jobs[j].start) << result.jobs[j].id;
    EXPECT_NEAR(*result.jobs[j].start, expected[j], 1e-6) << result.jobs[j].id;
  }
  ASSERT_TRUE(result.jobs[0].end);
  EXPECT_NEAR(*result.jobs[0].end, 301, 1e-6) << "R1 overruns by its checkpoint's write";
}

INSTANTIATE_TEST_SUITE_P(Policies, Backfilling, ::testing::Values("easy", "conservative"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace umbra::engine
