// `umbra contacts` as a user runs it, in both formats.
#include <gtest/gtest.h>
