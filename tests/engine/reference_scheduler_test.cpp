// `fcfs`, `easy` and `conservative` in the real engine against an independent reference
// scheduler (tests/engine/reference_batch_scheduler.hpp, which shares no code with
// schedulers/), on generated traces of 2,000 pure-compute jobs: no gradient, no checkpoint, no
// data set, MFU 1, so a job of g GPUs and W FLOP computes for exactly W / (g x 1 PFLOPS).
//
// The platform is one site of 4 nodes of 8 GPUs. Jobs that never communicate may take their
// GPUs on any nodes of the site, so counting the 32 GPUs is the whole question of whether a
// job can start, which is all the reference models. The reference applies every event of an
// instant (jobs ending, jobs submitted) before its policy decides, once; so must the engine, or
// a job ending as another is submitted is seen too late (the failure message marks those
// instants).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "schedulers/registry.hpp"
#include "sim/core/rng.hpp"
#include "tests/engine/engine_fixture.hpp"
#include "tests/engine/reference_batch_scheduler.hpp"

namespace umbra::engine {
namespace {

using reference::BatchJob;
using reference::BatchPolicy;
using reference::reference_start_times;

constexpr int kNodes = 4;
constexpr int kGpusPerNode = 8;
constexpr int kGpus = kNodes * kGpusPerNode;
constexpr double kGpuPeak = 1e15;  // one_site_platform's GPUs: 1 PFLOPS
// Start times agree to this: the engine computes its times in floating point through SimGrid.
constexpr double kTolerance = 1e-6;

// The reference, checked on hand-worked cases before it judges anything.

// The scenario worked by hand in tests/schedulers/policies_test.cpp ("ContrastScenario"):
// 4 GPUs, exact estimates; (submit, GPUs, runtime, estimate) of J0..J4.
const std::vector<BatchJob> kContrast{
    {0, 3, 10, 10}, {1, 2, 10, 10}, {2, 4, 5, 5}, {3, 1, 20, 20}, {4, 1, 6, 6}};

TEST(ReferenceScheduler, AgreesWithTheHandWorkedContrastScenario) {
  EXPECT_EQ(reference_start_times(kContrast, 4, BatchPolicy::kFcfs),
            (std::vector<double>{0, 10, 20, 25, 25}));
  EXPECT_EQ(reference_start_times(kContrast, 4, BatchPolicy::kEasy),
            (std::vector<double>{0, 10, 23, 3, 10}));
  EXPECT_EQ(reference_start_times(kContrast, 4, BatchPolicy::kConservative),
            (std::vector<double>{0, 10, 20, 25, 4}));
}

TEST(ReferenceScheduler, ConservativeMovesReservationsEarlierWhenAJobEndsEarly) {
  // 2 GPUs. J0 (2 GPUs, estimate 10) runs [0, 5). J1 (2 GPUs, 10 s) reserves [10, 20) at 1;
  // J2 (1 GPU, 3 s) reserves [20, 23) at 2. J0's early end at 5 moves J1 to 5 (it starts)
  // and J2 to J1's estimated end, 15.
  const std::vector<BatchJob> jobs{{0, 2, 5, 10}, {1, 2, 10, 10}, {2, 1, 3, 3}};
  EXPECT_EQ(reference_start_times(jobs, 2, BatchPolicy::kConservative),
            (std::vector<double>{0, 5, 15}));
}

// The traces.

enum class Trace {
  kExactOnAMinuteGrid,          // whole minutes, estimates exact: many ends meet submissions
  kOverestimatedOnAMinuteGrid,  // the same grid, estimates 1 to 3 times the runtime
  kExactInContinuousTime,       // random real times: no two events share an instant
};

// 2,000 jobs of 1 to 32 GPUs and 1 to 60 min, submitted every 0 to 32 min (a load of about
// 0.98 of the 32 GPUs), with the project's seeded generator.
std::vector<BatchJob> trace(Trace kind) {
  Rng rng(12);
  std::vector<BatchJob> jobs;
  double submit = 0;
  for (int i = 0; i < 2000; ++i) {
    BatchJob job;
    job.gpus = 1 + static_cast<int>(rng.uniform_int(kGpus));
    if (kind == Trace::kExactInContinuousTime) {
      submit += rng.uniform(0, 1920);
      job.runtime = rng.uniform(60, 3600);
      job.estimate = job.runtime;
    } else {
      submit += 60.0 * static_cast<double>(rng.uniform_int(33));
      job.runtime = 60.0 * static_cast<double>(1 + rng.uniform_int(60));
      const auto factor = kind == Trace::kOverestimatedOnAMinuteGrid ? 1 + rng.uniform_int(3) : 1;
      job.estimate = job.runtime * static_cast<double>(factor);
    }
    job.submit = submit;
    jobs.push_back(job);
  }
  return jobs;
}

// The trace as a native CSV workload, read by the project's reader.
std::string as_csv(const std::vector<BatchJob>& jobs) {
  std::string csv = "id,submit,gpus,work,mfu,walltime\n";
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const BatchJob& job = jobs[i];
    csv += fmt::format("j{},{},{},{},1,{}\n", i, job.submit, job.gpus,
                       job.runtime * job.gpus * kGpuPeak, job.estimate);
  }
  return csv;
}

// The instants of the reference's schedule at which a job ends as another is submitted.
std::set<double> ends_meeting_submissions(const std::vector<BatchJob>& jobs,
                                          const std::vector<double>& starts) {
  std::set<double> submissions;
  for (const BatchJob& job : jobs) submissions.insert(job.submit);
  std::set<double> meetings;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const double end = starts[j] + jobs[j].runtime;
    if (submissions.count(end) > 0) meetings.insert(end);
  }
  return meetings;
}

