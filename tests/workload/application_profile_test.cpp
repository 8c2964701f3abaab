// The measured application profiles (sim/workload/application_profile.hpp) against the Pollux
// artifact: tests/workload/data/application_profile_oracle.csv holds what the artifact's own
// applications.py and Job class compute over a grid of placements, batch sizes and epochs of its
// six applications (made by tests/workload/application_profile_oracle.py, which says how); the
// profiles compared are the ones built into Umbra from workloads/profiles/pollux/. Hand-worked
// cases check the formulas from the rows of the shipped tables.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/application_profile_reader.hpp"
#include "sim/workload/pollux_applications.hpp"
#include "sim/workload/profile_progress.hpp"
#include "trace_test_support.hpp"
#include "two_epoch_profile.hpp"

namespace umbra::workload {
namespace {

constexpr double kRelative = 1e-9;  // the artifact's values are double computations too

const ApplicationProfile& pollux(const std::string& name) {
  const ApplicationProfile* profile = find_pollux_application(name);
  if (profile == nullptr) throw std::logic_error("no application " + name);
  return *profile;
}

void expect_close(double expected, double actual, const std::string& what) {
  EXPECT_LE(std::abs(actual - expected), kRelative * std::abs(expected)) << what;
}

struct OracleRow {
  std::string kind, application, placement, batch_size, local_bsz, epoch, value1, value2;
  std::string line;
};

std::vector<OracleRow> oracle_rows(const std::string& kind) {
  std::istringstream in(
      spec::read_input_file(test::repo_path("tests/workload/data/application_profile_oracle.csv")));
  std::vector<OracleRow> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line.starts_with("kind,")) continue;
    std::istringstream cells(line);
    OracleRow row;
    row.line = line;
    for (std::string* cell : {&row.kind, &row.application, &row.placement, &row.batch_size,
                              &row.local_bsz, &row.epoch, &row.value1, &row.value2}) {
      std::getline(cells, *cell, ',');
    }
    if (row.kind == kind) rows.push_back(row);
  }
  return rows;
}

Placement placement_of(const std::string& text) {
  Placement placement;
  std::istringstream in(text);
  for (std::string gpus; std::getline(in, gpus, '-');) placement.push_back(std::stoi(gpus));
  return placement;
}

TEST(ApplicationProfileOracle, StepTimesAreTheArtifactsInterpolation) {
  const std::vector<OracleRow> rows = oracle_rows("step_time");
  ASSERT_GT(rows.size(), 1000u);
  int outside = 0;
  for (const OracleRow& row : rows) {
    const ApplicationProfile& profile = pollux(row.application);
    const Placement placement = placement_of(row.placement);
    const double local_bsz = std::stod(row.local_bsz);
    if (row.value1 == "outside") {
      ++outside;
      EXPECT_THROW(profile.step_time(placement, local_bsz), OutsideProfile) << row.line;
      continue;
    }
    const StepTime time = profile.step_time(placement, local_bsz);
    expect_close(std::stod(row.value1), time.step, row.line);
    expect_close(std::stod(row.value2), time.sync, row.line);
  }
  EXPECT_GT(outside, 0);  // the grid reaches beyond the measurements too
}

TEST(ApplicationProfileOracle, GradientStatisticsInterpolateBetweenValidatedBatchSizes) {
  const std::vector<OracleRow> rows = oracle_rows("grad_stats");
  ASSERT_GT(rows.size(), 100u);
  for (const OracleRow& row : rows) {
    const GradientStatistics stats =
        pollux(row.application)
            .gradient_statistics(std::stod(row.batch_size), std::stoi(row.epoch));
    expect_close(std::stod(row.value1), stats.sqr, row.line);
    expect_close(std::stod(row.value2), stats.var, row.line);
  }
}

