#include "sim/workload/native_reader.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/spec/platform_reader.hpp"

namespace umbra::workload {
namespace {

spec::PlatformSpec small_platform() {
  return spec::read_platform_text(R"(
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
sites:
  - name: iowa
    location: {latitude: 41.26, longitude: -95.86}
    nodes: 16
    gpus_per_node: 8
    gpu_model: H100
    network: {bandwidth: 400 Gbps, latency: 5 us}
    storage: {bandwidth: 200 Gbps}
)",
                                  "small.yaml");
}

// The same four jobs in both formats: they must read the same.
constexpr const char* kYamlJobs = R"(defaults:
  mfu: 0.5
  comm_overlap: 0.25
jobs:
  - id: llm-7b
    submit: 10 min
    user: alice
    gpus: 64
    work: 4.2e22 FLOP
    iterations: 50000
    gradient: 14 GB
    checkpoint: {size: 98 GB, interval: 1 h}
    priority: 2
    walltime: 8 h
  - id: per-iteration
    submit: 2 min
    gpus: 8
    iterations: 50000
    flops_per_iteration: 8.4e17 FLOP
    mfu: 40 %
  - id: by-duration
    submit: 10 min
    gpus: 64
    duration: 6 h
    reference_gpu: H100
    comm_overlap: 1
  - id: first
    submit: 0
    gpus: 1
    work: 1 EFLOP
)";

constexpr const char* kCsvJobs =
    "# same jobs as the YAML form; mfu and comm_overlap written out\n"
    "id,submit,user,gpus,work,iterations,flops_per_iteration,duration,reference_gpu,gradient,"
    "comm_overlap,mfu,checkpoint_size,checkpoint_interval,priority,walltime\n"
    "llm-7b,10 min,alice,64,4.2e22 FLOP,50000,,,,14 GB,0.25,0.5,98 GB,1 h,2,8 h\n"
    "per-iteration,2 min,,8,,50000,8.4e17 FLOP,,,,0.25,40 %,,,,\n"
    "\n"
    "by-duration,10 min,,64,,,,6 h,H100,,1,0.5,,,,\n"
    "first, 0 ,,1,1 EFLOP,,,,,,0.25,0.5,,,,\r\n";

void expect_the_four_jobs(const Workload& workload) {
  ASSERT_EQ(workload.jobs.size(), 4u);
  // Sorted by submit time; llm-7b and by-duration tie at 10 min and keep file order.
  EXPECT_EQ(workload.jobs[0].id, "first");
  EXPECT_EQ(workload.jobs[1].id, "per-iteration");
  EXPECT_EQ(workload.jobs[2].id, "llm-7b");
  EXPECT_EQ(workload.jobs[3].id, "by-duration");

  const Job& llm = workload.jobs[2];
  EXPECT_DOUBLE_EQ(llm.submit_time, 600);
  EXPECT_EQ(llm.user, "alice");
  EXPECT_EQ(llm.gpus, 64);
  EXPECT_DOUBLE_EQ(llm.work_flops, 4.2e22);
  EXPECT_DOUBLE_EQ(llm.iterations, 50000);
  EXPECT_DOUBLE_EQ(llm.gradient_bytes, 14e9);
  EXPECT_DOUBLE_EQ(llm.comm_overlap, 0.25);
  EXPECT_DOUBLE_EQ(llm.mfu, 0.5);
  EXPECT_DOUBLE_EQ(llm.checkpoint_bytes, 98e9);
  EXPECT_DOUBLE_EQ(llm.checkpoint_interval, 3600);
  EXPECT_EQ(llm.priority, 2);
  ASSERT_TRUE(llm.walltime.has_value());
  EXPECT_DOUBLE_EQ(*llm.walltime, 28800);

  const Job& per_iteration = workload.jobs[1];
  EXPECT_DOUBLE_EQ(per_iteration.work_flops, 50000 * 8.4e17);
  EXPECT_DOUBLE_EQ(per_iteration.mfu, 0.4);
  EXPECT_EQ(per_iteration.user, "-");
  EXPECT_DOUBLE_EQ(per_iteration.checkpoint_interval, 0);
  EXPECT_FALSE(per_iteration.walltime.has_value());

  const Job& by_duration = workload.jobs[3];
  // 6 h x 64 GPUs x 989 TFLOP/s x mfu 0.5
  EXPECT_DOUBLE_EQ(by_duration.work_flops, 21600.0 * 64 * 989e12 * 0.5);
  EXPECT_DOUBLE_EQ(by_duration.iterations, 1);
  EXPECT_DOUBLE_EQ(by_duration.comm_overlap, 1);

  EXPECT_DOUBLE_EQ(workload.jobs[0].work_flops, 1e18);
  EXPECT_DOUBLE_EQ(workload.jobs[0].submit_time, 0);
}

