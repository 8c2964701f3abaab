#pragma once
// The job fields shared by the native YAML and CSV readers: each reader turns its records into
// JobRecords (text and position per field), and WorkloadBuilder interprets and validates them
// the same way for both formats.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/spec/platform_spec.hpp"
#include "sim/workload/job.hpp"

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

// Builds jobs record by record, refusing invalid ones, and returns them in simulation order.
class WorkloadBuilder {
 public:
  WorkloadBuilder(std::string file, const spec::PlatformSpec& platform);

  void add(const JobRecord& record);
  Workload finish() &&;  // sorted by (submit time, order in the file)

 private:
  Workload workload_;
  const spec::PlatformSpec& platform_;
  std::map<std::string, int> first_line_of_id_;
};

}  // namespace umbra::workload
