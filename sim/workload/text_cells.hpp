#pragma once
// Lines and cells of delimited text files, shared by the native CSV reader and the trace
// readers: each cell remembers its column so that an error can point at it.
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.hpp"

namespace umbra::workload {

struct Cell {
  std::string text;  // without surrounding blanks or quotes
  int column = 0;    // 1-based position of its first character
};

// Walks the lines of a text, numbered from 1, without their line end ("\n" or "\r\n").
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}

  bool next(std::string_view& line);
  int number() const { return number_; }

 private:
  std::string_view text_;
  std::size_t start_ = 0;
  int number_ = 0;
};

// The number of lines of a text, for reserving room.
std::size_t count_lines(std::string_view text);

// True for a line holding only blanks.
bool is_blank_line(std::string_view line);

// Splits one line on commas into `cells` (reused between lines to spare allocations). A cell
// may be double-quoted ("" is a quote inside), so that a name can hold a comma.
void split_csv_cells(std::string_view line, const SourcePosition& where, std::vector<Cell>& cells);

// Splits one line on runs of blanks (spaces and tabs), as SWF writes its fields.
void split_blank_cells(std::string_view line, std::vector<Cell>& cells);

}  // namespace umbra::workload
