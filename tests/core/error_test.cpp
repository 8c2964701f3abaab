#include "sim/core/error.hpp"

#include <gtest/gtest.h>

namespace umbra {
namespace {

TEST(InputError, WhatStartsWithFileLineAndColumn) {
  const InputError e({"platform.yaml", 12, 5}, "expected a power");
  EXPECT_STREQ(e.what(), "platform.yaml:12:5: expected a power");
  EXPECT_EQ(e.message(), "expected a power");
  EXPECT_EQ(e.where().line, 12);
}

TEST(InputError, UnknownPartsOfThePositionAreLeftOut) {
  EXPECT_STREQ(InputError({"jobs.csv", 3, 0}, "bad").what(), "jobs.csv:3: bad");
  EXPECT_STREQ(InputError({"jobs.csv", 0, 0}, "bad").what(), "jobs.csv: bad");
  EXPECT_STREQ(InputError("bad").what(), "bad");
}

}  // namespace
}  // namespace umbra