TEST(ReferenceScheduler, TheTracesSeparateThePoliciesAndShareInstantsAsIntended) {
  // The comparison can only catch a policy's error where the policies schedule differently,
  // and the same-instant rule only where instants are shared.
  for (const Trace kind : {Trace::kExactOnAMinuteGrid, Trace::kOverestimatedOnAMinuteGrid,
                           Trace::kExactInContinuousTime}) {
    const auto jobs = trace(kind);
    const auto fcfs = reference_start_times(jobs, kGpus, BatchPolicy::kFcfs);
    const auto easy = reference_start_times(jobs, kGpus, BatchPolicy::kEasy);
    const auto conservative = reference_start_times(jobs, kGpus, BatchPolicy::kConservative);
    EXPECT_NE(fcfs, easy);
    EXPECT_NE(fcfs, conservative);
    EXPECT_NE(easy, conservative);
    // Under fcfs, jobs end as others are submitted at 100 instants of the exact minute grid
    // and 77 of the overestimated one.
    const auto meetings = ends_meeting_submissions(jobs, fcfs).size();
    if (kind == Trace::kExactInContinuousTime) {
      EXPECT_EQ(meetings, 0U);
    } else {
      EXPECT_GE(meetings, 50U);
    }
  }
}

struct Case {
  const char* policy;
  BatchPolicy reference;
  Trace trace;
  const char* name;
};

class AgainstReference : public ::testing::TestWithParam<Case> {};

TEST_P(AgainstReference, EveryStartTimeAgrees) {
  const auto jobs = trace(GetParam().trace);
  const auto expected = reference_start_times(jobs, kGpus, GetParam().reference);

  spec::PlatformSpec platform =
      spec::read_platform_text(testing::one_site_platform(kNodes, kGpusPerNode), "platform.yaml");
  const auto workload = workload::read_workload_text(as_csv(jobs), "trace.csv", platform);
  ASSERT_EQ(workload.jobs.size(), jobs.size());
  auto policy = sched::SchedulerRegistry::with_builtins().find(GetParam().policy).create({});
  const auto result = simulate(platform, workload, *policy, testing::checked_options());

  // The reader keeps jobs in submit order, as generated: job j is row j. Mismatches are listed
  // by the earlier of their two start times, each marked when a job ends at that instant as
  // another is submitted (the first one sets off those after it).
  const auto meetings = ends_meeting_submissions(jobs, expected);
  std::map<double, std::vector<std::string>> mismatches;
  std::size_t differ = 0;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    ASSERT_EQ(result.jobs[j].id, fmt::format("j{}", j));
    ASSERT_TRUE(result.jobs[j].start) << "j" << j << " never started";
    const double started = *result.jobs[j].start;
    if (std::abs(started - expected[j]) <= kTolerance) continue;
    ++differ;
    const double first = std::min(started, expected[j]);
    mismatches[first].push_back(
        fmt::format("j{} ({} GPUs, submitted at {}): engine {}, reference {}{}", j, jobs[j].gpus,
                    jobs[j].submit, started, expected[j],
                    meetings.count(first) > 0 ? " (a job ends as another is submitted)" : ""));
  }
  std::string listed;
  for (const auto& [time, lines] : mismatches)
    listed += fmt::format("{}\n", fmt::join(lines, "\n"));
  EXPECT_EQ(differ, 0U) << "start times differ:\n" << listed;
}

INSTANTIATE_TEST_SUITE_P(
    Policies, AgainstReference,
    ::testing::Values(
        Case{"fcfs", BatchPolicy::kFcfs, Trace::kExactOnAMinuteGrid, "fcfs_minutes"},
        Case{"easy", BatchPolicy::kEasy, Trace::kExactOnAMinuteGrid, "easy_minutes"},
        Case{"conservative", BatchPolicy::kConservative, Trace::kExactOnAMinuteGrid,
             "conservative_minutes"},
        Case{"fcfs", BatchPolicy::kFcfs, Trace::kOverestimatedOnAMinuteGrid,
             "fcfs_minutes_overestimated"},
        Case{"easy", BatchPolicy::kEasy, Trace::kOverestimatedOnAMinuteGrid,
             "easy_minutes_overestimated"},
        Case{"conservative", BatchPolicy::kConservative, Trace::kOverestimatedOnAMinuteGrid,
             "conservative_minutes_overestimated"},
        Case{"fcfs", BatchPolicy::kFcfs, Trace::kExactInContinuousTime, "fcfs_continuous"},
        Case{"easy", BatchPolicy::kEasy, Trace::kExactInContinuousTime, "easy_continuous"},
        Case{"conservative", BatchPolicy::kConservative, Trace::kExactInContinuousTime,
             "conservative_continuous"}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace umbra::engine
