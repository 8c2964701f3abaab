// Alibaba PAI cluster-trace-gpu-v2020 (alibaba/clusterdata, cluster-trace-gpu-v2020/README.md
// gives the columns), two tables joined on job_name:
//   pai_job_table:  job_name,inst_id,user,status,start_time,end_time
//   pai_task_table: job_name,task_name,inst_num,status,start_time,end_time,plan_cpu,plan_mem,
//                   plan_gpu,gpu_type
// The published tables have no header line (the names are in separate .header files): each
// table may start with its header line or not. Times are seconds on a shifted clock.
//
// A job becomes a Umbra job so:
// - id: inst_id (job_name when empty); user: user; submit: the job's start_time (submission).
// - GPUs: the sum over its tasks of inst_num x plan_gpu / 100 (plan_gpu is in percent of one
//   GPU), rounded up: fractional GPU shares become whole GPUs. Jobs with no GPU are dropped
//   as "no GPUs", jobs with no task as "no tasks".
// - run time: the job's end_time - its earliest task start_time; work by the rule of
//   trace_sink.hpp; model profile by GPU count; no walltime estimate.
// - status: Terminated kept; Failed dropped as "failed" unless --keep-failed; Running and
//   Waiting jobs have not ended and are dropped as "unfinished".
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <unordered_map>

#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/trace_fields.hpp"
#include "sim/workload/trace_readers.hpp"

namespace umbra::workload {
namespace {

const std::vector<std::string> kJobHeader{"job_name", "inst_id",    "user",
                                          "status",   "start_time", "end_time"};
const std::vector<std::string> kTaskHeader{"job_name",   "task_name", "inst_num", "status",
                                           "start_time", "end_time",  "plan_cpu", "plan_mem",
                                           "plan_gpu",   "gpu_type"};

// A job's tasks, folded.
struct TaskTotals {
  double gpu_percent = 0;  // sum of inst_num x plan_gpu
  double first_start = std::numeric_limits<double>::infinity();
  int tasks = 0;
};

// The number in a cell, or `empty` when the cell is empty (an unknown value in the trace).
double number_or(const ColumnIndex& columns, const std::vector<Cell>& cells,
                 const SourcePosition& where, std::string_view name, double empty) {
  const Cell& cell = columns.cell(cells, name);
  if (cell.text.empty()) return empty;
  return number_field(cell, where, ColumnIndex::label(name));
}

// Whole GPUs for a sum of plan_gpu percentages, rounded up. A sum beyond what an int holds asks
// more than any site has (the sink drops it as larger than the largest site); a negative sum or
// no number at all (inf - inf from huge tasks) asks none.
int gpus_of_percent(double gpu_percent) {
  const double gpus = std::ceil(gpu_percent / 100.0 - 1e-9);
  if (!(gpus > 0)) return 0;
  return static_cast<int>(std::min(gpus, static_cast<double>(std::numeric_limits<int>::max())));
}

std::unordered_map<std::string, TaskTotals> read_tasks(const TextFile& table, TraceSink& sink) {
  std::unordered_map<std::string, TaskTotals> totals;
  for_each_csv_record(
      table.text, table.name, kTaskHeader, kTaskHeader,
      [&](const ColumnIndex& columns, const std::vector<Cell>& cells, const SourcePosition& where) {
        sink.record(
            [&] {
              check_cell_count(cells, columns.size(), where);
              const double instances = number_or(columns, cells, where, "inst_num", 0);
              const double plan_gpu = number_or(columns, cells, where, "plan_gpu", 0);
              const double start = number_or(columns, cells, where, "start_time",
                                             std::numeric_limits<double>::infinity());
              TaskTotals& job = totals[columns.cell(cells, "job_name").text];
              job.gpu_percent += instances * plan_gpu;
              job.first_start = std::min(job.first_start, start);
              ++job.tasks;
            },
            false);
      });
  return totals;
}

// How the job ended; `ended` is false for a job still running or waiting at the trace's end.
TraceOutcome outcome_of(const Cell& status, const SourcePosition& at, bool& ended) {
  ended = true;
  if (status.text == "Terminated") return TraceOutcome::kCompleted;
  if (status.text == "Failed") return TraceOutcome::kFailed;
  if (status.text == "Running" || status.text == "Waiting") {
    ended = false;
    return TraceOutcome::kCompleted;
  }
  fail_field(at, ColumnIndex::label("status"), "one of Terminated, Failed, Running, Waiting",
             status.text);
}

}  // namespace

Workload read_alibaba_pai_tables(const TextFile& job_table, const TextFile& task_table,
                                 const spec::PlatformSpec& platform, const TraceOptions& options) {
  TraceSink sink(job_table.name, "alibaba-pai", platform, options);
  const std::unordered_map<std::string, TaskTotals> tasks = read_tasks(task_table, sink);
  for_each_csv_record(
      job_table.text, job_table.name, kJobHeader, kJobHeader,
      [&](const ColumnIndex& columns, const std::vector<Cell>& cells, const SourcePosition& where) {
        sink.record([&] {
          check_cell_count(cells, columns.size(), where);
          const Cell& status = columns.cell(cells, "status");
          bool ended = true;
          const TraceOutcome outcome = outcome_of(status, cell_position(where, status), ended);
          const Cell& name = columns.cell(cells, "job_name");
          const Cell& inst_id = columns.cell(cells, "inst_id");
          TraceJob job;
          job.id = inst_id.text.empty() ? name.text : inst_id.text;
          job.user = columns.cell(cells, "user").text;
          job.where = where;
          const Cell& submit = columns.cell(cells, "start_time");
          job.submit = number_field(submit, where, ColumnIndex::label("start_time"));
          if (!ended) return sink.drop("unfinished");
          if (!sink.admit(outcome)) return;
          const auto found = tasks.find(name.text);
          if (found == tasks.end()) return sink.drop("no tasks");
          const double end = number_or(columns, cells, where, "end_time", 0);
          const double start =
              std::isfinite(found->second.first_start) ? found->second.first_start : job.submit;
          job.gpus = gpus_of_percent(found->second.gpu_percent);
          job.run_time = end > start ? end - start : 0;
          sink.keep(std::move(job));
        });
      });
  return std::move(sink).finish();
}

std::vector<std::string> alibaba_pai_tables(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path given(path);
  const fs::path job_table = fs::is_directory(given) ? given / "pai_job_table.csv" : given;
  return {job_table.string(), (job_table.parent_path() / "pai_task_table.csv").string()};
}

Workload read_alibaba_pai(const std::string& path, const spec::PlatformSpec& platform,
                          const TraceOptions& options) {
  const std::vector<std::string> tables = alibaba_pai_tables(path);
  return read_alibaba_pai_tables({spec::read_input_file(tables[0]), tables[0]},
                                 {spec::read_input_file(tables[1]), tables[1]}, platform, options);
}

}  // namespace umbra::workload
