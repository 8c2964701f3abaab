// Each trace reader on its excerpt in workloads/traces/ (hand-written in the published layouts,
// except the Pollux file, copied from AdaptDL): the values of the jobs it makes, what it drops,
// and how it reports malformed records.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "sim/core/error.hpp"
#include "sim/workload/application_profile.hpp"
#include "sim/workload/trace_readers.hpp"
#include "sim/workload/workload_format.hpp"
#include "tests/workload/trace_test_support.hpp"

namespace umbra::workload {
namespace {

using test::kH100Peak;
using test::kMfu;
using test::reference_platform;
using test::repo_path;

const Job& job_with_id(const Workload& workload, const std::string& id) {
  for (const Job& job : workload.jobs) {
    if (job.id == id) return job;
  }
  throw std::logic_error("no job " + id);
}

std::string metadata_value(const Workload& workload, const std::string& key) {
  for (const auto& [name, value] : workload.metadata) {
    if (name == key) return value;
  }
  return "(absent)";
}

Workload read(const std::string& relative, ReadOptions options = {}) {
  return read_workload(repo_path(relative), reference_platform(), options);
}

TEST(SwfReader, MapsFieldsOntoJobs) {
  const Workload workload = read("workloads/traces/swf-example.swf");
  EXPECT_EQ(workload.format, "swf");
  ASSERT_EQ(workload.jobs.size(), 7u);
  const Job& first = job_with_id(workload, "1");
  EXPECT_EQ(first.gpus, 8);
  EXPECT_EQ(first.user, "u1");
  EXPECT_DOUBLE_EQ(first.submit_time, 0);
  EXPECT_DOUBLE_EQ(first.work_flops, 3600 * 8 * kH100Peak * kMfu);
  EXPECT_DOUBLE_EQ(first.iterations, 9000);  // 3600 s / BERT-large's 0.4 s (8 GPUs)
  EXPECT_DOUBLE_EQ(first.gradient_bytes, 2 * 340e6);
  EXPECT_DOUBLE_EQ(first.checkpoint_bytes, 14 * 340e6);
  ASSERT_TRUE(first.walltime.has_value());
  EXPECT_DOUBLE_EQ(*first.walltime, 7200);
  EXPECT_FALSE(job_with_id(workload, "3").walltime.has_value());  // requested time -1
  EXPECT_EQ(job_with_id(workload, "7").gpus, 32);  // allocated -1: the requested processors
  EXPECT_DOUBLE_EQ(job_with_id(workload, "8").iterations, 455);  // 45.5 s / ResNet-50's 0.1 s
  EXPECT_DOUBLE_EQ(job_with_id(workload, "10").submit_time, 1800);
  EXPECT_EQ(metadata_value(workload, "MaxProcs"), "128");
  EXPECT_EQ(metadata_value(workload, "UnixStartTime"), "1262304000");
}

TEST(SwfReader, CountsWhatItDrops) {
  const Workload workload = read("workloads/traces/swf-example.swf");
  EXPECT_EQ(workload.counts.records, 10);
  EXPECT_EQ(workload.counts.kept, 7);
  const std::map<std::string, long long> dropped{
      {"cancelled", 1}, {"failed", 1}, {"larger than the largest site", 1}};
  EXPECT_EQ(workload.counts.dropped, dropped);
}

TEST(SwfReader, KeepsFailedJobsOnRequest) {
  ReadOptions options;
  options.trace.keep_failed = true;
  const Workload workload = read("workloads/traces/swf-example.swf", options);
  EXPECT_EQ(workload.counts.kept, 8);  // the failed job 6; the cancelled job 4 ran 0 s
  EXPECT_EQ(workload.counts.dropped.at("no run time"), 1);
  EXPECT_EQ(job_with_id(workload, "6").gpus, 16);
}

TEST(SwfReader, NamesFileLineAndFieldOfABadValue) {
  const std::string text =
      "; MaxProcs: 8\n1 0 0 60 1 -1 -1 1 -1 -1 1 1 1 1 1 1 -1 -1\n"
      "2 0 0 x 1 -1 -1 1 -1 -1 1 1 1 1 1 1 -1 -1\n";
  try {
    read_swf(text, "jobs.swf", reference_platform(), {});
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "jobs.swf:3:7: field 4 (run time): expected a number, got \"x\"");
  }
}

TEST(SwfReader, SkipsBadLinesWithCountedWarnings) {
  std::string text;
  for (int i = 1; i <= 8; ++i) {
    text += i % 2 == 0 ? fmt::format("{} 0 0 60 1 -1 -1 1 -1 -1 1 1 1 1 1 1 -1\n", i)
                       : fmt::format("{} 0 0 60 1 -1 -1 1 -1 -1 1 1 1 1 1 1 -1 -1\n", i);
  }
  TraceOptions options;
  options.skip_bad_lines = true;
  const Workload workload = read_swf(text, "jobs.swf", reference_platform(), options);
  EXPECT_EQ(workload.counts.records, 8);
  EXPECT_EQ(workload.counts.kept, 4);
  EXPECT_EQ(workload.counts.bad_lines, 4);
  ASSERT_EQ(workload.counts.first_bad_lines.size(), 4u);
  EXPECT_EQ(workload.counts.first_bad_lines[0], "jobs.swf:2:1: expected 18 fields, got 17");
}

TEST(SwfReader, ShowsOnlyTheFirstFewBadLines) {
  std::string text;
  for (int i = 1; i <= 20; ++i) text += "not a record\n";
  TraceOptions options;
  options.skip_bad_lines = true;
  const Workload workload = read_swf(text, "jobs.swf", reference_platform(), options);
  EXPECT_EQ(workload.counts.bad_lines, 20);
  EXPECT_EQ(workload.counts.first_bad_lines.size(), ReadCounts::kBadLinesShown);
}

TEST(PhillyReader, SumsAttemptsAndTakesTheLastPlacement) {
  const Workload workload = read("workloads/traces/philly-example.json");
  EXPECT_EQ(workload.format, "philly");
  ASSERT_EQ(workload.jobs.size(), 2u);
  const Job& first = job_with_id(workload, "application_1506638472019_10238");
  EXPECT_EQ(first.gpus, 4);
  EXPECT_EQ(first.user, "9a9b4c");
  EXPECT_DOUBLE_EQ(first.submit_time, 0);
  EXPECT_DOUBLE_EQ(first.work_flops, 3600 * 4 * kH100Peak * kMfu);
  const Job& retried = job_with_id(workload, "application_1506638472019_10240");
  EXPECT_EQ(retried.gpus, 16);                  // 2 machines x 8 GPUs in the last attempt
  EXPECT_DOUBLE_EQ(retried.submit_time, 1118);  // 11:59:30 - 11:40:52
  EXPECT_DOUBLE_EQ(retried.work_flops, (600 + 1800) * 16 * kH100Peak * kMfu);
  EXPECT_DOUBLE_EQ(retried.gradient_bytes, 2 * 1.5e9);  // GPT-2 XL for 9-64 GPUs
  const std::map<std::string, long long> dropped{
      {"failed", 1}, {"killed", 1}, {"still running", 1}};
  EXPECT_EQ(workload.counts.dropped, dropped);
}

TEST(PhillyReader, KeepFailedKeepsKilledJobsThatRan) {
  ReadOptions options;
  options.trace.keep_failed = true;
  const Workload workload = read("workloads/traces/philly-example.json", options);
  EXPECT_EQ(workload.counts.kept, 3);
  EXPECT_EQ(workload.counts.dropped.at("no run time"), 1);  // Failed, never placed
  EXPECT_DOUBLE_EQ(job_with_id(workload, "application_1506638472019_10239").work_flops,
                   300 * 1 * kH100Peak * kMfu);
}

TEST(PhillyReader, PointsAtABadTime) {
  const std::string text = R"([{"status": "Pass", "jobid": "a", "user": "u", "attempts": [],
  "submitted_time": "2017-13-03 11:40:52"}])";
  try {
    read_philly(text, "log.json", reference_platform(), {});
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "log.json:2:21: key \"submitted_time\": expected a date and time "
                 "\"YYYY-MM-DD HH:MM:SS\", got \"2017-13-03 11:40:52\"");
  }
}

