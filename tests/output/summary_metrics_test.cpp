// The summary's fairness, energy and lost-job metrics (sim/output/summary.hpp), on hand-made
// job records whose figures are worked out by hand in the comments.
#include <gtest/gtest.h>

#include <string>

#include "sim/output/run_writer.hpp"
#include "sim/output/summary.hpp"

namespace umbra::output {
namespace {

JobRecord job(const std::string& id, JobState state, double submit, double isolated) {
  JobRecord record;
  record.id = id;
  record.state = state;
  record.submit = submit;
  record.gpus = 8;
  record.isolated_seconds = isolated;
  return record;
}

JobRecord finished(const std::string& id, double submit, double start, double end,
                   double isolated) {
  JobRecord record = job(id, JobState::kFinished, submit, isolated);
  record.start = start;
  record.end = end;
  record.work_gpu_seconds = record.gpus * isolated;  // as the engine records a finished job's
  return record;
}

// a: JCT 1100 s over 1000 s alone, rho 1.1; b: 2000 s over 500 s, rho 4 (preempted once, one
// GPU-hour lost); c: 300 s over 300 s, rho 1; d still running and e still queued (lost jobs);
// f finished with no isolated time (left out of rho). The work done: 8 GPUs x (1000 + 500 +
// 300) s of a, b and c = 4 GPU-hours; d kept no progress.
RunResult six_jobs() {
  RunResult result;
  result.jobs.push_back(finished("a", 0, 100, 1100, 1000));
  JobRecord b = finished("b", 100, 100, 2100, 500);
  b.preemptions = 1;
  b.lost_gpu_seconds = 3600;
  result.jobs.push_back(b);
  result.jobs.push_back(finished("c", 200, 200, 500, 300));
  JobRecord d = job("d", JobState::kRunning, 300, 400);
  d.start = 400;
  result.jobs.push_back(d);
  result.jobs.push_back(job("e", JobState::kQueued, 400, 100));
  result.jobs.push_back(finished("f", 500, 500, 550, 0));
  result.totals.end_time = 3000;
  result.totals.platform_gpus = 16;
  result.totals.allocated_gpu_seconds = 18000;  // 5 GPU-hours, 1 of them lost
  result.totals.energy_joules = 36e6;           // 10 kWh
  return result;
}

TEST(SummaryMetrics, FinishTimeFairnessIsJctOverIsolatedTimeOfFinishedJobs) {
  const Distribution rho = summarise(six_jobs()).finish_time_fairness;
  // rho of a, b, c sorted: 1, 1.1, 4.
  EXPECT_DOUBLE_EQ(rho.mean, 6.1 / 3);
  EXPECT_DOUBLE_EQ(rho.median, 1.1);
  EXPECT_NEAR(rho.p99, 1.1 + 0.98 * (4 - 1.1), 1e-12);  // rank 0.99 x 2 = 1.98
  EXPECT_DOUBLE_EQ(rho.max, 4);
}

TEST(SummaryMetrics, UsefulGpuHoursAreTheWorkDoneNotTheTimeHeld) {
  // 5 GPU-hours held, 1 of them lost by b: the held time is not the measure, the work is.
  const Summary summary = summarise(six_jobs());
  EXPECT_DOUBLE_EQ(summary.useful_gpu_hours, 4);
  EXPECT_DOUBLE_EQ(summary.energy_kwh_per_useful_gpu_hour, 2.5);  // 10 kWh / 4 GPU-h
  RunResult slower = six_jobs();
  slower.totals.allocated_gpu_seconds *= 2;  // the same work held twice as long
  EXPECT_DOUBLE_EQ(summarise(slower).useful_gpu_hours, 4);
  RunResult partial = six_jobs();
  partial.jobs[3].work_gpu_seconds = 1800;  // d, still running, kept half an hour of work
  EXPECT_DOUBLE_EQ(summarise(partial).useful_gpu_hours, 4.5);
}

TEST(SummaryMetrics, GpuHoursStalledOnTheNetworkAreCountedApart) {
  // c (8 GPUs) waited 225 s for routes: 8 x 225 s = 0.5 GPU-h stalled, and its work is the same.
  RunResult result = six_jobs();
  result.jobs[2].route_wait_seconds = 225;
  const Summary summary = summarise(result);
  EXPECT_DOUBLE_EQ(summary.stalled_gpu_hours, 0.5);
  EXPECT_DOUBLE_EQ(summary.useful_gpu_hours, 4);
  EXPECT_NE(summary_json(summary, result.totals).find("\"stalled_gpu_hours\": 0.5,"),
            std::string::npos);
}

TEST(SummaryMetrics, EnergyPerUsefulGpuHourIsZeroWhenNothingWasUseful) {
  RunResult result = six_jobs();
  for (JobRecord& job : result.jobs) job.work_gpu_seconds = 0;  // nothing kept
  EXPECT_DOUBLE_EQ(summarise(result).energy_kwh_per_useful_gpu_hour, 0);
}

TEST(SummaryMetrics, JobsLostAreTheJobsThatDidNotFinish) {
  const Summary summary = summarise(six_jobs());
  EXPECT_EQ(summary.jobs_total, 6);
  EXPECT_EQ(summary.jobs_finished, 4);
  EXPECT_EQ(summary.jobs_lost, 2);  // d running, e queued
}

TEST(SummaryMetrics, WindowRestrictsFairnessAndLostJobsButNotEnergy) {
  // Jobs 1 to 3 (b, c, d): rho 4 and 1, d lost; the energy still counts b's lost hour.
  const Summary summary = summarise(six_jobs(), MeasureWindow{MeasureWindow::By::kJobIndex, 1, 4});
  EXPECT_EQ(summary.jobs_lost, 1);
  EXPECT_DOUBLE_EQ(summary.finish_time_fairness.mean, 2.5);
  EXPECT_DOUBLE_EQ(summary.finish_time_fairness.max, 4);
  EXPECT_DOUBLE_EQ(summary.energy_kwh_per_useful_gpu_hour, 2.5);
  const Summary without_b =
      summarise(six_jobs(), MeasureWindow{MeasureWindow::By::kJobIndex, 2, 4});
  EXPECT_DOUBLE_EQ(without_b.lost_gpu_hours, 0);
  EXPECT_DOUBLE_EQ(without_b.energy_kwh_per_useful_gpu_hour, 2.5);
}

TEST(SummaryMetrics, SummaryJsonHoldsTheNewMetrics) {
  const RunResult result = six_jobs();
  const std::string json = summary_json(summarise(result), result.totals);
  EXPECT_NE(json.find("\"jobs_lost\": 2,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"finish_time_fairness\": {\n    \"mean\": "), std::string::npos) << json;
  EXPECT_NE(json.find("\"max\": 4\n"), std::string::npos) << json;
  EXPECT_NE(json.find("\"useful_gpu_hours\": 4,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"energy_kwh_per_useful_gpu_hour\": 2.5,"), std::string::npos) << json;
}

TEST(SummaryMetrics, FacilityEnergyIsEachSitesItEnergyTimesItsPue) {
  // 30 MJ at PUE 1.2 (36 MJ) and 6 MJ in orbit (PUE 1): 42 MJ from the grid and the sun.
  RunResult result = six_jobs();
  result.totals.site_energy = {{"iowa", 30e6, 1.2}, {"shell", 6e6, 1}};
  const Summary summary = summarise(result);
  EXPECT_NEAR(summary.facility_energy_joules, 42e6, 1e-9 * 42e6);
  const std::string json = summary_json(summary, result.totals);
  EXPECT_NE(json.find("\"facility_energy_j\": 42000000,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"site\": \"iowa\",\n      \"it_energy_j\": 30000000,\n      \"pue\": "
                      "1.2,\n      \"facility_energy_j\": 36000000\n"),
            std::string::npos)
      << json;
}

}  // namespace
}  // namespace umbra::output
