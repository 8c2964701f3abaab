#include "sim/cli/platform_input.hpp"

#include <fmt/format.h>

#include "sim/spec/platform_reader.hpp"

namespace umbra::cli {

spec::PlatformSpec read_platform(const std::string& path) {
  spec::PlatformSpec platform = spec::read_platform_file(path);
  print_platform_warnings(platform);
  return platform;
}

void print_platform_warnings(const spec::PlatformSpec& platform) {
  for (const std::string& warning : platform.warnings) {
    fmt::print(stderr, "umbra: warning: {}\n", warning);
  }
}

}  // namespace umbra::cli
