// allocations.csv, link_windows.csv and gpu_use.csv of a real hybrid run (a ground site and a
// 72-satellite shell with batteries, laser and ground links) agree with what the run's other
// files count on their own: jobs.csv's starts, ends and power failures, links.csv's windows and
// time up, and the GPU-hours allocations.csv adds up; and the two streamed files' order.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "tests/support/run_outputs.hpp"
#include "tests/support/shipped_scenario.hpp"

namespace {

using umbra::testing::CsvRow;
using umbra::testing::read_csv;
using umbra::testing::shipped_scenario;
using RunTimelines = umbra::testing::UmbraCliTest;

double number(const CsvRow& row, const std::string& column) {
  return std::stod(row.at(column));
}

class HybridRun : public RunTimelines {
 protected:
  void SetUp() override {
    RunTimelines::SetUp();
    ASSERT_EQ(umbra("run " + shipped_scenario("hybrid-power-limited") + " --out r").status, 0);
  }
};

TEST_F(HybridRun, AllocationsSpanEachJobAndCountItsPowerFailures) {
  std::map<std::string, double> first, last;
  std::map<std::string, int> power_failed;
  std::map<std::pair<std::string, double>, int> failed_at;  // a job on 2 nodes: 2 rows
  for (const CsvRow& row : read_csv(dir_ / "r/allocations.csv")) {
    const std::string& job = row.at("job");
    first.try_emplace(job, number(row, "start"));
    first[job] = std::min(first[job], number(row, "start"));
    last[job] = std::max(last[job], number(row, "end"));
    if (row.at("ended") == "power-failed" && failed_at[{job, number(row, "end")}]++ == 0) {
      ++power_failed[job];
    }
  }
  int started = 0;
  for (const CsvRow& job : read_csv(dir_ / "r/jobs.csv")) {
    if (job.at("start").empty()) continue;
    ++started;
    const std::string& id = job.at("id");
    // Both files print seconds with 6 decimals, from the same doubles.
    EXPECT_EQ(first.at(id), number(job, "start")) << id;
    if (!job.at("end").empty()) {
      EXPECT_EQ(last.at(id), number(job, "end")) << id;
    }
    EXPECT_EQ(power_failed[id], std::stoi(job.at("power_failures"))) << id;
  }
  EXPECT_EQ(static_cast<std::size_t>(started), first.size());
}

TEST_F(HybridRun, LinkWindowsAddUpToLinksCsv) {
  std::map<std::pair<std::string, std::string>, std::pair<long, double>> windows;
  for (const CsvRow& row : read_csv(dir_ / "r/link_windows.csv")) {
    auto& [count, up] = windows[{row.at("a"), row.at("b")}];
    ++count;
    up += number(row, "end") - number(row, "start");
  }
  int contact_links = 0;
  for (const CsvRow& link : read_csv(dir_ / "r/links.csv")) {
    const auto found = windows.find({link.at("a"), link.at("b")});
    if (found == windows.end()) continue;  // a static link, or one never up
    ++contact_links;
    EXPECT_EQ(found->second.first, std::stol(link.at("windows"))) << link.at("a") << link.at("b");
    // Each window's ends are rounded to the microsecond: up to 1 us per window.
    EXPECT_NEAR(found->second.second, number(link, "up_s"), 1e-6 * found->second.first + 1e-6);
  }
  EXPECT_EQ(static_cast<std::size_t>(contact_links), windows.size());
  EXPECT_GT(contact_links, 100);
}

// Both files are written as the run goes, each row as its stretch or window ends: in end order.
// (Those of one end are in a fixed order, by job or by link, but two ends that print alike, to
// the microsecond, may differ in the doubles that order them.)
TEST_F(HybridRun, AllocationsAndLinkWindowsComeInEndOrder) {
  for (const char* file : {"r/allocations.csv", "r/link_windows.csv"}) {
    double previous = 0;
    std::size_t rows = 0;
    for (const CsvRow& row : read_csv(dir_ / file)) {
      EXPECT_LE(previous, number(row, "end")) << file << " row " << rows + 1;
      previous = number(row, "end");
      ++rows;
    }
    EXPECT_GT(rows, 500u) << file;
  }
}

TEST_F(HybridRun, GpuUseHoldsWhatAllocationsHeld) {
  double allocated = 0;  // GPU-seconds
  for (const CsvRow& row : read_csv(dir_ / "r/allocations.csv")) {
    allocated += number(row, "gpus") * (number(row, "end") - number(row, "start"));
  }
  double held = 0;
  double previous_end = 0;
  for (const CsvRow& bucket : read_csv(dir_ / "r/gpu_use.csv")) {
    EXPECT_EQ(number(bucket, "start"), previous_end);
    previous_end = number(bucket, "end");
    EXPECT_LE(number(bucket, "computing_gpus"), number(bucket, "held_gpus"));
    held += number(bucket, "held_gpus") * (number(bucket, "end") - number(bucket, "start"));
  }
  // Means printed to 5e-7 GPUs over ~2,250 buckets of 60 s (3e-5 GPU-s each), the last
  // bucket's end to 5e-4 s (x at most 600 GPUs): under 0.5 GPU-s in all, of 2.8e7.
  EXPECT_NEAR(held, allocated, 0.5);
  EXPECT_GT(allocated, 1e7);
}

}  // namespace