TEST(HeliosReader, MapsColumnsOntoJobs) {
  const Workload workload = read("workloads/traces/helios-example.csv");
  EXPECT_EQ(workload.format, "helios");
  ASSERT_EQ(workload.jobs.size(), 3u);
  EXPECT_EQ(workload.jobs[0].id, "1001");
  EXPECT_DOUBLE_EQ(workload.jobs[0].work_flops, 7200 * 8 * kH100Peak * kMfu);
  EXPECT_EQ(workload.jobs[1].id, "1004");
  EXPECT_EQ(workload.jobs[1].gpus, 16);
  EXPECT_DOUBLE_EQ(workload.jobs[1].submit_time, 290);  // 00:05:00 - 00:00:10
  EXPECT_DOUBLE_EQ(workload.jobs[2].submit_time, 530);
  const std::map<std::string, long long> dropped{{"cancelled", 1}, {"failed", 2}, {"no GPUs", 1}};
  EXPECT_EQ(workload.counts.dropped, dropped);
}

TEST(HeliosReader, NamesTheColumnOfABadCell) {
  const std::string text =
      "job_id,user,vc,gpu_num,cpu_num,node_num,state,submit_time,start_time,end_time,duration,"
      "queue\n1,u1,vc1,four,8,1,COMPLETED,2020-04-01 00:00:00,,,60,0\n";
  try {
    read_helios(text, "cluster_log.csv", reference_platform(), {});
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "cluster_log.csv:2:10: column \"gpu_num\": expected an integer, got \"four\"");
  }
}