TEST(NativeWorkload, YamlConvertsUnitsAndAppliesDefaults) {
  const Workload workload = read_workload_text(kYamlJobs, "jobs.yaml", small_platform());
  EXPECT_EQ(workload.file, "jobs.yaml");
  expect_the_four_jobs(workload);
  EXPECT_EQ(workload.jobs[2].where.line, 5);  // llm-7b's mapping
  EXPECT_EQ(workload.jobs[2].where.column, 5);
}

TEST(NativeWorkload, CsvReadsTheSameJobsAsYaml) {
  const Workload workload = read_workload_text(kCsvJobs, "jobs.csv", small_platform());
  expect_the_four_jobs(workload);
  EXPECT_EQ(workload.jobs[2].where.line, 3);
  EXPECT_EQ(workload.jobs[3].where.line, 6);  // after a blank line
}

TEST(NativeWorkload, QuantitiesWithTheirUnitsGiveNoWarning) {
  // Zeros, ratios and counts need no unit; every other quantity of the four jobs has one.
  EXPECT_TRUE(read_workload_text(kYamlJobs, "jobs.yaml", small_platform()).warnings.empty());
  EXPECT_TRUE(read_workload_text(kCsvJobs, "jobs.csv", small_platform()).warnings.empty());
}

// A million-job file of bare walltimes says so once, with the count, not once per job.
TEST(NativeWorkload, BareQuantitiesAreWarnedOncePerFieldWithTheirCount) {
  std::string csv = "id,submit,gpus,work,walltime,mfu\n";
  for (int i = 0; i < 1000; ++i) csv += fmt::format("j{},{} s,8,1 EFLOP,3600,0.4\n", i, i);
  const Workload workload = read_workload_text(csv, "many.csv", small_platform());
  ASSERT_EQ(workload.jobs.size(), 1000u);
  ASSERT_TRUE(workload.jobs[0].walltime.has_value());
  EXPECT_DOUBLE_EQ(*workload.jobs[0].walltime, 3600);
  // "j0,0 s,8,1 EFLOP," is 17 characters: walltime starts at column 18 of line 2.
  EXPECT_EQ(workload.warnings,
            std::vector<std::string>{
                "many.csv:2:18: walltime 3600 read as 3600 s (no unit), and in 999 more jobs"});
}

// A bare default is written once and counted once; the YAML form names the field as written.
TEST(NativeWorkload, BareYamlDefaultsCountOnceAndFieldsKeepTheirYamlNames) {
  const Workload workload = read_workload_text(R"(defaults:
  walltime: 7200
jobs:
  - {id: a, submit: 0, gpus: 8, work: 1 EFLOP, checkpoint: {size: 5e9, interval: 1 h}}
  - {id: b, submit: 60, gpus: 8, work: 1 EFLOP}
  - {id: c, submit: 2 min, gpus: 8, work: 1 EFLOP}
)",
                                               "bare.yaml", small_platform());
  ASSERT_EQ(workload.jobs.size(), 3u);
  EXPECT_DOUBLE_EQ(workload.jobs[1].submit_time, 60);
  EXPECT_DOUBLE_EQ(workload.jobs[0].checkpoint_bytes, 5e9);
  EXPECT_EQ(workload.warnings,
            (std::vector<std::string>{"bare.yaml:2:13: walltime 7200 read as 7200 s (no unit)",
                                      "bare.yaml:4:67: checkpoint.size 5e9 read as 5e9 B (no unit)",
                                      "bare.yaml:5:21: submit 60 read as 60 s (no unit)"}));
}