TEST(ApplicationProfileOracle, ProgressPerEpochAndEpochOfAProgress) {
  for (const OracleRow& row : oracle_rows("progress")) {
    expect_close(std::stod(row.value1),
                 pollux(row.application).progress_at_epoch(std::stoi(row.epoch)), row.line);
  }
  for (const OracleRow& row : oracle_rows("epoch_at")) {
    EXPECT_EQ(std::stoi(row.value2),
              pollux(row.application).epoch_at_progress(std::stod(row.value1)))
        << row.line;
  }
}

TEST(ApplicationProfileOracle, BatchConfigurationIsUpdateLocalBsz) {
  const std::vector<OracleRow> rows = oracle_rows("batch_config");
  ASSERT_GT(rows.size(), 1000u);
  for (const OracleRow& row : rows) {
    int replicas = 0;
    for (const int gpus : placement_of(row.placement)) replicas += gpus;
    const BatchConfiguration config =
        pollux(row.application).batch_configuration(std::stoi(row.batch_size), replicas);
    EXPECT_EQ(std::stoi(row.value1), config.atomic_bsz) << row.line;
    EXPECT_EQ(std::stoi(row.value2), config.accum_steps) << row.line;
  }
}

TEST(ApplicationProfileOracle, GoodputIsJobStepsProgressPerSecond) {
  const std::vector<OracleRow> rows = oracle_rows("goodput");
  ASSERT_GT(rows.size(), 1000u);
  for (const OracleRow& row : rows) {
    const double goodput =
        pollux(row.application)
            .goodput(placement_of(row.placement), std::stoi(row.batch_size), std::stoi(row.epoch));
    // The artifact's value is a difference of progresses up to ~4e5 over one second: 1e-16 of
    // the progress is the rounding it carries.
    EXPECT_NEAR(std::stod(row.value1), goodput, 1e-9 * std::stod(row.value1) + 1e-10) << row.line;
  }
}

TEST(ApplicationProfileOracle, CompletionTimeOnAFixedPlacementWithinTheArtifactsRounding) {
  const std::vector<OracleRow> rows = oracle_rows("completion");
  ASSERT_GE(rows.size(), 20u);
  for (const OracleRow& row : rows) {
    const ApplicationProfile& profile = pollux(row.application);
    const ProfiledRun run(profile, std::stoi(row.batch_size), placement_of(row.placement));
    // The artifact rounds the time to every epoch's end to whole seconds: each of the max_epochs
    // ends may move by half a second, and so may the completion (profile_progress.hpp).
    EXPECT_NEAR(std::stod(row.value1), run.seconds_to_completion({}),
                0.5 * std::stoi(row.value2) + 0.5)
        << row.line;
  }
}

// cifar10's placements.csv rows "1,32,0.0427886962890625,0.0004995360016822816" and
// "1,45,0.05048525333404541,0.000504022404551506": one GPU at local batch size 40 is 8/13 of the
// way from 32 to 45:
//   step = 0.0427886962890625 + (0.05048525333404541 - 0.0427886962890625) x 8/13
//        = 0.0427886962890625 + 0.00769655704498291 x 8/13 = 0.04752503908597506 s
//   sync = 0.0004995360016822816 + 0.0000044864028692244 x 8/13 = 0.0005022968649864197 s
TEST(ApplicationProfileByHand, InterpolationBetweenTwoMeasuredLocalBatchSizes) {
  const StepTime time = pollux("cifar10").step_time({1}, 40);
  EXPECT_NEAR(time.step, 0.04752503908597506, 1e-15);
  EXPECT_NEAR(time.sync, 0.0005022968649864197, 1e-17);
  // A rotation of a measured placement is the same measurement: {1, 3} is spelt "13".
  EXPECT_EQ(pollux("cifar10").step_time({3, 1}, 64).step,
            pollux("cifar10").step_time({1, 3}, 64).step);
}

