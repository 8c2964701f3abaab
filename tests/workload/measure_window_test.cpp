// Measurement windows restrict the summary's job metrics to the jobs inside them.
#include <gtest/gtest.h>

#include "sim/output/summary.hpp"

namespace umbra::output {
namespace {

RunResult four_jobs() {
  RunResult result;
  for (int i = 0; i < 4; ++i) {
    JobRecord job;
    job.id = std::to_string(i);
    job.state = JobState::kFinished;
    job.submit = 100.0 * i;
    job.start = job.submit + 10.0 * (i + 1);  // waits 10, 20, 30, 40 s
    job.end = *job.start + 50;
    result.jobs.push_back(job);
  }
  result.totals.end_time = 400;
  return result;
}

TEST(MeasureWindow, ByJobIndexKeepsFromInclusiveToExclusive) {
  const Summary summary = summarise(four_jobs(), MeasureWindow{MeasureWindow::By::kJobIndex, 1, 3});
  EXPECT_EQ(summary.jobs_total, 2);
  EXPECT_DOUBLE_EQ(summary.wait.mean, 25);  // jobs 1 and 2
  EXPECT_DOUBLE_EQ(summary.makespan, 390);  // whole run: job 3 ends at 300 + 40 + 50
}

TEST(MeasureWindow, BySubmitTime) {
  const Summary summary =
      summarise(four_jobs(), MeasureWindow{MeasureWindow::By::kSubmitTime, 150, 1000});
  EXPECT_EQ(summary.jobs_total, 2);
  EXPECT_DOUBLE_EQ(summary.wait.max, 40);
  EXPECT_DOUBLE_EQ(summary.jct.mean, 85);  // (30 + 50 + 40 + 50) / 2
}

TEST(MeasureWindow, NoWindowCountsEveryJob) {
  const Summary summary = summarise(four_jobs());
  EXPECT_EQ(summary.jobs_total, 4);
  EXPECT_FALSE(summary.window.has_value());
}

}  // namespace
}  // namespace umbra::output
