// The CSV form: a header naming the columns, then one job per line. Lines starting with '#'
// and blank lines are skipped; an empty cell means the field is not given.
#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "sim/core/did_you_mean.hpp"
#include "sim/workload/job_fields.hpp"
#include "sim/workload/native_reader.hpp"
#include "sim/workload/text_cells.hpp"

namespace umbra::workload {
namespace {

// The column names of the header, checked against the job fields.
std::vector<std::string> read_header(const std::vector<Cell>& cells, const SourcePosition& where) {
  const std::vector<std::string>& known = job_field_names();
  std::vector<std::string> columns;
  for (const Cell& cell : cells) {
    const SourcePosition at{where.file, where.line, cell.column};
    const bool throughput =
        cell.text.starts_with(kThroughputPrefix) && cell.text.size() > kThroughputPrefix.size();
    if (!throughput && std::find(known.begin(), known.end(), cell.text) == known.end()) {
      throw InputError(
          at, fmt::format("unknown column \"{}\"{}", cell.text, did_you_mean(cell.text, known)));
    }
    if (std::find(columns.begin(), columns.end(), cell.text) != columns.end()) {
      throw InputError(at, fmt::format("duplicate column \"{}\"", cell.text));
    }
    columns.push_back(cell.text);
  }
  for (const std::string_view required : {"id", "submit", "gpus"}) {
    if (std::find(columns.begin(), columns.end(), required) == columns.end()) {
      throw InputError(where, fmt::format("missing column \"{}\": the header must name id, "
                                          "submit, gpus and a work form",
                                          required));
    }
  }
  return columns;
}

}  // namespace

Workload read_workload_csv(const std::string& text, const std::string& file_name,
                           const spec::PlatformSpec& platform) {
  WorkloadBuilder builder(file_name, "csv", platform);
  builder.reserve(count_lines(text));
  std::vector<std::string> columns;
  std::vector<Cell> cells;
  JobRecord record;
  LineCursor lines(text);
  for (std::string_view line; lines.next(line);) {
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;

    const int line_number = lines.number();
    const SourcePosition where{file_name, line_number, 1};
    split_csv_cells(line, where, cells);
    if (columns.empty()) {
      columns = read_header(cells, where);
      continue;
    }
    if (cells.size() != columns.size()) {
      throw InputError(where, fmt::format("{} cells but the header names {} columns", cells.size(),
                                          columns.size()));
    }
    // Fields are assigned in place, reusing their strings from the previous line: a
    // million-line file must not allocate a copy of every name per line.
    record.where = where;
    std::size_t given = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].text.empty()) continue;
      if (given == record.fields.size()) record.fields.emplace_back();
      JobField& field = record.fields[given++];
      field.name = columns[i];
      field.label = columns[i];
      field.text = cells[i].text;
      field.where.file = file_name;
      field.where.line = line_number;
      field.where.column = cells[i].column;
    }
    record.fields.resize(given);
    builder.add(record);
  }
  if (columns.empty()) {
    throw InputError(SourcePosition{file_name, 1, 1},
                     "empty workload file: expected a header line naming the columns");
  }
  return std::move(builder).finish();
}

}  // namespace umbra::workload
