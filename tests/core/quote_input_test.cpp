#include "sim/core/quote_input.hpp"

#include <gtest/gtest.h>

#include <string>

namespace umbra {
namespace {

TEST(QuoteInput, PlainTextIsQuotedAsItIs) {
  EXPECT_EQ(quote_input("400 Gbps"), "\"400 Gbps\"");
}

TEST(QuoteInput, UnprintableBytesAreEscaped) {
  EXPECT_EQ(quote_input(std::string("a\x01\xff"
                                    "b",
                                    4)),
            "\"a\\x01\\xffb\"");
  EXPECT_EQ(quote_input("tab\there"), "\"tab\\x09here\"");
}

TEST(QuoteInput, LongTextIsCutAtTheLimit) {
  EXPECT_EQ(quote_input(std::string(100, 'x'), 5), "\"xxxxx...\"");
  EXPECT_EQ(quote_input("12345", 5), "\"12345\"");
}

}  // namespace
}  // namespace umbra
