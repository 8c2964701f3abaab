// Tables for a terminal and in Markdown: label columns left-aligned, figures right-aligned.
#include "sim/output/text_table.hpp"

#include <gtest/gtest.h>

namespace umbra::output {
namespace {

const TextTable kTable{{"policy", "seeds", "JCT (h)"},
                       {{"easy", "3", "2.08 ± 1.07"}, {"sunlit-first", "10", "12.50"}},
                       1};

TEST(TextTable, AlignsByCharactersNotBytes) {
  // "2.08 ± 1.07" is 11 characters (13 bytes): the widest of its column.
  EXPECT_EQ(aligned_text(kTable),
            "policy        seeds      JCT (h)\n"
            "easy              3  2.08 ± 1.07\n"
            "sunlit-first     10        12.50\n");
}

TEST(TextTable, MarkdownAlignsLabelsLeftAndFiguresRight) {
  TextTable two_labels = kTable;
  two_labels.label_columns = 2;
  EXPECT_EQ(markdown_text(two_labels),
            "| policy | seeds | JCT (h) |\n"
            "| --- | --- | ---: |\n"
            "| easy | 3 | 2.08 ± 1.07 |\n"
            "| sunlit-first | 10 | 12.50 |\n");
}

}  // namespace
}  // namespace umbra::output