TEST(NativeWorkload, ColumnsMayComeInAnyOrderAndCellsMayBeQuoted) {
  const Workload workload = read_workload_text(
      "work,gpus,user,submit,id\n1e20,8,\"smith, j.\",1 h,\"a\"\"b\"\n", "q.csv", small_platform());
  ASSERT_EQ(workload.jobs.size(), 1u);
  EXPECT_EQ(workload.jobs[0].id, "a\"b");
  EXPECT_EQ(workload.jobs[0].user, "smith, j.");
  EXPECT_DOUBLE_EQ(workload.jobs[0].submit_time, 3600);
  EXPECT_DOUBLE_EQ(workload.jobs[0].work_flops, 1e20);
}

TEST(NativeWorkload, DefaultWorkFormYieldsToTheJobsOwn) {
  const Workload workload = read_workload_text(R"(defaults:
  duration: 1 h
  reference_gpu: H100
jobs:
  - {id: own-work, submit: 0, gpus: 2, work: 5e20}
  - {id: default-work, submit: 0, gpus: 2}
)",
                                               "d.yaml", small_platform());
  ASSERT_EQ(workload.jobs.size(), 2u);
  EXPECT_DOUBLE_EQ(workload.jobs[0].work_flops, 5e20);
  EXPECT_DOUBLE_EQ(workload.jobs[1].work_flops, 3600.0 * 2 * 989e12 * 0.4);
}

TEST(NativeWorkload, CsvCellErrorsNameTheLineColumnAndField) {
  try {
    read_workload_text("id,submit,gpus,work\nj1,10 min,8,1e20\nj2,  soon,8,1e20\n", "e.csv",
                       small_platform());
    FAIL() << "a bad submit time was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 6);
    EXPECT_NE(e.message().find("\"submit\" in job \"j2\""), std::string::npos) << e.what();
  }
}

TEST(NativeWorkload, FileFormatFollowsTheExtension) {
  const std::filesystem::path dir = std::filesystem::path(UMBRA_BINARY_DIR) / "test_spec_files";
  std::filesystem::create_directories(dir);
  const std::filesystem::path yml = dir / "jobs.yml";
  std::ofstream(yml) << kYamlJobs;
  EXPECT_EQ(read_workload_file(yml.string(), small_platform()).jobs.size(), 4u);
  const std::filesystem::path csv = dir / "jobs.csv";
  std::ofstream(csv) << kCsvJobs;
  EXPECT_EQ(read_workload_file(csv.string(), small_platform()).jobs.size(), 4u);
  // The extension is refused before the file is opened, so this one need not exist.
  try {
    read_workload_file((dir / "jobs.swf").string(), small_platform());
    FAIL() << "an .swf file was read as a native workload";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(".yaml, .yml or .csv"), std::string::npos) << e.what();
  }
}

