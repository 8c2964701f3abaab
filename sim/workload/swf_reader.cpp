// Standard Workload Format v2.2 (Parallel Workloads Archive, whose page "The Standard Workload
// Format" at cs.huji.ac.il/labs/parallel/workload/swf.html gives the fields). One job per line, 18
// whitespace-separated fields, -1 for unknown; ';' starts a comment, and header comments "; Key:
// value" (MaxProcs, UnixStartTime, Computer, ...) are kept in the workload's metadata.
//
// A record becomes a job so:
// - id: field 1 (job number); submit: field 2 (s); user: "u" + field 12.
// - GPUs: field 5 (allocated processors), else field 8 (requested) when 5 is -1: a processor
//   of the log is taken as one GPU.
// - run time: field 4 (s); work by the rule of trace_sink.hpp; model profile by GPU count.
// - walltime estimate: field 9 (requested time, s; -1 -> none) feeds backfilling.
// - status, field 11: 1 completed; 0 failed, 5 cancelled (kept only with --keep-failed);
//   -1 (unknown) is kept as completed; 2, 3 and 4 are checkpoint/swap records of one job, of
//   which only the last (3 completed, 4 failed) is kept: 2 is dropped as "partial record".
// Fields 5, 8 and 11 are integers; 3, 6, 7, 10 and 13-18 are checked to be numbers and otherwise
// unused.
#include <fmt/format.h>

#include <array>

#include "sim/workload/trace_fields.hpp"
#include "sim/workload/trace_readers.hpp"

namespace umbra::workload {
namespace {

constexpr std::size_t kFieldCount = 18;
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {"job number",
                                                                   "submit time",
                                                                   "wait time",
                                                                   "run time",
                                                                   "allocated processors",
                                                                   "average CPU time",
                                                                   "used memory",
                                                                   "requested processors",
                                                                   "requested time",
                                                                   "requested memory",
                                                                   "status",
                                                                   "user ID",
                                                                   "group ID",
                                                                   "executable number",
                                                                   "queue number",
                                                                   "partition number",
                                                                   "preceding job number",
                                                                   "think time"};

// "field 4 (run time)", made once: a million-line log must not format them per line.
const std::array<std::string, kFieldCount>& field_labels() {
  static const std::array<std::string, kFieldCount> labels = [] {
    std::array<std::string, kFieldCount> made;
    for (std::size_t i = 0; i < kFieldCount; ++i) {
      made[i] = fmt::format("field {} ({})", i + 1, kFieldNames[i]);
    }
    return made;
  }();
  return labels;
}

// "; Key: value" as metadata; other comments are ignored.
void read_header_comment(std::string_view line,
                         std::vector<std::pair<std::string, std::string>>& metadata) {
  line.remove_prefix(1);
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  const auto trim = [](std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return std::string_view{};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
  };
  const std::string_view key = trim(line.substr(0, colon));
  if (key.empty() || key.find(' ') != std::string_view::npos) return;
  metadata.emplace_back(std::string(key), std::string(trim(line.substr(colon + 1))));
}

TraceOutcome outcome_of(long long status) {
  switch (status) {
    case 0:
    case 4:
      return TraceOutcome::kFailed;
    case 5:
      return TraceOutcome::kCancelled;
    default:
      return TraceOutcome::kCompleted;
  }
}

}  // namespace

Workload read_swf(std::string_view text, const std::string& file_name,
                  const spec::PlatformSpec& platform, const TraceOptions& options) {
  TraceSink sink(file_name, "swf", platform, options);
  sink.reserve(count_lines(text));
  std::vector<Cell> cells;
  std::array<double, kFieldCount> fields{};
  LineCursor lines(text);
  for (std::string_view line; lines.next(line);) {
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;
    if (line[first] == ';') {
      read_header_comment(line.substr(first), sink.metadata());
      continue;
    }
    const SourcePosition where{file_name, lines.number(), 1};
    sink.record([&] {
      split_blank_cells(line, cells);
      if (cells.size() != kFieldCount) {
        throw InputError(where,
                         fmt::format("expected {} fields, got {}", kFieldCount, cells.size()));
      }
      for (std::size_t i = 0; i < kFieldCount; ++i) {
        fields[i] = number_field(cells[i], where, field_labels()[i]);
      }
      const long long status = integer_field(cells[10], where, field_labels()[10]);
      if (status == 2) return sink.drop("partial record");
      if (!sink.admit(outcome_of(status))) return;
      TraceJob job;
      job.id = cells[0].text;
      job.submit = fields[1];
      job.user = fields[11] >= 0 ? "u" + cells[11].text : "-";
      const int allocated = int_field(cells[4], where, field_labels()[4]);
      job.gpus = allocated >= 0 ? allocated : int_field(cells[7], where, field_labels()[7]);
      job.run_time = fields[3];
      if (fields[8] > 0) job.walltime = fields[8];
      job.where = where;
      sink.keep(std::move(job));
    });
  }
  return std::move(sink).finish();
}

}  // namespace umbra::workload
