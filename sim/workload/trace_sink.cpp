#include "sim/workload/trace_sink.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/profile_estimate.hpp"

namespace umbra::workload {
namespace {

constexpr double kCheckpointInterval = 3600;  // s of progress between checkpoints

}  // namespace

const spec::GpuModelSpec& find_reference_gpu(const spec::PlatformSpec& platform,
                                             const std::string& name) {
  if (platform.gpu_models.empty()) {
    throw InputError(SourcePosition{platform.file, 0, 0},
                     "the platform defines no GPU model to take as the reference GPU");
  }
  if (name.empty()) return platform.gpu_models.front();
  std::vector<std::string> known;
  for (const spec::GpuModelSpec& model : platform.gpu_models) {
    if (model.name == name) return model;
    known.push_back(model.name);
  }
  throw InputError(fmt::format("unknown reference GPU \"{}\" (--reference-gpu){}", name,
                               spec::name_suggestion(name, known)));
}

TraceSink::TraceSink(const std::string& file, std::string format,
                     const spec::PlatformSpec& platform, const TraceOptions& options,
                     TimeOrigin origin)
    : builder_(file, std::move(format), platform),
      options_(options),
      origin_(origin),
      reference_gpu_(find_reference_gpu(platform, options.reference_gpu)),
      largest_site_gpus_(platform.largest_site_gpus()) {}

bool TraceSink::admit(TraceOutcome outcome) {
  if (outcome == TraceOutcome::kCompleted || options_.keep_failed) return true;
  drop(outcome == TraceOutcome::kFailed   ? "failed"
       : outcome == TraceOutcome::kKilled ? "killed"
                                          : "cancelled");
  return false;
}

void TraceSink::drop(const std::string& reason) {
  ++builder_.counts().dropped[reason];
}

void TraceSink::keep(TraceJob record) {
  if (!record.profiled && record.run_time <= 0) return drop("no run time");
  if (record.gpus <= 0) return drop("no GPUs");
  if (record.gpus > largest_site_gpus_) return drop("larger than the largest site");
  if (record.profiled) {
    const ProfiledEstimate estimate =
        profiled_estimate(*record.profiled, record.gpus, record.where);
    record.run_time = estimate.run_time;
    record.iterations = std::max(1.0, std::round(estimate.steps));
  }
  const ModelProfile& profile =
      record.profile != nullptr ? *record.profile : model_profile_for_gpus(record.gpus);
  Job job;
  job.id = std::move(record.id);
  job.submit_time = record.submit;
  job.user = record.user.empty() ? "-" : std::move(record.user);
  job.gpus = record.gpus;
  job.work_flops = record.run_time * record.gpus * reference_gpu_.peak_flops * job.mfu;
  job.iterations = record.iterations > 0
                       ? record.iterations
                       : std::max(1.0, std::round(record.run_time / profile.iteration_time));
  job.gradient_bytes = profile.gradient_bytes();
  job.checkpoint_bytes = profile.checkpoint_bytes();
  job.checkpoint_interval = kCheckpointInterval;
  job.walltime = record.walltime;
  job.profiled = record.profiled;
  job.where = std::move(record.where);
  builder_.add_job(std::move(job));
}

void TraceSink::note_bad_line(const InputError& error) {
  ReadCounts& counts = builder_.counts();
  ++counts.bad_lines;
  if (counts.first_bad_lines.size() < ReadCounts::kBadLinesShown) {
    counts.first_bad_lines.push_back(error.what());
  }
}

Workload TraceSink::finish() && {
  Workload workload = std::move(builder_).finish();
  if (workload.jobs.empty()) return workload;
  const double origin = origin_ == TimeOrigin::kFirstJob
                            ? workload.jobs.front().submit_time  // sorted by submit time
                            : 0;
  for (Job& job : workload.jobs) job.submit_time -= origin;
  workload.metadata.emplace_back("time_origin_s", fmt::format("{}", origin));
  return workload;
}

}  // namespace umbra::workload
