// Golden and property tests of the built-in batch policies, driven by the toy loop.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "schedulers/registry.hpp"
#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched {
namespace {

using testing::exact;
using testing::random_jobs;
using testing::run_toy;
using testing::ToyJob;
using testing::ToyPlatform;
using testing::ToyRun;

ToyRun run_policy(const std::string& name, const ToyPlatform& platform,
                  const std::vector<ToyJob>& jobs) {
  const auto policy = SchedulerRegistry::with_builtins().find(name).create({});
  return run_toy(*policy, platform, jobs);
}

// One site of 4 GPUs; estimates exact. Every policy below is worked by hand, one character per
// second; n_h is the blocked head's GPUs, T_s its shadow time.
//
//   job  submit  GPUs  runtime
//   J0     0      3      10
//   J1     1      2      10
//   J2     2      4       5
//   J3     3      1      20
//   J4     4      1       6
const std::vector<ToyJob> kContrast =
    exact({{0, 3, 10, 0}, {1, 2, 10, 0}, {2, 4, 5, 0}, {3, 1, 20, 0}, {4, 1, 6, 0}});
const ToyPlatform kFourSingleGpuNodes{{1, 1, 1, 1}};
const ToyPlatform kOneFourGpuNode{{4}};

// fcfs: J1 blocks behind J0 (1 GPU free), so J2..J4 wait; at 10 J1 starts and J2 (4 GPUs)
// blocks again; at 20 J2 runs alone; at 25 J3 and J4 start together.
//              0         10        20        30        40
//   J0 3gpu    ##########
//   J1 2gpu              ##########
//   J2 4gpu                        #####
//   J3 1gpu                             ####################
//   J4 1gpu                             ######
//
// fcfs-fit: J3 takes the free GPU at 3 (J1, J2 do not fit); at 10 J1 and J4 start (J2 skipped);
// J2 needs all 4 GPUs, free once J3 ends at 23.
//   J3 1gpu       ####################             (start 3)
//   J1, J4                   start 10; J2 start 23
//
// sjf (strict blocking, order by estimate): from 2 on the shortest queued job is J2 (5 s),
// which needs 4 GPUs and blocks everything until J0 ends at 10; J2 runs [10,15); at 15 the
// queue is J4 (6), J1 (10), J3 (20), 4 GPUs for 1+2+1: all three start at 15.
//              0         10        20        30        40
//   J0 3gpu    ##########
//   J1 2gpu                   ##########
//   J2 4gpu              #####
//   J3 1gpu                   ####################
//   J4 1gpu                   ######
//
// easy: at 1 the head J1 gets T_s = 10 (J0's end frees 3 + 1 = 4 >= 2), extra = 4 - 2 = 2.
// At 3, J3 (1 GPU, ends 23 > 10) backfills on extra: extra = 1. At 4 no GPU is free for J4.
// At 10 J0 ends, J1 starts (1 GPU left) and J2 becomes the head: running ends J1 at 20 (3
// free), J3 at 23 (4 free), so T_s = 23, extra = 0; J4 ends at 16 <= 23 and backfills.
// J2 starts at 23: J3's backfill delayed it by 3 s against fcfs, which EASY allows for a
// non-head job. (fcfs-fit happens to give the same schedule here.)
//              0         10        20        30        40
//   J0 3gpu    ##########
//   J1 2gpu              ##########
//   J2 4gpu                           #####
//   J3 1gpu       ####################
//   J4 1gpu              ######
//
// conservative: reservations in order of submission: J1 at 10 ([10,20), 2 GPUs); J2 at 20
// ([20,25), 4 GPUs); J3 needs 1 GPU for 20 s from 3, but [20,25) has 0 free: J3 at 25. At 4,
// J4 (1 GPU, 6 s) fits the free GPU over [4,10) (J1 only needs 2 of the 4 at 10): starts at 4.
//              0         10        20        30        40
//   J0 3gpu    ##########
//   J1 2gpu              ##########
//   J2 4gpu                        #####
//   J3 1gpu                             ####################
//   J4 1gpu        ######
struct Golden {
  std::string policy;
  std::vector<double> start;  // J0..J4
};

class ContrastScenario : public ::testing::TestWithParam<Golden> {};

TEST_P(ContrastScenario, StartTimesMatchTheHandComputation) {
  // GPU counts decide here, so a site of single-GPU nodes and one 4-GPU node agree.
  for (const auto& platform : {kFourSingleGpuNodes, kOneFourGpuNode}) {
    EXPECT_EQ(run_policy(GetParam().policy, platform, kContrast).start, GetParam().start);
  }
}

INSTANTIATE_TEST_SUITE_P(Policies, ContrastScenario,
                         ::testing::Values(Golden{"fcfs", {0, 10, 20, 25, 25}},
                                           Golden{"fcfs-fit", {0, 10, 23, 3, 10}},
                                           Golden{"sjf", {0, 15, 10, 15, 15}},
                                           Golden{"easy", {0, 10, 23, 3, 10}},
                                           Golden{"conservative", {0, 10, 20, 25, 4}}),
                         [](const auto& info) {
                           std::string name = info.param.policy;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(ContrastScenario, ReservationsAreTheHandComputedOnes) {
  // easy: J1 is the head at 1, 2, 3 and 4 with T_s = 10; J2 at 10, 16 and 20 with T_s = 23.
  const auto easy = run_policy("easy", kFourSingleGpuNodes, kContrast);
  EXPECT_EQ(easy.reservations[1], (std::vector<double>{10, 10, 10, 10}));
  EXPECT_EQ(easy.reservations[2], (std::vector<double>{23, 23, 23}));
  EXPECT_TRUE(easy.reservations[3].empty());
  // conservative: every call from submission to start repeats the first reservation (exact
  // estimates): J1 at 10 (calls at 1..4), J2 at 20 (calls at 2, 3, 4, 10), J3 at 25 (calls at
  // 3, 4, 10, 20); J4 started at once.
  const auto conservative = run_policy("conservative", kFourSingleGpuNodes, kContrast);
  EXPECT_EQ(conservative.reservations[1], (std::vector<double>(4, 10)));
  EXPECT_EQ(conservative.reservations[2], (std::vector<double>(4, 20)));
  EXPECT_EQ(conservative.reservations[3], (std::vector<double>(4, 25)));
  EXPECT_TRUE(conservative.reservations[4].empty());
}

TEST(FcfsFit, SkipsAJobThatDoesNotFitWhereFcfsStops) {
  // 2 GPUs. J0 (1 GPU) runs [0,10); J1 needs 2 and waits; J2 (1 GPU) is submitted at 1.
  // fcfs: J2 stays behind J1, which runs [10,15): J2 starts at 15.
  // fcfs-fit: J2 takes the free GPU at 1 and runs [1,6); J1 starts when J0 ends at 10.
  const auto jobs = exact({{0, 1, 10, 0}, {0, 2, 5, 0}, {1, 1, 5, 0}});
  EXPECT_EQ(run_policy("fcfs", {{1, 1}}, jobs).start, (std::vector<double>{0, 10, 15}));
  EXPECT_EQ(run_policy("fcfs-fit", {{1, 1}}, jobs).start, (std::vector<double>{0, 10, 1}));
}

TEST(Sjf, StartsByEstimateThenSubmitTimeThenId) {
  // One GPU. J0 runs [0,100). Queued by 100: J1 (est 30, submit 1), J2 (est 10, submit 3),
  // J3 (est 30, submit 2), J4 (est 10, submit 3), J5 (est 30, submit 1). Order by estimate,
  // then submit, then id: J2, J4 (est 10), J1, J5 (submit 1), J3 (submit 2). Each runs half
  // its estimate: J2 [100,105), J4 [105,110), J1 [110,125), J5 [125,140), J3 [140,155).
  const std::vector<ToyJob> jobs{{0, 1, 100, 100}, {1, 1, 15, 30}, {3, 1, 5, 10},
                                 {2, 1, 15, 30},   {3, 1, 5, 10},  {1, 1, 15, 30}};
  const auto run = run_policy("sjf", {{1}}, jobs);
  EXPECT_EQ(run.start, (std::vector<double>{0, 110, 100, 140, 105, 125}));
}

TEST(Sjf, BlocksAtTheShortestJobThatDoesNotFit) {
  // 2 GPUs. J0 (1 GPU) runs [0,10). J1 (2 GPUs, est 5) is shorter than J2 (1 GPU, est 8),
  // so J2 waits behind it although a GPU is free: J1 [10,15), J2 [15,23).
  const auto jobs = exact({{0, 1, 10, 0}, {1, 1, 8, 0}, {1, 2, 5, 0}});
  EXPECT_EQ(run_policy("sjf", {{1, 1}}, jobs).start, (std::vector<double>{0, 15, 10}));
}

TEST(Easy, ReservesPerSiteAndBackfillsFreelyInAnotherSite) {
  // Two sites of three single-GPU nodes: site 0 = nodes 0-2, site 1 = nodes 3-5.
  // J0 (2 GPUs, 10 s) at 0: both sites need 2 nodes, the lower site wins: nodes 0, 1.
  // J1 (2 GPUs, 20 s) at 0: only site 1 holds it: nodes 3, 4. One GPU free in each site.
  // J2 (3 GPUs) at 1: blocked (a job runs in one site). Site 0 holds 3 GPUs at 10, site 1 at
  //   20: T_s = 10 in site 0, extra = 3 - 3 = 0.
  // J3 (1 GPU, 30 s) at 2: in site 0 it would end at 32 > 10 with no extra GPU, so not there;
  //   site 1 cannot delay J2: starts at 2 on node 5.
  // J4 (1 GPU, 30 s) at 3: site 0 refused as for J3, site 1 full: waits.
  // J5 (1 GPU, 6 s) at 4: ends at 10 <= T_s: starts at 4 on node 2.
  // At 10 J0 and J5 end, J2 starts in site 0; J4 then waits for J2's end at 15 (site 0, node 0).
  const ToyPlatform platform{{1, 1, 1}, {1, 1, 1}};
  const auto jobs = exact(
      {{0, 2, 10, 0}, {0, 2, 20, 0}, {1, 3, 5, 0}, {2, 1, 30, 0}, {3, 1, 30, 0}, {4, 1, 6, 0}});
  const auto run = run_policy("easy", platform, jobs);
  EXPECT_EQ(run.start, (std::vector<double>{0, 0, 10, 2, 15, 4}));
  EXPECT_EQ(run.placement[3], (Placement{{{5, 1}}}));
  EXPECT_EQ(run.placement[5], (Placement{{{2, 1}}}));
  EXPECT_EQ(run.placement[2], (Placement{{{0, 1}, {1, 1}, {2, 1}}}));
  EXPECT_EQ(run.placement[4], (Placement{{{0, 1}}}));
  EXPECT_EQ(run.reservations[2], (std::vector<double>{10, 10, 10, 10}));
}

const ToyPlatform kEightGpus{{2, 2, 2, 2}};
const ToyPlatform kTwoSites{{2, 2, 2, 2}, {4, 4}};

TEST(Fcfs, StartTimesAreNonDecreasingInSubmitOrder) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto jobs = random_jobs(seed, 60, 8, 3);
    for (const auto& platform : {kEightGpus, kTwoSites}) {
      const auto run = run_policy("fcfs", platform, jobs);
      EXPECT_TRUE(std::is_sorted(run.start.begin(), run.start.end())) << "seed " << seed;
    }
  }
}

TEST(Easy, NeverStartsTheHeadAfterAShadowTimeItWasGiven) {
  // Exact estimates, and estimates up to 3x the runtime (jobs end early).
  for (const int overestimate : {1, 3}) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      const auto jobs = random_jobs(seed, 60, 8, overestimate);
      for (const auto& platform : {kEightGpus, kTwoSites}) {
        const auto run = run_policy("easy", platform, jobs);
        std::size_t reserved = 0;
        for (JobId id = 0; id < jobs.size(); ++id) {
          for (const double shadow : run.reservations[id]) {
            EXPECT_LE(run.start[id], shadow) << "job " << id << ", seed " << seed;
            ++reserved;
          }
        }
        EXPECT_GT(reserved, 0U) << "the workload never blocked the head";
      }
    }
  }
}

