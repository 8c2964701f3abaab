#include "sim/workload/trace_fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace umbra::workload {
namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long days_from_civil(long long year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const long long era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<long long>(day_of_era) - 719468;
}

// The digits of `text` at [start, start + count) as a number, or -1.
int digits_at(std::string_view text, std::size_t start, std::size_t count) {
  if (start + count > text.size()) return -1;
  int value = 0;
  const char* first = text.data() + start;
  const auto [end, error] = std::from_chars(first, first + count, value);
  return error == std::errc{} && end == first + count ? value : -1;
}

}  // namespace

SourcePosition cell_position(const SourcePosition& line, const Cell& cell) {
  return SourcePosition{line.file, line.line, cell.column};
}

void fail_field(const SourcePosition& at, std::string_view field, std::string_view expected,
                std::string_view got) {
  throw InputError(at, fmt::format("{}: expected {}, got \"{}\"", field, expected, got));
}

double number_field(const Cell& cell, const SourcePosition& line, std::string_view field) {
  const std::string& text = cell.text;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    fail_field(cell_position(line, cell), field, "a number", text);
  }
  return value;
}

long long integer_field(const Cell& cell, const SourcePosition& line, std::string_view field) {
  const std::string& text = cell.text;
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    fail_field(cell_position(line, cell), field, "an integer", text);
  }
  return value;
}

int int_field(const Cell& cell, const SourcePosition& line, std::string_view field) {
  const long long value = integer_field(cell, line, field);
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    fail_field(cell_position(line, cell), field,
               fmt::format("an integer from {} to {}", std::numeric_limits<int>::min(),
                           std::numeric_limits<int>::max()),
               cell.text);
  }
  return static_cast<int>(value);
}

double datetime_field(const Cell& cell, const SourcePosition& line, std::string_view field) {
  return datetime_at(cell.text, cell_position(line, cell), field);
}

double datetime_at(std::string_view text, const SourcePosition& at, std::string_view field) {
  constexpr std::string_view kExpected = "a date and time \"YYYY-MM-DD HH:MM:SS\"";
  if (text.size() != 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' ||
      text[16] != ':') {
    fail_field(at, field, kExpected, text);
  }
  const int year = digits_at(text, 0, 4), month = digits_at(text, 5, 2),
            day = digits_at(text, 8, 2);
  const int hour = digits_at(text, 11, 2), minute = digits_at(text, 14, 2);
  const int second = digits_at(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60) {
    fail_field(at, field, kExpected, text);
  }
  const long long days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second);
}

ColumnIndex::ColumnIndex(const std::vector<Cell>& header, const std::vector<std::string>& required,
                         const SourcePosition& where) {
  for (const Cell& cell : header) names_.push_back(cell.text);
  for (const std::string& name : required) {
    if (std::find(names_.begin(), names_.end(), name) == names_.end()) {
      throw InputError(where, fmt::format("missing column \"{}\" in the header (expected {})", name,
                                          fmt::join(required, ",")));
    }
  }
}

std::size_t ColumnIndex::operator[](std::string_view name) const {
  const auto found = std::find(names_.begin(), names_.end(), name);
  if (found == names_.end()) throw std::logic_error("column not among the required ones");
  return static_cast<std::size_t>(found - names_.begin());
}

std::string ColumnIndex::label(std::string_view name) {
  return fmt::format("column \"{}\"", name);
}

void check_cell_count(const std::vector<Cell>& cells, std::size_t expected,
                      const SourcePosition& where) {
  if (cells.size() != expected) {
    throw InputError(
        where, fmt::format("{} cells but the header names {} columns", cells.size(), expected));
  }
}

void for_each_csv_record(std::string_view text, const std::string& file_name,
                         const std::vector<std::string>& required,
                         const std::vector<std::string>& published_header,
                         const CsvRecordReader& read) {
  std::optional<ColumnIndex> columns;
  std::vector<Cell> cells;
  LineCursor lines(text);
  for (std::string_view line; lines.next(line);) {
    if (is_blank_line(line)) continue;
    const SourcePosition where{file_name, lines.number(), 1};
    split_csv_cells(line, where, cells);
    if (!columns) {
      const bool has_header =
          published_header.empty() || cells.front().text == published_header.front();
      if (has_header) {
        columns.emplace(cells, required, where);
        continue;
      }
      std::vector<Cell> header;
      for (const std::string& name : published_header) header.push_back(Cell{name, 0});
      columns.emplace(header, required, where);
    }
    read(*columns, cells, where);
  }
  if (!columns) {
    throw InputError(SourcePosition{file_name, 1, 1},
                     fmt::format("empty trace: expected a header line naming the columns {}",
                                 fmt::join(required, ",")));
  }
}

}  // namespace umbra::workload