// Two ground sites (16 x 8 and 4 x 8 GPUs) and a shell of 6 x 4 satellites with 8 GPUs each.
spec::PlatformSpec hybrid_platform() {
  return spec::read_platform_text(R"(
epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
sites:
  - name: iowa
    location: {latitude: 41.26, longitude: -95.86}
    nodes: 16
    gpus_per_node: 8
    gpu_model: H100
    network: {bandwidth: 400 Gbps, latency: 5 us}
    storage: {bandwidth: 200 Gbps}
  - name: oregon
    location: {latitude: 45.6, longitude: -121.2}
    nodes: 4
    gpus_per_node: 8
    gpu_model: H100
    network: {bandwidth: 400 Gbps, latency: 5 us}
    storage: {bandwidth: 200 Gbps}
shells:
  - {name: leo, altitude: 550 km, inclination: 53, planes: 6, satellites_per_plane: 4,
     payload: {gpu_model: H100, gpus: 8}}
wan:
  - {between: [iowa, oregon], bandwidth: 100 Gbps}
)",
                                  "hybrid.yaml");
}

// Satellites only: no ground site to hold a data set.
spec::PlatformSpec orbital_platform() {
  return spec::read_platform_text(R"(
epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
shells:
  - {name: leo, altitude: 550 km, inclination: 53, planes: 6, satellites_per_plane: 4,
     payload: {gpu_model: H100, gpus: 8}}
)",
                                  "orbital.yaml");
}

TEST(NativeWorkload, YamlReadsDatasetsWithTheFirstSiteByDefault) {
  const Workload workload = read_workload_text(R"(jobs:
  - {id: none, submit: 0, gpus: 8, work: 1e20}
  - {id: first-site, submit: 1, gpus: 8, work: 1e20, dataset: 2 TB}
  - {id: named-site, submit: 2, gpus: 8, work: 1e20, dataset: 500 GiB, dataset_site: oregon}
)",
                                               "d.yaml", hybrid_platform());
  ASSERT_EQ(workload.jobs.size(), 3u);
  EXPECT_DOUBLE_EQ(workload.jobs[0].dataset_bytes, 0);
  EXPECT_EQ(workload.jobs[0].dataset_site, "");
  EXPECT_DOUBLE_EQ(workload.jobs[1].dataset_bytes, 2e12);
  EXPECT_EQ(workload.jobs[1].dataset_site, "iowa");
  EXPECT_DOUBLE_EQ(workload.jobs[2].dataset_bytes, 500.0 * 1024 * 1024 * 1024);
  EXPECT_EQ(workload.jobs[2].dataset_site, "oregon");
}

TEST(NativeWorkload, CsvReadsDatasets) {
  const Workload workload = read_workload_text(
      "id,submit,gpus,work,dataset,dataset_site\n"
      "none,0,8,1e20,,\n"
      "first-site,1,8,1e20,2 TB,\n"
      "named-site,2,8,1e20,16 Tb,oregon\n",
      "d.csv", hybrid_platform());
  ASSERT_EQ(workload.jobs.size(), 3u);
  EXPECT_DOUBLE_EQ(workload.jobs[0].dataset_bytes, 0);
  EXPECT_DOUBLE_EQ(workload.jobs[1].dataset_bytes, 2e12);
  EXPECT_EQ(workload.jobs[1].dataset_site, "iowa");
  EXPECT_DOUBLE_EQ(workload.jobs[2].dataset_bytes, 2e12);  // 16 terabits
  EXPECT_EQ(workload.jobs[2].dataset_site, "oregon");
}

TEST(NativeWorkload, DatasetDefaultsApplyAndADefaultSiteAloneIsIgnored) {
  const Workload workload = read_workload_text(R"(defaults:
  dataset_site: oregon
jobs:
  - {id: with-data, submit: 0, gpus: 8, work: 1e20, dataset: 1 TB}
  - {id: own-site, submit: 1, gpus: 8, work: 1e20, dataset: 1 TB, dataset_site: iowa}
  - {id: without-data, submit: 2, gpus: 8, work: 1e20}
)",
                                               "d.yaml", hybrid_platform());
  ASSERT_EQ(workload.jobs.size(), 3u);
  EXPECT_EQ(workload.jobs[0].dataset_site, "oregon");
  EXPECT_EQ(workload.jobs[1].dataset_site, "iowa");
  EXPECT_DOUBLE_EQ(workload.jobs[2].dataset_bytes, 0);
  EXPECT_EQ(workload.jobs[2].dataset_site, "");
}

