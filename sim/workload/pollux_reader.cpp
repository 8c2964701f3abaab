// Pollux / AdaptDL simulator workload CSV (petuum/adaptdl simulator/workloads/*.csv):
//   name,time,application,num_replicas,batch_size
// These workloads record no run time: Pollux trains each application to a fixed target.
//
// A record becomes a job so:
// - id: name; submit: time (s); user "-"; GPUs: num_replicas.
// - model profile: the application when it names one (case-insensitive; "imagenet" is
//   ResNet-50); Pollux's other applications (cifar10, ncf, yolov3, deepspeech2, bert
//   fine-tuning) are small models, for which the smallest profile, ResNet-50, stands in.
// - work: the profile's typical training run, training_samples x flops_per_sample; iterations:
//   training_samples / batch_size (at least 1). No walltime estimate; every job is kept.
#include <algorithm>
#include <cmath>

#include "sim/workload/trace_fields.hpp"
#include "sim/workload/trace_readers.hpp"

namespace umbra::workload {

Workload read_pollux(std::string_view text, const std::string& file_name,
                     const spec::PlatformSpec& platform, const TraceOptions& options) {
  TraceSink sink(file_name, "pollux", platform, options);
  sink.reserve(count_lines(text));
  const std::vector<std::string> required{"name", "time", "application", "num_replicas",
                                          "batch_size"};
  for_each_csv_record(
      text, file_name, required, {},
      [&](const ColumnIndex& columns, const std::vector<Cell>& cells, const SourcePosition& where) {
        sink.record([&] {
          check_cell_count(cells, columns.size(), where);
          const auto read_number = [&](std::string_view name) {
            return number_field(columns.cell(cells, name), where, ColumnIndex::label(name));
          };
          const Cell& replicas = columns.cell(cells, "num_replicas");
          const ModelProfile* named = find_model_profile(columns.cell(cells, "application").text);
          const ModelProfile& profile = named != nullptr ? *named : model_profiles().front();
          TraceJob job;
          job.id = columns.cell(cells, "name").text;
          job.submit = read_number("time");
          job.gpus = int_field(replicas, where, ColumnIndex::label("num_replicas"));
          const double batch_size = read_number("batch_size");
          if (batch_size <= 0) {
            const Cell& cell = columns.cell(cells, "batch_size");
            fail_field(cell_position(where, cell), ColumnIndex::label("batch_size"),
                       "a positive number", cell.text);
          }
          job.work_flops = profile.training_samples * profile.flops_per_sample;
          job.iterations = std::max(1.0, std::round(profile.training_samples / batch_size));
          job.profile = &profile;
          job.where = where;
          sink.keep(std::move(job));
        });
      });
  return std::move(sink).finish();
}

}  // namespace umbra::workload
