#pragma once
// Shared by the workload tests: the corpus reference platform (one site of 16 x 8 H100) and
// paths into the repository.
#include <string>

#include "sim/spec/platform_reader.hpp"
#include "sim/spec/yaml_fields.hpp"

namespace umbra::test {

inline std::string repo_path(const std::string& relative) {
  return std::string(UMBRA_SOURCE_DIR) + "/" + relative;
}

inline const spec::PlatformSpec& reference_platform() {
  static const spec::PlatformSpec platform =
      spec::read_platform_file(repo_path("tests/spec/malformed/reference-platform.yaml"));
  return platform;
}

inline constexpr double kH100Peak = 989e12;  // FLOP/s, as in the reference platform
inline constexpr double kMfu = 0.4;          // the Job default

}  // namespace umbra::test
