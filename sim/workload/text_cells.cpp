#include "sim/workload/text_cells.hpp"

#include <algorithm>

namespace umbra::workload {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

bool LineCursor::next(std::string_view& line) {
  if (start_ >= text_.size()) return false;
  const std::size_t newline = std::min(text_.find('\n', start_), text_.size());
  line = text_.substr(start_, newline - start_);
  start_ = newline + 1;
  ++number_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return true;
}

std::size_t count_lines(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

bool is_blank_line(std::string_view line) {
  return std::all_of(line.begin(), line.end(), is_blank);
}

void split_csv_cells(std::string_view line, const SourcePosition& where, std::vector<Cell>& cells) {
  cells.clear();
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
    if (i >= line.size()) return;
    ++i;  // the comma
  }
}

void split_blank_cells(std::string_view line, std::vector<Cell>& cells) {
  cells.clear();
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i >= line.size()) return;
    const std::size_t start = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    cells.push_back(Cell{std::string(line.substr(start, i - start)), static_cast<int>(start) + 1});
  }
}

}  // namespace umbra::workload
