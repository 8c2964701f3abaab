#include "sim/output/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace umbra::output {
namespace {

// Characters of a UTF-8 text: the bytes that do not continue a character.
std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string padding(const std::string& cell, std::size_t width) {
  return std::string(width - characters(cell), ' ');
}

}  // namespace

std::string aligned_text(const TextTable& table) {
  std::vector<std::vector<std::string>> lines{table.headers};
  lines.insert(lines.end(), table.rows.begin(), table.rows.end());
  std::vector<std::size_t> widths(table.headers.size(), 0);
  for (const auto& line : lines) {
    for (std::size_t c = 0; c < line.size(); ++c) {
      widths[c] = std::max(widths[c], characters(line[c]));
    }
  }
  std::string text;
  for (const auto& line : lines) {
    for (std::size_t c = 0; c < line.size(); ++c) {
      if (c > 0) text += "  ";
      text += c < table.label_columns ? line[c] + padding(line[c], widths[c])
                                      : padding(line[c], widths[c]) + line[c];
    }
    text += '\n';
  }
  return text;
}

std::string markdown_text(const TextTable& table) {
  std::string text = fmt::format("| {} |\n|", fmt::join(table.headers, " | "));
  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    text += c < table.label_columns ? " --- |" : " ---: |";
  }
  text += '\n';
  for (const auto& row : table.rows) text += fmt::format("| {} |\n", fmt::join(row, " | "));
  return text;
}

}  // namespace umbra::output
