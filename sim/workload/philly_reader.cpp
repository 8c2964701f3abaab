// Microsoft Philly cluster_job_log (msr-fiddle/philly-traces, whose README.md gives the keys):
// a JSON list of jobs, each with status, vc, jobid, submitted_time, user and attempts;
// an attempt has start_time, end_time and detail, a list of {ip, gpus: [...]} per machine.
// The JSON is read with yaml-cpp (JSON is YAML's flow style), which gives positions.
//
// A record becomes a job so:
// - id: jobid; user: user; submit: submitted_time ("YYYY-MM-DD HH:MM:SS", shifted to start at 0).
// - GPUs: the GPUs listed in the last attempt's detail, summed over its machines.
// - run time: the sum over attempts of end_time - start_time (the time the job held GPUs);
//   work by the rule of trace_sink.hpp; model profile by GPU count; no walltime estimate.
// - dropped: jobs with no attempt ("no run time"), jobs still running (the last attempt's
//   end_time is None or missing: "still running"), and, unless --keep-failed, status Failed
//   ("failed") and Killed ("killed").
#include <fmt/format.h>

#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/trace_fields.hpp"
#include "sim/workload/trace_readers.hpp"

namespace umbra::workload {
namespace {

std::string key_label(std::string_view key) {
  return fmt::format("key \"{}\"", key);
}

class JsonRecord {
 public:
  JsonRecord(const YAML::Node& node, const std::string& file) : node_(node), file_(file) {}

  SourcePosition where() const { return spec::position_of(node_, file_); }
  const std::string& file() const { return file_; }

  YAML::Node require(const std::string& key) const {
    const YAML::Node value = node_[key];
    if (!value) throw InputError(where(), fmt::format("missing {}", key_label(key)));
    return value;
  }
  std::string text(const std::string& key) const { return scalar(require(key), key); }
  std::string scalar(const YAML::Node& value, const std::string& key) const {
    if (!value.IsScalar()) {
      fail_field(spec::position_of(value, file_), key_label(key), "a string", "a list or object");
    }
    return value.Scalar();
  }
  // A time, or nothing when the trace writes None (or null, or leaves it out).
  std::optional<double> time(const YAML::Node& object, const std::string& key) const {
    const YAML::Node value = object[key];
    if (!value || value.IsNull() || (value.IsScalar() && value.Scalar() == "None")) return {};
    return datetime_at(scalar(value, key), spec::position_of(value, file_), key_label(key));
  }
  [[noreturn]] void fail(const YAML::Node& value, const std::string& key,
                         std::string_view expected) const {
    fail_field(spec::position_of(value, file_), key_label(key), expected,
               value.IsScalar() ? value.Scalar() : "a list or object");
  }

 private:
  YAML::Node node_;
  const std::string& file_;
};

TraceOutcome outcome_of(const JsonRecord& record) {
  const std::string status = record.text("status");
  if (status == "Pass") return TraceOutcome::kCompleted;
  if (status == "Failed") return TraceOutcome::kFailed;
  if (status == "Killed") return TraceOutcome::kKilled;
  record.fail(record.require("status"), "status", "one of Pass, Failed, Killed");
}

void read_job(const JsonRecord& record, TraceSink& sink) {
  const TraceOutcome outcome = outcome_of(record);
  TraceJob job;
  job.id = record.text("jobid");
  job.user = record.text("user");
  job.where = record.where();
  const YAML::Node submitted = record.require("submitted_time");
  job.submit =
      datetime_at(record.scalar(submitted, "submitted_time"),
                  spec::position_of(submitted, record.file()), key_label("submitted_time"));
  const YAML::Node attempts = record.require("attempts");
  if (!attempts.IsSequence()) record.fail(attempts, "attempts", "a list");
  bool still_running = false;
  for (const YAML::Node& attempt : attempts) {
    if (!attempt.IsMap()) record.fail(attempt, "attempts", "a list of objects");
    const std::optional<double> start = record.time(attempt, "start_time");
    const std::optional<double> end = record.time(attempt, "end_time");
    still_running = !end.has_value();
    if (start && end) job.run_time += *end - *start;
    const YAML::Node detail = attempt["detail"];
    if (!detail) continue;
    if (!detail.IsSequence()) record.fail(detail, "detail", "a list");
    job.gpus = 0;  // the last attempt's placement
    for (const YAML::Node& machine : detail) {
      const YAML::Node gpus = machine.IsMap() ? machine["gpus"] : YAML::Node();
      if (!gpus || !gpus.IsSequence()) record.fail(machine, "detail", "{ip, gpus: [...]}");
      job.gpus += static_cast<int>(gpus.size());
    }
  }
  if (still_running) return sink.drop("still running");
  if (sink.admit(outcome)) sink.keep(std::move(job));
}

}  // namespace

Workload read_philly(std::string_view text, const std::string& file_name,
                     const spec::PlatformSpec& platform, const TraceOptions& options) {
  TraceSink sink(file_name, "philly", platform, options);
  const YAML::Node root = spec::load_yaml(std::string(text), file_name);
  if (!root.IsSequence()) {
    // An empty file has no node to point at: its first line.
    throw InputError(root.Mark().is_null() ? SourcePosition{file_name, 1, 1}
                                           : spec::position_of(root, file_name),
                     "a Philly cluster_job_log is a JSON list of jobs: expected '['");
  }
  for (const YAML::Node& node : root) {
    sink.record([&] {
      if (!node.IsMap()) {
        throw InputError(spec::position_of(node, file_name), "expected a job object '{...}'");
      }
      read_job(JsonRecord(node, file_name), sink);
    });
  }
  return std::move(sink).finish();
}

}  // namespace umbra::workload
