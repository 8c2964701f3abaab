// Jobs giving their work as iterations and a throughput per GPU model, or naming a job type of
// Gavel's throughput matrix, in the native YAML and CSV workloads (sim/workload/job_fields.cpp).
// The platform: GPU models v100, k80 and p100; a cluster "fast" of 4 v100 GPUs and one "slow"
// of 8 k80 GPUs (no cluster of p100).
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "sim/spec/platform_reader.hpp"
#include "sim/workload/measured_throughput.hpp"
#include "sim/workload/native_reader.hpp"

namespace umbra::workload {
namespace {

spec::PlatformSpec two_model_platform() {
  return spec::read_platform_text(R"(
gpu_models:
  - {name: v100, peak: 125 TFLOPS, idle_power: 50 W, busy_power: 300 W}
  - {name: k80, peak: 8 TFLOPS, idle_power: 30 W, busy_power: 150 W}
  - {name: p100, peak: 20 TFLOPS, idle_power: 30 W, busy_power: 250 W}
sites:
  - name: fast
    location: {latitude: 0, longitude: 0}
    nodes: 1
    gpus_per_node: 4
    gpu_model: v100
    network: {bandwidth: 10 GB/s, latency: 0 s}
    storage: {bandwidth: 1 GB/s}
  - name: slow
    location: {latitude: 0, longitude: 1}
    nodes: 2
    gpus_per_node: 4
    gpu_model: k80
    network: {bandwidth: 10 GB/s, latency: 0 s}
    storage: {bandwidth: 1 GB/s}
wan:
  - {between: [fast, slow], bandwidth: 10 GB/s, latency: 0 s}
)",
                                  "two-models.yaml");
}

Job read_one(const std::string& text, const std::string& name) {
  const Workload workload = read_workload_text(text, name, two_model_platform());
  EXPECT_EQ(workload.jobs.size(), 1u);
  return workload.jobs.at(0);
}

// The message of the error reading `yaml_jobs`, a job list.
std::string error_of(const std::string& yaml_jobs) {
  try {
    read_workload_text("jobs:\n" + yaml_jobs, "jobs.yaml", two_model_platform());
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// Its FLOP equivalent: its run on its reference GPU, by default the platform's first model it
// has a throughput for (v100): 1,000 iterations at 10 it/s on 4 GPUs of 125 TFLOPS at mfu 0.4.
TEST(MeasuredThroughputFields, YamlAndCsvGiveIterationsAndAThroughputPerGpuModel) {
  const std::string yaml = R"(jobs:
  - {id: j, submit: 0 s, gpus: 4, iterations: 1000, throughput: {k80: 2, v100: 10}}
)";
  const std::string csv =
      "id,submit,gpus,iterations,throughput_k80,throughput_v100\nj,0,4,1000,2,10\n";
  for (const auto& [text, name] : {std::pair{yaml, "jobs.yaml"}, std::pair{csv, "jobs.csv"}}) {
    const Job job = read_one(text, name);
    ASSERT_TRUE(job.measured.has_value()) << name;
    EXPECT_EQ(speed_model(job), SpeedModel::kMeasuredThroughput) << name;
    ASSERT_EQ(job.measured->per_model.size(), 2u) << name;
    EXPECT_EQ(job.measured->per_model[0].gpu_model, "v100") << name;  // the platform's order
    EXPECT_EQ(job.measured->per_model[0].iterations_per_second, 10) << name;
    EXPECT_EQ(job.measured->per_model[1].gpu_model, "k80") << name;
    EXPECT_EQ(job.measured->per_model[1].iterations_per_second, 2) << name;
    EXPECT_EQ(job.iterations, 1000) << name;
    EXPECT_DOUBLE_EQ(job.work_flops, 1000.0 / 10 * 4 * 125e12 * 0.4) << name;
  }
}

TEST(MeasuredThroughputFields, TheReferenceGpuSetsTheFlopEquivalent) {
  const Job job = read_one(R"(jobs:
  - {id: j, submit: 0 s, gpus: 4, iterations: 1000, throughput: {v100: 10, k80: 2},
     reference_gpu: k80, mfu: 0.5}
)",
                           "jobs.yaml");
  EXPECT_DOUBLE_EQ(job.work_flops, 1000.0 / 2 * 4 * 8e12 * 0.5);
  EXPECT_EQ(error_of("  - {id: j, submit: 0 s, gpus: 4, iterations: 1000, throughput: {v100: 10, "
                     "k80: 2}, reference_gpu: p100}\n"),
            "jobs.yaml:2:100: job \"j\" has no throughput on its reference GPU \"p100\": expected "
            "one of v100, k80");
}

// Only "slow" holds 8 GPUs, so a job of 8 needs no v100 throughput; one of 4 may go to either.
TEST(MeasuredThroughputFields, AJobNeedsAThroughputOnEveryModelThatCanHoldIt) {
  const Job large = read_one(R"(jobs:
  - {id: j, submit: 0 s, gpus: 8, iterations: 1000, throughput: {k80: 2}}
)",
                             "jobs.yaml");
  EXPECT_EQ(large.measured->per_model.size(), 1u);
  EXPECT_EQ(
      error_of("  - {id: j, submit: 0 s, gpus: 4, iterations: 1000, throughput: {k80: 2}}\n"),
      "jobs.yaml:2:71: job \"j\" has no throughput on GPU model \"v100\" of cluster \"fast\", "
      "which can hold it: expected one for each GPU model it may run on (it gives k80)");
}

