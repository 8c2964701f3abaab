#pragma once
// Typed reads of one field of a trace record, shared by every trace reader so that a bad field
// is always reported the same way, at its line and column:
//   "jobs.swf:17:23: field 4 (run time): expected a number, got \"x\""
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/workload/text_cells.hpp"

namespace umbra::workload {

// Where a cell starts, given where its line starts.
SourcePosition cell_position(const SourcePosition& line, const Cell& cell);

// `field` names the field as the format does: "field 4 (run time)", "column \"gpu_num\"".
[[noreturn]] void fail_field(const SourcePosition& at, std::string_view field,
                             std::string_view expected, std::string_view got);

// A cell of the line at `line`; its position is made only for an error (a million-record trace
// must not copy the file name per field).
double number_field(const Cell& cell, const SourcePosition& line, std::string_view field);
long long integer_field(const Cell& cell, const SourcePosition& line, std::string_view field);
// An integer that fits an int: GPU and processor counts.
int int_field(const Cell& cell, const SourcePosition& line, std::string_view field);
// "YYYY-MM-DD HH:MM:SS" as seconds since 1970-01-01 00:00:00 of the trace's own clock: only
// differences between such times are used, so the time zone does not matter.
double datetime_field(const Cell& cell, const SourcePosition& line, std::string_view field);
// The same for a value whose position is known already (a JSON value).
double datetime_at(std::string_view text, const SourcePosition& at, std::string_view field);

// The columns of a CSV trace, by name, from its header line (or from a header given apart,
// as the Alibaba tables are published).
class ColumnIndex {
 public:
  // Refuses a header that lacks one of `required`, naming the first missing one.
  ColumnIndex(const std::vector<Cell>& header, const std::vector<std::string>& required,
              const SourcePosition& where);

  std::size_t operator[](std::string_view name) const;  // must be one of `required`
  std::size_t size() const { return names_.size(); }
  // The cell of `name` in a record already checked to hold size() cells.
  const Cell& cell(const std::vector<Cell>& cells, std::string_view name) const {
    return cells[(*this)[name]];
  }
  // "column \"gpu_num\"", for fail_field and the typed reads above.
  static std::string label(std::string_view name);

 private:
  std::vector<std::string> names_;
};

// Refuses a record whose cell count differs from the header's.
void check_cell_count(const std::vector<Cell>& cells, std::size_t expected,
                      const SourcePosition& where);

// Walks a CSV trace: the header line, then every non-blank line as (columns, cells, where).
// When `published_header` is given, a file whose first line does not start with its first
// name has no header line and is read with those columns (as Alibaba publishes its tables).
using CsvRecordReader =
    std::function<void(const ColumnIndex&, const std::vector<Cell>&, const SourcePosition&)>;
void for_each_csv_record(std::string_view text, const std::string& file_name,
                         const std::vector<std::string>& required,
                         const std::vector<std::string>& published_header,
                         const CsvRecordReader& read);

}  // namespace umbra::workload