// cifar10's validation-2048.csv, first epoch: grad_sqr = 10.73321269096998, grad_var =
// 5.4859538034431825. Its initial batch size is 128 (the smallest validated), so at 2048 the
// scale is 16 and the gain (var + sqr) / (var / 16 + sqr) = 16.21916649441316 /
// 11.076084803685179 = 1.4643411261185726.
// At 2048 on 4 GPUs of one node the local batch is 512 (within max_local_bsz 1024: no
// accumulation), so the goodput is that gain over the measured step time of placement "4" at
// local batch size 512.
TEST(ApplicationProfileByHand, GainOfALargerBatch) {
  const ApplicationProfile& cifar10 = pollux("cifar10");
  const GradientStatistics stats = cifar10.gradient_statistics(2048, 0);
  EXPECT_EQ(stats.sqr, 10.73321269096998);
  EXPECT_EQ(stats.var, 5.4859538034431825);
  EXPECT_EQ(cifar10.init_batch_size(), 128);
  const double gain = 1.4643411261185726;
  EXPECT_NEAR(cifar10.goodput({4}, 2048, 0), gain / cifar10.step_time({4}, 512).step, 1e-12);
  // On 6 replicas, 2048 / 6 rounds up to a local batch of 342: 2052 samples per step.
  const BatchConfiguration six = cifar10.batch_configuration(2048, 6);
  EXPECT_EQ(six.atomic_bsz, 342);
  EXPECT_EQ(six.accum_steps, 0);
  EXPECT_EQ(six.batch_size, 2052);
}

// cifar10 trains 100 epochs (applications.py), so it completes after epoch 99, when its progress
// reaches the least progress any validation run had after its 100th epoch (row 101 of each
// validation-*.csv): 39068.079 (1024), 39063.0 (128), 39070.563 (2048), 39062.90816659533 (256),
// 39084.623 (4096), 39064.772 (512): 39062.90816659533.
TEST(ApplicationProfileByHand, CompletionEpochAndProgress) {
  const ApplicationProfile& cifar10 = pollux("cifar10");
  EXPECT_EQ(cifar10.completion_epoch(), 99);
  EXPECT_EQ(cifar10.completion_progress(), 39062.90816659533);
}

// Batch size 20 on one GPU: beyond the initial 10, so two micro-steps of 10 (update_local_bsz
// accumulates at least once on one replica): a step is 1 s + 1 s of compute = 2 s, scale 2.
// Epoch 0: sqr 1, var 1, gain (1 + 1) / (1/2 + 1) = 4/3, goodput 2/3 per s; it ends at progress
// min(100, 90) = 90 after 135 s. Epoch 1: var 0, gain 1, goodput 1/2; it ends at min(300, 280) =
// 280 after (280 - 90) / (1/2) = 380 s more: complete at 515 s.
TEST(ApplicationProfileByHand, ProgressIsPiecewiseLinearBetweenEpochs) {
  const ApplicationProfile profile = test::two_epoch_profile();
  const ProfiledRun run(profile, 20, {1});
  EXPECT_NEAR(run.goodput(0), 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(run.goodput(1), 0.5, 1e-15);
  EXPECT_NEAR(run.seconds_to_epoch_end({}), 135, 1e-12);
  EXPECT_NEAR(run.seconds_to_completion({}), 515, 1e-12);
  // 200 s: epoch 0 ends at 135 s, then 65 s at 1/2: 90 + 32.5.
  const TrainingState later = run.advance({}, 200);
  EXPECT_EQ(later.epoch, 1);
  EXPECT_NEAR(later.progress, 122.5, 1e-12);
  EXPECT_NEAR(run.seconds_to_epoch_end(later), 315, 1e-12);
  EXPECT_FALSE(run.complete(later));
  const TrainingState done = run.advance(later, 1000);
  EXPECT_TRUE(run.complete(done));
  EXPECT_EQ(done.progress, 280);
  // Outside the measurements: 3 GPUs were never measured and span no volume to interpolate in.
  EXPECT_THROW(profile.step_time({3}, 10), OutsideProfile);
}

}  // namespace
}  // namespace umbra::workload
