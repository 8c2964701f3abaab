#pragma once
// The job fields shared by the native YAML and CSV readers: each reader turns its records into
// JobRecords (text and position per field), and WorkloadBuilder interprets and validates them
// the same way for both formats.
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/spec/platform_spec.hpp"
#include "sim/workload/bare_quantities.hpp"
#include "sim/workload/job.hpp"
#include "sim/workload/job_id_index.hpp"

namespace umbra::workload {

// One field of a job as written.
struct JobField {
  std::string name;   // canonical name, the CSV column: "checkpoint_size"
  std::string label;  // as the file spells it, for messages: "checkpoint.size" in YAML
  std::string text;
  SourcePosition where;
  bool from_defaults = false;  // filled in from the YAML `defaults` mapping
};

struct JobRecord {
  SourcePosition where;  // the start of the record
  std::vector<JobField> fields;

  const JobField* find(std::string_view name) const;
};

// Every job field, in the documented column order. Names starting with "checkpoint_" are the
// checkpoint's sub-fields (a `checkpoint:` mapping in YAML).
const std::vector<std::string>& job_field_names();
inline constexpr std::string_view kCheckpointPrefix = "checkpoint_";
// A job's throughput on a GPU model is the field "throughput_" + the model's name (the CSV
// column; a `throughput:` mapping of model names in YAML), one per model.
inline constexpr std::string_view kThroughputPrefix = "throughput_";

// Builds jobs record by record, refusing invalid ones, and returns them in simulation order.
class WorkloadBuilder {
 public:
  WorkloadBuilder(std::string file, std::string format, const spec::PlatformSpec& platform);

  // Room for about this many jobs, from a count of lines: spares regrowing a million-job
  // workload.
  void reserve(std::size_t jobs);
  void add(const JobRecord& record);
  // Adds a job built elsewhere (a trace reader), refusing a duplicate id at `id_where`, or at
  // the job's own position when not given.
  void add_job(Job job, const SourcePosition* id_where = nullptr);
  ReadCounts& counts() { return workload_.counts; }
  std::vector<std::pair<std::string, std::string>>& metadata() { return workload_.metadata; }
  Workload finish() &&;  // sorted by (submit time, order in the file)

 private:
  Workload workload_;
  const spec::PlatformSpec& platform_;
  std::vector<spec::PlatformSpec::ClusterSize> clusters_;  // the platform's, computed once
  spec::PlatformSpec::ClusterSize largest_;
  JobIdIndex ids_;
  BareQuantities bare_quantities_;
};

}  // namespace umbra::workload
