// SenseTime Helios cluster_log.csv (S-Lab-System-Group/HeliosData, whose README.md gives the
// columns):
//   job_id,user,vc,gpu_num,cpu_num,node_num,state,submit_time,start_time,end_time,duration,queue
// Columns are found by name in the header line; extra columns are ignored.
//
// A record becomes a job so:
// - id: job_id; user: user; submit: submit_time ("YYYY-MM-DD HH:MM:SS", shifted to start at 0).
// - GPUs: gpu_num; CPU-only jobs (gpu_num 0) are dropped as "no GPUs".
// - run time: duration (s, end - start); work by the rule of trace_sink.hpp; model profile by
//   GPU count (Helios publishes no job names); no walltime estimate.
// - state: COMPLETED kept; CANCELLED dropped as "cancelled", FAILED, TIMEOUT and NODE_FAIL as
//   "failed", unless --keep-failed.
#include "sim/workload/trace_fields.hpp"
#include "sim/workload/trace_readers.hpp"

namespace umbra::workload {
namespace {

TraceOutcome outcome_of(const Cell& state, const SourcePosition& at) {
  if (state.text == "COMPLETED") return TraceOutcome::kCompleted;
  if (state.text == "CANCELLED") return TraceOutcome::kCancelled;
  if (state.text == "FAILED" || state.text == "TIMEOUT" || state.text == "NODE_FAIL") {
    return TraceOutcome::kFailed;
  }
  fail_field(at, ColumnIndex::label("state"),
             "one of COMPLETED, CANCELLED, FAILED, TIMEOUT, NODE_FAIL", state.text);
}

}  // namespace

Workload read_helios(std::string_view text, const std::string& file_name,
                     const spec::PlatformSpec& platform, const TraceOptions& options) {
  TraceSink sink(file_name, "helios", platform, options);
  sink.reserve(count_lines(text));
  const std::vector<std::string> required{"job_id", "user",        "gpu_num",
                                          "state",  "submit_time", "duration"};
  for_each_csv_record(
      text, file_name, required, {},
      [&](const ColumnIndex& columns, const std::vector<Cell>& cells, const SourcePosition& where) {
        sink.record([&] {
          check_cell_count(cells, columns.size(), where);
          const auto cell = [&](std::string_view name) -> const Cell& {
            return columns.cell(cells, name);
          };
          const TraceOutcome outcome =
              outcome_of(cell("state"), cell_position(where, cell("state")));
          TraceJob job;
          job.id = cell("job_id").text;
          job.user = cell("user").text;
          job.gpus = int_field(cell("gpu_num"), where, ColumnIndex::label("gpu_num"));
          job.submit =
              datetime_field(cell("submit_time"), where, ColumnIndex::label("submit_time"));
          job.run_time = number_field(cell("duration"), where, ColumnIndex::label("duration"));
          job.where = where;
          if (sink.admit(outcome)) sink.keep(std::move(job));
        });
      });
  return std::move(sink).finish();
}

}  // namespace umbra::workload
