#include "sim/workload/job_fields.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

#include "sim/core/did_you_mean.hpp"
#include "sim/core/units.hpp"
#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/gavel_throughputs.hpp"
#include "sim/workload/measured_throughput.hpp"
#include "sim/workload/pollux_applications.hpp"
#include "sim/workload/profile_estimate.hpp"
#include "sim/workload/trace_sink.hpp"

namespace umbra::workload {
namespace {

using spec::Bound;

// The ways to give a job's work; a job gives exactly one. "throughput" stands for the fields
// of its throughput per GPU model (kThroughputPrefix), one per model.
constexpr std::array<std::string_view, 6> kWorkForms{
    "work", "flops_per_iteration", "duration", "application", "throughput", "job_type"};
constexpr std::string_view kWorkFormsHelp =
    "give exactly one of \"work\", \"flops_per_iteration\" (with \"iterations\"), "
    "\"duration\" (with \"reference_gpu\"), \"application\" (with \"batch_size\"), "
    "\"throughput\" or \"job_type\" (each with \"iterations\")";

bool is_throughput(const JobField& field) {
  return field.name.starts_with(kThroughputPrefix);
}

// The work forms whose speed is measured: the job's throughput per GPU model, given or Gavel's.
bool is_measured_form(const JobField& form) {
  return is_throughput(form) || form.name == "job_type";
}

// The first field of the record giving work form `form`, from the job itself or its defaults.
const JobField* form_field(const JobRecord& record, std::string_view form, bool from_defaults) {
  for (const JobField& field : record.fields) {
    if (field.from_defaults != from_defaults) continue;
    if (form == "throughput" ? is_throughput(field) : field.name == form) return &field;
  }
  return nullptr;
}

bool within(double value, Bound bound) {
  return bound == Bound::kAny || (bound == Bound::kNonNegative ? value >= 0 : value > 0);
}

// Typed reads of one record's fields; messages name the job and the field as written.
class RecordReader {
 public:
  RecordReader(const JobRecord& record, BareQuantities& bare) : record_(record), bare_(bare) {}

  void name_job(const std::string& id) { id_ = &id; }
  // "job \"llm-7b\"", made only for a message: a million-job file must not format per job.
  std::string job() const { return id_ == nullptr ? "job" : fmt::format("job \"{}\"", *id_); }

  const JobField* find(std::string_view name) const { return record_.find(name); }
  const JobField& require(std::string_view name) const {
    const JobField* field = find(name);
    if (field == nullptr) {
      throw InputError(record_.where, fmt::format("missing field \"{}\" in {}", name, job()));
    }
    return *field;
  }

  [[noreturn]] void fail(const JobField& field, const std::string& message) const {
    throw InputError(field.where, message);
  }

  std::optional<double> quantity(std::string_view name, Quantity kind, Bound bound) const {
    const JobField* field = find(name);
    if (field == nullptr) return std::nullopt;
    // The common case parses without making the context of a message.
    std::optional<double> value;
    try {
      value = parse_quantity(field->text, kind);
    } catch (const InputError&) {
    }
    if (!value || !within(*value, bound)) {
      value = spec::parse_quantity_at(field->text, kind, bound, field->where, context(*field));
    }
    bare_.note(field->label, field->text, field->where, field->from_defaults, kind, *value);
    return value;
  }
  std::optional<int> integer(std::string_view name, Bound bound) const {
    const JobField* field = find(name);
    if (field == nullptr) return std::nullopt;
    int value = 0;
    const std::string& text = field->text;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc{} && end == text.data() + text.size() && within(value, bound)) {
      return value;
    }
    return spec::parse_integer_at(field->text, bound, field->where, context(*field));
  }
  // A ratio in [0, 1], or (0, 1] when zero is excluded.
  std::optional<double> ratio(std::string_view name, bool zero_allowed) const {
    const auto value = quantity(name, Quantity::kRatio, Bound::kAny);
    if (value && (*value > 1 || *value < 0 || (*value == 0 && !zero_allowed))) {
      fail(*find(name),
           fmt::format("invalid {}: expected a ratio in {}0, 1], got \"{}\"", context(*find(name)),
                       zero_allowed ? "[" : "(", find(name)->text));
    }
    return value;
  }

  std::string context(const JobField& field) const {
    return fmt::format("\"{}\" in {}", field.label, job());
  }

