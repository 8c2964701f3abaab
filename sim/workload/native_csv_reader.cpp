// The CSV form: a header naming the columns, then one job per line. Lines starting with '#'
// and blank lines are skipped; an empty cell means the field is not given.
#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "sim/core/did_you_mean.hpp"
#include "sim/workload/job_fields.hpp"
#include "sim/workload/native_reader.hpp"

namespace umbra::workload {
namespace {

struct Cell {
  std::string text;  // without surrounding blanks or quotes
  int column = 0;    // 1-based position of its first character
};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// Splits one line on commas. A cell may be double-quoted ("" is a quote inside), so that a
// user name or an id can hold a comma.
std::vector<Cell> split_cells(std::string_view line, const SourcePosition& where) {
  std::vector<Cell> cells;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && is_blank(line[i])) ++i;
    Cell cell{std::string{}, static_cast<int>(i) + 1};
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          throw InputError(SourcePosition{where.file, where.line, cell.column},
                           "unterminated quoted cell: expected a closing '\"'");
        }
        if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          cell.text += '"';
          i += 2;
        } else if (line[i] == '"') {
          ++i;
          break;
        } else {
          cell.text += line[i++];
        }
      }
      while (i < line.size() && is_blank(line[i])) ++i;
      if (i < line.size() && line[i] != ',') {
        throw InputError(SourcePosition{where.file, where.line, static_cast<int>(i) + 1},
                         "expected a comma after a quoted cell");
      }
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      std::string_view text = line.substr(i, end - i);
      while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
      cell.text = std::string(text);
      i = end;
    }
    cells.push_back(std::move(cell));
    if (i >= line.size()) return cells;
    ++i;  // the comma
  }
}

// The column names of the header, checked against the job fields.
std::vector<std::string> read_header(const std::vector<Cell>& cells, const SourcePosition& where) {
  const std::vector<std::string>& known = job_field_names();
  std::vector<std::string> columns;
  for (const Cell& cell : cells) {
    const SourcePosition at{where.file, where.line, cell.column};
    if (std::find(known.begin(), known.end(), cell.text) == known.end()) {
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
  WorkloadBuilder builder(file_name, platform);
  std::vector<std::string> columns;
  std::size_t start = 0;
  for (int line_number = 1; start < text.size(); ++line_number) {
    const std::size_t newline = std::min(text.find('\n', start), text.size());
    std::string_view line(text.data() + start, newline - start);
    start = newline + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;

    const SourcePosition where{file_name, line_number, 1};
    const std::vector<Cell> cells = split_cells(line, where);
    if (columns.empty()) {
      columns = read_header(cells, where);
      continue;
    }
    if (cells.size() != columns.size()) {
      throw InputError(where, fmt::format("{} cells but the header names {} columns", cells.size(),
                                          columns.size()));
    }
    JobRecord record{where, {}};
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].text.empty()) continue;
      record.fields.push_back(JobField{columns[i], columns[i], cells[i].text,
                                       SourcePosition{file_name, line_number, cells[i].column}});
    }
    builder.add(record);
  }
  if (columns.empty()) {
    throw InputError(SourcePosition{file_name, 1, 1},
                     "empty workload file: expected a header line naming the columns");
  }
  return std::move(builder).finish();
}

}  // namespace umbra::workload
