// PeriodicRounds: when rounds are held, which events they see, and the wake-ups that keep
// them going; every expected call is worked out by hand from the period.
#include "schedulers/periodic_rounds.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <vector>

#include "schedulers/in_order_start.hpp"
#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched {
namespace {

// Records each call: whether it was a round, at what time, with which events.
class Recorder final : public PeriodicRounds {
 public:
  struct Call {
    bool round = false;
    double now = 0;
    std::vector<JobId> event_jobs;  // of the events passed, in order
    friend bool operator==(const Call&, const Call&) = default;
  };

  explicit Recorder(double period, std::optional<double> own_wake_up = std::nullopt)
      : PeriodicRounds(period), own_wake_up_(own_wake_up) {}

  std::vector<Call> calls;

 protected:
  Decisions round(const ClusterState& state, std::span<const Event> events) override {
    record(true, state, events);
    Decisions decisions;
    decisions.wake_up_at = own_wake_up_;
    return decisions;
  }
  Decisions between_rounds(const ClusterState& state, std::span<const Event> events) override {
    record(false, state, events);
    return {};
  }

 private:
  void record(bool round, const ClusterState& state, std::span<const Event> events) {
    Call call{round, state.now, {}};
    for (const Event& event : events) call.event_jobs.push_back(event.job);
    calls.push_back(call);
  }

  std::optional<double> own_wake_up_;
};

// A one-node cluster with one job queued (so that rounds are asked for), at `now`.
ClusterState with_a_job_queued(double now) {
  ClusterState state = testing::toy_cluster({{1}});
  state.now = now;
  state.queue.push_back(QueuedJob{});
  return state;
}

Event submitted(JobId job) {
  return {EventKind::kJobSubmitted, job};
}

TEST(PeriodicRounds, HoldsRoundsAtMultiplesOfThePeriodWithTheEventsSinceTheLastRound) {
  // Period 300. Calls at 0 (J0 submitted), 100 (J1), 250 (J2), 300 (the wake-up, job 9 as a
  // marker), 420 (J3), 600 (J4). Rounds at 0, 300 and 600; the round at 300 sees J1 and J2,
  // which the calls at 100 and 250 saw too, and its own wake-up; the one at 600 J3 and J4.
  // Each answer asks for the next round: 300 until the round at 300, then 600, then 900.
  Recorder policy(300);
  const std::vector<std::pair<double, JobId>> calls{{0, 0},   {100, 1}, {250, 2},
                                                    {300, 9}, {420, 3}, {600, 4}};
  std::vector<double> wake_ups;
  for (const auto& [now, job] : calls) {
    const Event event = submitted(job);
    wake_ups.push_back(policy.schedule(with_a_job_queued(now), {&event, 1}).wake_up_at.value());
  }
  EXPECT_EQ(policy.calls, (std::vector<Recorder::Call>{{true, 0, {0}},
                                                       {false, 100, {1}},
                                                       {false, 250, {2}},
                                                       {true, 300, {1, 2, 9}},
                                                       {false, 420, {3}},
                                                       {true, 600, {3, 4}}}));
  EXPECT_EQ(wake_ups, (std::vector<double>{300, 300, 300, 600, 600, 900}));
}

TEST(PeriodicRounds, HoldsARoundNoCallCameForOnceAtTheNextCall) {
  // Period 300. A first call at 50 holds the round due at 0 (late); the next is due at 300, so
  // a call at 299 is between rounds and one at 310 holds it. No job is queued or running at
  // 310: no wake-up is asked, and the next call, at 700, holds the round due at 600 (the one due
  // at 600 only, once); the next is due at 900, not at 700 + 300.
  Recorder policy(300);
  policy.schedule(with_a_job_queued(50), {});
  policy.schedule(with_a_job_queued(299), {});
  ClusterState idle = testing::toy_cluster({{1}});
  idle.now = 310;
  const Decisions at_310 = policy.schedule(idle, {});
  EXPECT_FALSE(at_310.wake_up_at.has_value()) << "no job queued or running: nothing to do";
  const Decisions at_700 = policy.schedule(with_a_job_queued(700), {});
  policy.schedule(with_a_job_queued(899), {});
  policy.schedule(with_a_job_queued(900), {});
  EXPECT_EQ(policy.calls, (std::vector<Recorder::Call>{{true, 50, {}},
                                                       {false, 299, {}},
                                                       {true, 310, {}},
                                                       {true, 700, {}},
                                                       {false, 899, {}},
                                                       {true, 900, {}}}));
  EXPECT_EQ(at_700.wake_up_at, 900);
}

TEST(PeriodicRounds, AsksForThePolicysOwnWakeUpWhenItComesFirst) {
  // Period 300; the round asks for 50 at 0: the answer is 50, not 300. A round asking for
  // 1000 gets the next round, 300, instead.
  Recorder early(300, 50);
  EXPECT_EQ(early.schedule(with_a_job_queued(0), {}).wake_up_at, 50);
  Recorder late(300, 1000);
  EXPECT_EQ(late.schedule(with_a_job_queued(0), {}).wake_up_at, 300);
}

TEST(PeriodicRounds, RefusesAPeriodThatIsNotPositive) {
  EXPECT_THROW(Recorder(0), std::invalid_argument);
  EXPECT_THROW(Recorder(-60), std::invalid_argument);
}

// First-come first-served fit, but only in rounds (the default between rounds: nothing).
class FcfsFitInRounds final : public PeriodicRounds {
 public:
  FcfsFitInRounds() : PeriodicRounds(300) {}

 protected:
  Decisions round(const ClusterState& state, std::span<const Event>) override {
    Decisions decisions;
    start_in_queue_order(WhenBlocked::kSkip, state, decisions);
    return decisions;
  }
};

TEST(PeriodicRounds, BetweenRoundsDecidesNothingByDefault) {
  // One 1-GPU node. J0 (submitted at 0, runs 50 s) starts in the round at 0 and ends at 50,
  // where no job is left to ask for a round. J1, submitted at 100 to the idle node, waits for
  // the round at 300, which the call at 100 asks for since J1 is queued.
  FcfsFitInRounds policy;
  const auto run = testing::run_toy(policy, {{1}}, testing::exact({{0, 1, 50}, {100, 1, 10}}));
  EXPECT_EQ(run.start, (std::vector<double>{0, 300}));
}

}  // namespace
}  // namespace umbra::sched
