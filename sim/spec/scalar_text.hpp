#pragma once
// A scalar as written in an input file and where it starts, for values another module
// interprets (UTC epochs, TLE lines): that module's errors can then point into the file.
#include <string>

#include "sim/core/error.hpp"

namespace umbra::spec {

struct ScalarText {
  std::string text;
  SourcePosition where;
};

}  // namespace umbra::spec
