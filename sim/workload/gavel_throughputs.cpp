#include "sim/workload/gavel_throughputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/text_cells.hpp"

namespace umbra::workload {
namespace {

// The columns of the table, as extract_isolated_throughputs.py writes them.
constexpr std::array<std::string_view, 3> kWorkerTypes{"k80", "p100", "v100"};

struct GavelRow {
  std::string job_type;
  int scale_factor = 0;
  std::array<double, kWorkerTypes.size()> throughputs{};
};

std::vector<GavelRow> parse_table() {
  const std::string file(kGavelThroughputFile);
  std::vector<GavelRow> rows;
  std::vector<Cell> cells;
  LineCursor lines(gavel_throughput_table());
  for (std::string_view line; lines.next(line);) {
    if (lines.number() == 1 || is_blank_line(line)) continue;  // the header
    const SourcePosition where{file, lines.number(), 1};
    split_csv_cells(line, where, cells);
    if (cells.size() != 2 + kWorkerTypes.size()) {
      throw InputError(where, fmt::format("{} cells, expected job_type, scale_factor, {}",
                                          cells.size(), fmt::join(kWorkerTypes, ", ")));
    }
    const auto at = [&](std::size_t i) {
      return SourcePosition{file, where.line, cells[i].column};
    };
    GavelRow row;
    row.job_type = cells[0].text;
    row.scale_factor =
        spec::parse_integer_at(cells[1].text, spec::Bound::kPositive, at(1), "scale_factor");
    for (std::size_t w = 0; w < kWorkerTypes.size(); ++w) {
      row.throughputs[w] = spec::parse_number_at(cells[2 + w].text, spec::Bound::kNonNegative,
                                                 at(2 + w), std::string(kWorkerTypes[w]));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

const std::vector<GavelRow>& table() {
  static const std::vector<GavelRow> rows = parse_table();  // read on first use, once
  return rows;
}

}  // namespace

std::optional<MeasuredThroughput> gavel_throughputs(std::string_view job_type, int gpus) {
  for (const GavelRow& row : table()) {
    if (row.job_type != job_type || row.scale_factor != gpus) continue;
    MeasuredThroughput measured;
    measured.job_type = row.job_type;
    for (std::size_t w = 0; w < kWorkerTypes.size(); ++w) {
      if (row.throughputs[w] > 0) {
        measured.per_model.push_back({std::string(kWorkerTypes[w]), row.throughputs[w]});
      }
    }
    return measured;
  }
  return std::nullopt;
}

std::vector<std::string> gavel_job_types() {
  std::vector<std::string> names;
  for (const GavelRow& row : table()) names.push_back(row.job_type);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<int> gavel_scale_factors(std::string_view job_type) {
  std::vector<int> gpus;
  for (const GavelRow& row : table()) {
    if (row.job_type == job_type) gpus.push_back(row.scale_factor);
  }
  std::sort(gpus.begin(), gpus.end());
  return gpus;
}

}  // namespace umbra::workload
