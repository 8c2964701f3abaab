// Pollux / AdaptDL simulator workload CSV (petuum/adaptdl simulator/workloads/*.csv):
//   name,time,application,num_replicas,batch_size
// These workloads record no run time: Pollux trains each application to a fixed target.
//
// A record becomes a profile-driven job (job.hpp ProfiledTraining), as the artifact's Tiresias
// runs it (simulator.py Cluster: target_num_replicas and target_batch_size from the record):
// - id: name; submit: time (s), not shifted: the artifact's simulation starts at 0, and its
//   scheduling rounds fall at multiples of 60 s of these times; user "-"; GPUs: num_replicas.
// - application: one of the six measured application profiles built into Umbra
//   (pollux_applications.hpp: bert, cifar10, deepspeech2, imagenet, ncf, yolov3), trained at
//   batch_size; any other name is an error.
// - FLOP fields for the FLOP model: the profile's run time alone on num_replicas GPUs packed on
//   full 4-GPU nodes (trace_sink.hpp); gradient and checkpoint sizes from the model profile of
//   the application (model_profiles.hpp: ResNet-50 for imagenet, and standing in for the
//   others, which are smaller models). No walltime estimate; every job is kept.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/workload/pollux_applications.hpp"
#include "sim/workload/trace_fields.hpp"
#include "sim/workload/trace_readers.hpp"

namespace umbra::workload {

Workload read_pollux(std::string_view text, const std::string& file_name,
                     const spec::PlatformSpec& platform, const TraceOptions& options) {
  TraceSink sink(file_name, "pollux", platform, options, TimeOrigin::kTraceZero);
  sink.reserve(count_lines(text));
  const std::vector<std::string> required{"name", "time", "application", "num_replicas",
                                          "batch_size"};
  for_each_csv_record(
      text, file_name, required, {},
      [&](const ColumnIndex& columns, const std::vector<Cell>& cells, const SourcePosition& where) {
        sink.record([&] {
          check_cell_count(cells, columns.size(), where);
          const Cell& application = columns.cell(cells, "application");
          const ApplicationProfile* measured = find_pollux_application(application.text);
          if (measured == nullptr) {
            fail_field(cell_position(where, application), ColumnIndex::label("application"),
                       fmt::format("one of {}", fmt::join(pollux_application_names(), ", ")),
                       application.text);
          }
          const Cell& batch_size = columns.cell(cells, "batch_size");
          const long long batch =
              integer_field(batch_size, where, ColumnIndex::label("batch_size"));
          if (batch < measured->init_batch_size() || batch > measured->max_batch_size()) {
            fail_field(cell_position(where, batch_size), ColumnIndex::label("batch_size"),
                       fmt::format("a batch size within the {} to {} validated for {}",
                                   measured->init_batch_size(), measured->max_batch_size(),
                                   measured->name()),
                       batch_size.text);
          }
          const ModelProfile* named = find_model_profile(application.text);
          TraceJob job;
          job.id = columns.cell(cells, "name").text;
          const Cell& time = columns.cell(cells, "time");
          job.submit = number_field(time, where, ColumnIndex::label("time"));
          // Times count from the trace's zero, as the artifact's rounds do: none comes before.
          if (job.submit < 0) {
            fail_field(cell_position(where, time), ColumnIndex::label("time"),
                       "a time of 0 s or later", time.text);
          }
          job.gpus = int_field(columns.cell(cells, "num_replicas"), where,
                               ColumnIndex::label("num_replicas"));
          job.profiled = ProfiledTraining{measured, static_cast<int>(batch)};
          job.profile = named != nullptr ? named : &model_profiles().front();
          job.where = where;
          sink.keep(std::move(job));
        });
      });
  return std::move(sink).finish();
}

}  // namespace umbra::workload