TEST(AlibabaPaiReader, JoinsJobsAndTasks) {
  const Workload workload = read("workloads/traces/alibaba-pai");
  EXPECT_EQ(workload.format, "alibaba-pai");
  ASSERT_EQ(workload.jobs.size(), 2u);
  const Job& first = workload.jobs[0];
  EXPECT_EQ(first.id, "7ce35c9f0c1e2f");
  EXPECT_EQ(first.gpus, 4);  // 4 workers x 100 % + a parameter server without GPU
  EXPECT_DOUBLE_EQ(first.work_flops, (4600 - 1005) * 4 * kH100Peak * kMfu);
  const Job& half = workload.jobs[1];
  EXPECT_EQ(half.gpus, 1);  // 50 % of a GPU, rounded up
  EXPECT_DOUBLE_EQ(half.submit_time, 500);
  EXPECT_DOUBLE_EQ(half.work_flops, 500 * 1 * kH100Peak * kMfu);
  const std::map<std::string, long long> dropped{{"failed", 1}, {"no GPUs", 1}, {"unfinished", 1}};
  EXPECT_EQ(workload.counts.dropped, dropped);
}

TEST(AlibabaPaiReader, ReadsTablesWithAHeaderLineToo) {
  const auto with_header = [](const std::string& header, const std::string& relative) {
    std::ifstream in(repo_path(relative));
    return header + "\n" + std::string(std::istreambuf_iterator<char>(in), {});
  };
  const Workload workload = read_alibaba_pai_tables(
      {with_header("job_name,inst_id,user,status,start_time,end_time",
                   "workloads/traces/alibaba-pai/pai_job_table.csv"),
       "pai_job_table.csv"},
      {with_header("job_name,task_name,inst_num,status,start_time,end_time,plan_cpu,plan_mem,"
                   "plan_gpu,gpu_type",
                   "workloads/traces/alibaba-pai/pai_task_table.csv"),
       "pai_task_table.csv"},
      reference_platform(), {});
  ASSERT_EQ(workload.jobs.size(), 2u);
  EXPECT_EQ(workload.jobs[0].gpus, 4);
}

