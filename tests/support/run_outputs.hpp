#pragma once
// Reads the files `umbra run` writes (jobs.csv, links.csv, power.csv, summary.json) back in a
// test: CSV rows keyed by the header's names, and the numbers of summary.json by key; and
// splits text (lines, cells) for tests that read outputs line by line.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/umbra_cli.hpp"

namespace umbra::testing {

using CsvRow = std::map<std::string, std::string>;

// `text` cut at each `separator` (a trailing one adds no empty part).
inline std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) parts.push_back(part);
  return parts;
}

// A CSV file without quoted fields, as rows keyed by the header's names.
inline std::vector<CsvRow> read_csv(const std::filesystem::path& path) {
  std::stringstream text(read_file(path));
  std::string line;
  std::getline(text, line);
  const auto header = split(line, ',');
  std::vector<CsvRow> rows;
  while (std::getline(text, line)) {
    const auto cells = split(line, ',');
    CsvRow row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

// The value of `"key": number` in a JSON text whose keys are unique (as in summary.json).
inline double json_number(const std::string& json, const std::string& key) {
  const std::size_t at = json.find("\"" + key + "\":");
  EXPECT_NE(at, std::string::npos) << key;
  return at == std::string::npos ? 0 : std::stod(json.substr(at + key.size() + 3));
}

}  // namespace umbra::testing