// The throughputs under `defaults` are a work form: a job's own form, throughputs or another,
// replaces them whole.
TEST(MeasuredThroughputFields, DefaultThroughputsYieldToTheJobsOwnWork) {
  const Workload workload = read_workload_text(R"(defaults:
  iterations: 1000
  throughput: {v100: 10, k80: 2}
jobs:
  - {id: from-defaults, submit: 0 s, gpus: 4}
  - {id: own-throughput, submit: 0 s, gpus: 8, throughput: {k80: 3}}
  - {id: own-work, submit: 0 s, gpus: 4, work: 1e18 FLOP}
)",
                                               "jobs.yaml", two_model_platform());
  ASSERT_EQ(workload.jobs.size(), 3u);
  EXPECT_EQ(workload.jobs[0].measured->per_model.size(), 2u);
  ASSERT_EQ(workload.jobs[1].measured->per_model.size(), 1u);
  EXPECT_EQ(throughput_on(*workload.jobs[1].measured, "k80"), 3);
  EXPECT_FALSE(workload.jobs[2].measured.has_value());
  EXPECT_EQ(speed_model(workload.jobs[2]), SpeedModel::kFlops);
}

// Gavel's ResNet-50 at batch size 64 on 4 GPUs (workloads/profiles/gavel/, read by hand from
// Gavel's simulation_throughputs.json): on each of the platform's models Gavel measured.
TEST(MeasuredThroughputFields, AJobTypeTakesGavelsThroughputsOnItsGpus) {
  const std::string yaml = R"(jobs:
  - {id: j, submit: 0 s, gpus: 4, iterations: 2000, job_type: ResNet-50 (batch size 64)}
)";
  const std::string csv =
      "id,submit,gpus,iterations,job_type\nj,0,4,2000,ResNet-50 (batch size 64)\n";
  for (const auto& [text, name] : {std::pair{yaml, "jobs.yaml"}, std::pair{csv, "jobs.csv"}}) {
    const Job job = read_one(text, name);
    ASSERT_TRUE(job.measured.has_value()) << name;
    EXPECT_EQ(job.measured->job_type, "ResNet-50 (batch size 64)") << name;
    ASSERT_EQ(job.measured->per_model.size(), 3u) << name;
    EXPECT_EQ(throughput_on(*job.measured, "v100"), 9.451949566394442) << name;
    EXPECT_EQ(throughput_on(*job.measured, "k80"), 2.4122290974193286) << name;
    EXPECT_EQ(throughput_on(*job.measured, "p100"), 10.36465731519379) << name;
  }
}

// Gavel gives 0 for ResNet-50 at batch size 128 on 8 k80 GPUs, and "slow" can hold the job.
TEST(MeasuredThroughputFields, AJobTypeGavelDidNotRunOnAClustersModelIsRefused) {
  EXPECT_EQ(error_of("  - {id: j, submit: 0 s, gpus: 8, iterations: 10, job_type: ResNet-50 (batch "
                     "size 128)}\n"),
            "jobs.yaml:2:61: job \"j\" has no throughput on GPU model \"k80\" of cluster \"slow\", "
            "which can hold it: expected one for each GPU model it may run on (Gavel measured job "
            "type \"ResNet-50 (batch size 128)\" on 8 GPUs of p100, v100)");
}

}  // namespace
}  // namespace umbra::workload
