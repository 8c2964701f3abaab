// Backfilling when a running job overruns its estimate, on hand-made snapshots of one node of
// 10 GPUs. Jobs that communicate or checkpoint run a little past their estimates, so an
// overrun of nanoseconds is the normal case: an overdue job holds its GPUs until it ends, and
// the reservations it pushes back move later in queue order, never behind a later job's.
//
// Every case: R1 (6 GPUs) and R2 (4 GPUs) run from 0 and hold the node. A (10 GPUs, estimate
// 100 s, submitted at 2) and B (4 GPUs, submitted at 3) wait. The policy is called at A's and
// B's submissions, at R2's end (on its estimate), at R1's real end (past its estimate) and
// in between; one instance of the policy sees every call, as in a run.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "schedulers/registry.hpp"
#include "tests/schedulers/hand_snapshots.hpp"

namespace umbra::sched {
namespace {

constexpr JobId kR1 = 0;
constexpr JobId kR2 = 1;
constexpr JobId kA = 2;
constexpr JobId kB = 3;
// A reservation planned just after an instant (an overdue job's GPUs come back then) is
// within this of the instant.
constexpr double kNanosecond = 1e-9;

std::unique_ptr<Scheduler> policy(const std::string& name) {
  return SchedulerRegistry::with_builtins().find(name).create({});
}

// The node at `now`, R1 and R2 running while their ends are not past, A and B queued.
ClusterState node_at(double now, double r1_estimated_end, double r1_end, double r2_end,
                     double b_estimate) {
  ClusterState state = testing::snapshot({{10}}, {}, now, nullptr);
  if (now < r1_end) testing::run_on_node(state, kR1, 0, 6, r1_estimated_end);
  if (now < r2_end) testing::run_on_node(state, kR2, 0, 4, r2_end);
  state.queue = {testing::queued(kA, 10, 100)};
  if (now >= 3) state.queue.push_back(testing::queued(kB, 4, b_estimate));
  return state;
}

std::optional<double> reserved_start(const Decisions& decisions, JobId job) {
  for (const auto& reservation : decisions.reservations) {
    if (reservation.job == job) return reservation.start;
  }
  return std::nullopt;
}

std::vector<JobId> started(const Decisions& decisions) {
  std::vector<JobId> jobs;
  for (const auto& start : decisions.starts) jobs.push_back(start.job);
  return jobs;
}

// R1 is estimated to end at 300 and ends at 300 + 1 ns; R2 ends at 300 as estimated. B's
// estimate is 150 s. (300 and 400 lie between the same powers of two, so the instant just
// after 300 stays just after 400 once A's 100 s are added.)
constexpr double kR1End1ns = 300 + kNanosecond;

TEST(Conservative, KeepsAnEarlierReservationWhenARunningJobOverrunsBy1ns) {
  // At 2: 0 GPUs free until 300, then 10: A reserves [300, 400).
  // At 3: B (4 GPUs, 150 s) fits nowhere before A's end: B reserves [400, 550).
  // At 300 (R2's end): 4 GPUs free; R1 is due, so its 6 come back just after 300. A's
  //   [300, 400) no longer fits and moves just after 300; B's [400, 550) then overlaps A by
  //   that instant and moves with it. B must not start: running [300, 450) on the 4 free
  //   GPUs, it would push A to 450 when R1 ends a nanosecond later, a 150 s delay of the
  //   earlier reservation caused by a 1 ns overrun.
  // At 300 + 1 ns (R1's end): 10 free, A starts; B reserves [400 + 1 ns, 550 + 1 ns).
  const auto conservative = policy("conservative");
  const auto at = [](double now) { return node_at(now, 300, kR1End1ns, 300, 150); };
  const Decisions at_2 = conservative->schedule(at(2), {});
  EXPECT_EQ(reserved_start(at_2, kA), 300);
  const Decisions at_3 = conservative->schedule(at(3), {});
  EXPECT_EQ(reserved_start(at_3, kA), 300);
  EXPECT_EQ(reserved_start(at_3, kB), 400);

  const Decisions at_300 = conservative->schedule(at(300), {});
  ASSERT_EQ(started(at_300), std::vector<JobId>{}) << "B took the GPUs A is promised";
  EXPECT_NEAR(*reserved_start(at_300, kA), 300, kNanosecond);
  EXPECT_NEAR(*reserved_start(at_300, kB), 400, kNanosecond);

  const Decisions at_r1_end = conservative->schedule(at(kR1End1ns), {});
  EXPECT_EQ(started(at_r1_end), std::vector<JobId>{kA});
  EXPECT_EQ(reserved_start(at_r1_end, kB), kR1End1ns + 100);
}

TEST(Easy, KeepsTheHeadsReservationWhenARunningJobOverrunsBy1ns) {
  // At 2 and 3: 0 GPUs free; R1 and R2 both return theirs at 300: A's shadow time is 300,
  //   extra = 10 - 10 = 0.
  // At 300 (R2's end): 4 GPUs free; R1 is due, so its 6 come back just after 300: the shadow
  //   time is just after 300, extra 0. B (4 GPUs, 150 s) fits now but would end at 450, after
  //   the shadow time, on GPUs A needs: it must wait.
  // At 300 + 1 ns (R1's end): A starts.
  const auto easy = policy("easy");
  const auto at = [](double now) { return node_at(now, 300, kR1End1ns, 300, 150); };
  EXPECT_EQ(reserved_start(easy->schedule(at(2), {}), kA), 300);
  EXPECT_EQ(reserved_start(easy->schedule(at(3), {}), kA), 300);

  const Decisions at_300 = easy->schedule(at(300), {});
  ASSERT_EQ(started(at_300), std::vector<JobId>{}) << "B took the GPUs the head is promised";
  EXPECT_NEAR(*reserved_start(at_300, kA), 300, kNanosecond);

  EXPECT_EQ(started(easy->schedule(at(kR1End1ns), {})), std::vector<JobId>{kA});
}

// R1 is estimated to end at 100 and ends at 700, 10 min late; R2 ends at 400 as estimated.
// B's estimate is 500 s. Nothing ends at 100: the first call after R1 is due is R2's end.
constexpr double kR1End10min = 700;

TEST(Conservative, KeepsAnEarlierReservationWhenARunningJobOverrunsBy10min) {
  // At 2: 0 free until 100, 6 from 100, 10 from 400: A (10 GPUs) reserves [400, 500).
  // At 3: B (4 GPUs, 500 s) would hold 4 of the 6 free from 100 over [100, 600), across A's
  //   [400, 500): it reserves [500, 1000).
  // At 400 (R2's end): 4 GPUs free; R1 is overdue, its 6 come back just after now. A's
  //   [400, 500) no longer fits and moves just after 400. B must not start: running
  //   [400, 900) on the 4 free GPUs, it would hold A until 900 although R1 ends at 700.
  // At 550 (some other event): R1 still overdue; A's reservation moves just after 550, and
  //   B's behind it, just after 650.
  // At 700 (R1's end): A starts; B reserves [800, 1300).
  const auto conservative = policy("conservative");
  const auto at = [](double now) { return node_at(now, 100, kR1End10min, 400, 500); };
  EXPECT_EQ(reserved_start(conservative->schedule(at(2), {}), kA), 400);
  const Decisions at_3 = conservative->schedule(at(3), {});
  EXPECT_EQ(reserved_start(at_3, kA), 400);
  EXPECT_EQ(reserved_start(at_3, kB), 500);

  const Decisions at_400 = conservative->schedule(at(400), {});
  ASSERT_EQ(started(at_400), std::vector<JobId>{}) << "B took the GPUs A is promised";
  EXPECT_NEAR(*reserved_start(at_400, kA), 400, kNanosecond);

  const Decisions at_550 = conservative->schedule(at(550), {});
  ASSERT_EQ(started(at_550), std::vector<JobId>{});
  EXPECT_NEAR(*reserved_start(at_550, kA), 550, kNanosecond);
  EXPECT_NEAR(*reserved_start(at_550, kB), 650, kNanosecond);

  const Decisions at_r1_end = conservative->schedule(at(kR1End10min), {});
  EXPECT_EQ(started(at_r1_end), std::vector<JobId>{kA});
  EXPECT_EQ(reserved_start(at_r1_end, kB), 800);
}

TEST(Easy, KeepsTheHeadsReservationWhenARunningJobOverrunsBy10min) {
  // At 2 and 3: 0 free until 100, 6 from 100, 10 from 400: A's shadow time is 400, extra 0.
  // At 400 (R2's end) and 550: 4 GPUs free; R1 is overdue, its 6 come back just after now:
  //   the shadow time is just after now, extra 0. B (4 GPUs, 500 s) fits now but would hold
  //   4 of A's GPUs past the shadow time: it must wait.
  // At 700 (R1's end): A starts.
  const auto easy = policy("easy");
  const auto at = [](double now) { return node_at(now, 100, kR1End10min, 400, 500); };
  EXPECT_EQ(reserved_start(easy->schedule(at(2), {}), kA), 400);
  EXPECT_EQ(reserved_start(easy->schedule(at(3), {}), kA), 400);
  for (const double now : {400.0, 550.0}) {
    const Decisions decisions = easy->schedule(at(now), {});
    ASSERT_EQ(started(decisions), std::vector<JobId>{}) << "at " << now;
    EXPECT_NEAR(*reserved_start(decisions, kA), now, kNanosecond) << "at " << now;
  }
  EXPECT_EQ(started(easy->schedule(at(kR1End10min), {})), std::vector<JobId>{kA});
}

}  // namespace
}  // namespace umbra::sched
