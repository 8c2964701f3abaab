#pragma once
// A table of text cells, for a terminal (columns two spaces apart, widths in characters, so "±"
// counts as one) or as Markdown: the label columns, first, left-aligned, the others (figures)
// right-aligned.
#include <cstddef>
#include <string>
#include <vector>

namespace umbra::output {

struct TextTable {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;  // each as many cells as headers
  std::size_t label_columns = 1;
};

std::string aligned_text(const TextTable& table);
std::string markdown_text(const TextTable& table);

}  // namespace umbra::output