TEST(AlibabaPaiReader, NamesTheTaskTableLineOfABadPlan) {
  try {
    read_alibaba_pai_tables(
        {"j1,i1,u1,Terminated,0,100\n", "pai_job_table.csv"},
        {"j1,worker,1,Terminated,10,100,600,29,lots,V100\n", "pai_task_table.csv"},
        reference_platform(), {});
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "pai_task_table.csv:1:38: column \"plan_gpu\": expected a number, got \"lots\"");
  }
}

// 1e200 instances x 1e200 % of a GPU is no GPU count an int holds: more than any site has.
// Two such tasks of opposite signs sum to no number at all (inf - inf): no GPUs.
TEST(AlibabaPaiReader, DropsAJobAskingMoreGpusThanAnIntHoldsAsLargerThanAnySite) {
  const Workload workload = read_alibaba_pai_tables(
      {"j1,i1,u1,Terminated,0,100\nj2,i2,u1,Terminated,0,100\n", "pai_job_table.csv"},
      {"j1,worker,1e200,Terminated,10,100,600,29,1e200,V100\n"
       "j2,worker,1e200,Terminated,10,100,600,29,1e200,V100\n"
       "j2,worker,-1e200,Terminated,10,100,600,29,1e200,V100\n",
       "pai_task_table.csv"},
      reference_platform(), {});
  EXPECT_TRUE(workload.jobs.empty());
  const std::map<std::string, long long> dropped{{"larger than the largest site", 1},
                                                 {"no GPUs", 1}};
  EXPECT_EQ(workload.counts.dropped, dropped);
}

// The artifact runs imagenet-18 (24 replicas, batch size 3200) alone on 6 full 4-GPU nodes in
// 31,805 s (tests/workload/data/application_profile_oracle.csv, row "completion,imagenet,
// 4-4-4-4-4-4,3200"), to whole seconds at each of its 90 epochs' ends: the job's FLOP work is
// that run time on its 24 reference GPUs (H100, 989 TFLOP/s, at MFU 0.4).
TEST(PolluxReader, KeepsTheApplicationProfileAndItsBatchSize) {
  const Workload workload = read("workloads/traces/pollux/workload-6.csv");
  EXPECT_EQ(workload.format, "pollux");
  EXPECT_EQ(workload.counts.records, 160);
  EXPECT_EQ(workload.counts.kept, 160);
  const Job& imagenet = job_with_id(workload, "imagenet-18");
  EXPECT_EQ(imagenet.gpus, 24);
  // As recorded, not shifted to its first job's 53 s: the artifact's clock starts at 0.
  EXPECT_DOUBLE_EQ(imagenet.submit_time, 3472);
  ASSERT_TRUE(imagenet.profiled.has_value());
  EXPECT_EQ(imagenet.profiled->profile->name(), "imagenet");
  EXPECT_EQ(imagenet.profiled->batch_size, 3200);
  const double run_time = imagenet.work_flops / (24 * kH100Peak * kMfu);
  EXPECT_NEAR(run_time, 31805, 90 * 0.5);
  EXPECT_DOUBLE_EQ(imagenet.gradient_bytes, 2 * 25.6e6);  // ResNet-50's gradient
  // A small application keeps its own profile too (the ResNet-50 model stands in for its sizes
  // only): ncf-6 trains at 32768 on one GPU in 47 s by the artifact ("completion,ncf,1,32768").
  const Job& ncf = job_with_id(workload, "ncf-6");
  ASSERT_TRUE(ncf.profiled.has_value());
  EXPECT_EQ(ncf.profiled->profile->name(), "ncf");
  EXPECT_EQ(ncf.profiled->batch_size, 32768);
  EXPECT_NEAR(ncf.work_flops / (kH100Peak * kMfu), 47, 10 * 0.5);
}

TEST(ReferenceGpu, UnknownNameIsRefusedWithTheKnownOnes) {
  ReadOptions options;
  options.trace.reference_gpu = "H10";
  try {
    read("workloads/traces/helios-example.csv", options);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "unknown reference GPU \"H10\" (--reference-gpu) (did you mean \"H100\"?)");
  }
}

}  // namespace
}  // namespace umbra::workload