TEST(Conservative, StartsEveryJobAtItsFirstReservationWhenEstimatesAreExact) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto jobs = random_jobs(seed, 60, 8, 1);
    for (const auto& platform : {kEightGpus, kTwoSites}) {
      const auto run = run_policy("conservative", platform, jobs);
      for (JobId id = 0; id < jobs.size(); ++id) {
        if (run.reservations[id].empty()) continue;  // started at submission
        EXPECT_EQ(run.start[id], run.reservations[id].front()) << "job " << id << ", seed " << seed;
      }
    }
  }
}

TEST(Conservative, NeverMovesAReservationLaterWhenJobsEndEarly) {
  // Estimates up to 3x the runtime: reservations are compressed, never postponed, and the
  // start is no later than the last (earliest) of them.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto jobs = random_jobs(seed, 60, 8, 3);
    for (const auto& platform : {kEightGpus, kTwoSites}) {
      const auto run = run_policy("conservative", platform, jobs);
      std::size_t moved_earlier = 0;
      for (JobId id = 0; id < jobs.size(); ++id) {
        const auto& promised = run.reservations[id];
        EXPECT_TRUE(std::is_sorted(promised.rbegin(), promised.rend())) << "job " << id;
        if (promised.empty()) continue;
        EXPECT_LE(run.start[id], promised.back()) << "job " << id << ", seed " << seed;
        moved_earlier += promised.front() > promised.back() ? 1 : 0;
      }
      EXPECT_GT(moved_earlier, 0U) << "no compression happened: the test proves nothing";
    }
  }
}

TEST(Policies, RunEveryWorkloadToCompletionWithoutOverAllocating) {
  // run_toy throws on a placement on busy GPUs, over two sites, or of the wrong size. It runs
  // rigid jobs without preemption: the preemptive policies are run by the engine instead
  // (tests/engine/preemptive_policies_test.cpp).
  const auto registry = SchedulerRegistry::with_builtins();
  for (const char* name : {"fcfs", "fcfs-fit", "sjf", "easy", "conservative", "ground-only",
                           "sunlit-first", "battery-aware"}) {
    const auto& info = registry.find(name);
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      const auto jobs = random_jobs(seed, 80, 8, 3);
      for (const auto& platform : {kEightGpus, kTwoSites}) {
        const auto policy = info.create({});
        const auto run = run_toy(*policy, platform, jobs);
        for (JobId id = 0; id < jobs.size(); ++id) {
          EXPECT_GE(run.start[id], jobs[id].submit) << info.name << " job " << id;
        }
      }
    }
  }
}

}  // namespace
}  // namespace umbra::sched