 private:
  const JobRecord& record_;
  BareQuantities& bare_;
  const std::string* id_ = nullptr;
};

// The job's own work form, or the defaults' when the job gives none: a default never adds a
// second form to a job that has one.
const JobField& work_form(const RecordReader& reader, const JobRecord& record) {
  for (const bool from_defaults : {false, true}) {
    const JobField* chosen = nullptr;
    for (const std::string_view form : kWorkForms) {
      const JobField* field = form_field(record, form, from_defaults);
      if (field == nullptr) continue;
      if (chosen != nullptr) {
        reader.fail(*field, fmt::format("{} gives two work forms, \"{}\" and \"{}\": {}",
                                        reader.job(), chosen->label, field->label, kWorkFormsHelp));
      }
      chosen = field;
    }
    if (chosen != nullptr) return *chosen;
  }
  throw InputError(record.where, fmt::format("{} gives no work: {}", reader.job(), kWorkFormsHelp));
}

const spec::GpuModelSpec& reference_gpu(const RecordReader& reader,
                                        const spec::PlatformSpec& platform) {
  const JobField& field = reader.require("reference_gpu");
  std::vector<std::string> known;
  for (const spec::GpuModelSpec& model : platform.gpu_models) {
    if (model.name == field.text) return model;
    known.push_back(model.name);
  }
  reader.fail(field, fmt::format("unknown reference GPU \"{}\" in {}{}", field.text, reader.job(),
                                 spec::name_suggestion(field.text, known)));
}

// A profile-driven job: the application and its batch size, and the FLOP model's equivalent of
// the profile's run time alone on the job's GPUs, on the reference GPU (the platform's first GPU
// model unless the job names one).
void read_application(const RecordReader& reader, const spec::PlatformSpec& platform, Job& job) {
  const JobField& name = reader.require("application");
  const ApplicationProfile* profile = find_pollux_application(name.text);
  if (profile == nullptr) {
    const std::vector<std::string> known = pollux_application_names();
    reader.fail(name,
                fmt::format("unknown application \"{}\" in {}: expected one of {}{}", name.text,
                            reader.job(), fmt::join(known, ", "), did_you_mean(name.text, known)));
  }
  if (const JobField* iterations = reader.find("iterations")) {
    reader.fail(*iterations, fmt::format("\"{}\" in {} does not go with \"application\": the "
                                         "application's profile gives its steps",
                                         iterations->label, reader.job()));
  }
  const JobField& batch_field = reader.require("batch_size");
  const int batch_size = *reader.integer("batch_size", Bound::kPositive);
  if (batch_size < profile->init_batch_size() || batch_size > profile->max_batch_size()) {
    reader.fail(batch_field,
                fmt::format("\"{}\" {} in {} is outside the {} to {} validated for application "
                            "\"{}\"",
                            batch_field.label, batch_size, reader.job(), profile->init_batch_size(),
                            profile->max_batch_size(), profile->name()));
  }
  job.profiled = ProfiledTraining{profile, batch_size};
  const ProfiledEstimate estimate = profiled_estimate(*job.profiled, job.gpus, batch_field.where);
  const spec::GpuModelSpec& gpu = reader.find("reference_gpu") != nullptr
                                      ? reference_gpu(reader, platform)
                                      : find_reference_gpu(platform, "");
  job.work_flops = estimate.run_time * job.gpus * gpu.peak_flops * job.mfu;
  job.iterations = std::max(1.0, std::round(estimate.steps));
}

// The throughputs the record gives per GPU model (the fields with the origin of `form`), in the
// platform's order of GPU models; a model the platform lacks is an error.
MeasuredThroughput given_throughputs(const RecordReader& reader, const JobRecord& record,
                                     const JobField& form, const spec::PlatformSpec& platform) {
  std::vector<std::string> known;
  for (const spec::GpuModelSpec& model : platform.gpu_models) known.push_back(model.name);
  MeasuredThroughput given;
  for (const JobField& field : record.fields) {
    if (!is_throughput(field) || field.from_defaults != form.from_defaults) continue;
    const std::string model = field.name.substr(kThroughputPrefix.size());
    if (std::find(known.begin(), known.end(), model) == known.end()) {
      reader.fail(field, fmt::format("unknown GPU model \"{}\" in \"{}\" of {}: the platform has "
                                     "{}{}",
                                     model, field.label, reader.job(), fmt::join(known, ", "),
                                     did_you_mean(model, known)));
    }
    given.per_model.push_back({model, spec::parse_number_at(field.text, Bound::kPositive,
                                                            field.where, reader.context(field))});
  }
  const auto rank = [&](const GpuModelThroughput& each) {
    return std::find(known.begin(), known.end(), each.gpu_model) - known.begin();
  };
  std::sort(given.per_model.begin(), given.per_model.end(),
            [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  return given;
}

// Gavel's throughputs of the job type `form` names, on the job's GPUs.
MeasuredThroughput gavel_job_type(const RecordReader& reader, const JobField& form, int gpus) {
  std::optional<MeasuredThroughput> table = gavel_throughputs(form.text, gpus);
  if (table) return std::move(*table);
  const std::vector<int> measured_gpus = gavel_scale_factors(form.text);
  if (measured_gpus.empty()) {
    const std::vector<std::string> known = gavel_job_types();
    reader.fail(form, fmt::format("unknown job type \"{}\" in {}: expected one of Gavel's ({}){}",
                                  form.text, reader.job(), fmt::join(known, ", "),
                                  did_you_mean(form.text, known)));
  }
  reader.fail(form, fmt::format("{} asks for {} GPUs but Gavel measured job type \"{}\" on {} "
                                "only",
                                reader.job(), gpus, form.text, fmt::join(measured_gpus, ", ")));
}

// The GPU models of `measured`, for messages.
std::string model_names(const MeasuredThroughput& measured) {
  std::vector<std::string> names;
  for (const GpuModelThroughput& each : measured.per_model) names.push_back(each.gpu_model);
  return names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "));
}

// A job with a measured throughput per GPU model: its iterations, its throughputs (given, or
// Gavel's for its job type on the platform's GPU models that Gavel measured), and the FLOP
// model's equivalent of its run on the reference GPU (`reference_gpu`, default the platform's
// first GPU model it has a throughput for). It must have a throughput on the GPU model of every
// cluster that can hold it, as it may be placed in any of them.
void read_measured(const RecordReader& reader, const JobRecord& record, const JobField& form,
                   const spec::PlatformSpec& platform,
                   const std::vector<spec::PlatformSpec::ClusterSize>& clusters, Job& job) {
  if (reader.find("iterations") == nullptr) {
    reader.fail(form, fmt::format("\"{}\" in {} needs \"iterations\"", form.label, reader.job()));
  }
  job.iterations = *reader.integer("iterations", Bound::kPositive);
  std::optional<MeasuredThroughput> table;  // Gavel's, for the job type `form` names
  MeasuredThroughput measured;
  if (form.name == "job_type") {
    table = gavel_job_type(reader, form, job.gpus);
    measured.job_type = table->job_type;
    for (const spec::GpuModelSpec& model : platform.gpu_models) {
      if (const auto rate = throughput_on(*table, model.name)) {
        measured.per_model.push_back({model.name, *rate});
      }
    }
  } else {
    measured = given_throughputs(reader, record, form, platform);
  }
  for (const spec::PlatformSpec::ClusterSize& cluster : clusters) {
    if (cluster.gpus < job.gpus || throughput_on(measured, cluster.gpu_model)) continue;
    const std::string source = table
                                   ? fmt::format("Gavel measured job type \"{}\" on {} GPUs of {}",
                                                 table->job_type, job.gpus, model_names(*table))
                                   : fmt::format("it gives {}", model_names(measured));
    reader.fail(form, fmt::format("{} has no throughput on GPU model \"{}\" of cluster \"{}\", "
                                  "which can hold it: expected one for each GPU model it may run "
                                  "on ({})",
                                  reader.job(), cluster.gpu_model, cluster.name, source));
  }
  const spec::GpuModelSpec& gpu = reader.find("reference_gpu") != nullptr
                                      ? reference_gpu(reader, platform)
                                      : platform.gpu_model(measured.per_model.front().gpu_model);
  const std::optional<double> rate = throughput_on(measured, gpu.name);
  if (!rate) {
    const JobField& field = *reader.find("reference_gpu");
    reader.fail(field, fmt::format("{} has no throughput on its reference GPU \"{}\": expected one "
                                   "of {}",
                                   reader.job(), field.text, model_names(measured)));
  }
  job.work_flops = job.iterations / *rate * job.gpus * gpu.peak_flops * job.mfu;
  job.measured = std::move(measured);
}

// Fills the job's work and iterations from whichever work form the record gives.
void read_work(const RecordReader& reader, const JobRecord& record,
               const spec::PlatformSpec& platform,
               const std::vector<spec::PlatformSpec::ClusterSize>& clusters, Job& job) {
  const JobField& form = work_form(reader, record);
  const JobField* reference = reader.find("reference_gpu");
  if (form.name != "duration" && form.name != "application" && !is_measured_form(form) &&
      reference != nullptr && !reference->from_defaults) {
    reader.fail(*reference, fmt::format("\"{}\" in {} only goes with \"duration\", "
                                        "\"application\", \"throughput\" or \"job_type\"",
                                        reference->label, reader.job()));
  }
  const JobField* batch_size = reader.find("batch_size");
  if (form.name != "application" && batch_size != nullptr && !batch_size->from_defaults) {
    reader.fail(*batch_size, fmt::format("\"{}\" in {} only goes with \"application\"",
                                         batch_size->label, reader.job()));
  }
  if (form.name == "application") return read_application(reader, platform, job);
  if (is_measured_form(form)) return read_measured(reader, record, form, platform, clusters, job);
  job.iterations = reader.integer("iterations", Bound::kPositive).value_or(1);
  if (form.name == "work") {
    job.work_flops = *reader.quantity("work", Quantity::kWork, Bound::kPositive);
  } else if (form.name == "flops_per_iteration") {
    const double per_iteration =
        *reader.quantity("flops_per_iteration", Quantity::kWork, Bound::kPositive);
    if (reader.find("iterations") == nullptr) {
      reader.fail(form, fmt::format("\"{}\" in {} needs \"iterations\"", form.label, reader.job()));
    }
    job.work_flops = per_iteration * job.iterations;
  } else {
    const double duration = *reader.quantity("duration", Quantity::kTime, Bound::kPositive);
    if (reader.find("reference_gpu") == nullptr) {
      reader.fail(form,
                  fmt::format("\"{}\" in {} needs \"reference_gpu\"", form.label, reader.job()));
    }
    // The reference run: this many GPUs of that model, at the job's utilisation, this long.
    job.work_flops = duration * job.gpus * reference_gpu(reader, platform).peak_flops * job.mfu;
  }
}

void read_checkpoint(const RecordReader& reader, Job& job) {
  const JobField* size = reader.find("checkpoint_size");
  const JobField* interval = reader.find("checkpoint_interval");
  if ((size == nullptr) != (interval == nullptr)) {
    const JobField& given = size != nullptr ? *size : *interval;
    const std::string missing = size != nullptr ? "interval" : "size";
    reader.fail(given, fmt::format("\"{}\" in {} needs the checkpoint {} too", given.label,
                                   reader.job(), missing));
  }
  if (size == nullptr) return;
  job.checkpoint_bytes = *reader.quantity("checkpoint_size", Quantity::kDataSize, Bound::kPositive);
  job.checkpoint_interval =
      *reader.quantity("checkpoint_interval", Quantity::kTime, Bound::kPositive);
}

// The data set a job reads, staged from a ground site's storage to its nodes wherever it runs.
// A default dataset_site applies to the jobs with a data set only (like a default reference_gpu
// to the jobs given by duration); written on a job without one, it is an error.
void read_dataset(const RecordReader& reader, const spec::PlatformSpec& platform, Job& job) {
  const JobField* site = reader.find("dataset_site");
  if (reader.find("dataset") == nullptr) {
    if (site != nullptr && !site->from_defaults) {
      reader.fail(*site, fmt::format("\"{}\" in {} needs \"dataset\" (its size) too", site->label,
                                     reader.job()));
    }
    return;
  }
  job.dataset_bytes = *reader.quantity("dataset", Quantity::kDataSize, Bound::kPositive);
  if (platform.sites.empty()) {
    reader.fail(*reader.find("dataset"),
                fmt::format("{} has a data set but the platform has no ground site to hold it",
                            reader.job()));
  }
  job.dataset_site = site != nullptr ? site->text : platform.sites.front().name;
  std::vector<std::string> known;
  for (const spec::SiteSpec& each : platform.sites) known.push_back(each.name);
  if (std::find(known.begin(), known.end(), job.dataset_site) == known.end()) {
    reader.fail(*site, fmt::format("unknown site \"{}\" in {}{}", site->text, reader.job(),
                                   spec::name_suggestion(site->text, known)));
  }
}

}  // namespace

const JobField* JobRecord::find(std::string_view name) const {
  for (const JobField& field : fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

const std::vector<std::string>& job_field_names() {
  static const std::vector<std::string> names{"id",
                                              "submit",
                                              "user",
                                              "gpus",
                                              "work",
                                              "iterations",
                                              "flops_per_iteration",
                                              "duration",
                                              "reference_gpu",
                                              "application",
                                              "batch_size",
                                              "job_type",
                                              "gradient",
                                              "comm_overlap",
                                              "mfu",
                                              "checkpoint_size",
                                              "checkpoint_interval",
                                              "priority",
                                              "walltime",
                                              "restart_overhead",
                                              "on_walltime",
                                              "dataset",
                                              "dataset_site"};
  return names;
}

WorkloadBuilder::WorkloadBuilder(std::string file, std::string format,
                                 const spec::PlatformSpec& platform)
    : platform_(platform), clusters_(platform.clusters()), largest_(platform.largest_cluster()) {
  workload_.file = std::move(file);
  workload_.format = std::move(format);
}

void WorkloadBuilder::reserve(std::size_t jobs) {
  workload_.jobs.reserve(jobs);
  ids_.reserve(jobs);
}

void WorkloadBuilder::add(const JobRecord& record) {
  ++workload_.counts.records;
  RecordReader reader(record, bare_quantities_);
  Job job;
  job.where = record.where;
  const JobField& id = reader.require("id");
  job.id = id.text;
  reader.name_job(job.id);
  if (const auto first = ids_.find(workload_.jobs, job.id)) {
    reader.fail(id, fmt::format("duplicate job id \"{}\" (first at line {})", job.id,
                                workload_.jobs[*first].where.line));
  }

  reader.require("submit");
  job.submit_time = *reader.quantity("submit", Quantity::kTime, Bound::kNonNegative);
  job.user = reader.find("user") != nullptr ? reader.find("user")->text : "-";
  reader.require("gpus");
  job.gpus = *reader.integer("gpus", Bound::kPositive);
  const spec::PlatformSpec::ClusterSize& largest = largest_;
  if (job.gpus > largest.gpus) {
    reader.fail(
        *reader.find("gpus"),
        largest.gpus == 0
            ? fmt::format("{} asks for {} GPUs but the platform has none", reader.job(), job.gpus)
            : fmt::format("{} asks for {} GPUs but the largest cluster, \"{}\", has {}",
                          reader.job(), job.gpus, largest.name, largest.gpus));
  }
  job.mfu = reader.ratio("mfu", false).value_or(job.mfu);
  job.comm_overlap = reader.ratio("comm_overlap", true).value_or(job.comm_overlap);
  read_work(reader, record, platform_, clusters_, job);
  if (!std::isfinite(job.work_flops)) {  // a huge duration, or a tiny throughput
    const JobField& form = work_form(reader, record);
    reader.fail(
        form, fmt::format("the work of {} overflows a double (\"{}\" {}): expected at "
                          "most {:g} FLOP",
                          reader.job(), form.label, form.text, std::numeric_limits<double>::max()));
  }
  job.gradient_bytes =
      reader.quantity("gradient", Quantity::kDataSize, Bound::kNonNegative).value_or(0);
  read_checkpoint(reader, job);
  read_dataset(reader, platform_, job);
  job.priority = reader.integer("priority", Bound::kAny).value_or(0);
  job.walltime = reader.quantity("walltime", Quantity::kTime, Bound::kPositive);
  job.restart_overhead = reader.quantity("restart_overhead", Quantity::kTime, Bound::kNonNegative);
  if (const JobField* field = reader.find("on_walltime")) {
    job.on_walltime = parse_at_walltime(field->text);
    if (!job.on_walltime) {
      reader.fail(*field, fmt::format("{}: on_walltime must be kill or ignore, got \"{}\"",
                                      reader.job(), field->text));
    }
    if (!job.walltime) {
      reader.fail(*field, fmt::format("{} gives on_walltime without a walltime", reader.job()));
    }
  }
  add_job(std::move(job), &id.where);
}

void WorkloadBuilder::add_job(Job job, const SourcePosition* id_where) {
  if (const auto first = ids_.insert(workload_.jobs, job.id, workload_.jobs.size())) {
    throw InputError(id_where != nullptr ? *id_where : job.where,
                     fmt::format("duplicate job id \"{}\" (first at line {})", job.id,
                                 workload_.jobs[*first].where.line));
  }
  ++workload_.counts.kept;
  workload_.jobs.push_back(std::move(job));
}

Workload WorkloadBuilder::finish() && {
  workload_.warnings = bare_quantities_.warnings();
  const auto by_submit = [](const Job& a, const Job& b) { return a.submit_time < b.submit_time; };
  // Logs are usually written in submit order already: no need to move a million jobs then.
  if (!std::is_sorted(workload_.jobs.begin(), workload_.jobs.end(), by_submit)) {
    std::stable_sort(workload_.jobs.begin(), workload_.jobs.end(), by_submit);
  }
  return std::move(workload_);
}

}  // namespace umbra::workload