TEST(NativeWorkload, ADatasetNeedsAGroundSite) {
  try {
    read_workload_text("jobs:\n  - {id: j, submit: 0, gpus: 8, work: 1e20, dataset: 2 TB}\n",
                       "d.yaml", orbital_platform());
    FAIL() << "a data set was accepted on a platform without ground sites";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "d.yaml:2:54: job \"j\" has a data set but the platform has no ground site to hold "
              "it");
  }
  // Without a data set the same platform takes the job.
  EXPECT_EQ(read_workload_text("jobs:\n  - {id: j, submit: 0, gpus: 8, work: 1e20}\n", "d.yaml",
                               orbital_platform())
                .jobs.size(),
            1u);
}

TEST(NativeWorkload, JobsMayAskForTheGpusOfTheLargestCluster) {
  // 192 GPUs: more than either site (128, 32), as many as the shell (6 x 4 x 8).
  const Workload workload =
      read_workload_text("id,submit,gpus,work\nwide,0,192,1e20\n", "w.csv", hybrid_platform());
  ASSERT_EQ(workload.jobs.size(), 1u);
  EXPECT_EQ(workload.jobs[0].gpus, 192);
  try {
    read_workload_text("id,submit,gpus,work\ntoo-wide,0,193,1e20\n", "w.csv", hybrid_platform());
    FAIL() << "193 GPUs were accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "w.csv:2:12: job \"too-wide\" asks for 193 GPUs but the largest cluster, \"leo\", "
              "has 192");
  }
}

TEST(NativeWorkload, APlatformWithoutGpusTakesNoJob) {
  const spec::PlatformSpec relays = spec::read_platform_text(R"(
epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
satellites:
  - {name: relay, altitude: 600 km, inclination: 53}
)",
                                                             "relays.yaml");
  try {
    read_workload_text("id,submit,gpus,work\nj,0,1,1e20\n", "w.csv", relays);
    FAIL() << "a job was accepted on a platform without GPUs";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "w.csv:2:5: job \"j\" asks for 1 GPUs but the platform has none");
  }
}

}  // namespace
}  // namespace umbra::workload

namespace umbra::workload {
namespace {

// A job naming a measured application profile instead of its FLOPs: cifar10 at batch size 2048
// on 8 GPUs. The Pollux artifact trains it alone on two full 4-GPU nodes in 865 s
// (tests/workload/data/application_profile_oracle.csv, "completion,cifar10,4-4,2048"), to whole
// seconds at each of its 100 epochs' ends; its FLOP work is that run time on 8 H100s at the MFU.
TEST(NativeWorkload, AJobMayNameAnApplicationProfileAndItsBatchSize) {
  const std::string yaml = R"(jobs:
  - id: cifar
    submit: 0
    gpus: 8
    application: cifar10
    batch_size: 2048
    mfu: 0.5
)";
  const std::string csv = "id,submit,gpus,application,batch_size,mfu\ncifar,0,8,cifar10,2048,0.5\n";
  for (const auto& [text, name] : {std::pair{yaml, "jobs.yaml"}, std::pair{csv, "jobs.csv"}}) {
    const Workload workload = read_workload_text(text, name, small_platform());
    ASSERT_EQ(workload.jobs.size(), 1u) << name;
    const Job& job = workload.jobs.front();
    ASSERT_TRUE(job.profiled.has_value()) << name;
    EXPECT_EQ(job.profiled->batch_size, 2048) << name;
    EXPECT_NEAR(job.work_flops / (8 * 989e12 * 0.5), 865, 100 * 0.5) << name;
    EXPECT_GT(job.iterations, 1) << name;
  }
}

}  // namespace
}  // namespace umbra::workload
