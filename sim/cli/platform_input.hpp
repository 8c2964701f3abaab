#pragma once
// How every command reads a platform file: spec/platform_reader.hpp, then the warnings of the
// reading (quantities without a unit) on standard error, "umbra: warning: ...".
#include <string>

#include "sim/spec/platform_spec.hpp"

namespace umbra::cli {

spec::PlatformSpec read_platform(const std::string& path);
void print_platform_warnings(const spec::PlatformSpec& platform);

}  // namespace umbra::cli
