#include "sim/core/split.hpp"

#include <gtest/gtest.h>

namespace umbra {
namespace {

TEST(Split, KeepsEmptyPartsBetweenAndAtTheEnds) {
  EXPECT_EQ(split("a,b,,c", ','), (std::vector<std::string_view>{"a", "b", "", "c"}));
  EXPECT_EQ(split(",a,", ','), (std::vector<std::string_view>{"", "a", ""}));
  EXPECT_EQ(split("", ','), (std::vector<std::string_view>{""}));
  EXPECT_EQ(split("3250", ','), (std::vector<std::string_view>{"3250"}));
}

}  // namespace
}  // namespace umbra
