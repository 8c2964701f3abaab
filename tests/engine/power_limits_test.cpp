// A job on a satellite whose battery cannot carry its GPUs through the eclipse, through the
// real engine: under `shutdown` the node goes dark before sunrise and the job loses its work
// since the last checkpoint, then starts again from it when the sun powers the node; under
// `suspend` it pauses, the job writing its checkpoint first; under `throttle` the node slows
// down and the job survives. Expected times come from the power
// model alone (power_timeline over the same solar profile and demand) and the job's own
// arithmetic: 600 s segments at full speed, a 12.5 s checkpoint write after each but the last.
// The GPUs draw busy power while they compute and idle power while the job writes.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/contact/constellation.hpp"
#include "sim/orbit/eclipse_windows.hpp"
#include "sim/power/power_budget.hpp"
#include "sim/power/power_timeline.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace umbra::engine {
namespace {

std::string platform(const std::string& policy) {
  return testing::eclipse_satellite(policy);
}

// 60 min of work on 8 GPUs at 989 TFLOPS x 0.4, checkpointed every 10 min (100 GB, 12.5 s).
const std::string kJob =
    "jobs:\n  - {id: j, submit: 0 s, gpus: 8, work: 1.139328e19 FLOP, mfu: 0.4,\n"
    "           checkpoint: {size: 100 GB, interval: 10 min}}\n";
constexpr double kSegment = 600, kWrite = 12.5, kSegments = 6;

// The power model of the satellite over the engine's first day, for `steps` of demand.
power::PowerTimeline timeline_of(const testing::Scenario& s, std::vector<power::LoadStep> steps) {
  const contact::Constellation constellation = contact::build_constellation(s.platform);
  const contact::Satellite& satellite = constellation.satellites.front();
  orbit::EclipseSearch search;
  search.horizon = 86400;
  const auto windows = orbit::eclipse_windows(*satellite.propagator, constellation.epoch, search);
  static std::vector<power::SolarSegment> solar;  // outlives the timeline's rows
  solar = power::solar_profile(*satellite.propagator, constellation.epoch, windows,
                               satellite.hardware.solar_array, 86400);
  power::NodePowerModel model;
  model.policy = satellite.hardware.power_policy;
  model.gpu_model = &s.platform.gpu_model("H100");
  model.battery = satellite.hardware.battery;
  return power::power_timeline(model, solar, steps);
}

power::NodeDemand busy(const testing::Scenario& s) {
  const contact::Constellation constellation = contact::build_constellation(s.platform);
  return {power::satellite_fixed_power(constellation.satellites.front().hardware,
                                       s.platform.link_classes),
          8, power::GpuActivity::kBusy};
}

power::NodeDemand idle(const testing::Scenario& s) {
  return {busy(s).fixed_watts, 8, power::GpuActivity::kIdle};
}

// The job's demand run undisturbed at full speed from 0: busy for each segment, idle while it
// writes each checkpoint and once it is done.
std::vector<power::LoadStep> undisturbed(const testing::Scenario& s) {
  std::vector<power::LoadStep> steps;
  double t = 0;
  for (int segment = 0; segment < kSegments; ++segment) {
    steps.push_back({t, busy(s)});
    t += kSegment;
    steps.push_back({t, idle(s)});
    t += kWrite;
  }
  return steps;
}

double first_time_with(const power::PowerTimeline& timeline, power::PowerEvents event,
                       double after = 0) {
  for (const auto& row : timeline.rows) {
    if ((row.events & event) && row.time > after) return row.time;
  }
  return -1;
}

// Starts the queued jobs on the satellite whenever its GPUs are free.
using StartWhenFree = testing::GreedyInOrder;

TEST(PowerLimits, UnderShutdownTheNodeGoesDarkAndTheJobRollsBackToItsCheckpoint) {
  const auto s = testing::scenario(platform("shutdown"), kJob);
  const std::vector<power::LoadStep> run = undisturbed(s);
  const double dark = first_time_with(timeline_of(s, run), power::kShutdown);
  ASSERT_GT(dark, 1800);  // in the first shadow, before the job's hour of work is done
  // Checkpoints complete every segment + write; the last one before going dark is kept.
  const double done = std::floor(dark / (kSegment + kWrite));
  const double safe = done * (kSegment + kWrite);
  // Without its job the node idles in the dark and comes back on when the sun can feed it
  // idle; it is offered again once it can also carry its GPUs busy to the end of its solar
  // segment (the sun alone, or with what the battery took meanwhile): at the latest when the
  // sun alone feeds the busy load.
  std::vector<power::LoadStep> then_idle;
  for (const power::LoadStep& step : run) {
    if (step.time < dark) then_idle.push_back(step);
  }
  then_idle.push_back({dark, idle(s)});
  const double on = first_time_with(timeline_of(s, then_idle), power::kPowerOn, dark);
  const double light = first_time_with(timeline_of(s, {{0, busy(s)}}), power::kPowerOn, dark);
  ASSERT_GT(on, dark);
  ASSERT_GE(light, on);
  // Restart: read the checkpoint back, then the segments left with a write between each.
  const double left = kSegments - done;
  const double after_restart = kWrite + left * kSegment + (left - 1) * kWrite;

  StartWhenFree policy;
  const auto result = testing::run(s, policy);
  const auto& job = result.jobs[0];
  EXPECT_EQ(job.power_failures, 1);
  EXPECT_NEAR(job.lost_gpu_seconds, 8 * (dark - safe), 1e-3);
  ASSERT_TRUE(job.end);
  EXPECT_GE(*job.end, on + after_restart - 1e-3);
  EXPECT_LE(*job.end, light + after_restart + 1e-3);
  ASSERT_TRUE(result.totals.satellite_power);
  EXPECT_NEAR(result.totals.satellite_power->off_seconds, on - dark, 1e-3);
  EXPECT_GE(result.totals.satellite_power->min_state_of_charge, 0.2 - 1e-12);
}

TEST(PowerLimits, UnderSuspendTheJobWritesItsCheckpointAndLosesNothing) {
  const auto s = testing::scenario(platform("suspend"), kJob);
  const double paused = first_time_with(timeline_of(s, undisturbed(s)), power::kSuspend);
  ASSERT_GT(paused, 0);
  ASSERT_LT(paused, kSegments * kSegment);  // before the job's hour of work is done
  const double done = std::floor(paused / (kSegment + kWrite));
  const double computed = paused - done * (kSegment + kWrite);
  ASSERT_LT(computed, kSegment);  // caught computing, not writing
  // The suspension saves the segment's part done (one more write); the work left then runs in
  // whole segments again after the restore, a write between each.
  const double left = (kSegments - done) * kSegment - computed;
  const double segments_after = std::ceil(left / kSegment - 1e-9);

  StartWhenFree policy;
  const auto result = testing::run(s, policy);
  const auto& job = result.jobs[0];
  EXPECT_EQ(job.power_suspensions, 1);
  EXPECT_EQ(job.power_failures, 0);
  EXPECT_EQ(job.lost_gpu_seconds, 0);
  EXPECT_EQ(job.checkpoints_written, done + 1 + (segments_after - 1));
  ASSERT_TRUE(job.end);
  EXPECT_GE(*job.end, paused + kWrite + kWrite + left + (segments_after - 1) * kWrite - 1e-3);
  ASSERT_TRUE(result.totals.satellite_power);
  EXPECT_GE(result.totals.satellite_power->min_state_of_charge, 0.2 - 1e-12);
}

TEST(PowerLimits, UnderThrottleTheNodeSlowsAndTheJobSurvives) {
  const auto s = testing::scenario(platform("throttle"), kJob);
  // Replays the job against the pstates of the timeline: each segment needs kSegment seconds
  // of full-speed work, done at the speed of the pstate of the moment, its GPUs busy; writes
  // take kWrite, its GPUs idle. Each segment's end decides the demand after it.
  const auto& pstates = s.platform.gpu_model("H100").pstates;
  std::vector<power::LoadStep> steps;
  double t = 0;
  for (int segment = 0; segment < kSegments; ++segment) {
    steps.push_back({t, busy(s)});
    const power::PowerTimeline timeline = timeline_of(s, steps);
    double work = kSegment;
    while (work > 1e-9) {
      const auto now = std::upper_bound(
          timeline.rows.begin(), timeline.rows.end(), t,
          [](double time, const power::PowerSnapshot& row) { return time < row.time; });
      const double speed = pstates[std::prev(now)->point.pstate].speed_ratio;
      const double until = now == timeline.rows.end() ? 1e300 : now->time;
      const double step = std::min(until - t, work / speed);
      work -= step * speed;
      t += step;
    }
    steps.push_back({t, idle(s)});
    if (segment + 1 < kSegments) t += kWrite;
  }
  ASSERT_GT(t, kSegments * kSegment + (kSegments - 1) * kWrite + 60);  // it did slow down

  StartWhenFree policy;
  const auto result = testing::run(s, policy);
  const auto& job = result.jobs[0];
  EXPECT_EQ(job.power_failures, 0);
  EXPECT_EQ(job.power_suspensions, 0);
  EXPECT_EQ(job.lost_gpu_seconds, 0);
  ASSERT_TRUE(job.end);
  EXPECT_NEAR(*job.end, t, 1e-3);
  ASSERT_TRUE(result.totals.satellite_power);
  EXPECT_GT(result.totals.satellite_power->throttled_seconds, 0);
  EXPECT_GE(result.totals.satellite_power->min_state_of_charge, 0.2 - 1e-12);
}

}  // namespace
}  // namespace umbra::engine
