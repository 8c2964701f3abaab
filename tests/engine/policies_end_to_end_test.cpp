// The built-in policies driven by the real engine, on the scenario that separates them, with
// start times worked by hand in tests/schedulers/policies_test.cpp ("ContrastScenario"): one
// site of 4 GPUs, compute-only jobs whose walltime estimates are their exact runtimes.
//   job  submit  GPUs  runtime
//   J0     0      3      10
//   J1     1      2      10
//   J2     2      4       5
//   J3     3      1      20
//   J4     4      1       6
// A job's work is runtime x GPUs x 1 PFLOPS at MFU 1, so the engine runs it for exactly its
// runtime; only the policy differs between the cases.
#include <gtest/gtest.h>

#include "schedulers/registry.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

const char* const kJobs =
    "defaults: {mfu: 1}\n"
    "jobs:\n"
    "  - {id: J0, submit: 0 s, gpus: 3, work: 3e16 FLOP, walltime: 10 s}\n"
    "  - {id: J1, submit: 1 s, gpus: 2, work: 2e16 FLOP, walltime: 10 s}\n"
    "  - {id: J2, submit: 2 s, gpus: 4, work: 2e16 FLOP, walltime: 5 s}\n"
    "  - {id: J3, submit: 3 s, gpus: 1, work: 2e16 FLOP, walltime: 20 s}\n"
    "  - {id: J4, submit: 4 s, gpus: 1, work: 6e15 FLOP, walltime: 6 s}\n";

struct Expected {
  const char* policy;
  std::vector<double> starts;
};

class EndToEnd : public ::testing::TestWithParam<Expected> {};

TEST_P(EndToEnd, StartTimesAreTheHandComputedOnes) {
  const auto s = testing::scenario(testing::one_site_platform(1, 4), kJobs);
  const auto registry = sched::SchedulerRegistry::with_builtins();
  auto policy = registry.find(GetParam().policy).create({});
  const auto result = testing::run(s, *policy);
  ASSERT_EQ(result.jobs.size(), GetParam().starts.size());
  for (std::size_t j = 0; j < result.jobs.size(); ++j) {
    ASSERT_TRUE(result.jobs[j].start) << result.jobs[j].id;
    EXPECT_NEAR(*result.jobs[j].start, GetParam().starts[j], 1e-6) << result.jobs[j].id;
    EXPECT_EQ(result.jobs[j].state, output::JobState::kFinished) << result.jobs[j].id;
  }
}

INSTANTIATE_TEST_SUITE_P(Policies, EndToEnd,
                         ::testing::Values(Expected{"fcfs", {0, 10, 20, 25, 25}},
                                           Expected{"fcfs-fit", {0, 10, 23, 3, 10}},
                                           Expected{"sjf", {0, 15, 10, 15, 15}},
                                           Expected{"easy", {0, 10, 23, 3, 10}},
                                           Expected{"conservative", {0, 10, 20, 25, 4}}),
                         [](const ::testing::TestParamInfo<Expected>& info) {
                           std::string name = info.param.policy;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace umbra::engine
