// The YAML form: an optional `defaults` mapping of job fields and a `jobs` list.
#include <fmt/format.h>

#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/job_fields.hpp"
#include "sim/workload/native_reader.hpp"

namespace umbra::workload {
namespace {

void add_field(std::vector<JobField>& fields, const std::string& name, const std::string& label,
               const std::optional<spec::ScalarText>& value) {
  if (value) fields.push_back(JobField{name, label, value->text, value->where});
}

// The job fields of one mapping; the checkpoint's come from its `checkpoint:` sub-mapping.
std::vector<JobField> read_job_fields(spec::YamlFields& mapping, bool with_id) {
  std::vector<JobField> fields;
  std::optional<spec::YamlFields> checkpoint =
      mapping.optional_mapping("checkpoint", fmt::format("the checkpoint of {}", mapping.what()));
  for (const std::string& name : job_field_names()) {
    if (name == "id" && !with_id) continue;
    if (name.starts_with(kCheckpointPrefix)) {
      if (!checkpoint) continue;
      const std::string key = name.substr(kCheckpointPrefix.size());
      add_field(fields, name, fmt::format("checkpoint.{}", key), checkpoint->optional_scalar(key));
    } else {
      add_field(fields, name, name, mapping.optional_scalar(name));
    }
  }
  if (checkpoint) checkpoint->finish();
  // The throughput per GPU model: `throughput: {V100: 20.4, K80: 2.6}`, one field per model.
  if (auto throughput = mapping.optional_mapping(
          "throughput", fmt::format("the throughput per GPU model of {}", mapping.what()))) {
    for (const std::string& model : throughput->keys()) {
      add_field(fields, std::string(kThroughputPrefix) + model, fmt::format("throughput.{}", model),
                throughput->optional_scalar(model));
    }
  }
  return fields;
}

}  // namespace

Workload read_workload_yaml(const std::string& text, const std::string& file_name,
                            const spec::PlatformSpec& platform) {
  const YAML::Node root = spec::load_yaml(text, file_name);
  if (root.IsNull()) {
    throw InputError(SourcePosition{file_name, 1, 1}, "empty workload file: expected \"jobs\"");
  }
  spec::YamlFields top(root, file_name, "the workload");
  std::vector<JobField> defaults;
  if (auto mapping = top.optional_mapping("defaults", "the job defaults")) {
    defaults = read_job_fields(*mapping, false);
    mapping->finish();
    for (JobField& field : defaults) field.from_defaults = true;
  }
  const YAML::Node jobs = top.required_list("jobs");
  top.finish();

  WorkloadBuilder builder(file_name, "yaml", platform);
  for (const YAML::Node& item : jobs) {
    spec::YamlFields mapping(item, file_name, "job");
    if (const auto id = mapping.optional_scalar("id")) {
      mapping.describe_as(fmt::format("job \"{}\"", id->text));
    }
    JobRecord record{mapping.where(), read_job_fields(mapping, true)};
    mapping.finish();
    for (const JobField& field : defaults) {
      if (record.find(field.name) == nullptr) record.fields.push_back(field);
    }
    builder.add(record);
  }
  return std::move(builder).finish();
}

}  // namespace umbra::workload
